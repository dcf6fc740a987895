package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.one;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Delegate VirtualServices merged into their roots (istio-rules §5.4), with exact outcomes from
 * a sidecar and through a gateway.
 */
class DelegationTest {

    private static final String TEAM = "apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n";

    /** A root for helloworld whose /api rule delegates to team/hello-api; everything else to v1. */
    private static String root(String delegateRef) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: root}
                spec:
                  hosts: [helloworld]
                  http:
                  - name: api
                    match: [{uri: {prefix: /api}}]
                    timeout: 2s
                    delegate: %s
                  - route: [{destination: {host: helloworld, subset: v1}}]
                """.formatted(delegateRef);
    }

    private static final String DELEGATE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: hello-api, namespace: team}
            spec:
              http:
              - name: v2
                match: [{uri: {prefix: /api/v2}}]
                route: [{destination: {host: helloworld.default.svc.cluster.local, subset: v2}}]
              - name: elsewhere
                match: [{uri: {prefix: /other}}]
                route: [{destination: {host: helloworld.default.svc.cluster.local, subset: v2}}]
              - name: short
                match: [{uri: {exact: /api/short}}]
                route: [{destination: {host: helloworld, subset: v2}}]
              - route: [{destination: {host: helloworld.default.svc.cluster.local, subset: v1}}]
                timeout: 1s
            """;

    private static Mesh mesh(String delegateRef, String delegate) {
        return helloworld().apply(TEAM).apply(delegate).apply(root(delegateRef));
    }

    /** The MATCH column of the routes nginx's sidecar has from VirtualService default/root, on port 5000. */
    private static java.util.List<String> rootRoutes(Mesh mesh) {
        return mesh.proxyConfig("nginx").routes().rows().stream()
                .filter(r -> r.get(0).equals("5000") && r.get(4).equals("root.default")).map(r -> r.get(3)).toList();
    }

    @Test
    @DisplayName("the delegate's rules replace the root's rule, narrowed by its match; a conflicting rule is dropped")
    void merged() {
        Mesh mesh = mesh("{name: hello-api, namespace: team}", DELEGATE);
        assertThat(one(mesh, "helloworld:5000/api/v2/hello")).isEqualTo("v2");
        // The delegate's catch-all takes the root's match: /api/... only.
        assertThat(one(mesh, "helloworld:5000/api/v3")).isEqualTo("v1");
        // /other conflicts with the root's /api prefix: istiod drops that rule, and the root's next rule answers.
        assertThat(one(mesh, "helloworld:5000/other")).isEqualTo("v1");
        // The merged routes, as istioctl names them: the root's VirtualService, the merged matches.
        assertThat(rootRoutes(mesh)).containsExactly("/api/v2*", "exact /api/short", "/api*", "/*");
    }

    @Test
    @DisplayName("the delegate's short names are its own namespace's: helloworld in team is no Service, 503 NC")
    void shortNamesInTheDelegatesNamespace() {
        Mesh mesh = mesh("{name: hello-api, namespace: team}", DELEGATE);
        assertThat(one(mesh, "helloworld:5000/api/short")).isEqualTo("503 NC");
        assertThat(mesh.explain().from("nginx").to("helloworld:5000/api/short").steps())
                .anyMatch(s -> s.contains("outbound|5000|v2|helloworld.team.svc.cluster.local"));
    }

    @Test
    @DisplayName("the root's settings fill what the delegate leaves unset: its timeout, not over the delegate's own")
    void inheritedSettings() {
        Mesh mesh = mesh("{name: hello-api, namespace: team}", DELEGATE)
                .withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(2500)))     // answering every path
                .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(1500)));
        assertThat(one(mesh, "helloworld:5000/api/v2/x")).isEqualTo("504 UT");          // the root's 2 s
        assertThat(one(mesh, "helloworld:5000/api/v3")).isEqualTo("504 UT");            // the delegate's own 1 s
        assertThat(one(mesh, "helloworld:5000/hello")).isEqualTo("v1");                 // not delegated: no timeout
    }

    @Test
    @DisplayName("a delegate that is missing or not exported to the root's namespace drops only the delegating rule")
    void missingOrHidden() {
        Mesh missing = mesh("{name: nosuch, namespace: team}", DELEGATE);
        assertThat(one(missing, "helloworld:5000/api/v2/x")).isEqualTo("v1");
        Mesh hidden = mesh("{name: hello-api, namespace: team}", DELEGATE.replace("spec:\n", "spec:\n  exportTo: [.]\n"));
        assertThat(one(hidden, "helloworld:5000/api/v2/x")).isEqualTo("v1");
        assertThat(rootRoutes(hidden)).containsExactly("/*");
        // The namespace defaults to the root's: a delegate of that name in default is found.
        Mesh sameNamespace = helloworld().apply(DELEGATE.replace("namespace: team", "namespace: default")).apply(root("{name: hello-api}"));
        assertThat(one(sameNamespace, "helloworld:5000/api/v2/x")).isEqualTo("v2");
    }

    @Test
    @DisplayName("a delegate alone routes nothing; explain names the root rule and the delegate rule")
    void explained() {
        Mesh alone = helloworld().apply(TEAM).apply(DELEGATE);
        assertThat(alone.send(100).from("nginx").to("helloworld:5000/api/v2").countByWorkload()).containsOnlyKeys("helloworld-v1", "helloworld-v2");
        Mesh mesh = mesh("{name: hello-api, namespace: team}", DELEGATE);
        assertThat(mesh.explain().from("nginx").to("helloworld:5000/api/v2/x").steps())
                .anyMatch(s -> s.contains("VirtualService default/root http[0] delegated to VirtualService team/hello-api http[0] match[0]"));
    }

    @Test
    @DisplayName("through a gateway: the root binds the gateway, the delegate's rules route")
    void atAGateway() {
        Mesh mesh = helloworld().apply(TEAM).apply(DELEGATE).withGateway(Routing.GATEWAY_ALL_HOSTS).apply(root("{name: hello-api, namespace: team}").replace("hosts: [helloworld]", "hosts: [\"*\"]\n  gateways: [gw]")
                .replace("{host: helloworld, subset: v1}", "{host: helloworld, subset: v1, port: {number: 5000}}"));
        assertThat(Routing.where(mesh.send(2).fromOutside().to("http://1.2.3.4/api/v2/x"))).isEqualTo("v2");
        assertThat(Routing.where(mesh.send(2).fromOutside().to("http://1.2.3.4/hello"))).isEqualTo("v1");
    }
}
