package dev.meshtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.app.App;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.cluster.ApplyResult;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.proxy.ProxyConfigs;
import dev.meshtest.internal.sim.ConfigPushes;
import dev.meshtest.internal.sim.DataPlane;
import dev.meshtest.internal.sim.Engine;
import dev.meshtest.internal.sim.Load;
import dev.meshtest.internal.sim.Simulation;
import dev.meshtest.internal.yaml.ManifestReader;
import dev.meshtest.traffic.ConfigPush;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.DurationFormat;
import dev.meshtest.traffic.Explanation;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TimelineResult;
import dev.meshtest.traffic.TrafficRecorder;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Traffic and configuration changes on the mesh's virtual clock, played out together: clients
 * that start and stop at given times, each with its own load shape, and {@code kubectl apply}s
 * at given moments that reach the proxies as istiod's pushes do ({@link PushDelay}). Exact for a
 * seed, like everything else in meshtest: the two-terminal experiments and "watch the traffic
 * shift a few seconds after the apply" as a test.
 *
 * <pre>{@code
 * TimelineResult t = mesh.timeline()
 *     .send(Duration.ofSeconds(20)).from("nginx").named("terminal 1").to("http://helloworld-v2:5000/hello")
 *     .send(Duration.ofSeconds(10)).startingAt(Duration.ofSeconds(10)).from("nginx").named("terminal 2")
 *     .to("http://helloworld-v2:5000/hello")
 *     .at(Duration.ofSeconds(5)).apply("classpath:canary-80-20.yaml")
 *     .run();
 * t.client("terminal 2").countByFlag();   // overflows once both terminals run, say
 * t.pushesTo("nginx");                    // when nginx's sidecar took the change
 * }</pre>
 *
 * <p>A client is a spec as {@code mesh.send(...)} takes it ({@code from}, headers, {@code
 * concurrency}, {@code rate}, ...), plus {@link TrafficSpec#startingAt} (its start, from the
 * timeline's), {@link TrafficSpec#rampUp} and {@link TrafficSpec#named}; its {@code to(url)}
 * adds it and returns the timeline. Clients run together on the one clock and meet in the same
 * connection pools. Changes are applied when {@link #run()} begins, all or none (a change the
 * cluster would reject fails the run and leaves the mesh as it was), and take effect at their
 * moment: Kubernetes at once, each proxy when its push arrives. The run ends when every client
 * has stopped, every request has its answer and every proxy has the last version; the mesh is
 * then as after the changes, and its clock at the timeline's end.
 *
 * <p>Each client's {@link TrafficResult} explains its requests ({@code explain(i)}) by playing the
 * whole timeline again from its start. A timeline's results keep no call graph
 * ({@code edges()} is empty), and mirror copies are not counted per client.
 */
@API(status = EXPERIMENTAL, since = "0.7")
public final class Timeline {

    private final Mesh mesh;
    private final List<TrafficSpec<?>> clients = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private boolean ran;

    /** A change at a moment: manifests to apply or to delete, or objects to delete by name. */
    private record Change(Duration at, boolean delete, List<Manifest> manifests, List<ResourceRef> refs) {
    }

    Timeline(Mesh mesh) {
        this.mesh = mesh;
    }

    /**
     * Adds a client sending {@code n} requests: complete it as {@code mesh.send(n)}; its
     * {@code to(url)} returns this timeline.
     *
     * @param n how many requests, at least 1
     * @return the client's spec
     */
    public TrafficSpec<Timeline> send(int n) {
        return new TrafficSpec<>(n, this::add);
    }

    /**
     * Adds a client that keeps sending for a virtual duration (from its start).
     *
     * @param duration how long it starts requests, positive
     * @return the client's spec
     */
    public TrafficSpec<Timeline> send(Duration duration) {
        return new TrafficSpec<>(duration, this::add);
    }

    /**
     * Adds a client opening {@code n} TCP connections, as {@code mesh.connect(n)}.
     *
     * @param n how many connections, at least 1
     * @return the client's spec
     */
    public TrafficSpec<Timeline> connect(int n) {
        return TrafficSpec.connections(n, this::add);
    }

    private Timeline add(TrafficSpec<Timeline> spec) {
        notRun();
        String name = spec.name().orElse("client " + (clients.size() + 1));
        for (TrafficSpec<?> c : clients) {
            if (c.name().orElseThrow().equals(name)) {
                throw new IllegalArgumentException("two clients named \"" + name + "\" in one timeline; name them apart with named(...)");
            }
        }
        clients.add(spec.named(name));
        return this;
    }

    /**
     * A moment of the timeline, counted from its start, for a change.
     *
     * @param time when, not negative
     * @return what to change then
     */
    public At at(Duration time) {
        notRun();
        if (Objects.requireNonNull(time, "time").isNegative()) {
            throw new IllegalArgumentException("at(" + time + ") is negative");
        }
        return new At(time);
    }

    /**
     * A change at one moment of a timeline: the YAML is read now (a syntax error fails here), and
     * applied when the timeline runs.
     *
     * <pre>{@code
     * mesh.timeline().at(Duration.ofSeconds(5)).apply(canary).at(Duration.ofSeconds(15)).delete(canary);
     * }</pre>
     */
    @API(status = EXPERIMENTAL, since = "0.7")
    public final class At {
        private final Duration time;

        private At(Duration time) {
            this.time = time;
        }

        /**
         * Applies YAML at this moment, as {@code mesh.apply(...)} takes it.
         *
         * @param yamlOrClasspathLocation YAML text, a {@code classpath:} location or a {@code .yaml} file name
         * @return the timeline
         */
        public Timeline apply(String yamlOrClasspathLocation) {
            return change(false, Mesh.read(yamlOrClasspathLocation));
        }

        /**
         * Applies a YAML file at this moment.
         *
         * @param file a YAML file
         * @return the timeline
         */
        public Timeline apply(Path file) {
            return change(false, ManifestReader.read(file));
        }

        /**
         * Deletes what a YAML text or location names at this moment, as {@code mesh.delete(...)}.
         *
         * @param yamlOrClasspathLocation YAML text, a {@code classpath:} location or a {@code .yaml} file name
         * @return the timeline
         */
        public Timeline delete(String yamlOrClasspathLocation) {
            return change(true, Mesh.read(yamlOrClasspathLocation));
        }

        /**
         * Deletes objects by kind, namespace and name at this moment, as {@code mesh.delete(refs)}:
         * {@code .at(ofSeconds(5)).delete(new ResourceRef("Deployment", "default", "helloworld-v1"))}.
         *
         * @param refs the objects to delete
         * @return the timeline
         */
        public Timeline delete(ResourceRef... refs) {
            notRun();
            changes.add(new Change(time, true, List.of(), List.of(refs)));
            return Timeline.this;
        }

        private Timeline change(boolean delete, List<Manifest> manifests) {
            notRun();
            changes.add(new Change(time, delete, manifests, List.of()));
            return Timeline.this;
        }
    }

    private void notRun() {
        if (ran) {
            throw new IllegalStateException("this timeline has run; start another with mesh.timeline()");
        }
    }

    /**
     * Plays the timeline out: applies its changes (all or none), runs its clients and the pushes
     * on the virtual clock until everything has ended.
     *
     * @return each client's result, the changes and the pushes
     * @throws IllegalStateException for a timeline without clients, or that ran already, or while live traffic runs
     * @throws dev.meshtest.config.MeshConfigException when a change would be rejected; nothing is applied then
     */
    public TimelineResult run() {
        notRun();
        if (clients.isEmpty()) {
            throw new IllegalStateException("a timeline without clients: add one with .send(...).from(...).to(url)");
        }
        mesh.requireNoLiveTraffic("timeline().run()");
        ran = true;
        List<Change> inOrder = new ArrayList<>(changes);
        inOrder.sort(Comparator.comparing(Change::at));   // stable: declaration order within a moment
        Simulation before = mesh.simulation();
        DataPlane plane = before.plane();
        ClusterState first = mesh.state();
        // All changes now, or none: each makes its version, which the run pushes at its moment.
        List<ApplyResult> applied = mesh.atomically(() -> {
            List<ApplyResult> rs = new ArrayList<>();
            for (Change c : inOrder) {
                rs.add(!c.refs().isEmpty() ? mesh.deleteRefs(c.refs().toArray(ResourceRef[]::new))
                        : c.delete() ? mesh.deleteChecked(c.manifests()) : mesh.applyChecked(c.manifests()));
            }
            return rs;
        });
        List<Version> versions = new ArrayList<>();
        versions.add(new Version(Duration.ZERO, before.configs()));
        List<TimelineResult.Change> shown = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            ApplyResult r = applied.get(i);
            Applied a = mesh.applied(r);
            shown.add(new TimelineResult.Change(inOrder.get(i).at(), a.toString().lines().toList()));
            if (r.state() != versions.get(versions.size() - 1).configs().state()) {
                versions.add(new Version(inOrder.get(i).at(), ProxyConfigs.of(r.state(), mesh.settings())));
            }
        }
        Function<ClusterPod, App> apps = mesh.appsNow();
        long startedAt = plane.engine().now();
        DataPlane.Snapshot snapshot = plane.snapshot();
        Play play = new Play(versions, apps, first, mesh.pushTiming());
        Map<String, TrafficRecorder> recorders = new LinkedHashMap<>();
        Played played = play.on(plane, recorders, -1, -1, null, null);
        Map<String, TrafficResult> results = new LinkedHashMap<>();
        for (int c = 0; c < clients.size(); c++) {
            TrafficSpec<?> spec = clients.get(c);
            String name = spec.name().orElseThrow();
            TrafficResult r = recorders.get(name).result(played.descriptions().get(c), startedAt, 0).withSpec(spec)
                    .withNotes(mesh.notes());
            int client = c;
            TrafficResult kept = r;
            results.put(name, r.withReplay(index -> replay(play, snapshot, client, index, kept)));
        }
        List<ConfigPush> pushes = new ArrayList<>();
        for (ConfigPushes.Push p : played.pushes().log()) {
            pushes.add(new ConfigPush(p.pod().namespace(), p.pod().name(), p.pod().workload(), p.version(),
                    Duration.ofNanos(p.atNanos() - startedAt)));
        }
        mesh.adopt(versions.get(versions.size() - 1).configs());
        results.values().forEach(mesh::published);
        return new TimelineResult(results, shown, pushes, Duration.ofNanos(startedAt),
                Duration.ofNanos(plane.engine().now() - startedAt), mesh.seed());
    }

    /** A configuration version and when its change is made, from the timeline's start. */
    private record Version(Duration at, ProxyConfigs configs) {
    }

    /** What one play of the timeline gave: each client's description, the pushes. */
    private record Played(List<String> descriptions, ConfigPushes pushes) {
    }

    /** Explains request {@code index} of client {@code client}: the timeline again from its start, that request traced. */
    private Explanation replay(Play play, DataPlane.Snapshot snapshot, int client, int index, TrafficResult sent) {
        DataPlane again = snapshot.restore();
        Map<String, TrafficRecorder> none = new LinkedHashMap<>();
        List<Decision> trace = new ArrayList<>();
        Outcome[] replayed = new Outcome[1];
        play.on(again, none, client, index, trace, replayed);
        Outcome kept = sent.aggregated() ? null : sent.outcomes().get(index);
        if (replayed[0] == null || (kept != null && !replayed[0].equals(kept))) {
            throw new IllegalStateException("meshtest bug: the replay of request " + index + " of "
                    + clients.get(client).name().orElseThrow() + " differs from the timeline; the replay answered " + replayed[0]
                    + " where the timeline answered " + kept);
        }
        List<Decision> steps = new ArrayList<>();
        steps.add(new Decision(Decision.Kind.LOAD, "request " + (index + 1) + " of " + sent.size() + " of "
                + clients.get(client).name().orElseThrow() + (sent.aggregated() ? ""
                : ", started at " + DurationFormat.of(sent.startOf(index)) + " of the timeline")));
        steps.addAll(trace);
        return new Explanation(sent.description(), steps, replayed[0]);
    }

    /** Plays the timeline on a data plane: for the run, and again for each replay. */
    private final class Play {
        private final List<Version> versions;
        private final Function<ClusterPod, App> apps;
        private final ClusterState first;
        /** The mesh's push delay when the timeline ran: its replays push as it did. */
        private final ConfigPushes.Timing timing;

        Play(List<Version> versions, Function<ClusterPod, App> apps, ClusterState first, ConfigPushes.Timing timing) {
            this.versions = versions;
            this.apps = apps;
            this.first = first;
            this.timing = timing;
        }

        /**
         * Plays everything on {@code plane}; records each client into {@code recorders} (by name),
         * or, for a replay ({@code client >= 0}), traces request {@code index} of client
         * {@code client} into {@code traced}, puts its outcome in {@code answer[0]} and stops.
         */
        Played on(DataPlane plane, Map<String, TrafficRecorder> recorders, int client, int index, List<Decision> traced,
                  Outcome[] answer) {
            boolean reportRoutes = client < 0;   // replays do not count as route coverage
            Engine engine = plane.engine();
            long t0 = engine.now();
            List<Simulation> sims = new ArrayList<>();
            for (Version v : versions) {
                TrafficRunner dialer = new TrafficRunner(mesh, v.configs().state());
                Simulation s = Simulation.pushedVersion(v.configs(), plane, apps, dialer::dial);
                if (reportRoutes) {
                    s.reportRoutes(mesh.routeHits());
                }
                sims.add(s);
            }
            ConfigPushes pushes = new ConfigPushes(sims.get(0), timing, mesh.seed());
            for (int j = 1; j < sims.size(); j++) {
                Simulation next = sims.get(j);
                engine.schedule(t0 + versions.get(j).at().toNanos(), new Engine.Event() {
                    @Override
                    protected void fire() {
                        pushes.changed(next);
                    }
                });
            }
            List<String> descriptions = new ArrayList<>();
            List<TrafficRunner.Prepared> prepared = new ArrayList<>();
            List<Load.Running> running = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                TrafficSpec<?> spec = clients.get(c);
                long start = spec.startAt().toNanos();
                // The client's pod and its DNS answer as the cluster is when it starts.
                int at = 0;
                for (int j = 1; j < versions.size(); j++) {
                    if (versions.get(j).at().toNanos() <= start) {
                        at = j;
                    }
                }
                TrafficRunner runner = new TrafficRunner(mesh, at == 0 ? first : versions.get(at).configs().state());
                int self = c;
                TrafficRunner.Sink sink;
                if (client < 0) {
                    TrafficRecorder rec = runner.recorderFor(spec);
                    recorders.put(spec.name().orElseThrow(), rec);
                    sink = TrafficRunner.recording(rec, t0);
                } else {
                    sink = (i, o, s, latency, attempts) -> {
                        if (self == client && i == index) {
                            answer[0] = o;
                            engine.stop();   // nothing later changes this request's way
                        }
                    };
                }
                TrafficRunner.Prepared p = runner.prepare(spec, sims.get(at),
                        self == client ? i -> i == index ? traced : null : i -> null, null, sink, start, true);
                prepared.add(p);
                running.add(p.load().start(engine, plane.random(), p.requests(), sink));
            }
            engine.run();
            for (int c = 0; c < clients.size(); c++) {
                descriptions.add(TrafficRunner.describe(clients.get(c), prepared.get(c), running.get(c).sent()));
            }
            return new Played(descriptions, pushes);
        }
    }
}
