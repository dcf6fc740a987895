package dev.meshtest.internal.sim;

import dev.meshtest.app.Latency;

/**
 * Draws a {@link Latency} from the simulation's seeded stream, with {@link StrictMath} so that a
 * seed gives the same durations on every JVM.
 *
 * <pre>{@code
 * long nanos = Sampler.sample(Latency.exponential(Duration.ofMillis(100)), random);
 * }</pre>
 */
final class Sampler {

    /** The longest sample: a day. A heavy-tailed distribution could otherwise overflow the clock. */
    static final long MAX_SAMPLE_NANOS = 86_400_000_000_000L;

    private Sampler() {
    }

    /** The nanoseconds of a fixed latency (every sample alike, nothing drawn), else -1: to look up once, not per request. */
    static long fixedNanos(Latency latency) {
        return latency instanceof Latency.Fixed f ? f.value().toNanos() : -1;
    }

    /** One sample, in nanoseconds, at most {@link #MAX_SAMPLE_NANOS}; draws from {@code random} unless fixed. */
    static long sample(Latency latency, SeededRandom random) {
        if (latency instanceof Latency.Fixed f) {
            return f.value().toNanos();
        }
        if (latency instanceof Latency.Uniform u) {
            long lo = u.min().toNanos();
            long hi = u.max().toNanos();
            return lo == hi ? lo : lo + random.nextLong(hi - lo + 1);
        }
        double v;
        if (latency instanceof Latency.Exponential e) {
            v = -StrictMath.log(1.0 - random.nextDouble()) * e.mean().toNanos();
        } else {
            Latency.LogNormal l = (Latency.LogNormal) latency;
            v = l.median().toNanos() * StrictMath.exp(l.sigma() * gaussian(random));
        }
        return (long) Math.min(v, MAX_SAMPLE_NANOS);
    }

    /** A standard normal sample by Box–Muller from two uniform draws. */
    private static double gaussian(SeededRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
}
