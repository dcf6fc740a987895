package dev.meshtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.analysis.Analysis;
import dev.meshtest.app.App;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.MeshConfig;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.internal.analysis.Analyzers;
import dev.meshtest.internal.cluster.ApplyResult;
import dev.meshtest.internal.cluster.Cluster;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.istio.GatewayTopology;
import dev.meshtest.internal.proxy.MeshSettings;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.ProxyConfigs;
import dev.meshtest.internal.sim.ConfigPushes;
import dev.meshtest.internal.sim.DataPlane;
import dev.meshtest.internal.sim.PodApps;
import dev.meshtest.internal.sim.SeededRandom;
import dev.meshtest.internal.sim.Simulation;
import dev.meshtest.internal.validate.Admission;
import dev.meshtest.internal.validate.NotSimulated;
import dev.meshtest.internal.yaml.ManifestReader;
import dev.meshtest.proxyconfig.ProxyConfigView;
import dev.meshtest.traffic.DurationFormat;
import dev.meshtest.traffic.Explanation;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A simulated Kubernetes cluster with Istio: apply the YAML you {@code kubectl apply}, send
 * requests, and see what real Istio would do with them. The one entry point of meshtest.
 *
 * <pre>{@code
 * import static dev.meshtest.Mesh.mesh;
 *
 * TrafficResult result = mesh()
 *     .apply("classpath:dev/meshtest/fixtures/helloworld.yaml")   // the helloworld sample and client pod nginx
 *     .withVirtualService("""
 *         apiVersion: networking.istio.io/v1
 *         kind: VirtualService
 *         metadata: {name: helloworld}
 *         spec:
 *           hosts: [helloworld]
 *           http:
 *           - route:
 *             - {destination: {host: helloworld-v1}, weight: 20}
 *             - {destination: {host: helloworld-v2}, weight: 80}
 *         """)
 *     .send(1000).from("nginx").to("helloworld:5000/hello");
 * result.countByWorkload();   // {helloworld-v1=..., helloworld-v2=...}, about 20/80, the same every run
 * }</pre>
 *
 * <p>Everything is deterministic: the seed ({@link #DEFAULT_SEED} unless {@link #seed(long)} says
 * otherwise) decides pod names and every random pick, so a program gives the same result on every
 * run. Bad input fails with a {@link MeshConfigException} that says where. A {@code Mesh} is not
 * thread-safe; use one per test.
 *
 * <p>Time is virtual: each mesh has a clock that starts at 0 and goes on across sends; requests
 * take the time their apps and proxies take ({@link #withApp}, {@link #withSidecarOverhead}), and
 * load shapes ({@code concurrency}, {@code rate}, {@code send(Duration)}) play out on it.
 *
 * <pre>{@code
 * TrafficResult burst = mesh()
 *     .apply("classpath:dev/meshtest/fixtures/helloworld.yaml")
 *     .withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(120)))
 *     .send(200).from("nginx").concurrency(2).to("helloworld:5000/hello");
 * burst.latencyPercentile(99);
 * }</pre>
 *
 * <p>Traffic over time: {@link #timeline()} plays clients that start at different times and
 * changes made meanwhile on the virtual clock, exact for the seed; {@link #startTraffic()} runs a
 * client in the background on the wall clock, to watch with Awaitility. While traffic runs, a
 * change reaches each proxy after istiod's push ({@link #withPushDelay}); a plain {@code apply}
 * between sends is in force everywhere for the next send.
 */
@API(status = STABLE, since = "0.1")
public final class Mesh {

    /** The seed of {@link #mesh()} when none is given. */
    public static final long DEFAULT_SEED = 42L;

    private final boolean withIstio;
    private long seed;
    private Cluster cluster;
    private MeshSettings settings = MeshSettings.DEFAULT;
    private boolean changed;
    private boolean lenient;
    private final List<String> notes = new ArrayList<>();
    private Applied lastApply = new Applied(List.of(), List.of());
    private final List<Consumer<? super Applied>> applyListeners = new ArrayList<>();
    private final List<Consumer<? super TrafficResult>> trafficListeners = new ArrayList<>();
    private Simulation simulation;
    /** The routes this mesh's sends matched, for {@link #routeCoverage()}. */
    private final RouteHits routeHits = new RouteHits();
    private long simulationVersion = -1;
    private DataPlane plane;
    private ProxyConfigs configs;
    private long configsVersion = -1;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private Duration sidecarOverhead = Simulation.DEFAULT_SIDECAR_OVERHEAD;
    private PushDelay pushDelay = PushDelay.ISTIO;
    private double liveSpeedUp = 1.0;
    /** The live traffic running, or {@code null}. */
    private LiveRun live;

    private Mesh(boolean withIstio, long seed) {
        this.withIstio = withIstio;
        reset(seed);
    }

    /**
     * A cluster with Istio installed: namespace {@code istio-system} with the
     * {@code istio-ingressgateway}, and namespace {@code default} labelled
     * {@code istio-injection=enabled}, as in the classic experiments.
     *
     * @return a new mesh with seed {@link #DEFAULT_SEED}
     */
    public static Mesh mesh() {
        return new Mesh(true, DEFAULT_SEED);
    }

    /**
     * A cluster without Istio: only namespace {@code default}, not injected.
     *
     * @return a new mesh with seed {@link #DEFAULT_SEED}
     */
    public static Mesh emptyCluster() {
        return new Mesh(false, DEFAULT_SEED);
    }

    /**
     * Uses another seed: {@code mesh().seed(7).apply(...)}. The seed decides pod names and every
     * random pick, so it must come before anything is applied.
     *
     * @param newSeed the seed of every pod name and random pick
     * @return the mesh, for chaining
     */
    public Mesh seed(long newSeed) {
        requireNoLiveTraffic("seed(...)");
        if (changed) {
            throw new IllegalStateException("seed(" + newSeed + ") must come before apply(...) and with...(...): "
                    + "pod names already follow seed " + seed + "; write mesh().seed(" + newSeed + ").apply(...)");
        }
        reset(newSeed);
        return this;
    }

    private void reset(long newSeed) {
        this.seed = newSeed;
        this.cluster = withIstio ? Cluster.withIstio(newSeed) : Cluster.empty(newSeed);
        this.cluster.onPodStart(this::podStarts);
        this.simulation = null;
        this.configs = null;
        this.plane = new DataPlane(new SeededRandom(newSeed), sidecarOverhead);
    }

    /**
     * The seed in use.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Applies YAML, like {@code kubectl apply -f}: a {@code classpath:} location
     * ({@code "classpath:helloworld.yaml"}), the YAML text itself (one or more documents), or a
     * file name ending in {@code .yaml} or {@code .yml}: a file, else a classpath resource.
     * Atomic: on any error nothing is applied and a {@link MeshConfigException} says where.
     *
     * @param yamlOrClasspathLocation YAML text, or {@code classpath:} and a resource name
     * @return the mesh, for chaining
     */
    public Mesh apply(String yamlOrClasspathLocation) {
        applyManifests(read(yamlOrClasspathLocation));
        return this;
    }

    /**
     * Applies a YAML file.
     *
     * @param file a YAML file, one or more documents
     * @return the mesh, for chaining
     */
    public Mesh apply(Path file) {
        applyManifests(ManifestReader.read(file));
        return this;
    }

    /**
     * Applies objects built in code.
     *
     * @param resources objects to apply, in order
     * @return the mesh, for chaining
     */
    public Mesh apply(Resource... resources) {
        List<Manifest> manifests = new ArrayList<>();
        for (Resource r : resources) {
            manifests.add(Manifest.inCode(r));
        }
        applyManifests(manifests);
        return this;
    }

    /**
     * Deletes the objects a YAML text or {@code classpath:} location names, like {@code kubectl delete -f}.
     *
     * @param yamlOrClasspathLocation YAML text, or {@code classpath:} and a resource name
     * @return the mesh, for chaining
     */
    public Mesh delete(String yamlOrClasspathLocation) {
        return deleteManifests(read(yamlOrClasspathLocation));
    }

    /**
     * Deletes the objects a YAML file names.
     *
     * @param file a YAML file naming the objects
     * @return the mesh, for chaining
     */
    public Mesh delete(Path file) {
        return deleteManifests(ManifestReader.read(file));
    }

    /**
     * Deletes objects by kind, namespace and name, like {@code kubectl delete virtualservice reviews}.
     *
     * @param refs the objects to delete
     * @return the mesh, for chaining
     */
    public Mesh delete(ResourceRef... refs) {
        if (live != null) {
            live.change(() -> deleteRefs(refs));
            return this;
        }
        applied(deleteRefs(refs));
        return this;
    }

    ApplyResult deleteRefs(ResourceRef... refs) {
        changed = true;
        List<ApplyResult.Change> changes = new ArrayList<>();
        ApplyResult last = null;
        for (ResourceRef ref : refs) {
            last = cluster.delete(ref);
            changes.addAll(last.changes());
        }
        return new ApplyResult(changes, List.of(), last != null ? last.state() : cluster.state());
    }

    private Mesh deleteManifests(List<Manifest> manifests) {
        if (live != null) {
            live.change(() -> deleteChecked(manifests));
            return this;
        }
        applied(deleteChecked(manifests));
        return this;
    }

    /** Keeps what an apply or delete did, and tells the listeners. */
    Applied applied(ApplyResult result) {
        List<Applied.Change> changes = new ArrayList<>();
        for (ApplyResult.Change c : result.changes()) {
            changes.add(new Applied.Change(c.ref(), c.resource(), Applied.Verb.valueOf(c.verb().name()),
                    Optional.ofNullable(c.reason())));
        }
        List<Applied.Warning> warnings = new ArrayList<>();
        for (MeshConfigException.Problem p : result.warnings()) {
            warnings.add(new Applied.Warning(p.resource(), Optional.ofNullable(p.location()),
                    Optional.ofNullable(p.fieldPath()).filter(f -> !f.isEmpty()), p.reason()));
        }
        lastApply = new Applied(changes, warnings);
        applyListeners.forEach(l -> l.accept(lastApply));
        return lastApply;
    }

    /**
     * What {@code istioctl analyze --all-namespaces} would say of this mesh now: Istio's analyzers
     * that apply to what meshtest simulates (docs/validation.md lists them), with Istio's codes,
     * levels and texts, each pointing at the file and line of the resource or field.
     *
     * <pre>{@code
     * Analysis a = mesh.analyze();
     * a.hasErrors();          // true: Error [IST0101] (VirtualService default/reviews vs.yaml:9) Referenced host not found: "ratings2"
     * System.out.println(a.suppress("IST0102", "*"));
     * }</pre>
     *
     * @return the analysis
     */
    public Analysis analyze() {
        return Analyzers.analyze(state());
    }

    /**
     * What the last {@code apply}, {@code with...} or {@code delete} call did, as kubectl prints it:
     * a line per object ({@code created}, {@code configured}, {@code unchanged}, {@code deleted},
     * {@code ignored}) and the warnings of the API server and Istio's webhook.
     *
     * <pre>{@code
     * mesh.apply("classpath:routing/canary.yaml").lastApply().warnings();
     * }</pre>
     *
     * @return the last call's outcome; no changes before the first call
     */
    public Applied lastApply() {
        return lastApply;
    }

    /**
     * Calls {@code listener} with what every later {@code apply}, {@code with...} or {@code delete}
     * call did, in order. The JUnit extension uses it to publish them as report entries.
     *
     * @param listener called after every successful call
     * @return the mesh, for chaining
     */
    public Mesh onApply(Consumer<? super Applied> listener) {
        applyListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** One word ending in {@code .yaml} or {@code .yml}: a file or resource name, not YAML text. */
    private static final Pattern FILE_NAME = Pattern.compile("[^\\s:{}\\[\\]#\"']+\\.ya?ml");

    static List<Manifest> read(String yamlOrClasspathLocation) {
        Objects.requireNonNull(yamlOrClasspathLocation, "yaml");
        if (yamlOrClasspathLocation.startsWith("classpath:")) {
            return ManifestReader.readClasspath(yamlOrClasspathLocation);
        }
        String name = yamlOrClasspathLocation.strip();
        if (FILE_NAME.matcher(name).matches()) {
            // A file name where YAML was expected: a file, else a classpath resource, as @MeshTest(config) reads it.
            Path file = Path.of(name);
            if (Files.isRegularFile(file)) {
                return ManifestReader.read(file);
            }
            if (ManifestReader.classpathResourceExists(name)) {
                return ManifestReader.readClasspath("classpath:" + name);
            }
            throw new MeshConfigException(new MeshConfigException.Problem(null, null, null, "apply(\"" + name
                    + "\") names a YAML file, but there is neither a file " + file.toAbsolutePath()
                    + " nor a classpath resource " + name + "; pass the YAML text, a Path for a file, or "
                    + "\"classpath:<name>\" for a resource"));
        }
        return ManifestReader.read(yamlOrClasspathLocation);
    }

    private void applyManifests(List<Manifest> manifests) {
        if (live != null) {
            live.change(() -> applyChecked(manifests));
            return;
        }
        applied(applyChecked(manifests));
    }

    /** Applies manifests as {@link #apply(String)} does, without telling the listeners. */
    ApplyResult applyChecked(List<Manifest> manifests) {
        List<NotSimulated.Gap> gaps = NotSimulated.review(manifests, settings.jwks().keySet());
        if (!gaps.isEmpty() && !lenient) {
            // What the API server or Istio's webhook rejects is rejected first, in their words, as on a cluster.
            List<MeshConfigException.Problem> rejected = new ArrayList<>();
            manifests.forEach(m -> rejected.addAll(Admission.review(m)));
            throw new MeshConfigException(rejected.isEmpty() ? gaps.stream().map(NotSimulated.Gap::problem).toList() : rejected);
        }
        changed = true;
        ApplyResult result = cluster.apply(manifests);
        gaps.forEach(g -> note(g.note()));
        return result;
    }

    /** Deletes what manifests name, as {@link #delete(String)} does, without telling the listeners. */
    ApplyResult deleteChecked(List<Manifest> manifests) {
        changed = true;
        return cluster.delete(manifests);
    }

    /** Runs calls that change the cluster all together or not at all. */
    <T> T atomically(java.util.function.Supplier<T> calls) {
        return cluster.atomically(calls);
    }

    MeshSettings settings() {
        return settings;
    }

    /**
     * A pod whose containers start: strict mode's refusal when its Bookinfo app reads a call port from
     * its service links that meshtest cannot call (a link that is no port number, two Services' links
     * on one variable); a lenient mesh notes it and the app calls 9080 there.
     */
    private String podStarts(ClusterPod pod) {
        String why = dev.meshtest.internal.istio.SampleApps.linkProblem(pod.labels(), pod.containers(),
                pod.serviceLinks()::values);
        if (why == null) {
            return null;
        }
        String what = "pod " + pod.namespace() + "/" + pod.name() + ", " + why + ",";
        String onACluster = NotSimulated.FIELDS.get(NotSimulated.BOOKINFO_VARIANTS);
        if (lenient) {
            note(NotSimulated.note(what, onACluster));
            return null;
        }
        return NotSimulated.refusal(what, onACluster);
    }

    private void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    /**
     * Simulates without what meshtest does not simulate, instead of refusing it. By default a mesh is
     * strict: applying an EnvoyFilter, a CUSTOM AuthorizationPolicy, a Sidecar egress listener
     * with {@code captureMode: NONE}, a MeshConfig field that changes traffic (the README lists them all) fails,
     * because a test could pass here where the cluster fails. A lenient mesh applies them, ignores
     * them, and keeps a note for each, which every result and every assertion failure prints.
     *
     * <pre>{@code
     * Mesh mesh = mesh().lenient().apply("classpath:bookinfo-with-policies.yaml");
     * mesh.notes();   // [lenient: EnvoyFilter default/lua (...) is not simulated; on a cluster ...]
     * }</pre>
     *
     * @return the mesh, for chaining
     */
    public Mesh lenient() {
        this.lenient = true;
        return this;
    }

    /**
     * What this mesh was given and does not simulate (only a {@link #lenient()} mesh accepts such
     * things), in the order applied.
     *
     * @return the notes; empty for a strict mesh
     */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Adds a pod like {@code kubectl run <name> --image=<name>}: Pod {@code name} labelled {@code run: name} in {@code default}.
     *
     * @param name the pod's name, also its image and its {@code run} label
     * @return the mesh, for chaining
     */
    public Mesh withPod(String name) {
        return withPod(name, Resource.DEFAULT_NAMESPACE);
    }

    /**
     * Adds a pod like {@code kubectl run <name> --image=<name> -n <namespace>}.
     *
     * @param name the pod's name, also its image and its {@code run} label
     * @param namespace the pod's namespace
     * @return the mesh, for chaining
     */
    public Mesh withPod(String name, String namespace) {
        Pod pod = new Pod("v1", "Pod", new ObjectMeta(name, namespace, Map.of("run", name), Map.of(), null, null),
                new PodSpec(List.of(new Container(name, name, List.of())), List.of(), null, null, null));
        return apply(pod);
    }

    /**
     * Adds a namespace, like {@code kubectl create namespace}, labelled
     * {@code istio-injection=enabled} when {@code injected} (else not labelled).
     *
     * @param name the namespace
     * @param injected whether it is labelled for sidecar injection
     * @return the mesh, for chaining
     */
    public Mesh withNamespace(String name, boolean injected) {
        Map<String, String> labels = injected ? Map.of("istio-injection", "enabled") : Map.of();
        return apply(new Namespace("v1", "Namespace", ObjectMeta.of(name, null, labels)));
    }

    /**
     * Applies a VirtualService (YAML); fails if the YAML holds another kind.
     *
     * @param yaml the YAML text, one document
     * @return the mesh, for chaining
     */
    public Mesh withVirtualService(String yaml) {
        return applyKind("VirtualService", yaml);
    }

    /**
     * Applies a DestinationRule (YAML).
     *
     * @param yaml the YAML text, one document
     * @return the mesh, for chaining
     */
    public Mesh withDestinationRule(String yaml) {
        return applyKind("DestinationRule", yaml);
    }

    /**
     * Applies a Gateway (YAML).
     *
     * @param yaml the YAML text, one document
     * @return the mesh, for chaining
     */
    public Mesh withGateway(String yaml) {
        return applyKind("Gateway", yaml);
    }

    /**
     * Applies a ServiceEntry (YAML).
     *
     * @param yaml the YAML text, one document
     * @return the mesh, for chaining
     */
    public Mesh withServiceEntry(String yaml) {
        return applyKind("ServiceEntry", yaml);
    }

    /**
     * Applies a Sidecar (YAML): what the sidecars of its namespace, or of the workloads it
     * selects, know and listen on. One in {@code istio-system} without a selector is the
     * mesh-wide default.
     *
     * <pre>{@code
     * mesh.withSidecar("""
     *     apiVersion: networking.istio.io/v1
     *     kind: Sidecar
     *     metadata: {name: default, namespace: istio-system}
     *     spec:
     *       egress:
     *       - hosts: ["./*", "istio-system/*"]
     *     """);
     * }</pre>
     *
     * @param yaml the YAML text, one document
     * @return the mesh, for chaining
     */
    public Mesh withSidecar(String yaml) {
        return applyKind("Sidecar", yaml);
    }

    /**
     * Gives the JSON Web Key Set published at a URI, as istiod would fetch it for a
     * RequestAuthentication's {@code jwksUri}: meshtest fetches nothing. Give it before applying
     * the RequestAuthentication (a strict mesh refuses a {@code jwksUri} it has no key set for).
     *
     * <pre>{@code
     * JwtIssuer issuer = JwtIssuer.named("testing@secure.istio.io");
     * mesh.withJwks("https://example.com/jwks.json", issuer.jwks())
     *     .apply("classpath:request-authentication.yaml");   // jwksUri: https://example.com/jwks.json
     * }</pre>
     *
     * @param uri the {@code jwksUri}, as written in the RequestAuthentication
     * @param jwksJson the key set, as the URI serves it ({@code {"keys": [...]}})
     * @return the mesh, for chaining
     */
    public Mesh withJwks(String uri, String jwksJson) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(jwksJson, "jwksJson");
        try {
            com.nimbusds.jose.jwk.JWKSet.parse(jwksJson);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("withJwks(\"" + uri + "\", ...): not a JSON Web Key Set: " + e.getMessage(), e);
        }
        this.settings = settings.withJwks(uri, jwksJson);
        changed = true;
        this.simulation = null;
        this.configs = null;
        return this;
    }

    /**
     * Applies a Kubernetes Service (YAML).
     *
     * @param yaml the YAML text, one document
     * @return the mesh, for chaining
     */
    public Mesh withService(String yaml) {
        return applyKind("Service", yaml);
    }

    /**
     * Applies a Kubernetes Deployment (YAML).
     *
     * @param yaml the YAML text, one document
     * @return the mesh, for chaining
     */
    public Mesh withDeployment(String yaml) {
        return applyKind("Deployment", yaml);
    }

    private Mesh applyKind(String kind, String yaml) {
        List<Manifest> manifests = ManifestReader.read(yaml);
        for (Manifest m : manifests) {
            if (!m.resource().kind().equals(kind)) {
                throw new IllegalArgumentException("with" + kind + "(...) got a " + m.resource().kind() + " ("
                        + m.resource().ref() + "); use apply(yaml) for mixed kinds");
            }
        }
        applyManifests(manifests);
        return this;
    }

    /**
     * Sets Istio's MeshConfig (the {@code mesh} key of the {@code istio} ConfigMap), for example
     * {@code outboundTrafficPolicy: {mode: REGISTRY_ONLY}}. Fields that do not change traffic
     * (access logs, tracing, ...) are accepted and ignored; fields that change traffic and are not
     * simulated ({@code defaultHttpRetryPolicy}, {@code connectTimeout}, ...) fail unless the mesh is
     * {@link #lenient()}.
     *
     * @param yaml the MeshConfig, as under the {@code mesh} key of the {@code istio} ConfigMap
     * @return the mesh, for chaining
     */
    public Mesh withMeshConfig(String yaml) {
        MeshConfig mc = ManifestReader.readObject(yaml, MeshConfig.class, "<meshConfig>");
        GatewayTopology topology;
        try {
            topology = GatewayTopology.ofMeshConfig(yaml);
        } catch (IllegalArgumentException e) {
            throw new MeshConfigException(List.of(new MeshConfigException.Problem("<meshConfig>", null,
                    "defaultConfig.gatewayTopology.numTrustedProxies", e.getMessage())));
        }
        java.util.Set<String> defaultConfigKeys = new java.util.LinkedHashSet<>(ManifestReader.keysUnder(yaml, "defaultConfig"));
        if (topology.proxyProtocol()) {
            defaultConfigKeys.add("gatewayTopology.proxyProtocol");
        }
        List<String> unsimulated = NotSimulated.meshConfigFields(ManifestReader.topLevelKeys(yaml), defaultConfigKeys);
        if (!unsimulated.isEmpty() && !lenient) {
            throw new MeshConfigException(unsimulated.stream().map(f -> new MeshConfigException.Problem("<meshConfig>", null, f,
                    NotSimulated.refusal("MeshConfig " + f, NotSimulated.MESH_CONFIG_FIELDS.get(f)))).toList());
        }
        unsimulated.forEach(f -> note(NotSimulated.note("MeshConfig " + f, NotSimulated.MESH_CONFIG_FIELDS.get(f))));
        MeshSettings.OutboundTrafficPolicy mode = mc.outboundTrafficPolicy() == null || mc.outboundTrafficPolicy().mode() == null
                ? MeshSettings.OutboundTrafficPolicy.ALLOW_ANY
                : MeshSettings.OutboundTrafficPolicy.valueOf(mc.outboundTrafficPolicy().mode().name());
        changed = true;
        this.settings = new MeshSettings(mode, mc.rootNamespace() == null ? "istio-system" : mc.rootNamespace(),
                mc.defaultHttpRetryPolicy(), new MeshSettings.ExportToDefaults(mc.defaultVirtualServiceExportTo(),
                mc.defaultDestinationRuleExportTo(), mc.defaultServiceExportTo()), mc.pathNormalization().normalization(),
                !Boolean.FALSE.equals(mc.enableAutoMtls()),
                mc.trustDomain() == null || mc.trustDomain().isEmpty() ? "cluster.local" : mc.trustDomain(), settings.jwks(),
                topology);
        this.simulation = null;
        this.configs = null;
        return this;
    }

    // ---------------------------------------------------------------- traffic and inspection

    /**
     * Starts a traffic spec of {@code n} requests: {@code send(1000).from("nginx").to("helloworld:5000/hello")}.
     *
     * @param n how many requests, at least 1
     * @return a spec to complete with {@code from(...)} and run with {@code to(url)}
     */
    public TrafficSpec<TrafficResult> send(int n) {
        return new TrafficSpec<>(n, this::runTraffic);
    }

    /**
     * Starts a spec of {@code n} TCP connections, as {@code nc host port} opens them one after the
     * other (or with {@code concurrency}/{@code rate}, as {@code send} does): {@code
     * mesh.connect(100).from("sleep").to("tcp-echo:9000")}. Each outcome is a connection: status 0,
     * the workload that accepted it, or how it ended ({@link Outcome#connectionEnd()}: refused,
     * reset, closed, closed by the proxy with its response flags, {@code UO} for an overflow).
     * VirtualService {@code tcp} rules route it; HTTP listeners on the way cannot read it (a
     * sidecar's passes it to its fallthrough chain, a gateway's or a server's HTTP port closes it).
     *
     * <pre>{@code
     * TrafficResult r = mesh.connect(1000).from("sleep").to("tcp-echo:9000");
     * assertThat(r).reached("tcp-echo-v2").withShare(0.2);
     * }</pre>
     *
     * @param n how many connections, at least 1
     * @return a spec to complete with {@code from(...)} and run with {@code to("host:port")}
     */
    public TrafficSpec<TrafficResult> connect(int n) {
        return TrafficSpec.connections(n, this::runTraffic);
    }

    /**
     * Starts a traffic spec that keeps sending for a virtual duration:
     * {@code send(Duration.ofSeconds(10)).from("nginx").rate(20).to("helloworld:5000/hello")}. No
     * request starts at or after the end; requests in flight then finish.
     *
     * @param duration how long to keep starting requests, in virtual time
     * @return a spec to complete with {@code from(...)} and run with {@code to(url)}
     */
    public TrafficSpec<TrafficResult> send(Duration duration) {
        return new TrafficSpec<>(duration, this::runTraffic);
    }

    private TrafficResult runTraffic(TrafficSpec<TrafficResult> spec) {
        requireNoLiveTraffic("send(...)");
        if (!spec.startAt().isZero()) {
            advance(spec.startAt());
        }
        TrafficResult run = new TrafficRunner(this).run(spec);
        TrafficResult result = notes.isEmpty() ? run : run.withNotes(notes);
        published(result);
        return result;
    }

    /**
     * A timeline: clients that start and stop at given times and changes at given moments, played
     * out together on the virtual clock, exact for the seed. See {@link Timeline}.
     *
     * <pre>{@code
     * TimelineResult t = mesh.timeline()
     *     .send(Duration.ofSeconds(20)).from("nginx").named("terminal 1").to("http://helloworld-v2:5000/hello")
     *     .send(Duration.ofSeconds(10)).startingAt(Duration.ofSeconds(10)).from("nginx").named("terminal 2")
     *     .to("http://helloworld-v2:5000/hello")
     *     .run();
     * }</pre>
     *
     * @return an empty timeline of this mesh
     */
    public Timeline timeline() {
        return new Timeline(this);
    }

    /**
     * Starts a client that keeps sending in the background, paced to the wall clock, until it is
     * stopped: live traffic (see {@link LiveTraffic}). Complete it as {@code send}'s spec
     * ({@code from}, headers, {@code concurrency}, {@code rate}, ...); {@code to(url)} starts it.
     *
     * <pre>{@code
     * try (LiveTraffic live = mesh.startTraffic().from("nginx").to("http://helloworld:5000/hello")) {
     *     mesh.apply(canary);
     *     live.await().untilAsserted(() -> assertThat(live.last(200)).reached("helloworld-v2").withShare(0.8));
     * }
     * }</pre>
     *
     * @return a spec; its {@code to(url)} returns the running client's handle
     */
    public TrafficSpec<LiveTraffic> startTraffic() {
        return new TrafficSpec<>(Duration.ofNanos(Long.MAX_VALUE), spec -> {
            if (live == null) {
                live = new LiveRun(this, simulation(), liveSpeedUp);
            }
            return live.add(spec);
        });
    }

    /**
     * Stops every live client of this mesh ({@link LiveTraffic#stop()}); the background thread
     * ends and the mesh is at rest. Nothing happens when none runs.
     *
     * @return the mesh, for chaining
     */
    public Mesh stopTraffic() {
        LiveRun run = live;
        if (run != null) {
            run.end();
        }
        return this;
    }

    /** The live run ended: the mesh is at rest. */
    void liveEnded(LiveRun run) {
        if (live == run) {
            live = null;
        }
    }

    /**
     * How fast live traffic's virtual clock runs: {@code factor} virtual seconds per wall second
     * (1 by default). Set it before starting live traffic.
     *
     * @param factor the speed-up, positive and finite
     * @return the mesh, for chaining
     */
    public Mesh withLiveSpeedUp(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("withLiveSpeedUp(" + factor + "): a positive, finite factor");
        }
        requireNoLiveTraffic("withLiveSpeedUp(...)");
        this.liveSpeedUp = factor;
        return this;
    }

    /**
     * How configuration changes reach the proxies while traffic runs ({@link PushDelay}; istiod's
     * debounce and a delivery per proxy, {@link PushDelay#ISTIO}, by default).
     *
     * <pre>{@code
     * mesh.withPushDelay(PushDelay.NONE);   // every change everywhere at once, also on timelines
     * }</pre>
     *
     * @param delay the push delay
     * @return the mesh, for chaining
     */
    public Mesh withPushDelay(PushDelay delay) {
        requireNoLiveTraffic("withPushDelay(...)");
        this.pushDelay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** {@return how configuration changes reach the proxies while traffic runs} */
    public PushDelay pushDelay() {
        return pushDelay;
    }

    ConfigPushes.Timing pushTiming() {
        return new ConfigPushes.Timing(pushDelay.debounceAfter().toNanos(), pushDelay.debounceMax().toNanos(),
                pushDelay.deliveryMin().toNanos(), pushDelay.deliveryMax().toNanos());
    }

    /**
     * Waits until every proxy has the latest configuration: while live traffic runs, until
     * istiod's pushes of the changes made so far have reached every proxy (in wall time, at most
     * what the live clock needs for {@code PILOT_DEBOUNCE_MAX} and the longest delivery, plus
     * 5 s); between sends, every proxy has it already and it returns at once.
     *
     * <pre>{@code
     * mesh.apply(canary).awaitConvergence();   // every proxy routes by the canary from here
     * }</pre>
     *
     * @return the mesh, for chaining
     * @throws IllegalStateException when the pushes do not arrive in time (a meshtest bug), or live traffic failed
     */
    public Mesh awaitConvergence() {
        LiveRun run = live;
        if (run == null) {
            return this;
        }
        long limitNanos = run.slowestPushWall().toNanos() + 5_000_000_000L;
        long deadline = System.nanoTime() + limitNanos;
        while (!run.converged()) {
            if (System.nanoTime() > deadline || run.ended()) {
                if (run.ended()) {
                    return this;
                }
                throw new IllegalStateException("awaitConvergence(): the proxies did not all take the latest configuration within "
                        + DurationFormat.of(Duration.ofNanos(limitNanos)) + " of wall time");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return this;
    }

    /** Refuses what cannot happen while live traffic runs on the background thread. */
    void requireNoLiveTraffic(String what) {
        if (live != null) {
            throw new IllegalStateException(what + " while live traffic runs (" + live.clients().size() + " client(s) started "
                    + "with startTraffic()): stop it first (live.stop(), or mesh.stopTraffic()); while it runs, the mesh "
                    + "takes apply, delete, startTraffic, proxyConfig, awaitConvergence and now");
        }
    }

    /** Tells the {@link #onTraffic} listeners of a result: a send's, or each of a timeline's clients'. */
    void published(TrafficResult result) {
        trafficListeners.forEach(l -> l.accept(result));
    }

    /**
     * Sets how an app behaves ({@link App}: service time, status and error rate, body, calls to
     * other services), for every pod of a workload: {@code "helloworld-v1"} (namespace
     * {@code default}) or {@code "shop/ratings-v1"}. Overrides the pods' {@code meshtest.dev/*}
     * annotations and the defaults.
     *
     * <pre>{@code
     * mesh.withApp("ratings-v1", App.serviceTime(Latency.exponential(Duration.ofMillis(20))).failing(503, 0.2));
     * }</pre>
     *
     * @param workload {@code name} in namespace {@code default}, or {@code namespace/name}
     * @param app what its pods do
     * @return the mesh, for chaining
     */
    public Mesh withApp(String workload, App app) {
        requireNoLiveTraffic("withApp(...)");
        Objects.requireNonNull(app, "app");
        String key = Objects.requireNonNull(workload, "workload").contains("/") ? workload : Resource.DEFAULT_NAMESPACE + "/" + workload;
        apps.put(key, app);
        this.simulation = null;
        return this;
    }

    /**
     * Sets what one Envoy (sidecar or gateway) adds to a request's way, in virtual time
     * ({@link Simulation#DEFAULT_SIDECAR_OVERHEAD} by default, 0.5 ms).
     *
     * @param overhead the time one Envoy adds, not negative
     * @return the mesh, for chaining
     */
    public Mesh withSidecarOverhead(Duration overhead) {
        requireNoLiveTraffic("withSidecarOverhead(...)");
        if (Objects.requireNonNull(overhead, "overhead").isNegative()) {
            throw new IllegalArgumentException("withSidecarOverhead(" + overhead + ") is negative");
        }
        this.sidecarOverhead = overhead;
        this.plane = plane.withSidecarOverhead(overhead);
        this.simulation = null;
        return this;
    }

    /**
     * The mesh's virtual time: how long its requests have taken since it was made, across sends.
     *
     * @return the virtual time since the mesh was made
     */
    public Duration now() {
        LiveRun run = live;
        if (run != null) {
            return run.now();
        }
        return Duration.ofNanos(plane.engine().now());
    }

    /**
     * Lets virtual time pass with no traffic (in-flight work, if any, goes on): outlier-ejected
     * hosts come back after their ejection time, for example.
     *
     * @param time how long to let pass, not negative
     * @return the mesh, for chaining
     */
    public Mesh advance(Duration time) {
        requireNoLiveTraffic("advance(...)");
        if (Objects.requireNonNull(time, "time").isNegative()) {
            throw new IllegalArgumentException("advance(" + time + ") is negative");
        }
        plane.engine().runUntil(plane.engine().now() + time.toNanos());
        return this;
    }

    /**
     * Calls {@code listener} with every {@link TrafficResult} this mesh's {@code send(..)...to(..)}
     * returns, and each client's of a timeline it runs, in order, on the sending thread. The JUnit extension uses it to publish a failed
     * test's traffic.
     *
     * <pre>{@code
     * List<TrafficResult> seen = new ArrayList<>();
     * mesh.onTraffic(seen::add);
     * }</pre>
     *
     * @param listener called with every result
     * @return the mesh, for chaining
     */
    public Mesh onTraffic(Consumer<? super TrafficResult> listener) {
        trafficListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Explains one request: {@code explain().from("nginx").to("helloworld:5000/hello")} returns
     * each decision on its way and the outcome. The request runs on a fork of the mesh as it is
     * (its clock, random stream, connection pools, outlier ejections): it shows what the next
     * {@code send} of one request would do, and changes nothing the mesh does afterwards.
     *
     * @return a spec of one request, run with {@code to(url)}
     */
    public TrafficSpec<Explanation> explain() {
        return TrafficSpec.oneRequest(spec -> {
            TrafficRunner runner = new TrafficRunner(this);
            return runner.explain(spec, fork(runner));
        });
    }

    /**
     * Explains one TCP connection as {@link #connect(int)} would open it: every decision on its way
     * (listeners, filter chains, tcp routes, clusters, endpoints) and how it ended.
     *
     * <pre>{@code
     * System.out.println(mesh.explainConnection().from("sleep").to("tcp-echo:9000"));
     * }</pre>
     *
     * @return a spec to complete with {@code from(...)} and run with {@code to("host:port")}
     */
    public TrafficSpec<Explanation> explainConnection() {
        return TrafficSpec.oneConnection(spec -> {
            TrafficRunner runner = new TrafficRunner(this);
            return runner.explain(spec, fork(runner));
        });
    }

    /**
     * Explains a request under load: {@code explain(100).from("nginx").concurrency(2).to(url)}
     * sends the load as {@code send(100)} would, on a fork of the mesh as it is, tracing every
     * request, and returns the explanation of the first request that did not succeed (its first
     * step says which it was), or of the first request, saying that none failed. The mesh is
     * left as it was.
     *
     * <pre>{@code
     * Explanation e = mesh.explain(10).from("fortio").concurrency(3).to("httpbin:8000/get");
     * // request 3 of 10 is the first that failed
     * // ... client-side circuit breaker of fortio-..., cluster outbound|8000||httpbin...: http1MaxPendingRequests 1 reached ...
     * }</pre>
     *
     * @param count the number of requests, at least 1
     * @return a spec to complete with {@code from(...)} and the load shape, run with {@code to(url)}
     */
    public TrafficSpec<Explanation> explain(int count) {
        return new TrafficSpec<>(count, spec -> {
            TrafficRunner runner = new TrafficRunner(this);
            return runner.explainUnderLoad(spec, fork(runner));
        });
    }

    /** A simulation of the current version on a fork of the data plane: explanations leave the mesh untouched. */
    private Simulation fork(TrafficRunner runner) {
        requireNoLiveTraffic("explain(...)");
        Simulation now = simulation();
        return new Simulation(now.configs(), now.plane().fork(), this::appOf, runner::dial);
    }

    /**
     * What istiod pushed to a pod's proxy, printable like {@code istioctl proxy-config}:
     * {@code proxyConfig("nginx").routes()}, {@code .clusters()}, {@code .listeners()},
     * {@code .endpoints()}. Fails for a pod without a sidecar.
     *
     * @param pod a pod or workload: {@code "nginx"} or {@code "istio-system/istio-ingressgateway"}
     * @return what istiod pushed to that pod's proxy
     */
    public ProxyConfigView proxyConfig(String pod) {
        return compiledProxyConfig(pod);
    }

    /**
     * The status istiod writes on the Gateway API objects applied: each Gateway's and route's
     * conditions ({@code Accepted}, {@code Programmed}, {@code ResolvedRefs}) with Istio's reasons
     * and messages, as {@code kubectl get httproute hello -o yaml} shows them. A route a parent does
     * not accept does not route there.
     *
     * <pre>{@code
     * assertThat(mesh.gatewayApiStatus().httpRoute("hello")).isAccepted().hasResolvedRefs();
     * }</pre>
     *
     * @return the status now; later applies do not change it
     */
    @API(status = EXPERIMENTAL, since = "0.7")
    public dev.meshtest.status.GatewayApiStatus gatewayApiStatus() {
        return state().gatewayApi().toStatus();
    }

    /** The compiled config behind {@link #proxyConfig}. */
    ProxyConfig compiledProxyConfig(String pod) {
        ClusterPod p = TrafficRunner.findPod(state(), pod);
        if (!p.hasProxy()) {
            throw new IllegalArgumentException("pod " + p.namespace() + "/" + p.name() + " has no sidecar: no proxy config"
                    + " (namespace not labelled istio-injection=enabled, or injection turned off for the pod)");
        }
        LiveRun run = live;
        if (run != null) {
            return run.proxyConfig(p);
        }
        return simulation().configs().of(p);
    }

    /** The cluster's current state. */
    ClusterState state() {
        return cluster.state();
    }

    /**
     * Marks a pod, or every pod of a workload, ready or not; not-ready pods get no traffic.
     *
     * @param podOrWorkload a pod, or every pod of a workload
     * @param ready whether they pass their readiness probe
     * @return the mesh, for chaining
     */
    public Mesh setReady(String podOrWorkload, boolean ready) {
        requireNoLiveTraffic("setReady(...)");
        ClusterPod p = TrafficRunner.findPod(state(), podOrWorkload);
        changed = true;
        boolean isPod = state().pod(p.namespace(), podOrWorkload.substring(podOrWorkload.indexOf('/') + 1)).isPresent();
        for (ClusterPod each : isPod ? List.of(p) : state().workloadPods(p.namespace(), p.workload())) {
            cluster.setReady(each.namespace(), each.name(), ready);
        }
        return this;
    }

    /**
     * Which VirtualService {@code http} rules, match blocks and weighted destinations this mesh's
     * sends exercised so far, as Envoy's route table check tool reports coverage: every rule of the
     * VirtualServices the mesh has now (and of those it had when they were hit), each with the
     * requests that took it. Explanations and replays do not count.
     *
     * <pre>{@code
     * mesh.send(100).from("productpage-v1").header("end-user", "jason").to("http://reviews:9080/reviews/0");
     * assertThat(mesh.routeCoverage()).isAtLeast(0.5);
     * mesh.routeCoverage().missed();   // [default/reviews http[1]]
     * }</pre>
     *
     * @return the coverage so far
     */
    public dev.meshtest.traffic.RouteCoverage routeCoverage() {
        LiveRun run = live;
        if (run == null) {
            return routeHits.coverage(state());
        }
        // Live traffic counts its hits on its own thread, under its lock.
        run.lock.lock();
        try {
            return routeHits.coverage(state());
        } finally {
            run.lock.unlock();
        }
    }

    RouteHits routeHits() {
        return routeHits;
    }

    /**
     * Keeps proxy configuration a timeline or live traffic compiled for the cluster as it is now,
     * so the next send does not compile it again.
     */
    void adopt(ProxyConfigs compiled) {
        if (compiled.state() == cluster.state()) {
            configs = compiled;
            configsVersion = compiled.state().version();
        }
    }

    Simulation simulation() {
        ClusterState s = cluster.state();
        if (simulation == null || simulationVersion != s.version()) {
            if (configs == null || configsVersion != s.version()) {
                configs = ProxyConfigs.of(s, settings);
                configsVersion = s.version();
            }
            TrafficRunner runner = new TrafficRunner(this);
            simulation = new Simulation(configs, plane, this::appOf, runner::dial);
            simulationVersion = s.version();
        }
        return simulation;
    }

    /** The apps as they are now, unchanged by later {@link #withApp} calls: for replays. */
    Function<ClusterPod, App> appsNow() {
        Map<String, App> now = new LinkedHashMap<>(apps);
        return pod -> appOf(now, pod);
    }

    /** A pod's app: {@link #withApp} for its workload, else its annotations and the defaults. */
    private App appOf(ClusterPod pod) {
        return appOf(apps, pod);
    }

    private static App appOf(Map<String, App> apps, ClusterPod pod) {
        App app = apps.get(pod.namespace() + "/" + pod.workload());
        return app != null ? app : PodApps.forPod(pod, "pod " + pod.namespace() + "/" + pod.name());
    }

    @Override
    public String toString() {
        return "Mesh(seed " + seed + ", " + state().pods().size() + " pods, " + state().services().size() + " services)";
    }
}
