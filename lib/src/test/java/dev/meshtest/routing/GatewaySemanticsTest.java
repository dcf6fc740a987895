package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * VirtualServices annotated {@code internal.istio.io/route-semantics: gateway} (what Istio's Gateway
 * API translator writes, and what istiod honours whoever wrote it; istio-rules §5.5): each rule with
 * the same VirtualService applied without and with the annotation. Rules that send to subset v2
 * mean "matched"; without a catch-all an unmatched request is 404 NR.
 */
class GatewaySemanticsTest {

    private static final String FQDN = "helloworld.default.svc.cluster.local";

    /** The annotation line of {@code metadata}, or nothing. */
    private static String annotation(String semantics) {
        return semantics == null ? "" : "  annotations: {internal.istio.io/route-semantics: " + semantics + "}\n";
    }

    /** A VirtualService {@code name} in {@code namespace} for {@code hosts} with these {@code http} rules (list items at column 0). */
    private static String vs(String name, String namespace, String semantics, String hosts, String rules) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: %s
                  namespace: %s
                %sspec:
                  hosts: %s
                  http:
                """.formatted(name, namespace, annotation(semantics), hosts) + rules.indent(2);
    }

    /** helloworld with VirtualService default/helloworld for the Service's FQDN. */
    private static Mesh withRules(String semantics, String rules) {
        return helloworld().withVirtualService(vs("helloworld", "default", semantics, "[" + FQDN + "]", rules));
    }

    private static final String TO_V2 = "  route: [{destination: {host: " + FQDN + ", subset: v2}}]\n";
    private static final String ALL_V2 = "-" + TO_V2.substring(1);
    private static final String ALL_V1 = "- route: [{destination: {host: " + FQDN + ", subset: v1}}]\n";

    /** The MATCH column of nginx's routes on port 5000 from VirtualService default/helloworld. */
    private static List<String> matches(Mesh mesh) {
        return mesh.proxyConfig("nginx").routes().rows().stream()
                .filter(r -> r.get(0).equals("5000") && r.get(4).equals("helloworld.default")).map(r -> r.get(3)).toList();
    }

    /** The path the app behind helloworld received for one request from nginx. */
    private static String receivedPath(Mesh mesh, String url) {
        Outcome o = mesh.send(1).from("nginx").to(url).outcomes().get(0);
        return o.received().orElseThrow(() -> new AssertionError("no app answered: " + o)).path();
    }

    @Test
    @DisplayName("uri prefix: a plain prefix without the annotation, a path-separated prefix with gateway or ingress semantics")
    void pathSeparatedPrefix() {
        String rules = "- match: [{uri: {prefix: /api}}]\n" + TO_V2;
        Mesh plain = withRules(null, rules);
        assertThat(one(plain, "helloworld:5000/api")).isEqualTo("v2");
        assertThat(one(plain, "helloworld:5000/api/users")).isEqualTo("v2");
        assertThat(one(plain, "helloworld:5000/apiv2")).isEqualTo("v2");
        assertThat(matches(plain)).containsExactly("/api*");

        for (String semantics : List.of("gateway", "ingress")) {
            Mesh mesh = withRules(semantics, rules);
            assertThat(one(mesh, "helloworld:5000/api")).as(semantics).isEqualTo("v2");
            assertThat(one(mesh, "helloworld:5000/api/users")).as(semantics).isEqualTo("v2");
            assertThat(one(mesh, "helloworld:5000/api?x=1")).as(semantics).isEqualTo("v2");
            assertThat(one(mesh, "helloworld:5000/apiv2")).as(semantics).isEqualTo("404 NR");
            assertThat(one(mesh, "helloworld:5000/API/users")).as(semantics).isEqualTo("404 NR");
            assertThat(matches(mesh)).as(semantics).containsExactly("/api[/*]");
        }
        // Any other value of the annotation is no semantics at all (UseGatewaySemantics compares exactly).
        assertThat(one(withRules("Gateway", rules), "helloworld:5000/apiv2")).isEqualTo("v2");
    }

    @Test
    @DisplayName("a prefix's trailing / is dropped with gateway semantics (/api/ matches /api), kept without; ignoreUriCase applies")
    void trailingSlashAndCase() {
        String rules = "- match: [{uri: {prefix: /api/}, ignoreUriCase: true}]\n" + TO_V2;
        Mesh plain = withRules(null, rules);
        assertThat(one(plain, "helloworld:5000/api")).isEqualTo("404 NR");
        assertThat(one(plain, "helloworld:5000/API/x")).isEqualTo("v2");

        Mesh gateway = withRules("gateway", rules);
        assertThat(one(gateway, "helloworld:5000/api")).isEqualTo("v2");
        assertThat(one(gateway, "helloworld:5000/API/x")).isEqualTo("v2");
        assertThat(one(gateway, "helloworld:5000/APIx")).isEqualTo("404 NR");
        assertThat(matches(gateway)).containsExactly("/api[/*]");
    }

    @Test
    @DisplayName("prefix / stays a plain prefix, the catch-all, with gateway semantics")
    void rootPrefix() {
        Mesh gateway = withRules("gateway", "- match: [{uri: {prefix: /}}]\n" + TO_V2 + ALL_V1);
        assertThat(one(gateway, "helloworld:5000/anything")).isEqualTo("v2");
        assertThat(matches(gateway)).containsExactly("/*");
    }

    @Test
    @DisplayName("a destination that is no cluster: 503 NC without the annotation, 500 NC with gateway semantics (not with ingress)")
    void clusterNotFound() {
        String rules = "- route: [{destination: {host: " + FQDN + ", subset: v3}}]\n";
        assertThat(one(withRules(null, rules), "helloworld:5000/")).isEqualTo("503 NC");
        assertThat(one(withRules("ingress", rules), "helloworld:5000/")).isEqualTo("503 NC");
        Mesh gateway = withRules("gateway", rules);
        assertThat(one(gateway, "helloworld:5000/")).isEqualTo("500 NC");
        assertThat(gateway.send(1).from("nginx").to("helloworld:5000/").outcomes().get(0).body()).isEmpty();
        assertThat(gateway.explain().from("nginx").to("helloworld:5000/").steps())
                .anyMatch(s -> s.contains("cluster outbound|5000|v3|" + FQDN + " does not exist: 500 NC"));
        // A weighted destination that is no cluster answers the same when it is picked.
        Mesh weighted = withRules("gateway", "- route: [{destination: {host: " + FQDN + ", subset: v3}, weight: 100},"
                + " {destination: {host: " + FQDN + ", subset: v1}, weight: 0}]\n");
        assertThat(one(weighted, "helloworld:5000/")).isEqualTo("500 NC");
    }

    @Test
    @DisplayName("rewrite.uri / with a prefix match: Envoy's prefix_rewrite without, the prefix removed keeping one / with gateway semantics")
    void rewriteToRoot() {
        String rules = """
                - match: [{uri: {prefix: /api}}]
                  rewrite: {uri: /}
                  route: [{destination: {host: %s}}]
                """.formatted(FQDN);
        Mesh plain = withRules(null, rules);
        assertThat(receivedPath(plain, "helloworld:5000/api/users")).isEqualTo("//users");
        assertThat(receivedPath(plain, "helloworld:5000/api")).isEqualTo("/");
        assertThat(receivedPath(plain, "helloworld:5000/apix")).isEqualTo("/x");

        Mesh gateway = withRules("gateway", rules);
        assertThat(receivedPath(gateway, "helloworld:5000/api/users")).isEqualTo("/users");
        assertThat(receivedPath(gateway, "helloworld:5000/api")).isEqualTo("/");
        assertThat(receivedPath(gateway, "helloworld:5000/api/")).isEqualTo("/");
        assertThat(receivedPath(gateway, "helloworld:5000/api/users?q=1")).isEqualTo("/users?q=1");
        // Ingress semantics shares the path-separated match, not the rewrite: Envoy's prefix_rewrite.
        assertThat(receivedPath(withRules("ingress", rules), "helloworld:5000/api/users")).isEqualTo("//users");
    }

    @Test
    @DisplayName("rewrite.uri / without a path-separated prefix: the whole path without the annotation, the path kept with it")
    void rewriteToRootExactMatch() {
        String rules = """
                - match: [{uri: {exact: /hello}}]
                  rewrite: {uri: /}
                  route: [{destination: {host: %s}}]
                """.formatted(FQDN);
        assertThat(receivedPath(withRules(null, rules), "helloworld:5000/hello")).isEqualTo("/");
        assertThat(receivedPath(withRules("gateway", rules), "helloworld:5000/hello")).isEqualTo("/hello");
    }

    @Test
    @DisplayName("a rewrite.uri other than / is Envoy's prefix_rewrite either way, of the path-separated prefix with gateway semantics")
    void otherRewrite() {
        String rules = """
                - match: [{uri: {prefix: /api/}}]
                  rewrite: {uri: /v1}
                  route: [{destination: {host: %s}}]
                """.formatted(FQDN);
        assertThat(receivedPath(withRules(null, rules), "helloworld:5000/api/users")).isEqualTo("/v1users");
        assertThat(receivedPath(withRules("gateway", rules), "helloworld:5000/api/users")).isEqualTo("/v1/users");
        assertThat(receivedPath(withRules("gateway", rules), "helloworld:5000/api")).isEqualTo("/v1");
    }

    @Test
    @DisplayName("short names are not resolved with gateway semantics: host helloworld names no Service, destination helloworld is no cluster")
    void shortNamesKept() {
        String shortDestination = "- route: [{destination: {host: helloworld, subset: v2}}]\n";
        assertThat(one(withRules(null, shortDestination), "helloworld:5000/")).isEqualTo("v2");
        Mesh gateway = withRules("gateway", shortDestination);
        assertThat(one(gateway, "helloworld:5000/")).isEqualTo("500 NC");
        assertThat(gateway.explain().from("nginx").to("helloworld:5000/").steps())
                .anyMatch(s -> s.contains("cluster outbound|5000|v2|helloworld does not exist: 500 NC"));

        String shortHost = vs("helloworld", "default", null, "[helloworld]", ALL_V2);
        assertThat(one(helloworld().withVirtualService(shortHost), "helloworld:5000/")).isEqualTo("v2");
        // With the annotation the host "helloworld" is no Service: the VirtualService gives nginx no vhost
        // (it names no Service at all), and helloworld keeps its default route to both versions.
        Mesh kept = helloworld().withVirtualService(vs("helloworld", "default", "gateway", "[helloworld]", ALL_V2));
        assertThat(kept.send(40).from("nginx").to("helloworld:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
        assertThat(kept.proxyConfig("nginx").routes().rows()).noneMatch(r -> r.get(4).equals("helloworld.default"));
    }

    @Test
    @DisplayName("a wildcard host is not expanded to the registry's Services with gateway semantics")
    void wildcardHostNotExpanded() {
        String wildcard = "[\"*.default.svc.cluster.local\"]";
        assertThat(one(helloworld().withVirtualService(vs("wild", "default", null, wildcard, ALL_V2)), "helloworld:5000/"))
                .isEqualTo("v2");
        Mesh gateway = helloworld().withVirtualService(vs("wild", "default", "gateway", wildcard, ALL_V2));
        assertThat(gateway.send(40).from("nginx").to("helloworld:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
    }

    @Test
    @DisplayName("on a sidecar, a gateway-semantics VirtualService applies only when the Service or the proxy is in its namespace")
    void sidecarNamespaces() {
        String other = vs("hello-other", "other", null, "[" + FQDN + "]", ALL_V2);
        String otherGateway = vs("hello-other", "other", "gateway", "[" + FQDN + "]", ALL_V2);
        Mesh plain = helloworld().apply(Routing.injectedNamespace("other")).withVirtualService(other).withPod("client", "other");
        assertThat(one(plain, "helloworld:5000/")).isEqualTo("v2");

        Mesh gateway = helloworld().apply(Routing.injectedNamespace("other")).withVirtualService(otherGateway).withPod("client", "other");
        // nginx (default) is not in other, nor is the Service: the VirtualService gives it nothing.
        assertThat(gateway.send(40).from("nginx").to("helloworld:5000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
        // A client in other, the VirtualService's namespace, routes by it.
        assertThat(Routing.where(gateway.send(1).from("other/client").to("helloworld.default:5000/"))).isEqualTo("v2");
        // A gateway-semantics VirtualService in the Service's namespace routes every client.
        Mesh inServiceNamespace = helloworld().apply(Routing.injectedNamespace("other")).withPod("client", "other")
                .withVirtualService(vs("helloworld", "default", "gateway", "[" + FQDN + "]", ALL_V2));
        assertThat(Routing.where(inServiceNamespace.send(1).from("other/client").to("helloworld.default:5000/"))).isEqualTo("v2");
        // Istio's quirk: one named Service in the VirtualService's namespace lets all it names through.
        String peer = """
                apiVersion: v1
                kind: Service
                metadata: {name: peer, namespace: other}
                spec:
                  selector: {app: peer}
                  ports: [{name: http, port: 5000}]
                """;
        Mesh withPeer = helloworld().apply(Routing.injectedNamespace("other")).apply(peer)
                .withVirtualService(vs("hello-other", "other", "gateway", "[" + FQDN + ", peer.other.svc.cluster.local]", ALL_V2));
        assertThat(one(withPeer, "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("precedence on a sidecar: gateway-semantics VirtualServices of the proxy's namespace come before older ones")
    void sidecarPrecedence() {
        String older = vs("a-route", "default", null, "[" + FQDN + "]", ALL_V1);
        assertThat(one(helloworld().withVirtualService(older).withVirtualService(vs("b-route", "default", null, "[" + FQDN + "]", ALL_V2)),
                "helloworld:5000/")).isEqualTo("v1");
        assertThat(one(helloworld().withVirtualService(older).withVirtualService(vs("b-route", "default", "gateway", "[" + FQDN + "]", ALL_V2)),
                "helloworld:5000/")).isEqualTo("v2");
    }

    @Test
    @DisplayName("a gateway-semantics root is never merged with its delegates: the delegating rule is dropped")
    void noDelegation() {
        String delegate = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: hello-api}
                spec:
                  http:
                  - route: [{destination: {host: %s, subset: v2}}]
                """.formatted(FQDN);
        String rules = "- match: [{uri: {prefix: /api}}]\n  delegate: {name: hello-api}\n" + ALL_V1;
        assertThat(one(withRules(null, rules).apply(delegate), "helloworld:5000/api/x")).isEqualTo("v2");
        assertThat(one(withRules("gateway", rules).apply(delegate), "helloworld:5000/api/x")).isEqualTo("v1");
    }

    /** A VirtualService bound to {@code gateways} for every host, all to subset {@code subset} of helloworld:5000, from {@code match}. */
    private static String atGateway(String name, String namespace, String semantics, String gateways, String match, String subset) {
        return vs(name, namespace, semantics, "[\"*\"]\n  gateways: " + gateways,
                "- match: [" + match + "]\n  route: [{destination: {host: " + FQDN + ", subset: " + subset
                        + ", port: {number: 5000}}}]\n");
    }

    @Test
    @DisplayName("gateway names are taken as written with gateway semantics: gw does not mean default/gw")
    void gatewayNamesKept() {
        Mesh plain = helloworld().withGateway(Routing.GATEWAY_ALL_HOSTS)
                .withVirtualService(atGateway("at-gw", "default", null, "[gw]", "{uri: {prefix: /}}", "v2"));
        assertThat(Routing.where(plain.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v2");
        Mesh shortName = helloworld().withGateway(Routing.GATEWAY_ALL_HOSTS)
                .withVirtualService(atGateway("at-gw", "default", "gateway", "[gw]", "{uri: {prefix: /}}", "v2"));
        assertThat(Routing.where(shortName.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("404 NR");
        Mesh qualified = helloworld().withGateway(Routing.GATEWAY_ALL_HOSTS)
                .withVirtualService(atGateway("at-gw", "default", "gateway", "[default/gw]", "{uri: {prefix: /}}", "v2"));
        assertThat(Routing.where(qualified.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("precedence at a gateway: public gateway-semantics VirtualServices of the gateway's namespace come first")
    void gatewayPrecedence() {
        String older = atGateway("a-route", "default", null, "[default/gw]", "{uri: {prefix: /hello}}", "v1");
        Mesh plain = helloworld().withGateway(Routing.GATEWAY_ALL_HOSTS).withVirtualService(older)
                .withVirtualService(atGateway("b-route", "istio-system", null, "[default/gw]", "{uri: {prefix: /hello}}", "v2"));
        assertThat(Routing.where(plain.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v1");
        Mesh gateway = helloworld().withGateway(Routing.GATEWAY_ALL_HOSTS).withVirtualService(older)
                .withVirtualService(atGateway("b-route", "istio-system", "gateway", "[default/gw]", "{uri: {prefix: /hello}}", "v2"));
        assertThat(Routing.where(gateway.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v2");
        // Not in the gateway's namespace: no preference, the older one's route comes first.
        Mesh elsewhere = helloworld().withGateway(Routing.GATEWAY_ALL_HOSTS).withVirtualService(older)
                .withVirtualService(atGateway("b-route", "default", "gateway", "[default/gw]", "{uri: {prefix: /hello}}", "v2"));
        assertThat(Routing.where(elsewhere.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("a Sidecar imports a gateway-semantics VirtualService only by a host inside an imported one (SubsetOf, not Matches)")
    void sidecarImport() {
        String sidecar = """
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default, namespace: default}
                spec:
                  egress:
                  - hosts: ["./helloworld.default.svc.cluster.local"]
                """;
        String rules = "- route: [{destination: {host: echo.other.svc.cluster.local}}]\n";
        String wildcard = "[\"*.default.svc.cluster.local\"]";
        // Imported, the VirtualService's destination gets a cluster even though the Sidecar does not import echo.
        Mesh plain = helloworld().apply("classpath:routing/echo-other.yaml").apply(sidecar)
                .withVirtualService(vs("wild", "default", null, wildcard, rules));
        assertThat(plain.proxyConfig("nginx").clusters().column("SERVICE FQDN")).contains("echo.other.svc.cluster.local");
        Mesh gateway = helloworld().apply("classpath:routing/echo-other.yaml").apply(sidecar)
                .withVirtualService(vs("wild", "default", "gateway", wildcard, rules));
        assertThat(gateway.proxyConfig("nginx").clusters().column("SERVICE FQDN")).doesNotContain("echo.other.svc.cluster.local");
    }

    @Test
    @DisplayName("the webhook does not check route destinations with gateway semantics; a destination without host is cluster UnknownService: 500")
    void destinationsNotValidated() {
        String rules = "- route: [{destination: {host: \"\", subset: V_1}}]\n";
        assertThatThrownBy(() -> withRules(null, rules)).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("spec.http[0].route[0].destination.subset: subset name is invalid: V_1");
        Mesh gateway = withRules("gateway", rules);
        assertThat(one(gateway, "helloworld:5000/")).isEqualTo("500 NC");
        assertThat(gateway.explain().from("nginx").to("helloworld:5000/").steps())
                .anyMatch(s -> s.contains("cluster UnknownService does not exist: 500 NC"));
        // The analyzers and the config views read such a destination without failing.
        assertThat(gateway.analyze().messages()).isNotNull();
        assertThat(gateway.proxyConfig("nginx").routes().rows()).isNotEmpty();
    }

    @Test
    @DisplayName("the webhook lets a gateway name that is no DNS label through with gateway semantics, in spec.gateways only")
    void gatewayNameNotALabel() {
        String gateways = "[" + FQDN + "]\n  gateways: [default/gw.http]";
        assertThatThrownBy(() -> helloworld().withVirtualService(vs("at-gw", "default", null, gateways, ALL_V2)))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("spec.gateways[0]: invalid value for gateway name: \"gw.http\"");
        helloworld().withVirtualService(vs("at-gw", "default", "gateway", gateways, ALL_V2));
        String matchGateways = "- match: [{gateways: [default/gw.http]}]\n" + TO_V2;
        assertThatThrownBy(() -> helloworld().withVirtualService(vs("at-gw", "default", "gateway", "[" + FQDN + "]", matchGateways)))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("spec.http[0].match[0].gateways[0]: invalid value for gateway name: \"gw.http\"");
    }

    @Test
    @DisplayName("a sniffed port (no protocol in its name) follows the same sidecar namespace check")
    void sniffedPortNamespaces() {
        String service = """
                apiVersion: v1
                kind: Service
                metadata: {name: sniffed}
                spec:
                  selector: {app: helloworld}
                  ports: [{name: auto, port: 7000, targetPort: 5000}]
                """;
        String rules = "- fault: {abort: {httpStatus: 418, percentage: {value: 100}}}\n"
                + "  route: [{destination: {host: sniffed.default.svc.cluster.local}}]\n";
        String host = "[sniffed.default.svc.cluster.local]";
        Mesh plain = helloworld().apply(service).apply(Routing.injectedNamespace("other")).withPod("client", "other")
                .withVirtualService(vs("abort", "other", null, host, rules));
        assertThat(one(plain, "sniffed:7000/")).isEqualTo("418 FI");
        Mesh gateway = helloworld().apply(service).apply(Routing.injectedNamespace("other")).withPod("client", "other")
                .withVirtualService(vs("abort", "other", "gateway", host, rules));
        assertThat(gateway.send(40).from("nginx").to("sniffed:7000/").countByWorkload())
                .containsOnlyKeys("helloworld-v1", "helloworld-v2");
        assertThat(Routing.where(gateway.send(1).from("other/client").to("sniffed.default:7000/"))).isEqualTo("418 FI");
        // Istio's quirk: when another Service of the port that the VirtualService names is in its namespace, the
        // check passes for every Service it names, sniffed.default included.
        String peer = """
                apiVersion: v1
                kind: Service
                metadata: {name: peer, namespace: other}
                spec:
                  selector: {app: peer}
                  ports: [{name: auto, port: 7000}]
                """;
        Mesh withPeer = helloworld().apply(service).apply(Routing.injectedNamespace("other")).apply(peer)
                .withVirtualService(vs("abort", "other", "gateway", "[sniffed.default.svc.cluster.local, peer.other.svc.cluster.local]", rules));
        assertThat(one(withPeer, "sniffed:7000/")).isEqualTo("418 FI");
    }

    /** Gateway {@code name} in {@code namespace} with {@code selector}, a plain HTTP server on {@code port} for every host, and these annotations. */
    private static String istioGateway(String name, String namespace, String annotations, String selector, int port) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: %s
                  namespace: %s
                  annotations: {%s}
                spec:
                  selector: %s
                  servers: [{port: {number: %d, name: http, protocol: HTTP}, hosts: ["*"]}]
                """.formatted(name, namespace, annotations, selector, port);
    }

    private static final String INGRESS_SERVICE = "internal.istio.io/gateway-service: istio-ingressgateway.istio-system.svc.cluster.local";
    private static final String GATEWAY_PROXY = "istio-system/istio-ingressgateway";

    @Test
    @DisplayName("a Gateway annotated internal.istio.io/gateway-service binds the pods of that Service, whatever its selector")
    void gatewayServiceBinding() {
        String route = atGateway("at-gw", "default", "gateway", "[istio-system/gw]", "{uri: {prefix: /}}", "v2");
        // By selector: one that matches no pod binds nothing.
        Mesh bySelector = helloworld().apply(istioGateway("gw", "istio-system", "", "{istio: nomatch}", 80)).withVirtualService(route);
        assertThat(bySelector.proxyConfig(GATEWAY_PROXY).listeners().rows()).isEmpty();
        // By Service: the selector is not read; server port 80 is the Service's port 80, the pod's 8080.
        Mesh byService = helloworld().apply(istioGateway("gw", "istio-system", INGRESS_SERVICE, "{istio: nomatch}", 80))
                .withVirtualService(route);
        assertThat(byService.proxyConfig(GATEWAY_PROXY).listeners().rows())
                .containsExactly(List.of("0.0.0.0", "8080", "HTTP", "Route: http.8080"));
        assertThat(Routing.where(byService.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("gateway-service: only Services of the Gateway's namespace, and only their ports (no fallback to the number)")
    void gatewayServiceScope() {
        // A Gateway in default naming the Service of istio-system binds nothing, even with a matching selector.
        Mesh otherNamespace = helloworld().apply(istioGateway("gw", "default", INGRESS_SERVICE, "{istio: ingressgateway}", 80));
        assertThat(otherNamespace.proxyConfig(GATEWAY_PROXY).listeners().rows()).isEmpty();
        // A server port the Service does not have: bound by selector the pod listens on the number itself; by Service not at all.
        Mesh bySelector = helloworld().apply(istioGateway("gw", "istio-system", "", "{istio: ingressgateway}", 8888));
        assertThat(bySelector.proxyConfig(GATEWAY_PROXY).listeners().rows())
                .containsExactly(List.of("0.0.0.0", "8888", "HTTP", "Route: http.8888"));
        Mesh byService = helloworld().apply(istioGateway("gw", "istio-system", INGRESS_SERVICE, "{istio: ingressgateway}", 8888));
        assertThat(byService.proxyConfig(GATEWAY_PROXY).listeners().rows()).isEmpty();
        // A name not in the list (another Service, or a short name) binds nothing either.
        Mesh shortName = helloworld().apply(istioGateway("gw", "istio-system",
                "internal.istio.io/gateway-service: istio-ingressgateway", "{istio: ingressgateway}", 80));
        assertThat(shortName.proxyConfig(GATEWAY_PROXY).listeners().rows()).isEmpty();
    }

    @Test
    @DisplayName("strict gateway merging: with a managed Gateway API Gateway on the pod, Istio Gateways of other namespaces are dropped")
    void strictGatewayMerging() {
        String managed = "internal.istio.io/gateway-semantics: gateway, internal.istio.io/service-account-name: gw-sa";
        String own = istioGateway("gwapi", "istio-system", managed, "{istio: ingressgateway}", 80);
        String other = istioGateway("gw", "default", "", "{istio: ingressgateway}", 80);
        String toV1 = atGateway("to-v1", "default", null, "[istio-system/gwapi]", "{uri: {prefix: /one}}", "v1");
        String toV2 = atGateway("to-v2", "default", null, "[default/gw]", "{uri: {prefix: /two}}", "v2");
        Mesh merged = helloworld().apply(own.replace(managed, "")).apply(other).withVirtualService(toV1).withVirtualService(toV2);
        assertThat(Routing.where(merged.send(1).fromOutside().to("http://1.2.3.4/one"))).isEqualTo("v1");
        assertThat(Routing.where(merged.send(1).fromOutside().to("http://1.2.3.4/two"))).isEqualTo("v2");
        Mesh strict = helloworld().apply(own).apply(other).withVirtualService(toV1).withVirtualService(toV2);
        assertThat(Routing.where(strict.send(1).fromOutside().to("http://1.2.3.4/one"))).isEqualTo("v1");
        assertThat(Routing.where(strict.send(1).fromOutside().to("http://1.2.3.4/two"))).isEqualTo("404 NR");
        // Without a service account it is no managed Gateway: nothing is dropped.
        Mesh unmanaged = helloworld().apply(own.replace(", internal.istio.io/service-account-name: gw-sa", "")).apply(other)
                .withVirtualService(toV1).withVirtualService(toV2);
        assertThat(Routing.where(unmanaged.send(1).fromOutside().to("http://1.2.3.4/two"))).isEqualTo("v2");
    }

    @Test
    @DisplayName("the webhook lets a Gateway API Gateway have a dotted name and server hosts in namespace ~ (which no route binds)")
    void gatewayApiGatewayValidation() {
        String gateway = """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: gw.http
                  namespace: istio-system
                %s
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["~/*"]}]
                """;
        assertThatThrownBy(() -> helloworld().apply(gateway.formatted("")))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("metadata.name: invalid gateway name: \"gw.http\"")
                .hasMessageContaining("spec.servers[0].hosts[0]: invalid namespace value \"~\" in gateway");
        Mesh mesh = helloworld().apply(gateway.formatted("  annotations: {internal.istio.io/gateway-semantics: gateway}"))
                .withVirtualService(atGateway("at-gw", "istio-system", "gateway", "[istio-system/gw.http]", "{uri: {prefix: /}}", "v2"));
        assertThat(mesh.proxyConfig(GATEWAY_PROXY).listeners().rows())
                .containsExactly(List.of("0.0.0.0", "8080", "HTTP", "Route: http.8080"));
        assertThat(Routing.where(mesh.send(1).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("404 NR");
    }
}
