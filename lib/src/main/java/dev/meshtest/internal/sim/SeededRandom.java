package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The simulation's one seeded random stream: the same numbers as {@link java.util.SplittableRandom}
 * made with the same seed (SplitMix64, and the JDK's bounded draws), but a stream that can be
 * {@link #copy() copied}, so an explanation can fork the mesh and draw exactly what the next
 * request would draw without moving the mesh's own stream.
 *
 * <pre>{@code
 * SeededRandom random = new SeededRandom(42);
 * SeededRandom fork = random.copy();
 * random.nextInt(10) == fork.nextInt(10);   // true
 * }</pre>
 */
@API(status = INTERNAL, since = "0.2")
public final class SeededRandom {

    /** SplittableRandom's gamma for a stream made from a seed. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;

    /** A stream from {@code seed}; draws equal those of {@code new SplittableRandom(seed)}. */
    public SeededRandom(long seed) {
        this.seed = seed;
    }

    /** A stream at the same place as this one; drawing from either does not move the other. */
    public SeededRandom copy() {
        SeededRandom c = new SeededRandom(0);
        c.seed = seed;
        return c;
    }

    private long nextSeed() {
        return seed += GOLDEN_GAMMA;
    }

    /** A uniformly random long. */
    public long nextLong() {
        long z = nextSeed();
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniformly random int. */
    public int nextInt() {
        long z = nextSeed();
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** A uniformly random int in {@code [0, bound)}; {@code bound} positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) {
            return r & m;
        }
        // Reject the over-represented candidates, as the JDK does.
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // draw again
        }
        return r;
    }

    /** A uniformly random long in {@code [0, bound)}; {@code bound} positive. */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        long m = bound - 1;
        long r = nextLong();
        if ((bound & m) == 0L) {
            return r & m;
        }
        for (long u = r >>> 1; u + m - (r = u % bound) < 0L; u = nextLong() >>> 1) {
            // draw again
        }
        return r;
    }

    /** A uniformly random double in {@code [0, 1)}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
