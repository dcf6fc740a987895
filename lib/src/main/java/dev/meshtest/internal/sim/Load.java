package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.traffic.Outcome;
import java.time.Duration;
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
 * int sent = new Load(1000, null, 2, 0, Load.Spacing.FIXED, 0).run(sim.engine(), random, requests,
 *         (i, outcome, start, latency, attempts) -> System.out.println(i + ": " + outcome));
 * }</pre>
 *
 * @param count requests to send, or 0 when {@code duration} decides
 * @param duration how long to keep sending, or {@code null} when {@code count} decides
 * @param concurrency client loops of the closed loop (ignored when {@code rate > 0})
 * @param rate requests per second of the open loop, or 0 for a closed loop
 * @param spacing how open-loop starts are spaced
 * @param thinkNanos a closed loop's pause between an answer and its next request
 * @param delayNanos how long after the engine's current time the load begins (a client that
 *        starts later on a timeline)
 * @param rampNanos the ramp-up: a closed loop's client loops start one after another, evenly
 *        spread over it (loop k of c at {@code k * ramp / c}); an open loop's rate rises linearly
 *        from 0 to {@code rate} over it (the expected number of starts by time t is the integral
 *        of the rate; each start is where that integral reaches the next whole number, or for
 *        {@link Spacing#POISSON} the next sum of exponential draws: a Poisson process of that
 *        intensity). 0 for none.
 */
@API(status = INTERNAL, since = "0.1")
public record Load(int count, Duration duration, int concurrency, double rate, Spacing spacing, long thinkNanos,
                   long delayNanos, long rampNanos) {

    /** The most requests one send may make. */
    public static final int MAX_REQUESTS = Integer.MAX_VALUE - 8;

    /** A send for a duration checks this often that its virtual clock moves (instant answers never end a duration). */
    static final int CLOCK_CHECK = 1_000_000;

    /** How open-loop request starts are spaced. */
    public enum Spacing { FIXED, POISSON }

    /** Starts request {@code index}; the sink hears its answer. */
    @FunctionalInterface
    public interface Requests {
        void start(int index, Simulation.Sink sink);

        /** {@return whether no request can start any more (the client is gone): the load ends} */
        default boolean exhausted() {
            return false;
        }
    }

    /** Hears each request's answer, in the order they come. */
    @FunctionalInterface
    public interface Recorder {
        /**
         * Request {@code index} was answered.
         *
         * @param index its index, in the order requests started
         * @param o its outcome
         * @param startNanos when it started, on the virtual clock
         * @param latencyNanos from its start to its answer
         * @param attempts upstream attempts its client's proxy made
         */
        void answered(int index, Outcome o, long startNanos, long latencyNanos, int attempts);
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
        if (delayNanos < 0 || rampNanos < 0) {
            throw new IllegalArgumentException("a load's start delay and ramp-up are not negative");
        }
    }

    /** A load that begins at once, without a ramp-up. */
    public Load(int count, Duration duration, int concurrency, double rate, Spacing spacing, long thinkNanos) {
        this(count, duration, concurrency, rate, spacing, thinkNanos, 0, 0);
    }

    /** A load begun on an engine: it goes on as the engine runs, until its end or {@link #stop()}. */
    public interface Running {
        /** No request starts after this; those in flight finish. */
        void stop();

        /** {@return how many requests were started so far} */
        int sent();
    }

    /**
     * Runs the load from the engine's current time until every request has its answer and nothing
     * is in flight, or until the recorder stops the engine; {@code recorder} hears each answer.
     *
     * @return how many requests were sent
     */
    public int run(Engine engine, SeededRandom random, Requests requests, Recorder recorder) {
        Run run = new Run(engine, random, requests, recorder);
        run.begin();
        engine.run();
        if (run.answered != run.sent && !engine.stopped()) {
            throw new IllegalStateException(run.sent - run.answered + " requests got no answer (a meshtest bug)");
        }
        return run.sent;
    }

    /**
     * Begins the load on {@code engine} (at its current time plus {@link #delayNanos}) without
     * running the engine: several loads, and anything else scheduled, then play out together as
     * the engine runs (a timeline's clients, live traffic).
     */
    public Running start(Engine engine, SeededRandom random, Requests requests, Recorder recorder) {
        Run run = new Run(engine, random, requests, recorder);
        run.begin();
        return run;
    }

    private final class Run implements Running {
        final Engine engine;
        final SeededRandom random;
        final Requests requests;
        final Recorder recorder;
        final long begin;
        final long end;
        int sent;
        int answered;
        long clockAtCheck;
        boolean stopped;

        Run(Engine engine, SeededRandom random, Requests requests, Recorder recorder) {
            this.engine = engine;
            this.random = random;
            this.requests = requests;
            this.recorder = recorder;
            this.begin = engine.now() + delayNanos;
            long length = duration == null ? Long.MAX_VALUE : saturated(duration);
            this.end = length >= Long.MAX_VALUE - begin ? Long.MAX_VALUE : begin + length;
            this.clockAtCheck = begin;
        }

        private static long saturated(Duration d) {
            return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
        }

        void begin() {
            if (rate > 0) {
                engine.schedule(begin, new Arrival(0, begin, 0));
            } else {
                for (int i = 0; i < concurrency; i++) {
                    // A ramp-up starts the loops one after another; without one, all at once.
                    engine.schedule(begin + (rampNanos == 0 ? 0 : (long) ((double) rampNanos * i / concurrency)), new Loop());
                }
            }
        }

        boolean more() {
            return !stopped && !requests.exhausted() && (duration == null ? sent < count : engine.now() < end);
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public int sent() {
            return sent;
        }

        /**
         * When the open loop's expected number of starts since {@link #begin} reaches {@code x}:
         * the inverse of the integral of a rate that rises linearly over the ramp-up, then stays.
         */
        long rampedAt(double x) {
            double r = rate / 1e9;   // per nanosecond
            double half = r * rampNanos / 2;
            double t = x <= half ? Math.sqrt(2 * rampNanos * x / r) : rampNanos + (x - half) / r;
            return begin + (long) t;
        }

        /** Starts the next request now; {@code sender} hears its answer. */
        void send(Sender sender) {
            int i = sent++;
            if (duration != null && i > 0 && i % CLOCK_CHECK == 0) {
                if (engine.now() == clockAtCheck) {
                    throw new IllegalStateException(i + " requests in one send without the virtual clock moving: every "
                            + "answer is instant, so a duration never ends; send a count instead");
                }
                clockAtCheck = engine.now();
            }
            if (i == MAX_REQUESTS) {
                throw new IllegalStateException("more than " + MAX_REQUESTS + " requests in one send; send fewer, or a shorter duration");
            }
            sender.index = i;
            sender.startedAt = engine.now();
            requests.start(i, sender);
        }

        /**
         * What sends a request and hears its answer: a client loop (one request in flight at a
         * time, so it carries that request's index and start itself) or an open loop's arrival
         * (one per request). No object per request beyond it.
         */
        abstract class Sender extends Engine.Event implements Simulation.Sink {
            int index;
            long startedAt;

            @Override
            public final void reply(Outcome o, int attempts, boolean overloaded) {
                recorder.answered(index, o, startedAt, engine.now() - startedAt, attempts);
                answered++;
                answered();
            }

            /** The request's answer was recorded. */
            void answered() {
            }
        }

        /** One closed client loop. */
        final class Loop extends Sender {
            @Override
            protected void fire() {
                if (more()) {
                    send(this);
                }
            }

            @Override
            void answered() {
                if (thinkNanos > 0) {
                    engine.after(thinkNanos, this);
                } else if (more()) {
                    send(this); // the answer always arrives in an event: no recursion
                }
            }
        }

        /** The open loop's next start. */
        final class Arrival extends Sender {
            final int k;
            final long at;
            /** With a ramp-up: the expected number of starts (the rate's integral) at this one. */
            final double area;

            Arrival(int k, long at, double area) {
                this.k = k;
                this.at = at;
                this.area = area;
            }

            @Override
            protected void fire() {
                if (!more()) {
                    return;
                }
                send(this);
                long next;
                double nextArea = 0;
                if (rampNanos > 0) {
                    nextArea = area + (spacing == Spacing.FIXED ? 1 : -StrictMath.log(1.0 - random.nextDouble()));
                    next = rampedAt(nextArea);
                } else if (spacing == Spacing.FIXED) {
                    next = begin + Math.round((k + 1) * 1e9 / rate);
                } else {
                    next = at + (long) (-StrictMath.log(1.0 - random.nextDouble()) * 1e9 / rate);
                }
                if (!stopped && ((duration == null && sent < count) || (duration != null && next < end))) {
                    engine.schedule(Math.max(next, engine.now()), new Arrival(k + 1, next, nextArea));
                }
            }
        }
    }
}
