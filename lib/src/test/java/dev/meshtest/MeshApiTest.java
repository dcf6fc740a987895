package dev.meshtest;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.traffic.Explanation;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DSL's contract: what it does, and what it tells a user who misuses it. */
class MeshApiTest {

    private static Mesh e2() {
        return mesh().apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:experiments/helloworld-per-version-services.yaml")
                .apply("classpath:experiments/e2-weighted.yaml")
                .withPod("nginx");
    }

    @Test
    void explainSaysWhyARequestWentWhere() {
        Explanation e = e2().explain().from("nginx").to("helloworld:5000/hello");

        assertThat(e.request()).isEqualTo("GET http://helloworld:5000/hello from default/nginx");
        assertThat(e.steps()).hasSize(7);
        assertThat(e.steps().get(0)).isEqualTo("DNS in namespace default: helloworld -> " + e2().state()
                .service("default", "helloworld").orElseThrow().clusterIp());
        assertThat(e.steps().get(1)).isEqualTo("sidecar of nginx: listener 0.0.0.0_5000");
        assertThat(e.steps().get(2)).isEqualTo("sidecar of nginx: route 5000 > virtual host "
                + "helloworld.default.svc.cluster.local:5000 > VirtualService default/helloworld-vs http[0] (match /*)");
        assertThat(e.steps().get(3)).startsWith("weighted pick: outbound|5000||helloworld-v");
        assertThat(e.steps().get(4)).startsWith("cluster outbound|5000||helloworld-v").contains("(LEAST_REQUEST) picks 10.244.");
        assertThat(e.steps().get(5)).startsWith("mutual TLS to helloworld-v").endsWith("whose sidecar takes both (PERMISSIVE); "
                + "the client's certificate: spiffe://cluster.local/ns/default/sa/default");
        assertThat(e.steps().get(6)).startsWith("served by default/helloworld-v").endsWith("(through its sidecar)");
        assertThat(e.outcome().status()).isEqualTo(200);
        assertThat(e.toString()).startsWith("GET http://helloworld:5000/hello from default/nginx\n  DNS in namespace default");
    }

    @Test
    void explainingDoesNotChangeLaterResults() {
        Mesh a = e2();
        Mesh b = e2();
        b.explain().from("nginx").to("helloworld:5000/hello");

        TrafficResult ra = a.send(500).from("nginx").to("helloworld:5000/hello");
        TrafficResult rb = b.send(500).from("nginx").to("helloworld:5000/hello");
        assertThat(rb.outcomes()).containsExactlyElementsOf(ra.outcomes());
    }

    @Test
    void explainsAnUnresolvableHost() {
        Explanation e = e2().explain().from("nginx").to("nosuch:5000/");
        assertThat(e.steps()).containsExactly("DNS in namespace default: no Service answers to nosuch");
        assertThat(e.outcome().status()).isZero();
        assertThat(e.outcome().body()).isEqualTo("curl: (6) Could not resolve host: nosuch");
    }

    @Test
    void withNamespaceDecidesInjection() {
        Mesh mesh = mesh().withNamespace("shop", true).withNamespace("plain", false)
                .withPod("a", "shop").withPod("b", "plain");
        assertThat(mesh.state().pod("shop", "a").orElseThrow().hasProxy()).isTrue();
        assertThat(mesh.state().pod("plain", "b").orElseThrow().hasProxy()).isFalse();
    }

    @Test
    void emptyClusterHasNoIstio() {
        Mesh mesh = Mesh.emptyCluster().withPod("nginx");
        assertThat(mesh.state().pod("default", "nginx").orElseThrow().hasProxy()).isFalse();
        assertThat(mesh.state().namespace("istio-system")).isEmpty();
    }

    @Test
    void sameSeedSameResultOtherSeedOtherPods() {
        assertThat(e2().send(300).from("nginx").to("helloworld:5000/hello").outcomes())
                .containsExactlyElementsOf(e2().send(300).from("nginx").to("helloworld:5000/hello").outcomes());
        Mesh seven = mesh().seed(7).apply("classpath:experiments/helloworld.yaml");
        assertThat(seven.seed()).isEqualTo(7);
        assertThat(seven.state().workloadPods("default", "helloworld-v1").get(0).name())
                .isNotEqualTo(e2().state().workloadPods("default", "helloworld-v1").get(0).name());
    }

