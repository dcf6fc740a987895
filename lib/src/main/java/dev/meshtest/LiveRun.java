package dev.meshtest;

import dev.meshtest.internal.cluster.ApplyResult;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.ProxyConfigs;
import dev.meshtest.internal.sim.ConfigPushes;
import dev.meshtest.internal.sim.Engine;
import dev.meshtest.internal.sim.Load;
import dev.meshtest.internal.sim.Simulation;
import dev.meshtest.traffic.LiveRecorder;
import dev.meshtest.traffic.TrafficSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A mesh's live traffic: its simulation run on a background thread, paced to the wall clock
 * (virtual time = wall time since the start x the speed-up), with the clients
 * {@code mesh.startTraffic()} added and the changes {@code mesh.apply(...)} made meanwhile, which
 * reach the proxies as istiod's pushes do ({@link ConfigPushes}). One lock guards the mesh's
 * simulation: the thread holds it while it advances the clock, the test's thread while it
 * applies, starts a client or takes a snapshot. When its last client stops, the thread ends, the
 * requests in flight finish and every push arrives (at once in wall time), and the mesh is at
 * rest again.
 *
 * <pre>{@code
 * LiveRun run = new LiveRun(mesh, simulation, 1.0);
 * LiveTraffic t = run.add(spec);
 * }</pre>
 */
final class LiveRun {

    /** How often the thread advances the clock, in wall time. */
    private static final long TICK_NANOS = 2_000_000;

    /** Every live run not yet ended, by the thread that started it: the JUnit extension ends a test's. */
    private static final Map<Thread, Set<LiveRun>> RUNNING = new ConcurrentHashMap<>();

    private final Mesh mesh;
    final ReentrantLock lock = new ReentrantLock();
    private final Engine engine;
    private final ConfigPushes pushes;
    private final double speed;
    private final long virtualStart;
    private final long wallStart;
    private final Thread thread;
    private final Thread owner;
    private final List<LiveTraffic> clients = new ArrayList<>();
    private volatile boolean ending;
    /** What went wrong on the thread, thrown to the test's thread at its next call. */
    private volatile RuntimeException failure;

    LiveRun(Mesh mesh, Simulation now, double speed) {
        this.mesh = mesh;
        this.engine = now.engine();
        this.speed = speed;
        Simulation start = Simulation.pushedVersion(now.configs(), now.plane(), mesh.appsNow(),
                new TrafficRunner(mesh, now.configs().state())::dial);
        start.reportRoutes(mesh.routeHits());
        this.pushes = new ConfigPushes(start, mesh.pushTiming(), mesh.seed());
        this.virtualStart = engine.now();
        this.wallStart = System.nanoTime();
        this.owner = Thread.currentThread();
        this.thread = new Thread(this::pace, "meshtest-live-" + mesh.seed());
        thread.setDaemon(true);
        RUNNING.computeIfAbsent(owner, t -> ConcurrentHashMap.newKeySet()).add(this);
        thread.start();
    }

