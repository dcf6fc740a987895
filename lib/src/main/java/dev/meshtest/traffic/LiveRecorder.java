package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Keeps a live client's answers in the order they come, for snapshots while it runs: the last n,
 * those started in a recent window, all. Each snapshot is a {@link TrafficResult} of its own
 * (copied; the recorder goes on). Used under the live run's lock.
 *
 * <pre>{@code
 * LiveRecorder rec = new LiveRecorder(seed, startedAtNanos);
 * rec.answered(outcome, startNanos, latencyNanos, attempts);
 * TrafficResult last = rec.last(200, "terminal 1: the last 200");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class LiveRecorder {

    private final long seed;
    private final long startedAt;
    private Outcome[] outcomes = new Outcome[1024];
    private long[] starts = new long[1024];
    private long[] latencies = new long[1024];
    private int[] attempts = new int[1024];
    private int size;

    /**
     * A recorder for a client that started at {@code startedAt} on the virtual clock.
     *
     * @param seed the mesh's seed
     * @param startedAt the client's start, in nanoseconds of virtual time
     */
    public LiveRecorder(long seed, long startedAt) {
        this.seed = seed;
        this.startedAt = startedAt;
    }

    /**
     * A request was answered.
     *
     * @param o its outcome
     * @param startNanos when it started, on the virtual clock
     * @param latencyNanos its latency
     * @param upstreamAttempts its client proxy's upstream attempts
     */
    public void answered(Outcome o, long startNanos, long latencyNanos, int upstreamAttempts) {
        if (size == outcomes.length) {
            int n = (int) Math.min(Integer.MAX_VALUE - 8, size * 2L);
            outcomes = Arrays.copyOf(outcomes, n);
            starts = Arrays.copyOf(starts, n);
            latencies = Arrays.copyOf(latencies, n);
            attempts = Arrays.copyOf(attempts, n);
        }
        outcomes[size] = o;
        starts[size] = startNanos - startedAt;
        latencies[size] = latencyNanos;
        attempts[size] = upstreamAttempts;
        size++;
    }

    /** {@return how many requests were answered so far} */
    public int size() {
        return size;
    }

    /**
     * The last {@code n} requests answered (all, when fewer were), in the order they were answered.
     *
     * @param n how many, at least 1
     * @param description the snapshot's description
     * @return the snapshot
     */
    public TrafficResult last(int n, String description) {
        return range(Math.max(0, size - n), size, description);
    }

    /**
     * The requests answered so far that started at or after {@code fromNanos} on the virtual clock.
     *
     * @param fromNanos the window's start
     * @param description the snapshot's description
     * @return the snapshot
     */
    public TrafficResult since(long fromNanos, String description) {
        long from = fromNanos - startedAt;
        int first = size;
        for (int i = 0; i < size; i++) {
            if (starts[i] >= from) {
                first = i;
                break;
            }
        }
        // Answers come nearly in start order; keep exactly those that started in the window.
        int n = 0;
        for (int i = first; i < size; i++) {
            if (starts[i] >= from) {
                n++;
            }
        }
        Outcome[] o = new Outcome[n];
        long[] s = new long[n];
        long[] l = new long[n];
        int[] a = new int[n];
        int k = 0;
        for (int i = first; i < size; i++) {
            if (starts[i] >= from) {
                o[k] = outcomes[i];
                s[k] = starts[i];
                l[k] = latencies[i];
                a[k] = attempts[i];
                k++;
            }
        }
        return result(description, o, s, l, a);
    }

    /**
     * Every request answered so far.
     *
     * @param description the snapshot's description
     * @return the snapshot
     */
    public TrafficResult total(String description) {
        return range(0, size, description);
    }

    private TrafficResult range(int from, int to, String description) {
        return result(description, Arrays.copyOfRange(outcomes, from, to), Arrays.copyOfRange(starts, from, to),
                Arrays.copyOfRange(latencies, from, to), Arrays.copyOfRange(attempts, from, to));
    }

    private TrafficResult result(String description, Outcome[] o, long[] s, long[] l, int[] a) {
        return TrafficResult.owning(description, seed, o, Map.of(), null, new TrafficResult.Timing(startedAt, s, l, a, 0))
                .withReplay(i -> {
                    throw new IllegalStateException("explain(" + i + "): a live snapshot cannot replay its requests (live "
                            + "traffic follows the wall clock); play the same traffic on a timeline, mesh.timeline(), "
                            + "whose results explain every request");
                });
    }
}