    @Test
    void misuseIsExplained() {
        Mesh mesh = e2();
        assertThatThrownBy(() -> mesh.seed(7)).isInstanceOf(IllegalStateException.class)
                .hasMessage("seed(7) must come before apply(...) and with...(...): pod names already follow seed 42; "
                        + "write mesh().seed(7).apply(...)");
        assertThatThrownBy(() -> mesh.send(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("send(0): send at least one request, for example send(1000)");
        assertThatThrownBy(() -> mesh.send(1).from("sleep").to("helloworld:5000/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no pod or workload \"sleep\" in namespace default; workloads: default/helloworld-v1, "
                        + "default/helloworld-v2, default/nginx, istio-system/istio-ingressgateway. "
                        + "Add a client with withPod(\"sleep\") or apply its Deployment.");
        assertThatThrownBy(() -> mesh.send(1).to("helloworld:5000/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("say who sends: send(n).from(\"nginx\").to(...) or send(n).fromOutside().to(...)");
        assertThatThrownBy(() -> mesh.send(1).from("nginx").to("ftp://helloworld/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to(\"ftp://helloworld/\"): only http and https URLs, for example \"http://helloworld:5000/hello\"");
        assertThatThrownBy(() -> mesh.send(1).from("nginx").to("helloworld:http/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to(\"helloworld:http/\"): port \"http\" is not a number in 1..65535");
        assertThatThrownBy(() -> mesh.withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: d}
                spec: {host: helloworld}
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("withVirtualService(...) got a DestinationRule (DestinationRule default/d); use apply(yaml) for mixed kinds");
        Mesh plain = Mesh.emptyCluster().withPod("nginx");
        assertThatThrownBy(() -> plain.proxyConfig("nginx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pod default/nginx has no sidecar");
    }

    @Test
    void hostHeaderOverridesTheUrlsHost() {
        TrafficResult r = e2().send(10).from("nginx").header("Host", "helloworld-v1").to("helloworld:5000/hello");
        assertThat(r.countByWorkload()).containsExactly(Map.entry("helloworld-v1", 10L));
    }

    @Test
    void resolvePinsTheAddressButOnHttpPortsTheHostHeaderPicksTheService() {
        Mesh mesh = e2().withPod("plain", "default");
        String v1Ip = mesh.state().service("default", "helloworld-v1").orElseThrow().clusterIp();
        mesh = mesh.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: curl, labels: {sidecar.istio.io/inject: "false"}}
                spec: {containers: [{name: curl, image: curl}]}
                """);
        // A sidecar routes an HTTP port by Host header (istio-rules §2.1): helloworld's VirtualService still applies.
        assertThat(mesh.send(200).from("nginx").resolve(v1Ip).to("helloworld:5000/hello").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
        // Without a sidecar kube-proxy follows the address dialled.
        assertThat(mesh.send(50).from("curl").resolve(v1Ip).to("helloworld:5000/hello").countByWorkload())
                .containsExactly(Map.entry("helloworld-v1", 50L));
    }

    @Test
    void fromOutsideThroughANamedGateway() {
        Mesh mesh = e2().apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: edge, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: edge}}
                  template:
                    metadata:
                      labels: {istio: edge}
                      annotations: {inject.istio.io/templates: gateway}
                    spec: {containers: [{name: istio-proxy, image: proxyv2, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: istio-system}
                spec:
                  selector: {istio: edge}
                  servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["*"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: edge}
                spec:
                  hosts: ["*"]
                  gateways: [istio-system/edge]
                  http: [{route: [{destination: {host: helloworld-v2, port: {number: 5000}}}]}]
                """);
        assertThat(mesh.send(20).fromOutside("edge").to("http://any.example.com:8080/hello").countByWorkload())
                .containsExactly(Map.entry("helloworld-v2", 20L));
        // No Gateway selects the default ingress gateway: it has no listener, the connection is refused (istio-rules §7.1).
        assertThat(mesh.send(5).fromOutside().to("http://any.example.com/hello").countByStatus())
                .containsExactly(Map.entry(0, 5L));
        assertThatThrownBy(() -> mesh.send(1).fromOutside("nope").to("http://x/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromOutside: no ready gateway pod of workload istio-system/nope (it does not exist; "
                        + "mesh() installs istio-system/istio-ingressgateway)");
    }

    @Test
    void meshConfigIsReadStrictly() {
        assertThatThrownBy(() -> mesh().withMeshConfig("outboundTrafficPolicy: {mode: BLOCK}"))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessageContaining("<meshConfig>:1:31: outboundTrafficPolicy.mode:");
        // Fields meshtest does not simulate are accepted, as in a real MeshConfig.
        mesh().withMeshConfig("enableTracing: true\naccessLogFile: /dev/stdout\n");
        // A tag SnakeYAML refuses with an IllegalArgumentException is a located syntax error, not that exception.
        assertThatThrownBy(() -> mesh().withMeshConfig("outboundTrafficPolicy: !!%20 x\n"))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessageContaining("YAML syntax error in document 1: the tag's %-escapes decode to a blank");
        assertThatThrownBy(() -> mesh().withMeshConfig("enableTracing: true\n---\naccessLogFile: x\n"))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessageContaining("<meshConfig>:2:1: YAML syntax error: but found another document (expected a single "
                        + "document in the stream at line 1, column 1)");
    }

    @Test
    void deleteByReferenceLikeKubectl() {
        Mesh mesh = e2();
        assertThat(mesh.send(200).from("nginx").to("helloworld:5000/hello").countByWorkload()).hasSize(2);
        mesh.delete(new dev.meshtest.config.ResourceRef("Deployment", "default", "helloworld-v1"));
        TrafficResult r = mesh.send(50).from("nginx").to("helloworld:5000/hello");
        // The VirtualService still sends 20% to helloworld-v1, whose Service now has no pod: 503 UH.
        assertThat(r.countByWorkload()).containsOnlyKeys("-", "helloworld-v2");
        assertThat(r.countByFlag()).containsOnlyKeys(ResponseFlag.NO_HEALTHY_UPSTREAM);
        assertThat(r.countByFlag().get(ResponseFlag.NO_HEALTHY_UPSTREAM)).isEqualTo(r.countByWorkload().get("-"));
    }

    @Test
    void objectsBuiltInCodeWithoutMetadataOrKindGetClearErrors() {
        var spec = new dev.meshtest.config.istio.VirtualServiceSpec(java.util.List.of("helloworld"), null, null, null, null, null);
        assertThatThrownBy(() -> mesh().apply(new dev.meshtest.config.istio.VirtualService("networking.istio.io/v1",
                "VirtualService", null, spec)))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessage("<code>: VirtualService (unnamed): metadata: Required value");
        assertThatThrownBy(() -> mesh().apply(new dev.meshtest.config.istio.VirtualService("networking.istio.io/v1",
                null, dev.meshtest.config.ObjectMeta.of("vs", null), spec)))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessage("<code>: kind: Required value");
    }

    @Test
    void problemsOfObjectsBuiltInCodeComeInFieldOrder() {
        var headers = java.util.Map.of("b-header", new dev.meshtest.config.istio.StringMatch(null, "", null),
                "a-header", new dev.meshtest.config.istio.StringMatch(null, "", null));
        var match = new dev.meshtest.config.istio.HttpMatchRequest(null, null, null, null, null, headers, null, null,
                null, null, null, null, null, null);
        var route = new dev.meshtest.config.istio.HttpRoute(null, java.util.List.of(match), java.util.List.of(
                new dev.meshtest.config.istio.HttpRouteDestination(new dev.meshtest.config.istio.Destination("helloworld", null, null),
                        null, null)), null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        var vs = new dev.meshtest.config.istio.VirtualService("networking.istio.io/v1", "VirtualService",
                dev.meshtest.config.ObjectMeta.of("vs", null),
                new dev.meshtest.config.istio.VirtualServiceSpec(java.util.List.of("helloworld"), null,
                        java.util.List.of(route), null, null, null));
        assertThatThrownBy(() -> mesh().apply(vs)).isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessageContaining("spec.http[0].match[0].headers.a-header")
                .satisfies(e -> assertThat(e.getMessage().indexOf("a-header")).isLessThan(e.getMessage().indexOf("b-header")));
    }

    @Test
    void clusterScopedKindsIgnoreANamespaceAsKubectlDoes() {
        var manifests = dev.meshtest.internal.yaml.ManifestReader.read("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader, namespace: nowhere}
                rules: []
                """);
        assertThat(manifests.get(0).resource().ref()).hasToString("ClusterRole reader");
        var result = dev.meshtest.internal.cluster.Cluster.withIstio(1).apply(manifests);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().get(0)).startsWith("clusterrole.rbac.authorization.k8s.io/reader");
    }

    @Test
    void aQueryWithoutAPathIsReadAsCurlDoes() {
        Mesh mesh = e2().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: by-query}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - match: [{queryParams: {x: {exact: "1"}}}]
                    route: [{destination: {host: helloworld-v2}}]
                """);
        assertThat(mesh.send(3).from("nginx").to("helloworld-v1:5000?x=1").countByWorkload())
                .containsExactly(Map.entry("helloworld-v2", 3L));
    }

    @Test
    void setReadyOnAWorkloadMarksEveryPod() {
        Mesh mesh = mesh().apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: web}]}
                """).setReady("web", false);
        assertThat(mesh.state().workloadPods("default", "web")).extracting(p -> p.ready()).containsExactly(false, false, false);
    }

    @Test
    void explainUsesTheFirstRequestsOwnHeaders() {
        Mesh mesh = e2().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: jason}
                spec:
                  hosts: [helloworld-v1]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: helloworld-v2}}]
                  - route: [{destination: {host: helloworld-v1}}]
                """);
        Explanation e = mesh.explain().from("nginx").headers(i -> Map.of("end-user", "jason")).to("helloworld-v1:5000/");
        assertThat(e.outcome().workload()).contains("helloworld-v2");
        assertThatThrownBy(() -> mesh.explain().to("helloworld-v1:5000/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("say who sends: explain().from(\"nginx\").to(...) or explain().fromOutside().to(...)");
        assertThatThrownBy(() -> mesh.send(2).from("nginx").headers(i -> null).to("helloworld-v1:5000/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("headers(i -> ...) returned null for request 0; return Map.of() for no headers");
    }
}
