package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One request of a send, as a result keeps it: its index in the send, its outcome, when it
 * started (since the start of the send), its latency, its upstream attempts and the headers it
 * carried. {@link TrafficResult#sample()} lists them: every request of a result that keeps every
 * request, a bounded sample of an aggregated one.
 *
 * <pre>{@code
 * TrafficResult r = mesh.send(5_000_000).from("nginx").to("helloworld:5000/hello");
 * for (SentRequest s : r.sample()) {
 *     if (!s.outcome().succeeded()) {
 *         System.out.println(r.explain(s.index()));
 *     }
 * }
 * }</pre>
 *
 * @param index the request's index in the send, 0-based, in the order the requests started
 * @param outcome how it ended
 * @param start when it started, since the start of the send
 * @param latency from its start to its answer
 * @param attempts the upstream attempts its client's proxy made
 * @param headers the headers it carried, as given to the spec
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record SentRequest(int index, Outcome outcome, Duration start, Duration latency, int attempts,
                          Map<String, String> headers) {

    /**
     * Checks the parts are there.
     *
     * @param index the request's index in the send
     * @param outcome how it ended
     * @param start when it started
     * @param latency its latency
     * @param attempts its upstream attempts
     * @param headers its headers
     */
    public SentRequest {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(latency, "latency");
        headers = Map.copyOf(headers);
    }
}
