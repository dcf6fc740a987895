package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.routing.Routing.one;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Istio's DestinationRule lookup (PushContext.destinationRule, SidecarScope.DestinationRule), istio-rules §6.1. */
class DestinationRuleLookupTest {

    private static final String V2_ONLY = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: helloworld}
            spec:
              hosts: [helloworld]
              gateways: [mesh, istio-system/gw]
              http: [{route: [{destination: {host: helloworld.default.svc.cluster.local, subset: v2}}]}]
            """;

    private static Mesh helloworldWithoutSubsets() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx");
    }

    @Test
    @DisplayName("a workload-selected rule in the client's namespace that does not select it hides the other namespaces' rules")
    void unmatchedSelectorShadowsOtherNamespaces() {
        Mesh mesh = helloworldWithoutSubsets()
                .withNamespace("shop", true)
                .withPod("client", "shop")
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld, namespace: default}
                        spec:
                          host: helloworld.default.svc.cluster.local
                          subsets: [{name: v2, labels: {version: v2}}]
                        """)
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: only-for-batch, namespace: shop}
                        spec:
                          host: helloworld.default.svc.cluster.local
                          workloadSelector: {matchLabels: {app: batch}}
                          subsets: [{name: v2, labels: {version: v2}}]
                        """)
                .withVirtualService(V2_ONLY.replace("gateways: [mesh, istio-system/gw]", "exportTo: [\"*\"]"));

        // nginx in default: the service's namespace has the subset.
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
        // client in shop: its namespace's rule for the host selects other workloads, so no rule applies at all.
        assertThat(where(mesh.send(1).from("shop/client").to("helloworld.default:5000/"))).isEqualTo("503 NC");
    }

    @Test
    @DisplayName("a gateway in the root namespace sees the root namespace's exported rules")
    void rootNamespaceClientSeesRootExportedRules() {
        Mesh mesh = helloworldWithoutSubsets()
                .withDestinationRule("""
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: helloworld-subsets, namespace: istio-system}
                        spec:
                          host: helloworld.default.svc.cluster.local
                          subsets: [{name: v2, labels: {version: v2}}]
                        """)
                .withGateway("""
                        apiVersion: networking.istio.io/v1
                        kind: Gateway
                        metadata: {name: gw, namespace: istio-system}
                        spec:
                          selector: {istio: ingressgateway}
                          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
                        """)
                .withVirtualService(V2_ONLY.replace("hosts: [helloworld]", "hosts: [\"helloworld.example.com\"]")
                        .replace("gateways: [mesh, istio-system/gw]", "gateways: [istio-system/gw]"));

        assertThat(where(mesh.send(5).fromOutside().header("Host", "helloworld.example.com").to("http://1.2.3.4/")))
                .isEqualTo("v2");
    }
}
