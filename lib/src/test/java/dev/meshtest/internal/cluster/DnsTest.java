package dev.meshtest.internal.cluster;

import static dev.meshtest.internal.cluster.K8s.m;
import static dev.meshtest.internal.cluster.K8s.ns;
import static dev.meshtest.internal.cluster.K8s.port;
import static dev.meshtest.internal.cluster.K8s.svc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** istio-rules §1.4: names a client in namespace shop may use. */
class DnsTest {

    static ClusterState state;

    @BeforeAll
    static void cluster() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(ns("shop"), ns("prod"), ns("svc"),
                svc("reviews", "prod", Map.of("app", "reviews"), port("http", 9080)),
                svc("cart", "shop", Map.of("app", "cart"), port("http", 8080)),
                svc("odd", "svc", Map.of("app", "odd"), port("http", 80))));
        state = c.state();
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource(nullValues = "NXDOMAIN", value = {
            "cart,                              shop, cart.shop",
            "reviews,                           shop, NXDOMAIN",     // no fallback to other namespaces
            "reviews,                           prod, reviews.prod",
            "reviews.prod,                      shop, reviews.prod",
            "reviews.prod.svc,                  shop, reviews.prod",
            "reviews.prod.svc.cluster.local,    shop, reviews.prod",
            "reviews.prod.svc.cluster.local.,   shop, reviews.prod",
            "Reviews.Prod,                      shop, reviews.prod", // DNS is case-insensitive
            "cart.,                             shop, NXDOMAIN",     // absolute: no search list
            "reviews.prod.,                     shop, NXDOMAIN",
            "reviews.shop,                      shop, NXDOMAIN",
            "reviews.prod.svc.cluster,          shop, NXDOMAIN",
            "details,                           shop, NXDOMAIN",
            "prod,                              shop, NXDOMAIN",
            "odd.svc,                           shop, odd.svc",      // a namespace named svc, via svc.cluster.local
            "'',                                shop, NXDOMAIN",
    })
    void resolve(String name, String clientNamespace, String expected) {
        assertThat(state.resolve(name, clientNamespace).map(s -> s.name() + "." + s.namespace()))
                .isEqualTo(java.util.Optional.ofNullable(expected));
    }
}
