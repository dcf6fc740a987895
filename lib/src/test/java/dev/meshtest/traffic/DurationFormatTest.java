package dev.meshtest.traffic;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationFormatTest {

    @Test
    void millisecondsBelowASecondSecondsAbove() {
        assertThat(DurationFormat.of(Duration.ZERO)).isEqualTo("0ms");
        assertThat(DurationFormat.of(Duration.ofNanos(500_000))).isEqualTo("0.5ms");
        assertThat(DurationFormat.of(Duration.ofMillis(101))).isEqualTo("101ms");
        assertThat(DurationFormat.of(Duration.ofMillis(2101))).isEqualTo("2.101s");
        assertThat(DurationFormat.of(Duration.ofSeconds(300))).isEqualTo("300s");
    }

    @Test
    void descriptionsReadAsPeopleWriteDurations() {
        TrafficResult r = mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx")
                .send(Duration.ofSeconds(2)).from("nginx").rate(5).to("helloworld:5000/hello");
        assertThat(r.description()).startsWith("for 2s (10 requests) at 5.0/s x GET http://helloworld:5000/hello");
        assertThat(r.between(Duration.ZERO, Duration.ofMillis(500)).description())
                .endsWith(", those started from 0ms to 500ms (3 of 10)");
    }
}
