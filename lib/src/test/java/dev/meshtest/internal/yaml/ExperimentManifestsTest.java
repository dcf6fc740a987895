package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Resource;
import dev.meshtest.config.istio.ConsistentHashLb;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.DestinationRuleSpec;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.GatewaySpec;
import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpRouteDestination;
import dev.meshtest.config.istio.HttpSettings;
import dev.meshtest.config.istio.LoadBalancerSettings;
import dev.meshtest.config.istio.Port;
import dev.meshtest.config.istio.PortSelector;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.istio.VirtualServiceSpec;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.ContainerPort;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.DeploymentSpec;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.config.kube.LabelSelector;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.config.kube.PodTemplateSpec;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every manifest of the classic experiments (docs/experiments.md, copies in
 * {@code src/test/resources/experiments}) loads and yields exactly the records it says.
 */
class ExperimentManifestsTest {

    private static List<Resource> load(String name) {
        return ManifestReader.readClasspath("classpath:experiments/" + name).stream().map(Manifest::resource).toList();
    }

    private static ObjectMeta meta(String name) {
        return ObjectMeta.of(name, null);
    }

    private static HttpRoute route(List<HttpMatchRequest> match, List<HttpRouteDestination> to) {
        return new HttpRoute(null, match, to, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static HttpRouteDestination to(String host, String subset, Integer port, Integer weight) {
        return new HttpRouteDestination(new Destination(host, subset, port == null ? null : new PortSelector(port)), weight, null);
    }

    private static VirtualService vs(String apiVersion, String name, String namespace, List<String> hosts,
                                     List<String> gateways, HttpRoute... http) {
        return new VirtualService(apiVersion, "VirtualService", ObjectMeta.of(name, namespace),
                new VirtualServiceSpec(hosts, gateways, List.of(http), null, null, null));
    }

    @Test
    void helloworld() {
        List<Resource> r = load("helloworld.yaml");
        assertThat(r).hasSize(3);
        assertThat(r.get(0)).isEqualTo(new Service("v1", "Service",
                ObjectMeta.of("helloworld", null, Map.of("app", "helloworld", "service", "helloworld")),
                new ServiceSpec(Map.of("app", "helloworld"), List.of(new ServicePort("http", 5000, null, null, null, null)),
                        null, null, null, null)));
        Map<String, String> v1 = Map.of("app", "helloworld", "version", "v1");
        assertThat(r.get(1)).isEqualTo(new Deployment("apps/v1", "Deployment", ObjectMeta.of("helloworld-v1", null, v1),
                new DeploymentSpec(1, new LabelSelector(v1, List.of()), new PodTemplateSpec(ObjectMeta.of(null, null, v1),
                        new PodSpec(List.of(new Container("helloworld", "docker.io/istio/examples-helloworld-v1:1.0",
                                List.of(new ContainerPort(null, 5000, null, null, null)))), List.of(), null, null, null)))));
        assertThat(((Deployment) r.get(2)).spec().template().metadata().labels()).containsEntry("version", "v2");
    }

    @Test
    void perVersionServices() {
        List<Resource> r = load("helloworld-per-version-services.yaml");
        assertThat(r).extracting(Resource::name).containsExactly("helloworld-v1", "helloworld-v2");
        assertThat(((Service) r.get(1)).spec().selector()).isEqualTo(Map.of("app", "helloworld", "version", "v2"));
    }

    @Test
    void e2Weighted() {
        assertThat(load("e2-weighted.yaml")).containsExactly(vs("networking.istio.io/v1", "helloworld-vs", null,
                List.of("helloworld.default.svc.cluster.local"), List.of(),
                route(List.of(), List.of(to("helloworld-v1.default.svc.cluster.local", null, null, 20),
                        to("helloworld-v2.default.svc.cluster.local", null, null, 80)))));
    }

    @Test
    void e3Gateway() {
        List<Resource> r = load("e3-gateway.yaml");
        assertThat(r.get(0)).isEqualTo(new Gateway("networking.istio.io/v1", "Gateway", meta("helloworld-gateway"),
                new GatewaySpec(List.of(new Server(new Port(80, "HTTP", "http", null), null, List.of("*"), null, null, null)),
                        Map.of("istio", "ingressgateway"))));
        assertThat(r.get(1)).isEqualTo(vs("networking.istio.io/v1", "helloworld-gateway-vs", null, List.of("*"),
                List.of("helloworld-gateway"),
                route(List.of(), List.of(to("helloworld-v1.default.svc.cluster.local", null, 5000, 70),
                        to("helloworld-v2.default.svc.cluster.local", null, 5000, 30)))));
    }

    @Test
    void e4Subsets() {
        List<Resource> r = load("e4-subsets.yaml");
        assertThat(r.get(0)).isEqualTo(new DestinationRule("networking.istio.io/v1", "DestinationRule", meta("helloworld-dr"),
                new DestinationRuleSpec("helloworld.default.svc.cluster.local", null,
                        List.of(new Subset("helloworld-v1", Map.of("version", "v1"), null),
                                new Subset("helloworld-v2", Map.of("version", "v2"), null)), null, null)));
        assertThat(((VirtualService) r.get(1)).spec().http().get(0).route())
                .extracting(d -> d.destination().subset(), HttpRouteDestination::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("helloworld-v1", 70),
                        org.assertj.core.groups.Tuple.tuple("helloworld-v2", 30));
    }

    @Test
    void e5AndE6UseV1alpha3() {
        assertThat(load("e5-self-destination.yaml")).containsExactly(vs("networking.istio.io/v1alpha3", "self-destination",
                null, List.of("helloworld-v1.default.svc.cluster.local"), List.of(),
                route(List.of(), List.of(to("helloworld-v1.default.svc.cluster.local", null, null, null)))));
        assertThat(load("e6-circular.yaml")).extracting(Resource::name)
                .containsExactly("traffic-shift-v1-to-v2", "traffic-shift-v2-to-v1");
    }

    @Test
    void e7ConnectionPool() {
        DestinationRule dr = (DestinationRule) load("e7-max-connection.yaml").get(0);
        HttpSettings http = dr.spec().trafficPolicy().connectionPool().http();
        assertThat(http.http2MaxRequests()).isEqualTo(1);
        assertThat(http.http1MaxPendingRequests()).isNull();
        assertThat(dr.spec().host()).isEqualTo("helloworld-v1.default.svc.cluster.local");
    }

    @Test
    void e8MeshInternal() {
        List<Resource> r = load("e8-httpping.yaml");
        assertThat(r).extracting(Resource::kind).containsExactly("Namespace", "Service", "Deployment", "Deployment",
                "DestinationRule", "VirtualService");
        Service svc = (Service) r.get(1);
        assertThat(svc.spec().ports()).containsExactly(new ServicePort("http", 8080, IntOrString.of(80), null, null, null));
        assertThat(((Deployment) r.get(2)).spec().replicas()).isEqualTo(3);
        assertThat(r.get(5)).isEqualTo(vs("networking.istio.io/v1", "httpping", "ping", List.of("httpping"), List.of("mesh"),
                route(List.of(new HttpMatchRequest(null, new StringMatch(null, "/", null), null, null, null, null, null, null,
                                null, null, null, null, null, null)),
                        List.of(to("httpping", "v1", 8080, 10), to("httpping", "v2", 8080, 90)))));
    }

    @Test
    void e9ConsistentHash() {
        DestinationRule dr = (DestinationRule) load("e9-consistent-hash.yaml").get(0);
        assertThat(dr.spec().trafficPolicy().loadBalancer()).isEqualTo(new LoadBalancerSettings(null,
                new ConsistentHashLb("foo", null, null, null, null, null, null), null, null, null, null));
    }

    @Test
    void istioKindsInEveryNetworkingVersionAndIgnoredSecurityKinds() {
        for (String v : List.of("v1", "v1beta1", "v1alpha3")) {
            assertThat(Kinds.standard().resolve("networking.istio.io/" + v, "VirtualService"))
                    .isEqualTo(new Kinds.Simulated(VirtualService.class));
        }
        List<Manifest> m = ManifestReader.read("""
                apiVersion: telemetry.istio.io/v1
                kind: Telemetry
                metadata: {name: mesh-default}
                spec: {}
                """);
        assertThat(m.get(0).resource()).isInstanceOf(IgnoredResource.class);
    }
}
