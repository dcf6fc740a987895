package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
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

    /** The letters YAML 1.1's booleans and nulls are made of, in both cases. */
    private static final String WORD_LETTERS = "yYeEsSnNoOtTrRuUfFaAlL";

    @Test
    @DisplayName("every word of two to four letters the booleans and nulls are made of resolves to the same tag")
    void sameTagsForShortWords() {
        int n = WORD_LETTERS.length();
        for (int length = 2; length <= 4; length++) {
            char[] word = new char[length];
            for (long k = 0, all = (long) Math.pow(n, length); k < all; k++) {
                long rest = k;
                for (int i = 0; i < length; i++) {
                    word[i] = WORD_LETTERS.charAt((int) (rest % n));
                    rest /= n;
                }
                String v = new String(word);
                if (!OURS.resolve(NodeId.scalar, v, true).equals(SNAKEYAML.resolve(NodeId.scalar, v, true))) {
                    assertThat(OURS.resolve(NodeId.scalar, v, true)).as(v).isEqualTo(SNAKEYAML.resolve(NodeId.scalar, v, true));
                }
            }
        }
    }

    @RepeatedTest(10)
    @DisplayName("random five-letter words of those letters, and each case of false, resolve to the same tag")
    void sameTagsForFiveLetterWords(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(1000 + info.getCurrentRepetition());
        for (int k = 0; k < 2000; k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                sb.append(WORD_LETTERS.charAt(random.nextInt(WORD_LETTERS.length())));
            }
            String v = sb.toString();
            assertThat(OURS.resolve(NodeId.scalar, v, true)).as(v).isEqualTo(SNAKEYAML.resolve(NodeId.scalar, v, true));
        }
        for (int mask = 0; mask < 32; mask++) {
            char[] word = "false".toCharArray();
            for (int i = 0; i < 5; i++) {
                word[i] = (mask >> i & 1) == 1 ? Character.toUpperCase(word[i]) : word[i];
            }
            String v = new String(word);
            assertThat(OURS.resolve(NodeId.scalar, v, true)).as(v).isEqualTo(SNAKEYAML.resolve(NodeId.scalar, v, true));
        }
    }

    @Test
    @DisplayName("each word the reader knows as a boolean or null is one to SnakeYAML")
    void boolsAndNulls() {
        for (String v : ManifestReader.PlainScalars.BOOLS_AND_NULLS) {
            assertThat(SNAKEYAML.resolve(NodeId.scalar, v, true)).as(v).isIn(Tag.BOOL, Tag.NULL);
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
