package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The fast resolver answers exactly as SnakeYAML's for every scalar, plain or not. */
class PlainScalarsTest {

    private static final String ALPHABET = "abnotyfNTFOY~-+.0123456789<=!&*:_ xe\0/";
    private static final String[] WORDS = {"", "true", "True", "no", "NO", "on", "off", "null", "Null", "~", "yes", "1",
        "-1", "0x1F", "1.5", ".inf", "-.Inf", ".nan", "<<", "=", "2024-01-01", "1:30", "0o17", "0b101", "1_000", "n", "t",
        "helloworld", "metadata", "name", "namespace", "v1", "5000", "80%", "nullable", "Tomorrow"};

    @RepeatedTest(20)
    @DisplayName("generated scalars and YAML's special words resolve to the same tag")
    void sameTagAsSnakeYaml(RepetitionInfo info) {
        Resolver snake = new Resolver();
        Resolver fast = new ManifestReader.PlainScalars();
        SplittableRandom g = new SplittableRandom(info.getCurrentRepetition());
        for (String w : WORDS) {
            for (boolean implicit : new boolean[] {true, false}) {
                assertThat(fast.resolve(NodeId.scalar, w, implicit)).as("%s", w).isEqualTo(snake.resolve(NodeId.scalar, w, implicit));
            }
        }
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            int n = g.nextInt(8);
            for (int k = 0; k < n; k++) {
                s.append(ALPHABET.charAt(g.nextInt(ALPHABET.length())));
            }
            String v = s.toString();
            assertThat(fast.resolve(NodeId.scalar, v, true)).as("\"%s\"", v).isEqualTo(snake.resolve(NodeId.scalar, v, true));
        }
    }
}
