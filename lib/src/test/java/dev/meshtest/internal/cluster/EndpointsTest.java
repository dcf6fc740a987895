package dev.meshtest.internal.cluster;

import static dev.meshtest.internal.cluster.K8s.cport;
import static dev.meshtest.internal.cluster.K8s.deployment;
import static dev.meshtest.internal.cluster.K8s.m;
import static dev.meshtest.internal.cluster.K8s.ns;
import static dev.meshtest.internal.cluster.K8s.pod;
import static dev.meshtest.internal.cluster.K8s.port;
import static dev.meshtest.internal.cluster.K8s.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.kube.ServiceSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** istio-rules §1.1: Service → endpoints. */
class EndpointsTest {

    @Test
    void selectorIsAnAndOfLabelsInTheServicesNamespaceOnly() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(ns("other"),
                pod("v1", null, Map.of("app", "reviews", "version", "v1"), cport(9080)),      // 10.244.0.2
                pod("v2", null, Map.of("app", "reviews", "version", "v2"), cport(9080)),      // 10.244.0.3
                pod("ratings", null, Map.of("app", "ratings", "version", "v1"), cport(9080)), // 10.244.0.4
                pod("v1-elsewhere", "other", Map.of("app", "reviews", "version", "v1")),    // 10.244.0.5
                svc("reviews", null, Map.of("app", "reviews"), port("http", 9080)),
                svc("reviews-v1", null, Map.of("app", "reviews", "version", "v1"), port("http", 9080))));
        ClusterState s = c.state();
        ClusterService reviews = s.service("default", "reviews").orElseThrow();
        ClusterService reviewsV1 = s.service("default", "reviews-v1").orElseThrow();

        assertThat(s.endpoints(reviews, 9080)).extracting(e -> e.pod().name()).containsExactly("v1", "v2");
        assertThat(s.endpoints(reviewsV1, reviewsV1.ports().get(0))).containsExactly(
                new Endpoint(s.pod("default", "v1").orElseThrow(), "10.244.0.2", 9080, true));
        // a pod selected by several Services is an endpoint of each
        assertThat(s.servicesSelecting(s.pod("default", "v1").orElseThrow()))
                .extracting(ClusterService::name).containsExactly("reviews", "reviews-v1");
        // a port the Service does not have
        assertThat(s.endpoints(reviews, 8080)).isEmpty();
    }

    @Test
    void targetPortByNumberOrByContainerPortName() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(
                pod("named", null, Map.of("app", "web"), cport("http-web", 8080)),
                pod("other-name", null, Map.of("app", "web"), cport("metrics", 8080)),
                pod("unnamed", null, Map.of("app", "web"), cport(8080)),
                svc("by-number", null, Map.of("app", "web"), port("http", 80, 8080)),
                svc("by-name", null, Map.of("app", "web"), port("http", 80, "http-web")),
                svc("default-target", null, Map.of("app", "web"), port("http", 8080))));
        ClusterState s = c.state();
        assertThat(s.endpoints(s.service("default", "by-number").orElseThrow(), 80))
                .extracting(e -> e.pod().name() + "@" + e.port())
                .containsExactly("named@8080", "other-name@8080", "unnamed@8080");
        // only pods with a container port of that name are endpoints, like Kubernetes' endpoints controller
        assertThat(s.endpoints(s.service("default", "by-name").orElseThrow(), 80))
                .extracting(e -> e.pod().name() + "@" + e.port())
                .containsExactly("named@8080");
        assertThat(s.endpoints(s.service("default", "default-target").orElseThrow(), 8080))
                .extracting(Endpoint::port).containsExactly(8080, 8080, 8080);
    }

    @Test
    void notReadyPodsAreFlagged() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(deployment("web", null, 2, Map.of("app", "web"), cport(80)),
                svc("web", null, Map.of("app", "web"), port("http", 80))));
        ClusterPod first = c.state().workloadPods("default", "web").get(0);
        c.setReady("default", first.name(), false);
        ClusterState s = c.state();
        ClusterService web = s.service("default", "web").orElseThrow();
        assertThat(s.endpoints(web, 80)).extracting(Endpoint::ready).containsExactly(false, true);
        assertThat(s.readyEndpoints(web, 80)).hasSize(1).allMatch(e -> !e.pod().name().equals(first.name()));
    }

    @Test
    void aServiceWithoutSelectorHasNoEndpoints() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("a", null, Map.of("app", "web")), svc("manual", null, Map.of(), port("http", 80))));
        ClusterState s = c.state();
        assertThat(s.endpoints(s.service("default", "manual").orElseThrow(), 80)).isEmpty();
    }

    @Test
    void labelChangesMoveEndpoints() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("a", null, Map.of("app", "web")), svc("web", null, Map.of("app", "web"), port("http", 80))));
        c.apply(m(pod("a", null, Map.of("app", "api"))));
        ClusterState s = c.state();
        assertThat(s.endpoints(s.service("default", "web").orElseThrow(), 80)).isEmpty();
    }

    @Test
    void primaryServiceIsTheOldestThenByHostname() {
        Cluster c = Cluster.withIstio(1);
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        c.apply(m(pod("p", null, Map.of("app", "web"), cport(5000)),
                svcAt("zeta", t, port("http", 5000)),
                svcAt("alpha", t, port("http", 80, 5000)),
                svcAt("older", t.minusSeconds(1), port("http", 9090)),
                svcAt("newer", t.plusSeconds(1), port("http", 5000))));
        ClusterState s = c.state();
        ClusterPod p = s.pod("default", "p").orElseThrow();
        // "older" is oldest but does not reach the pod on 5000; alpha and zeta tie on time
        assertThat(s.primaryService(p, 5000)).map(ClusterService::name).contains("alpha");
        assertThat(s.primaryService(p, 9090)).map(ClusterService::name).contains("older");
        assertThat(s.primaryService(p, 1234)).isEmpty();
    }

    private static dev.meshtest.config.kube.Service svcAt(String name, Instant created,
                                                          dev.meshtest.config.kube.ServicePort port) {
        return new dev.meshtest.config.kube.Service("v1", "Service",
                new dev.meshtest.config.ObjectMeta(name, null, Map.of(), Map.of(), created, null),
                new ServiceSpec(Map.of("app", "web"), List.of(port), null, null, null, null));
    }
}
