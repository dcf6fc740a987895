package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The responses of a result that carried one HTTP status: what
 * {@link TrafficResultAssert#hasStatus(int)} hands to {@link StatusAssert}.
 *
 * <pre>{@code
 * Responses r = Responses.of(burst, 503);
 * r.count();      // 12
 * r.outcomes();   // the 12 outcomes, in send order
 * r.toString();   // "12 of 500 responses with status 503"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Responses {

    private final TrafficResult result;
    private final int status;
    private final List<Outcome> outcomes;

    private Responses(TrafficResult result, int status) {
        this.result = Objects.requireNonNull(result, "result");
        this.status = status;
        List<Outcome> matching = new ArrayList<>();
        for (Outcome o : result.outcomes()) {
            if (o.status() == status) {
                matching.add(o);
            }
        }
        this.outcomes = Collections.unmodifiableList(matching);
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
     */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    /**
     * How many responses had that status.
     *
     * @return how many requests were answered with the status
     */
    public int count() {
        return outcomes.size();
    }

    @Override
    public String toString() {
        return count() + " of " + result.size() + " responses with status " + status;
    }
}
