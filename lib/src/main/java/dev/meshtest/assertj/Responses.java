package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The responses of a result that carried one HTTP status: what
 * {@link TrafficResultAssert#hasStatus(int)} hands to {@link StatusAssert}.
 *
 * <pre>{@code
 * Responses r = Responses.of(burst, 503);
 * r.count();      // 12
 * r.outcomeCounts();   // {503 UO from outbound|5000||helloworld...=12}
 * r.toString();   // "12 of 500 responses with status 503"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Responses {

    private final TrafficResult result;
    private final int status;
    /** The requests answered with the status. */
    private final TrafficResult matching;

    private Responses(TrafficResult result, int status) {
        this.result = Objects.requireNonNull(result, "result");
        this.status = status;
        this.matching = result.where(o -> o.status() == status, "status " + status);
    }

    /**
     * The responses of {@code result} with {@code status} (0: no HTTP response).
     *
     * @param result the traffic
     * @param status an HTTP status
     * @return the requests answered with that status
     */
    public static Responses of(TrafficResult result, int status) {
        return new Responses(result, status);
    }

    /**
     * The whole result.
     *
     * @return the traffic
     */
    public TrafficResult result() {
        return result;
    }

    /**
     * The status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The outcomes with that status, in send order.
     *
     * @return the outcomes of the requests answered with the status, in send order
     * @throws IllegalStateException on an aggregated result: see {@link #outcomeCounts()}
     */
    public List<Outcome> outcomes() {
        return matching.outcomes();
    }

    /**
     * The responses' outcomes, each with how many requests ended so; works on an aggregated result too.
     *
     * @return the outcomes with this status, counted, in the order of the first request that had each
     */
    public Map<Outcome, Long> outcomeCounts() {
        return matching.outcomeCounts();
    }

    /**
     * How many responses had that status.
     *
     * @return how many requests were answered with the status
     */
    public int count() {
        return matching.size();
    }

    @Override
    public String toString() {
        return count() + " of " + result.size() + " responses with status " + status;
    }
}
