package dev.meshtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.internal.sim.Load;
import dev.meshtest.traffic.DurationFormat;
import dev.meshtest.traffic.LiveRecorder;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * A client sending in the background, as {@code while true; do curl ...; done} in a terminal
 * left open: {@code mesh.startTraffic()} starts it, the mesh's simulation runs on a background
 * thread paced to the wall clock (sped up by {@link Mesh#withLiveSpeedUp}), and the test's thread
 * meanwhile applies changes, which reach the proxies a moment later as istiod's pushes do
 * ({@link PushDelay}), and looks at what the client sees: {@link #last(int)},
 * {@link #window(Duration)}, {@link #total()}, each a {@link TrafficResult} snapshot.
 * Awaitility reads naturally over it:
 *
 * <pre>{@code
 * try (LiveTraffic live = mesh.startTraffic().from("nginx").named("terminal 1").to("http://helloworld:5000/hello")) {
 *     mesh.apply(canary80to20);
 *     live.await().untilAsserted(() -> assertThat(live.last(200)).reached("helloworld-v2").withShare(0.2));
 * }
 * }</pre>
 *
 * <p>Live traffic is for watching: what happens when depends on the wall clock, so it is not
 * exact for a seed. For exact counts per second, play the same on a {@link Timeline}. While live
 * traffic runs, the mesh takes {@code apply}, {@code delete}, {@code startTraffic},
 * {@code proxyConfig} (the configuration each proxy has now), {@code awaitConvergence} and
 * {@code now}; sends, explanations and other changes wait until every live client has stopped.
 * Closing a handle stops its client; when the last stops, requests in flight finish, pending
 * pushes arrive and the background thread ends. The JUnit extension stops whatever a test left
 * running.
 */
@API(status = EXPERIMENTAL, since = "0.7")
public final class LiveTraffic implements AutoCloseable {

    private final LiveRun run;
    private final String name;
    private final String description;
    private final LiveRecorder recorder;
    private final Load.Running running;
    private boolean stopped;

    LiveTraffic(LiveRun run, String name, String description, LiveRecorder recorder, Load.Running running) {
        this.run = run;
        this.name = name;
        this.description = description;
        this.recorder = recorder;
        this.running = running;
    }

    /** {@return the client's name: {@code named(...)}, else {@code "live 1"}, {@code "live 2"}, ...} */
    public String name() {
        return name;
    }

    /**
     * The last {@code n} requests answered so far (all of them when fewer were), in the order
     * they were answered.
     *
     * @param n how many, at least 1
     * @return a snapshot
     */
    public TrafficResult last(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("last(" + n + "): at least one request");
        }
        return snapshot(() -> recorder.last(n, description + ", the last " + n + " answered"));
    }

    /**
     * The requests answered so far that started in the last {@code length} of virtual time.
     *
     * @param length how far back, positive
     * @return a snapshot
     */
    public TrafficResult window(Duration length) {
        if (Objects.requireNonNull(length, "length").isNegative() || length.isZero()) {
            throw new IllegalArgumentException("window(" + length + "): a positive duration");
        }
        return snapshot(() -> recorder.since(run.now().minus(length).toNanos(),
                description + ", those started in the last " + DurationFormat.of(length)));
    }

    /** {@return every request answered so far} */
    public TrafficResult total() {
        return snapshot(() -> recorder.total(description + ", all answered so far"));
    }

    private TrafficResult snapshot(java.util.function.Supplier<TrafficResult> take) {
        run.lock.lock();
        try {
            run.check();
            return take.get();
        } finally {
            run.lock.unlock();
        }
    }

    /**
     * An Awaitility condition factory for this traffic: it polls every 50 ms of wall time, gives
     * up after the wall time the live clock needs for the slowest push the mesh's
     * {@link PushDelay} allows (its {@code debounceMax} plus its {@code deliveryMax}) plus 5 s,
     * and ignores nothing (an assertion error is retried until then).
     *
     * <pre>{@code
     * live.await().untilAsserted(() -> assertThat(live.last(100)).allHaveStatus(200));
     * }</pre>
     *
     * @return a preset condition factory; set {@code atMost} and the rest as Awaitility allows
     */
    public ConditionFactory await() {
        long waitMillis = run.slowestPushWall().toMillis() + 5_000;
        return Awaitility.await("live traffic " + name).pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
                .atMost(Duration.ofMillis(waitMillis));
    }

    /** {@return whether the client still starts requests} */
    public boolean running() {
        synchronized (this) {
            return !stopped;
        }
    }

    /**
     * Stops the client: no request starts after this; those in flight finish. When it was the mesh's
     * last live client, the background thread ends and the mesh is at rest again. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        run.lock.lock();
        try {
            running.stop();
        } finally {
            run.lock.unlock();
        }
        run.stopped(this);
    }

    /** Stops the client ({@link #stop()}). */
    @Override
    public void close() {
        stop();
    }

    /**
     * Stops every live client the thread {@code owner} started and left running, and waits for
     * their background threads to end: the JUnit extension's clean-up after each test.
     *
     * @param owner the thread that called {@code startTraffic()}
     * @return how many live runs (meshes with live traffic) were stopped
     */
    @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.7")
    public static int stopAllStartedBy(Thread owner) {
        return LiveRun.endAllStartedBy(owner);
    }

    /** The run ended (the mesh's {@code stopTraffic()}, or the test's end): this client no longer runs. */
    void markStopped() {
        synchronized (this) {
            stopped = true;
        }
    }

    boolean stoppedAlready() {
        synchronized (this) {
            return stopped;
        }
    }

    Load.Running load() {
        return running;
    }

    @Override
    public String toString() {
        return description + (running() ? " (running)" : " (stopped)");
    }
}
