package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.Service;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindsTest {

    private final Kinds kinds = Kinds.standard();

    @Test
    void simulatedKubernetesKinds() {
        assertThat(kinds.resolve("v1", "Namespace")).isEqualTo(new Kinds.Simulated(Namespace.class));
        assertThat(kinds.resolve("v1", "Service")).isEqualTo(new Kinds.Simulated(Service.class));
        assertThat(kinds.resolve("v1", "Pod")).isEqualTo(new Kinds.Simulated(Pod.class));
        assertThat(kinds.resolve("apps/v1", "Deployment")).isEqualTo(new Kinds.Simulated(Deployment.class));
        assertThat(kinds.resolve("v1", "Endpoints")).isEqualTo(new Kinds.Simulated(dev.meshtest.config.kube.Endpoints.class));
        assertThat(kinds.resolve("discovery.k8s.io/v1", "EndpointSlice"))
                .isEqualTo(new Kinds.Simulated(dev.meshtest.config.kube.EndpointSlice.class));
        assertThat(kinds.resolve("v1", "Secret")).isEqualTo(new Kinds.Simulated(dev.meshtest.config.kube.Secret.class));
        assertThat(kinds.supported()).isEqualTo("AuthorizationPolicy (security.istio.io/v1), DaemonSet (apps/v1), Deployment (apps/v1), DestinationRule (networking.istio.io/v1), EndpointSlice (discovery.k8s.io/v1), Endpoints (v1), GRPCRoute (gateway.networking.k8s.io/v1), Gateway (gateway.networking.k8s.io/v1), Gateway (networking.istio.io/v1), GatewayClass (gateway.networking.k8s.io/v1), HTTPRoute (gateway.networking.k8s.io/v1), Namespace (v1), PeerAuthentication (security.istio.io/v1), Pod (v1), ReferenceGrant (gateway.networking.k8s.io/v1beta1), ReplicaSet (apps/v1), RequestAuthentication (security.istio.io/v1), Secret (v1), Service (v1), ServiceEntry (networking.istio.io/v1), Sidecar (networking.istio.io/v1), StatefulSet (apps/v1), TCPRoute (gateway.networking.k8s.io/v1), TLSRoute (gateway.networking.k8s.io/v1), VirtualService (networking.istio.io/v1)");
    }

    @Test
    void ignoredKindsInTheVersionsKubernetesServes() {
        for (String[] k : new String[][] {{"v1", "ServiceAccount"}, {"v1", "ConfigMap"},
                {"autoscaling/v1", "HorizontalPodAutoscaler"}, {"autoscaling/v2", "HorizontalPodAutoscaler"},
                {"policy/v1", "PodDisruptionBudget"}, {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
                {"batch/v1", "CronJob"}, {"apiextensions.k8s.io/v1", "CustomResourceDefinition"}}) {
            assertThat(kinds.resolve(k[0], k[1])).as(k[1]).isEqualTo(new Kinds.Ignored("not used for routing"));
        }
    }

    @Test
    void workloadsWhosePodsWouldBeEndpointsAreUnsupported() {
        assertThat(kinds.resolve("apps/v1", "StatefulSet"))
                .isEqualTo(new Kinds.Simulated(dev.meshtest.config.kube.StatefulSet.class));
        for (String kind : List.of("DaemonSet", "ReplicaSet")) {
            assertThat(kinds.resolve("apps/v1", kind)).isInstanceOf(Kinds.Simulated.class);
        }
        assertThat(kinds.resolve("v1", "ReplicationController")).isInstanceOf(Kinds.Unsupported.class);
    }

    @Test
    void theGatewayApiKindsAreReadAtTheVersionsGatewayApiServes() {
        assertThat(kinds.resolve("gateway.networking.k8s.io/v1", "HTTPRoute"))
                .isEqualTo(new Kinds.Simulated(dev.meshtest.config.gateway.HttpRoute.class));
        assertThat(kinds.resolve("gateway.networking.k8s.io/v1beta1", "Gateway"))
                .isEqualTo(new Kinds.Simulated(dev.meshtest.config.gateway.Gateway.class));
        assertThat(kinds.resolve("networking.istio.io/v1", "Gateway"))
                .isEqualTo(new Kinds.Simulated(dev.meshtest.config.istio.Gateway.class));
        assertThat(kinds.resolve("gateway.networking.k8s.io/v1alpha2", "TCPRoute")).isInstanceOf(Kinds.Unsupported.class);
        assertThat(kinds.resolve("gateway.networking.k8s.io/v1alpha2", "UDPRoute")).isInstanceOf(Kinds.Unsupported.class);
        assertThat(kinds.isClusterScoped("GatewayClass")).isTrue();
    }

    @Test
    void clusterScopedKindsHaveNoNamespaceInMessages() {
        assertThat(kinds.isClusterScoped("Namespace")).isTrue();
        assertThat(kinds.isClusterScoped("ClusterRole")).isTrue();
        assertThat(kinds.isClusterScoped("Service")).isFalse();
    }

    /** How the Istio kinds will be wired in: the same calls as the marked place in {@link Kinds}. */
    @Test
    void istioWiringShape() {
        Map<String, Class<? extends dev.meshtest.config.Resource>> simulated = Map.of("Widget", Namespace.class);
        List<String> networkingApiVersions = List.of("networking.istio.io/v1", "networking.istio.io/v1beta1");
        Map<String, String> notSimulated = Map.of("Telemetry", "telemetry.istio.io");

        Kinds.Builder b = Kinds.standard().toBuilder();
        for (String apiVersion : networkingApiVersions) {
            simulated.forEach((kind, type) -> b.simulate(apiVersion, kind, type));
        }
        notSimulated.forEach((kind, group) -> b.ignoreAnyVersion(group, kind, Kinds.NOT_SIMULATED_YET));
        Kinds istio = b.build();

        assertThat(istio.resolve("networking.istio.io/v1beta1", "Widget")).isEqualTo(new Kinds.Simulated(Namespace.class));
        assertThat(istio.resolve("telemetry.istio.io/v1", "Telemetry"))
                .isEqualTo(new Kinds.Ignored("not simulated by meshtest yet"));
        assertThat(istio.resolve("telemetry.istio.io/v1beta1", "Telemetry"))
                .isEqualTo(new Kinds.Ignored("not simulated by meshtest yet"));
        assertThat(istio.resolve("networking.istio.io/v1alpha3", "Widget")).isEqualTo(new Kinds.NoMatch(
                "no matches for kind \"Widget\" in version \"networking.istio.io/v1alpha3\"; Widget is served as "
                        + "networking.istio.io/v1 or networking.istio.io/v1beta1"));
        assertThat(istio.resolve("telemetry.istio.io/latest", "Telemetry")).isEqualTo(new Kinds.NoMatch(
                "no matches for kind \"Telemetry\" in version \"telemetry.istio.io/latest\"; "
                        + "Telemetry is served as telemetry.istio.io/<version>"));
        assertThat(istio.supported()).isEqualTo(
                "AuthorizationPolicy (security.istio.io/v1), DaemonSet (apps/v1), Deployment (apps/v1), DestinationRule (networking.istio.io/v1), EndpointSlice (discovery.k8s.io/v1), Endpoints (v1), GRPCRoute (gateway.networking.k8s.io/v1), Gateway (gateway.networking.k8s.io/v1), Gateway (networking.istio.io/v1), GatewayClass (gateway.networking.k8s.io/v1), HTTPRoute (gateway.networking.k8s.io/v1), Namespace (v1), PeerAuthentication (security.istio.io/v1), Pod (v1), ReferenceGrant (gateway.networking.k8s.io/v1beta1), ReplicaSet (apps/v1), RequestAuthentication (security.istio.io/v1), Secret (v1), Service (v1), ServiceEntry (networking.istio.io/v1), Sidecar (networking.istio.io/v1), StatefulSet (apps/v1), TCPRoute (gateway.networking.k8s.io/v1), TLSRoute (gateway.networking.k8s.io/v1), VirtualService (networking.istio.io/v1), Widget (networking.istio.io/v1)");
    }

    @Test
    void aCustomRegistryReadsItsOwnKinds() {
        Kinds mine = Kinds.standard().toBuilder().ignore("example.com/v1", "Widget", "not ours").build();
        List<Manifest> docs = ManifestReader.read(new StringReader(
                "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n"), "w.yaml", mine);
        assertThat(docs.get(0).resource())
                .isEqualTo(new IgnoredResource("example.com/v1", "Widget", ObjectMeta.of("w", null), "not ours"));
    }
}
