package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.OutlierDetectionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** istio-rules §6.7: consecutive errors, ejection limits, un-ejection at interval ticks, panic. */
class OutlierDetectorTest {

    private static final long S = 1_000_000_000L;

    private static List<LbEndpoint> hosts(int n) {
        List<LbEndpoint> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new LbEndpoint("10.0.0." + (i + 1), 80, null, null, true));
        }
        return l;
    }

    private static OutlierDetectionPolicy policy(int c5xx, int gw, int maxPercent, int minHealth) {
        return new OutlierDetectionPolicy(c5xx, gw, Duration.ofSeconds(10), Duration.ofSeconds(30), maxPercent, minHealth);
    }

    @Test
    void ejectsOnTheNthConsecutive5xxAndANonErrorResetsTheCount() {
        List<LbEndpoint> h = hosts(2);
        OutlierDetector od = new OutlierDetector(policy(3, 0, 100, 0), 0);
        od.record(h.get(0), 500, 2, 1);
        od.record(h.get(0), 500, 2, 2);
        od.record(h.get(0), 200, 2, 3);
        od.record(h.get(0), 500, 2, 4);
        od.record(h.get(0), 503, 2, 5);
        assertThat(od.isEjected(h.get(0), 5)).isFalse();
        od.record(h.get(0), 500, 2, 6);
        assertThat(od.isEjected(h.get(0), 6)).isTrue();
        assertThat(od.available(h, 6)).containsExactly(h.get(1));
    }

    @Test
    void theDefaultTenPercentEjectsNothingBelowTenHosts() {
        List<LbEndpoint> h = hosts(9);
        OutlierDetector od = new OutlierDetector(policy(1, 0, 10, 0), 0);
        od.record(h.get(0), 500, 9, 1);
        assertThat(od.ejected(1)).isZero();
        List<LbEndpoint> ten = hosts(10);
        OutlierDetector od10 = new OutlierDetector(policy(1, 0, 10, 0), 0);
        od10.record(ten.get(0), 500, 10, 1);
        assertThat(od10.ejected(1)).isEqualTo(1);
        od10.record(ten.get(1), 500, 10, 2);
        assertThat(od10.ejected(2)).isEqualTo(1); // (1 + 1) / 10 = 20% > 10%
    }

    @Test
    void gatewayErrorsCountOnly502To504() {
        List<LbEndpoint> h = hosts(1);
        OutlierDetector od = new OutlierDetector(policy(0, 2, 100, 0), 0);
        od.record(h.get(0), 503, 1, 1);
        od.record(h.get(0), 500, 1, 2); // a 5xx that is not a gateway error resets the gateway count
        od.record(h.get(0), 504, 1, 3);
        assertThat(od.ejected(3)).isZero();
        od.record(h.get(0), 502, 1, 4);
        assertThat(od.ejected(4)).isEqualTo(1);
    }

    @Test
    void comesBackAtTheFirstIntervalTickAfterBaseTimesEjections() {
        List<LbEndpoint> h = hosts(1);
        OutlierDetector od = new OutlierDetector(policy(1, 0, 100, 0), 0);
        od.record(h.get(0), 500, 1, 5 * S);           // ejected at 5 s for 30 s: due at 35 s, next tick 40 s
        assertThat(od.isEjected(h.get(0), 39 * S)).isTrue();
        assertThat(od.available(h, 39 * S)).isEmpty();  // all ejected, panic off: 503 UH
        assertThat(od.isEjected(h.get(0), 40 * S)).isFalse();
        od.record(h.get(0), 500, 1, 41 * S);          // second ejection: 60 s, due 101 s, tick 110 s
        assertThat(od.isEjected(h.get(0), 109 * S)).isTrue();
        assertThat(od.isEjected(h.get(0), 110 * S)).isFalse();
    }

    @Test
    void ejectionTimeIsCappedAt300Seconds() {
        OutlierDetector od = new OutlierDetector(policy(1, 0, 100, 0), 0);
        assertThat(od.ejectionNanos(1)).isEqualTo(30 * S);
        assertThat(od.ejectionNanos(10)).isEqualTo(300 * S);
        assertThat(od.ejectionNanos(11)).isEqualTo(300 * S);
    }

    @Test
    void panicBalancesOverAllHostsBelowMinHealthPercent() {
        List<LbEndpoint> h = hosts(2);
        OutlierDetector od = new OutlierDetector(policy(1, 0, 100, 60), 0);
        od.record(h.get(0), 500, 2, 1);
        assertThat(od.available(h, 1)).containsExactlyElementsOf(h); // 50% healthy < 60%: panic
    }
}
