package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.traffic.Outcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A load shape and its run on the virtual clock: how many requests (or for how long), sent by
 * how many client loops or at which rate, and what happened to each request.
 *
 * <ul>
 *   <li><b>closed loop</b> ({@code concurrency} loops, 1 by default): each loop sends a request,
 *       waits for its answer, waits {@code thinkTime}, sends the next: n terminals running
 *       {@code while true; do curl ...; done}. With a count, the loops share it: a free loop
 *       takes the next request.</li>
 *   <li><b>open loop</b> ({@code rate} per second): requests start on a schedule whatever the
 *       answers; {@link Spacing#FIXED} spaces them exactly {@code 1/rate} apart (request k at
 *       {@code start + k/rate}), {@link Spacing#POISSON} draws exponential gaps of mean
 *       {@code 1/rate} from the seeded stream (a Poisson process, like many independent users).</li>
 *   <li>a count ({@code count}) or a duration ({@code duration}): with a duration, no request
 *       starts at or after {@code start + duration}; those in flight then finish.</li>
 * </ul>
 *
 * <pre>{@code
 * Load.Result r = new Load(1000, null, 2, 0, Load.Spacing.FIXED, 0).run(sim.engine(), random, requests);
 * r.latencyNanos()[0];   // virtual latency of the first request
 * }</pre>
 *
 * @param count requests to send, or 0 when {@code duration} decides
 * @param duration how long to keep sending, or {@code null} when {@code count} decides
 * @param concurrency client loops of the closed loop (ignored when {@code rate > 0})
 * @param rate requests per second of the open loop, or 0 for a closed loop
 * @param spacing how open-loop starts are spaced
 * @param thinkNanos a closed loop's pause between an answer and its next request
 */
@API(status = INTERNAL, since = "0.1")
public record Load(int count, Duration duration, int concurrency, double rate, Spacing spacing, long thinkNanos) {

    /** The most requests one send may make (a guard against a duration with instant answers). */
    public static final int MAX_REQUESTS = 10_000_000;

    /** How open-loop request starts are spaced. */
    public enum Spacing { FIXED, POISSON }

    /** Starts request {@code index}; the sink hears its answer. */
    @FunctionalInterface
    public interface Requests {
        void start(int index, Simulation.Sink sink);
    }

    /**
     * What happened, per request in send order.
     *
     * @param outcomes each request's outcome
     * @param startNanos virtual time each request started
     * @param latencyNanos virtual time from start to answer
     * @param attempts upstream attempts the client's proxy made for it
     * @param size how many requests were sent
     */
    public record Result(Outcome[] outcomes, long[] startNanos, long[] latencyNanos, int[] attempts, int size) {
    }

    public Load {
        if (duration == null && count < 1) {
            throw new IllegalArgumentException("send at least one request");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency(" + concurrency + "): at least 1 client loop");
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate(" + rate + "): a finite number of requests per second > 0");
        }
        Objects.requireNonNull(spacing, "spacing");
    }

    /** Runs the load from the engine's current time until every request has its answer and nothing is in flight. */
    public Result run(Engine engine, SeededRandom random, Requests requests) {
        Run run = new Run(engine, random, requests);
        run.begin();
        engine.run();
        if (run.answered != run.sent) {
            throw new IllegalStateException(run.sent - run.answered + " requests got no answer (a meshtest bug)");
        }
        return new Result(Arrays.copyOf(run.outcomes, run.sent), Arrays.copyOf(run.start, run.sent),
                Arrays.copyOf(run.latency, run.sent), Arrays.copyOf(run.attempts, run.sent), run.sent);
    }

    private final class Run {
        final Engine engine;
        final SeededRandom random;
        final Requests requests;
        final long begin;
        final long end;
        Outcome[] outcomes;
        long[] start;
        long[] latency;
        int[] attempts;
        int sent;
        int answered;

        Run(Engine engine, SeededRandom random, Requests requests) {
            this.engine = engine;
            this.random = random;
            this.requests = requests;
            this.begin = engine.now();
            this.end = duration == null ? Long.MAX_VALUE : begin + duration.toNanos();
            int initial = duration == null ? count : 1024;
            outcomes = new Outcome[initial];
            start = new long[initial];
            latency = new long[initial];
            attempts = new int[initial];
        }

        void begin() {
            if (rate > 0) {
                engine.schedule(begin, new Arrival(0, begin));
            } else {
                for (int i = 0; i < concurrency; i++) {
                    engine.schedule(begin, new Loop());
                }
            }
        }

        boolean more() {
            return duration == null ? sent < count : engine.now() < end;
        }

        /** Starts the next request now; {@code after} runs with its answer. */
        void send(Loop loop) {
            int i = sent++;
            if (i >= MAX_REQUESTS) {
                throw new IllegalStateException("more than " + MAX_REQUESTS + " requests in one send: the requests take no "
                        + "virtual time (every answer is instant), so a duration never ends; send a count instead");
            }
            if (i == outcomes.length) {
                int n = Math.min(MAX_REQUESTS, i * 2);
                outcomes = Arrays.copyOf(outcomes, n);
                start = Arrays.copyOf(start, n);
                latency = Arrays.copyOf(latency, n);
                attempts = Arrays.copyOf(attempts, n);
            }
            long t0 = engine.now();
            start[i] = t0;
            requests.start(i, (o, a, ov) -> {
                outcomes[i] = o;
                latency[i] = engine.now() - t0;
                attempts[i] = a;
                answered++;
                if (loop != null) {
                    loop.answered();
                }
            });
        }

        /** One closed client loop. */
        final class Loop extends Engine.Event {
            @Override
            protected void fire() {
                if (more()) {
                    send(this);
                }
            }

            void answered() {
                if (thinkNanos > 0) {
                    engine.after(thinkNanos, this);
                } else if (more()) {
                    send(this); // the answer always arrives in an event: no recursion
                }
            }
        }

        /** The open loop's next start. */
        final class Arrival extends Engine.Event {
            final int k;
            final long at;

            Arrival(int k, long at) {
                this.k = k;
                this.at = at;
            }

            @Override
            protected void fire() {
                if (!more()) {
                    return;
                }
                send(null);
                long next;
                if (spacing == Spacing.FIXED) {
                    next = begin + Math.round((k + 1) * 1e9 / rate);
                } else {
                    next = at + (long) (-StrictMath.log(1.0 - random.nextDouble()) * 1e9 / rate);
                }
                if ((duration == null && sent < count) || (duration != null && next < end)) {
                    engine.schedule(Math.max(next, engine.now()), new Arrival(k + 1, next));
                }
            }
        }
    }
}
