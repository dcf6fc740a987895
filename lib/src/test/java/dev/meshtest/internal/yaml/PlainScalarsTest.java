package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The reader's shortcuts for plain scalars give SnakeYAML's own resolver's tags. */
class PlainScalarsTest {

    private static final String ALPHABET = "0123456789_-+.:eExXbBoOtTfFyYnNlLuUrRsSaA~<! Zz";
    private static final Resolver SNAKEYAML = new Resolver();
    private static final ManifestReader.PlainScalars OURS = new ManifestReader.PlainScalars();

    @RepeatedTest(50)
    @DisplayName("random plain scalars resolve to the same tag")
    void sameTags(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        for (int k = 0; k < 2000; k++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String v = sb.toString();
            assertThat(OURS.resolve(NodeId.scalar, v, true)).as(v).isEqualTo(SNAKEYAML.resolve(NodeId.scalar, v, true));
        }
    }

    @Test
    @DisplayName("words, numbers and literals of YAML 1.1")
    void examples() {
        for (String v : new String[] {"namespace", "targetPort", "false", "FALSE", "Off", "null", "nullable", "8080", "0",
                "0123", "089", "1_000", "1:20", "12e3", "2024-01-02", "10.5", "true", "yes", "no", "version", "~"}) {
            assertThat(OURS.resolve(NodeId.scalar, v, true)).as(v).isEqualTo(SNAKEYAML.resolve(NodeId.scalar, v, true));
        }
    }
}
