package dev.meshtest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** An Origin's compact positions answer as the map they were made from. */
class PositionMapTest {

    @RepeatedTest(20)
    @DisplayName("any set of paths: the same entries, lookups, equality and hash code as a HashMap")
    void sameAsHashMap(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        Map<String, Position> plain = new HashMap<>();
        int n = random.nextInt(200);
        for (int i = 0; i < n; i++) {
            plain.put("spec.http[" + random.nextInt(50) + "].route[" + random.nextInt(5) + "]",
                    new Position(1 + random.nextInt(Integer.MAX_VALUE - 1), 1 + random.nextInt(10_000)));
        }
        Origin origin = new Origin("mesh.yaml", plain);
        Map<String, Position> compact = origin.positions();
        assertThat(compact).isEqualTo(plain).hasSameHashCodeAs(plain).hasSize(plain.size());
        assertThat(plain).isEqualTo(compact);
        plain.forEach((k, v) -> assertThat(compact.get(k)).isEqualTo(v));
        assertThat(compact.get("spec.tcp")).isNull();
        assertThat(compact.containsKey(42)).isFalse();
        assertThat(new Origin("mesh.yaml", compact).positions()).isSameAs(compact);
        if (!compact.isEmpty()) {
            assertThat(compact).isUnmodifiable();
        }
    }

    @Test
    @DisplayName("locate() finds a field's position, or its nearest ancestor's")
    void locate() {
        Origin origin = new Origin("vs.yaml", Map.of("", new Position(3, 1), "spec.hosts", new Position(7, 3)));
        assertThat(origin.locate("spec.hosts[0]")).isEqualTo("vs.yaml:7:3");
        assertThat(origin.locate("spec.http")).isEqualTo("vs.yaml:3:1");
        assertThat(new Origin("empty.yaml", Map.of()).locate("spec")).isEqualTo("empty.yaml");
    }
}
