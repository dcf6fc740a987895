package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Records a send's requests as they are answered, in the form the spec asks for: every request,
 * or aggregated ({@link TrafficSpec.Recording}). {@code AUTOMATIC} keeps every request until the
 * send passes {@link TrafficResult#AGGREGATE_ABOVE} requests, then aggregates what it has and goes
 * on aggregated. The mesh makes one per send; users never do.
 *
 * <pre>{@code
 * TrafficRecorder rec = new TrafficRecorder(TrafficSpec.Recording.AUTOMATIC, 42, Map.of(), false, 1000);
 * rec.answered(0, Outcome.of(200), 0, 1_000_000, 1);
 * TrafficResult r = rec.result("1 x GET http://helloworld:5000/hello from default/nginx", 0, 0);
 * }</pre>
 */
@API(status = INTERNAL, since = "0.3")
public final class TrafficRecorder {

    private final TrafficSpec.Recording recording;
    private final long seed;
    private final Map<String, String> commonHeaders;
    private final boolean perRequestHeaders;

    // Every request, by index; null once aggregated.
    private Outcome[] outcomes;
    private long[] starts;
    private long[] latencies;
    private int[] attempts;
    private Map<String, String>[] headers;
    private int size;

    private Aggregate aggregate;
    /** Aggregated: the headers of requests sent and not yet answered. */
    private final Map<Integer, Map<String, String>> pending = new HashMap<>();

    /**
     * A recorder for one send.
     *
     * @param recording what to keep
     * @param seed the mesh's seed (the aggregated form's sample draws from a stream of its own seeded from it)
     * @param commonHeaders the headers every request carries
     * @param perRequestHeaders whether requests carry headers of their own ({@link #sent})
     * @param expected how many requests the send makes, if it knows (a count), else 0
     */
    @SuppressWarnings("unchecked")
    public TrafficRecorder(TrafficSpec.Recording recording, long seed, Map<String, String> commonHeaders,
                           boolean perRequestHeaders, int expected) {
        this.recording = Objects.requireNonNull(recording, "recording");
        this.seed = seed;
        this.commonHeaders = Map.copyOf(commonHeaders);
        this.perRequestHeaders = perRequestHeaders;
        boolean aggregated = recording == TrafficSpec.Recording.AGGREGATED
                || (recording == TrafficSpec.Recording.AUTOMATIC && expected > TrafficResult.AGGREGATE_ABOVE);
        if (aggregated) {
            aggregate = new Aggregate(seed, commonHeaders);
        } else {
            int initial = expected > 0 ? expected : 1024;
            outcomes = new Outcome[initial];
            starts = new long[initial];
            latencies = new long[initial];
            attempts = new int[initial];
            headers = perRequestHeaders ? new Map[initial] : null;
        }
    }

    /**
     * Request {@code index} was sent with these headers of its own (only when requests carry their own).
     *
     * @param index the request's index
     * @param requestHeaders all its headers
     */
    public void sent(int index, Map<String, String> requestHeaders) {
        if (aggregate != null) {
            pending.put(index, requestHeaders);
            return;
        }
        room(index);
        headers[index] = requestHeaders;
    }

    /**
     * Request {@code index} was answered.
     *
     * @param index its index in the send
     * @param o its outcome
     * @param startNanos its start, since the start of the send
     * @param latencyNanos its latency
     * @param upstreamAttempts its client proxy's upstream attempts
     */
    public void answered(int index, Outcome o, long startNanos, long latencyNanos, int upstreamAttempts) {
        if (aggregate == null && recording == TrafficSpec.Recording.AUTOMATIC && index >= TrafficResult.AGGREGATE_ABOVE) {
            aggregateWhatIsKept();
        }
        if (aggregate != null) {
            aggregate.add(index, o, startNanos, latencyNanos, upstreamAttempts, perRequestHeaders ? pending.remove(index) : null);
            size = Math.max(size, index + 1);
            return;
        }
        room(index);
        outcomes[index] = o;
        starts[index] = startNanos;
        latencies[index] = latencyNanos;
        attempts[index] = upstreamAttempts;
        size = Math.max(size, index + 1);
    }

    private void room(int index) {
        if (index >= outcomes.length) {
            int n = Math.max(index + 1, (int) Math.min(Integer.MAX_VALUE - 8, outcomes.length * 2L));
            outcomes = Arrays.copyOf(outcomes, n);
            starts = Arrays.copyOf(starts, n);
            latencies = Arrays.copyOf(latencies, n);
            attempts = Arrays.copyOf(attempts, n);
            if (headers != null) {
                headers = Arrays.copyOf(headers, n);
            }
        }
    }

    /** The send passed the threshold: what is kept so far is aggregated, in index order; requests in flight go on pending. */
    private void aggregateWhatIsKept() {
        aggregate = new Aggregate(seed, commonHeaders);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != null) {
                aggregate.add(i, outcomes[i], starts[i], latencies[i], attempts[i], headers == null ? null : headers[i]);
            } else if (headers != null && headers[i] != null) {
                pending.put(i, headers[i]);
            }
        }
        outcomes = null;
        starts = null;
        latencies = null;
        attempts = null;
        headers = null;
    }

    /**
     * The result of the send.
     *
     * @param description what was sent
     * @param startedAt the mesh's virtual time when the send began
     * @param mirrored how many mirror copies were sent
     * @return the result, in the recorded form
     */
    public TrafficResult result(String description, long startedAt, long mirrored) {
        if (aggregate != null) {
            return new TrafficResult(description, seed, aggregate, startedAt, mirrored);
        }
        for (int i = 0; i < size; i++) {
            if (outcomes[i] == null) {
                throw new IllegalStateException("request " + i + " got no answer (a meshtest bug)");
            }
        }
        java.util.List<Map<String, String>> hs = headers == null ? null : Arrays.asList(Arrays.copyOf(headers, size));
        // The arrays are handed over, cut to size only when the send made fewer requests than room was made for.
        return TrafficResult.owning(description, seed, fit(outcomes), commonHeaders, hs,
                new TrafficResult.Timing(startedAt, fit(starts), fit(latencies), fit(attempts), mirrored));
    }

    private Outcome[] fit(Outcome[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    private long[] fit(long[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    private int[] fit(int[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }
}
