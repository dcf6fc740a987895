package dev.meshtest.internal.cluster;

import static dev.meshtest.internal.cluster.K8s.dr;
import static dev.meshtest.internal.cluster.K8s.m;
import static dev.meshtest.internal.cluster.K8s.vs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.Resource;
import dev.meshtest.internal.cluster.K8s.FakeDestinationRule;
import dev.meshtest.internal.cluster.K8s.FakeVirtualService;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreationTimeTest {

    @Test
    void syntheticClockTicksOneSecondPerApplyCall() {
        Cluster c = Cluster.empty(1);
        // empty() created 4 namespaces in one call: 00:00:00
        c.apply(m(vs("b", null, "b"), dr("b", null, "b"), vs("a", null, "a")));
        c.apply(m(vs("c", null, "c")));
        assertThat(c.state().configs(FakeVirtualService.class))
                .extracting(s -> s.resource().name() + "@" + s.creationTime() + "#" + s.sequence())
                .containsExactly("b@2024-01-01T00:00:01Z#7", "a@2024-01-01T00:00:01Z#9", "c@2024-01-01T00:00:02Z#10");
        assertThat(c.state().configs(FakeDestinationRule.class)).extracting(StoredConfig::creationTime)
                .containsExactly(Instant.parse("2024-01-01T00:00:01Z"));
        assertThat(Cluster.CLOCK_START).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void explicitCreationTimestampsAreSetByTheApiServerInstead() {
        Cluster c = Cluster.empty(1);
        c.apply(m(vs("new", null, Instant.parse("2025-06-01T12:00:00Z")),
                vs("old", null, Instant.parse("2021-01-01T00:00:00Z")),
                vs("applied-later", null, (Instant) null)));
        assertThat(c.state().configs(FakeVirtualService.class))
                .extracting(s -> s.resource().name() + "@" + s.creationTime())
                .containsExactly("new@2024-01-01T00:00:01Z", "old@2024-01-01T00:00:01Z",
                        "applied-later@2024-01-01T00:00:01Z");
    }

    @Test
    void replacingKeepsCreationTime() {
        Cluster c = Cluster.empty(1);
        c.apply(m(vs("a", null, "a")));
        StoredConfig<FakeVirtualService> first = c.state().configs(FakeVirtualService.class).get(0);
        c.apply(m(vs("z", null, "z")));
        c.apply(m(vs("a", null, "a", "a2")));
        StoredConfig<FakeVirtualService> replaced = c.state().configs(FakeVirtualService.class).get(0);
        assertThat(replaced.resource().hosts()).containsExactly("a", "a2");
        assertThat(replaced.creationTime()).isEqualTo(first.creationTime());
        assertThat(replaced.sequence()).isEqualTo(first.sequence());
    }

    @Test
    void configsOfAnyTypeAndTheirRefs() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(vs("a", null, "a"), dr("a", null, "a")));
        assertThat(c.state().configs(Resource.class)).extracting(s -> s.ref().toString()).endsWith(
                "VirtualService default/a", "DestinationRule default/a");
        assertThat(c.state().configs(dev.meshtest.config.kube.Service.class)).extracting(s -> s.ref().toString())
                .containsExactly("Service default/kubernetes", "Service kube-system/kube-dns", "Service istio-system/istio-ingressgateway");
        assertThat(c.state().config(new dev.meshtest.config.ResourceRef("DestinationRule", "default", "a")))
                .isPresent();
    }
}
