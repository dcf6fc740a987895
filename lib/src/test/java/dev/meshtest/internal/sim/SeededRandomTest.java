package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulation's stream draws what SplittableRandom draws (so seeds keep their results), and copies fork it. */
class SeededRandomTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, -7, Long.MAX_VALUE, 0x5DEECE66DL})
    void drawsTheSameNumbersAsSplittableRandom(long seed) {
        SeededRandom ours = new SeededRandom(seed);
        SplittableRandom jdk = new SplittableRandom(seed);
        SplittableRandom bounds = new SplittableRandom(seed ^ 99);
        for (int i = 0; i < 20_000; i++) {
            switch (i % 6) {
                case 0 -> assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
                case 1 -> assertThat(ours.nextInt()).isEqualTo(jdk.nextInt());
                case 2 -> {
                    int bound = 1 + bounds.nextInt(Integer.MAX_VALUE);
                    assertThat(ours.nextInt(bound)).as("nextInt(%d)", bound).isEqualTo(jdk.nextInt(bound));
                }
                case 3 -> {
                    long bound = 1 + bounds.nextLong(Long.MAX_VALUE);
                    assertThat(ours.nextLong(bound)).as("nextLong(%d)", bound).isEqualTo(jdk.nextLong(bound));
                }
                case 4 -> {
                    int small = 1 << bounds.nextInt(20);
                    assertThat(ours.nextInt(small)).isEqualTo(jdk.nextInt(small));
                    assertThat(ours.nextLong(small)).isEqualTo(jdk.nextLong(small));
                }
                default -> assertThat(ours.nextDouble()).isEqualTo(jdk.nextDouble());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 42})
    void aCopyDrawsWhatTheOriginalWouldAndLeavesItAlone(long seed) {
        SeededRandom random = new SeededRandom(seed);
        random.nextLong();
        SeededRandom fork = random.copy();
        long[] forked = {fork.nextLong(), fork.nextLong(), fork.nextLong()};
        assertThat(new long[] {random.nextLong(), random.nextLong(), random.nextLong()}).containsExactly(forked);
    }
}
