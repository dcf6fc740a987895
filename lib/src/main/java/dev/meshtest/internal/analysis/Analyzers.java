package dev.meshtest.internal.analysis;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.analysis.Analysis;
import dev.meshtest.internal.cluster.ClusterState;
import org.apiguardian.api.API;

/**
 * Runs the analyzers of {@code istioctl analyze} that apply to what meshtest simulates, over one
 * snapshot of the cluster, as {@code pkg/config/analysis/analyzers/all.go} lists them. Each lives
 * in its own class named after Istio's; docs/validation.md lists them and those not run.
 *
 * <pre>{@code
 * Analysis a = Analyzers.analyze(state);
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class Analyzers {

    private Analyzers() {
    }

    /**
     * @param state the cluster to analyze
     * @return every analyzer's messages, sorted as istioctl sorts them
     */
    public static Analysis analyze(ClusterState state) {
        Context c = new Context(state);
        ServiceEntryHosts hosts = ServiceEntryHosts.of(state);
        ValidationAnalyzer.analyze(c);
        DestinationHostAnalyzer.analyze(c, hosts);
        DestinationRuleAnalyzer.analyze(c);
        ConflictingMeshGatewayHostsAnalyzer.analyze(c);
        GatewayAnalyzer.analyze(c);
        InjectionAnalyzer.analyze(c);
        K8sAnnotationAnalyzer.analyze(c);
        ServiceAssociationAnalyzer.analyze(c);
        PortNameAnalyzer.analyze(c);
        PodNotSelectedAnalyzer.analyze(c, hosts);
        CaCertificateAnalyzer.analyze(c);
        IngressGatewayPortAnalyzer.analyze(c);
        ConflictingGatewayAnalyzer.analyze(c);
        SidecarSelectorAnalyzer.analyze(c);
        AuthorizationPoliciesAnalyzer.analyze(c);
        return new Analysis(c.messages());
    }
}
