package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The features of issue 13 together, in a mesh shaped like a platform team's
 * ({@code routing/real-shaped-mesh.yaml}): a root-namespace Sidecar with {@code ./*} and
 * {@code istio-system/*} (shop's own Sidecar adds payments), delegates per team, an ExternalName
 * alias, a StatefulSet behind a headless Service; exact routes from two pods in two namespaces.
 */
class RealShapedMeshTest {

    private static Mesh platform() {
        return mesh().apply("classpath:routing/real-shaped-mesh.yaml").withPod("web", "shop").withPod("batch", "data");
    }

    /** The workload (or pod, for a StatefulSet) that answered one request, or the status and flags. */
    private static String who(Mesh mesh, String from, String url, String header) {
        var spec = mesh.send(1).from(from);
        if (header != null) {
            spec = spec.header(header, "true");
        }
        Outcome o = spec.to(url).outcomes().get(0);
        return o.pod().isPresent() ? o.workload().orElseThrow() + (o.workload().get().equals("db") ? "/" + o.pod().get() : "")
                : o.status() + " " + o.flagsText();
    }

    @Test
    @DisplayName("from shop/web: the shop team's delegate owns /, the payments team's /pay/v1 through the alias; /pay/v2 falls to the shop's catch-all")
    void fromTheShop() {
        Mesh mesh = platform();
        assertThat(who(mesh, "shop/web", "api:8080/cart", null)).isEqualTo("api-v1");
        assertThat(who(mesh, "shop/web", "api:8080/cart", "x-canary")).isEqualTo("api-v2");
        assertThat(who(mesh, "shop/web", "api:8080/pay/v1/charge", null)).isEqualTo("ledger");
        // The merged routes are one flat list: /pay/v2 fits no payments rule, so the shop team's
        // catch-all (from the root's next rule) takes it, as Envoy would.
        assertThat(who(mesh, "shop/web", "api:8080/pay/v2", null)).isEqualTo("api-v1");
        assertThat(who(mesh, "shop/web", "payments-backend.payments:8080/x", null)).isEqualTo("ledger");
    }

    @Test
    @DisplayName("from data/batch: the database pods by their own names, the headless name reaches one of them; "
            + "the shop's API, not imported, passes through")
    void fromTheDataNamespace() {
        Mesh mesh = platform();
        assertThat(who(mesh, "data/batch", "db-0.db:8080/", null)).isEqualTo("db/db-0");
        assertThat(who(mesh, "data/batch", "db-2.db.data.svc.cluster.local:8080/", null)).isEqualTo("db/db-2");
        assertThat(mesh.send(300).from("data/batch").to("db:8080/").countByPod())
                .containsExactly(java.util.Map.entry("data/db-0", 105L), java.util.Map.entry("data/db-1", 88L), java.util.Map.entry("data/db-2", 107L));
        Routing.assertPlausible(88, 300, 1.0 / 3);
        // The root Sidecar keeps data's proxy to its own namespace: the shop's API passes through to
        // kube-proxy, which ignores the shop team's routes (all to v1) and picks either version.
        var api = mesh.send(200).from("data/batch").to("api.shop:8080/cart");
        assertThat(api.countByCluster()).containsOnlyKeys("PassthroughCluster");
        assertThat(api.countByWorkload()).containsExactly(java.util.Map.entry("api-v1", 93L), java.util.Map.entry("api-v2", 107L));
        Routing.assertPlausible(93, 200, 0.5);
    }
}
