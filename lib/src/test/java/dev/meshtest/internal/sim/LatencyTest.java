package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.app.Latency;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void parsesTheAnnotationSyntax() {
        assertThat(Latency.parse("120ms")).isEqualTo(Latency.fixed(Duration.ofMillis(120)));
        assertThat(Latency.parse("1.5s")).isEqualTo(Latency.fixed(Duration.ofMillis(1500)));
        assertThat(Latency.parse("uniform(50ms, 150ms)")).isEqualTo(Latency.uniform(Duration.ofMillis(50), Duration.ofMillis(150)));
        assertThat(Latency.parse("exponential(100ms)")).isEqualTo(Latency.exponential(Duration.ofMillis(100)));
        assertThat(Latency.parse("lognormal(100ms,0.5)")).isEqualTo(Latency.logNormal(Duration.ofMillis(100), 0.5));
        assertThat(Latency.parse("250us").toString()).isEqualTo("250us");
        assertThatThrownBy(() -> Latency.parse("120")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Latency.parse("gamma(1s)")).hasMessageContaining("unknown distribution gamma");
    }

    @Test
    void fixedDrawsNothing() {
        SeededRandom a = new SeededRandom(3);
        SeededRandom b = new SeededRandom(3);
        assertThat(Sampler.sample(Latency.fixed(Duration.ofMillis(7)), a)).isEqualTo(7_000_000L);
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }

    @Test
    void samplesAreSeededAndHaveTheRightMean() {
        for (Latency l : new Latency[] {Latency.uniform(Duration.ofMillis(50), Duration.ofMillis(150)),
                Latency.exponential(Duration.ofMillis(100)), Latency.logNormal(Duration.ofMillis(100), 0.5)}) {
            SeededRandom r1 = new SeededRandom(9);
            SeededRandom r2 = new SeededRandom(9);
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                long s = Sampler.sample(l, r1);
                assertThat(s).isEqualTo(Sampler.sample(l, r2)).isNotNegative();
                sum += s;
            }
            assertThat(sum / n).as("%s", l).isCloseTo(l.meanNanos(), org.assertj.core.data.Percentage.withPercentage(5));
        }
    }
}
