package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The share of a result's requests that one {@link Destination} answered: what
 * {@link TrafficResultAssert#reached(Destination)} hands to {@link ShareAssert}.
 *
 * <pre>{@code
 * Share s = Share.of(result, workload("helloworld-v1"));
 * s.count();      // 174
 * s.total();      // 1000
 * s.observed();   // 0.174
 * s.toString();   // "174 of 1000 requests reached workload helloworld-v1"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Share {

    private final TrafficResult result;
    private final Destination destination;
    private final long count;

    private Share(TrafficResult result, Destination destination) {
        this.result = Objects.requireNonNull(result, "result");
        this.destination = Objects.requireNonNull(destination, "destination");
        long n = 0;
        for (java.util.Map.Entry<Outcome, Long> e : result.outcomeCounts().entrySet()) {
            if (destination.matches(e.getKey())) {
                n += e.getValue();
            }
        }
        this.count = n;
    }

    /**
     * Counts the requests of {@code result} that {@code destination} answered.
     *
     * @param result the traffic
     * @param destination where its requests may have gone
     * @return the share, counted
     */
    public static Share of(TrafficResult result, Destination destination) {
        return new Share(result, destination);
    }

    /**
     * The result counted.
     *
     * @return the traffic
     */
    public TrafficResult result() {
        return result;
    }

    /**
     * The destination counted.
     *
     * @return the destination
     */
    public Destination destination() {
        return destination;
    }

    /**
     * How many requests the destination answered.
     *
     * @return how many requests reached the destination
     */
    public long count() {
        return count;
    }

    /**
     * How many requests the result holds.
     *
     * @return how many requests were sent
     */
    public int total() {
        return result.size();
    }

    /**
     * {@code count() / total()}; {@code NaN} for an empty result.
     *
     * @return the observed share, {@code count() / total()}
     */
    public double observed() {
        return (double) count / total();
    }

    @Override
    public String toString() {
        return count + " of " + total() + " requests reached " + destination;
    }
}
