package dev.meshtest.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Istio's two "oldest first" orders: configs and services tie on name then namespace, service targets on hostname. */
class CreationOrderTest {

    private static final Instant T = Instant.parse("2024-01-01T00:00:07Z");

    @Test
    void timesCompareInWholeSecondsAsKubernetesStoresThem() {
        assertThat(CreationOrder.compare(T.plusMillis(900), "b", "ns", T, "a", "ns")).isPositive();
        assertThat(CreationOrder.compare(T, "a", "ns", T.plusSeconds(1), "a", "ns")).isNegative();
    }

    @Test
    void configsAndServicesTieOnNameThenNamespace() {
        // "foo" sorts before "foo-x" by name, though "foo-x.aa" sorts before "foo.zz" as a hostname.
        assertThat(CreationOrder.compare(T, "foo", "zz", T, "foo-x", "aa")).isNegative();
        assertThat(CreationOrder.compare(T, "foo", "zz", T, "foo", "aa")).isPositive();
    }

    @Test
    void serviceTargetsTieOnHostname() {
        assertThat(CreationOrder.compareTargets(T, "foo.zz.svc.cluster.local", T, "foo-x.aa.svc.cluster.local")).isPositive();
    }
}
