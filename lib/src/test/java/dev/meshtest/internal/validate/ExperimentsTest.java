package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Fixtures.dest;
import static dev.meshtest.internal.validate.Fixtures.dr;
import static dev.meshtest.internal.validate.Fixtures.drSpec;
import static dev.meshtest.internal.validate.Fixtures.gateway;
import static dev.meshtest.internal.validate.Fixtures.http;
import static dev.meshtest.internal.validate.Fixtures.prefix;
import static dev.meshtest.internal.validate.Fixtures.routeTo;
import static dev.meshtest.internal.validate.Fixtures.server;
import static dev.meshtest.internal.validate.Fixtures.subset;
import static dev.meshtest.internal.validate.Fixtures.tp;
import static dev.meshtest.internal.validate.Fixtures.uri;
import static dev.meshtest.internal.validate.Fixtures.vs;
import static dev.meshtest.internal.validate.Fixtures.vsSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Resource;
import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.ConsistentHashLb;
import dev.meshtest.config.istio.HttpSettings;
import dev.meshtest.config.istio.LoadBalancerSettings;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The valid manifests of {@code experiments.md} (E2 to E9) pass admission without problems or warnings. */
class ExperimentsTest {

    private static final String V1 = "helloworld-v1.default.svc.cluster.local";
    private static final String V2 = "helloworld-v2.default.svc.cluster.local";
    private static final String HELLO = "helloworld.default.svc.cluster.local";

    static Stream<Arguments> validManifests() {
        VirtualService e2 = vs("helloworld-vs", vsSpec(List.of(HELLO), null, routeTo(dest(V1, 20), dest(V2, 80))));
        Resource e3gw = gateway("helloworld-gateway", server(80, "http", "HTTP", null, "*"));
        VirtualService e3vs = vs("helloworld-gateway-vs", vsSpec(List.of("*"), List.of("helloworld-gateway"),
                routeTo(dest(V1, null, 5000, 70), dest(V2, null, 5000, 30))));
        Resource e4dr = dr("helloworld-dr", drSpec(HELLO, null,
                subset("helloworld-v1", Map.of("version", "v1")), subset("helloworld-v2", Map.of("version", "v2"))));
        VirtualService e4vs = vs("helloworld-vs-w-dr", vsSpec(List.of(HELLO), null,
                routeTo(dest(HELLO, "helloworld-v1", null, 70), dest(HELLO, "helloworld-v2", null, 30))));
        VirtualService e5 = vs("self-destination", vsSpec(List.of(V1), null, routeTo(dest(V1, null))));
        VirtualService e6a = vs("traffic-shift-v1-to-v2", vsSpec(List.of(V1), null, routeTo(dest(V2, null))));
        VirtualService e6b = vs("traffic-shift-v2-to-v1", vsSpec(List.of(V2), null, routeTo(dest(V1, null))));
        Resource e7 = dr("helloworld-v1-max-connection", drSpec(V1, tp(null,
                new ConnectionPoolSettings(null, new HttpSettings(null, 1, null, null, null, null, null, null, null)), null)));
        VirtualService e8vs = vs("httpping", vsSpec(List.of("httpping"), List.of("mesh"),
                http().match(uri(prefix("/"))).route(dest("httpping", "v1", 8080, 10), dest("httpping", "v2", 8080, 90)).build()));
        Resource e8dr = dr("httpping", drSpec("httpping", null,
                subset("v1", Map.of("version", "v1")), subset("v2", Map.of("version", "v2"))));
        Resource e9 = dr("httpping", drSpec("httpping", tp(new LoadBalancerSettings(null,
                new ConsistentHashLb("foo", null, null, null, null, null, null), null, null, null, null), null, null)));
        return Stream.of(
                Arguments.of("E2 weighted VirtualService", e2),
                Arguments.of("E3 Gateway", e3gw),
                Arguments.of("E3 VirtualService bound to the gateway", e3vs),
                Arguments.of("E4 DestinationRule subsets", e4dr),
                Arguments.of("E4 VirtualService over subsets", e4vs),
                Arguments.of("E5 self-destination", e5),
                Arguments.of("E6 v1 to v2", e6a),
                Arguments.of("E6 v2 to v1", e6b),
                Arguments.of("E7 connection pool", e7),
                Arguments.of("E8 VirtualService", e8vs),
                Arguments.of("E8 DestinationRule", e8dr),
                Arguments.of("E9 consistent hash", e9),
                Arguments.of("a Kubernetes Service (the API server's own checks)", new Service("v1", "Service",
                        ObjectMeta.of("helloworld", "default"),
                        new ServiceSpec(Map.of("app", "helloworld"), List.of(new ServicePort("http", 5000, null, null, null, null)),
                                null, null, null, null))),
                Arguments.of("a Namespace", new Namespace("v1", "Namespace", ObjectMeta.of("shop", null))),
                Arguments.of("an ignored resource", new IgnoredResource("v1", "ConfigMap",
                        ObjectMeta.of("cfg", "default"), "not used for routing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validManifests")
    void isAccepted(String name, Resource resource) {
        Manifest manifest = Manifest.inCode(resource);
        assertThat(Admission.review(manifest)).isEmpty();
        assertThat(Admission.warnings(manifest)).isEmpty();
    }
}