    /** The thread's loop: the virtual clock follows the wall clock. */
    private void pace() {
        while (!ending) {
            lock.lock();
            try {
                engine.runUntil(virtualNow());
            } catch (RuntimeException e) {
                failure = e.getMessage() != null && e.getMessage().contains("without the virtual clock moving")
                        ? new IllegalStateException("a client's requests are answered without any virtual time passing (an "
                        + "instant answer, such as curl's for a name that does not resolve), so its loop never lets the live "
                        + "clock move: look at what it gets with mesh.explain(), or give it a thinkTime(...) or a rate(...)", e)
                        : e;
                ending = true;
            } finally {
                lock.unlock();
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    private long virtualNow() {
        double elapsed = (System.nanoTime() - wallStart) * speed;
        return virtualStart + (elapsed >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : (long) elapsed);
    }

    /** Starts a client now (plus its {@code startingAt}) on the live clock. */
    LiveTraffic add(TrafficSpec<LiveTraffic> spec) {
        lock.lock();
        try {
            check();
            String name = spec.name().orElse("live " + (clients.size() + 1));
            Simulation world = pushes.world();
            TrafficRunner runner = new TrafficRunner(mesh, world.configs().state());
            long startedAt = engine.now();
            LiveRecorder recorder = new LiveRecorder(mesh.seed(), startedAt);
            TrafficRunner.Sink sink = (i, o, s, latency, attempts) -> recorder.answered(o, s, latency, attempts);
            TrafficRunner.Prepared p = runner.prepare(spec.named(name), world, i -> null, null, sink, spec.startAt().toNanos(),
                    true);
            Load.Running running = p.load().start(engine, world.plane().random(), p.requests(), sink);
            String description = TrafficRunner.describeLive(spec.named(name), p);
            LiveTraffic t = new LiveTraffic(this, name, description, recorder, running);
            clients.add(t);
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** A change to the cluster while traffic runs: Kubernetes has it now, the proxies when their push arrives. */
    void change(Supplier<ApplyResult> call) {
        lock.lock();
        try {
            check();
            ApplyResult r = call.get();
            mesh.applied(r);
            if (r.state() != pushes.world().configs().state()) {
                ProxyConfigs next = ProxyConfigs.of(r.state(), mesh.settings());
                Simulation v = Simulation.pushedVersion(next, pushes.world().plane(), mesh.appsNow(),
                        new TrafficRunner(mesh, r.state())::dial);
                v.reportRoutes(mesh.routeHits());
                pushes.changed(v);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The configuration a pod's proxy routes with now. */
    ProxyConfig proxyConfig(ClusterPod pod) {
        lock.lock();
        try {
            check();
            Simulation v = pushes.of(pod);
            return v.configs().of(v.configs().state().pod(pod.namespace(), pod.name()).orElse(pod));
        } finally {
            lock.unlock();
        }
    }

    /** Whether every proxy has the latest version and no push is on its way. */
    boolean converged() {
        lock.lock();
        try {
            check();
            return pushes.converged();
        } finally {
            lock.unlock();
        }
    }

    /** The virtual time now. */
    Duration now() {
        lock.lock();
        try {
            return Duration.ofNanos(engine.now());
        } finally {
            lock.unlock();
        }
    }

    /** The wall time the slowest push the mesh's push delay allows takes on the live clock. */
    Duration slowestPushWall() {
        PushDelay d = mesh.pushDelay();
        return Duration.ofNanos((long) ((d.debounceMax().toNanos() + d.deliveryMax().toNanos()) / speed));
    }

    /** The speed-up: virtual seconds per wall second. */
    double speed() {
        return speed;
    }

    /** A client stopped: when it was the last, the run ends. */
    void stopped(LiveTraffic client) {
        boolean last;
        lock.lock();
        try {
            last = clients.stream().allMatch(LiveTraffic::stoppedAlready);
        } finally {
            lock.unlock();
        }
        if (last) {
            end();
        }
    }

    /** Stops every client, ends the thread, lets what is in flight finish; the mesh is at rest after. */
    void end() {
        ending = true;
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            for (LiveTraffic c : clients) {
                c.markStopped();
                c.load().stop();
            }
            if (failure == null) {
                engine.run();   // requests in flight get their answers; pending pushes arrive
            } else {
                engine.clear();   // what was in flight when the thread failed will never be answered
            }
        } finally {
            lock.unlock();
            mesh.adopt(pushes.world().configs());
            Set<LiveRun> mine = RUNNING.get(owner);
            if (mine != null) {
                mine.remove(this);
                if (mine.isEmpty()) {
                    RUNNING.remove(owner, mine);
                }
            }
            mesh.liveEnded(this);
        }
        check();
    }

    boolean ended() {
        return ending && !thread.isAlive();
    }

    /** Throws what went wrong on the thread, if anything did. */
    void check() {
        RuntimeException f = failure;
        if (f != null) {
            throw new IllegalStateException("live traffic stopped: " + f.getMessage(), f);
        }
    }

    /** Ends every live run the thread {@code owner} started and has not ended: the JUnit extension, after a test. */
    static int endAllStartedBy(Thread owner) {
        Set<LiveRun> runs = RUNNING.get(owner);
        if (runs == null) {
            return 0;
        }
        List<LiveRun> all = new ArrayList<>(runs);
        for (LiveRun r : all) {
            try {
                r.end();
            } catch (RuntimeException e) {
                // the test is over; what went wrong on the thread was for it to see
            }
        }
        return all.size();
    }

    /** The clients, for tests. */
    List<LiveTraffic> clients() {
        return Collections.unmodifiableList(clients);
    }
}
