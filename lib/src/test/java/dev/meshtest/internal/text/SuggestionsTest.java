package dev.meshtest.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    /** The whole table, as the textbook computes optimal string alignment: what the band must agree with. */
    private static int fullDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    private static String word(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append("abc".charAt(random.nextInt(3)));
        }
        return sb.toString();
    }

    @RepeatedTest(20)
    void theBandAgreesWithTheWholeTableUpToTheLimit(RepetitionInfo rep) {
        SplittableRandom random = new SplittableRandom(7919L * rep.getCurrentRepetition());
        for (int k = 0; k < 500; k++) {
            String a = word(random);
            String b = random.nextInt(3) == 0 ? a + word(random) : word(random);
            int limit = random.nextInt(5);
            int full = fullDistance(a, b);
            assertThat(Suggestions.distance(a, b, limit))
                    .as("distance(%s, %s, %d), full %d", a, b, limit, full)
                    .isEqualTo(Math.min(full, limit + 1));
        }
    }

    @Test
    void closeNamesAreSuggestedAndFarOnesAreNot() {
        assertThat(Suggestions.closest("prots", List.of("selector", "ports"))).isEqualTo("ports");
        assertThat(Suggestions.closest("Virtualservice", List.of("VirtualService", "Service"))).isEqualTo("VirtualService");
        assertThat(Suggestions.closest("hots", List.of("hosts"))).isEqualTo("hosts");
        assertThat(Suggestions.closest("xyz", List.of("hosts"))).isNull();
    }

    @Test
    void aNameOfMillionsOfCharactersCostsALengthComparison() {
        String huge = "VirtualServic" + "e".repeat(3_000_000);
        // A guard against quadratic time (hours for this name), not a measurement: generous for a busy machine.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(Suggestions.closest(huge, List.of("VirtualService", "Gateway"))).isNull();
            assertThat(Suggestions.distance(huge, huge.substring(1), 2)).isEqualTo(1);
        });
    }
}
