package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.Origin;
import dev.meshtest.config.gateway.GatewayApiKinds;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.ContainerPort;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.DeploymentSpec;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.config.kube.LabelSelector;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.config.kube.PodTemplateSpec;
import dev.meshtest.config.kube.DaemonSet;
import dev.meshtest.config.kube.ReplicaSet;
import dev.meshtest.config.kube.EndpointAddress;
import dev.meshtest.config.kube.EndpointPort;
import dev.meshtest.config.kube.EndpointSubset;
import dev.meshtest.config.kube.Endpoints;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.StatefulSet;
import dev.meshtest.config.kube.StatefulSetSpec;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import dev.meshtest.internal.cluster.ApplyResult.Change;
import dev.meshtest.internal.cluster.ApplyResult.Verb;
import dev.meshtest.internal.gatewayapi.GatewayDeployment;
import dev.meshtest.internal.validate.Admission;
import dev.meshtest.internal.validate.KubeValidation;
import dev.meshtest.internal.text.ApiServerText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A simulated Kubernetes cluster with Istio: namespaces, Services, Deployments and their pods,
 * and a store for every other object (Istio configs), changed with {@link #apply} and
 * {@link #delete} the way {@code kubectl} changes a real one.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.withIstio(42);
 * ApplyResult r = cluster.apply(ManifestReader.read(Path.of("helloworld.yaml")));
 * System.out.println(r);                 // service/helloworld created ...
 * ClusterState s = cluster.state();      // an immutable snapshot
 * s.pods();                              // helloworld-v1-7c455c6675-h5ptg, ...
 * }</pre>
 *
 * <p><b>Determinism.</b> Everything the cluster invents is derived from the seed and the
 * manifests: Deployment pod names ({@code <deployment>-<pod-template-hash>-<5 chars>}), pod IPs
 * ({@value #POD_CIDR}, from {@code 10.244.0.1} in creation order), ClusterIPs ({@value #SERVICE_CIDR},
 * from {@code 10.96.0.2}; {@code 10.96.0.1} is the {@code kubernetes} API Service's address in real
 * clusters), creation times (see {@link StoredConfig}). IPs are never reused within a cluster.
 *
 * <p><b>Atomic.</b> {@code apply} and {@code delete} check every object first; if anything is
 * wrong they throw one {@link MeshConfigException} listing every problem and change nothing. A
 * call that fails later (an address range exhausted) is undone: the store's undo log puts back
 * everything it changed.
 *
 * <p><b>Not thread-safe.</b> A cluster is mutable and meant for one test on one thread; the
 * {@link ClusterState} snapshots it hands out are immutable and may be shared freely.
 */
@API(status = INTERNAL, since = "0.1")
public final class Cluster {

    /** The first synthetic creation time. */
    public static final Instant CLOCK_START = Instant.parse("2024-01-01T00:00:00Z");
    /** The range pod IPs come from. */
    public static final String POD_CIDR = "10.244.0.0/16";
    /** The range ClusterIPs come from. */
    public static final String SERVICE_CIDR = "10.96.0.0/12";

    /**
     * The address of the cluster's one node (a kind cluster's control-plane node on its docker
     * network): where kube-proxy SNATs clients from outside to, and where the API server listens.
     */
    public static final String NODE_IP = "172.18.0.2";
    /** The API server's address, the endpoint of Service {@code kubernetes}: the node's. */
    public static final String API_SERVER = NODE_IP;
    /** Kubernetes' alphabet for generated names: no vowels, no confusable characters. */
    static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** Namespaces Kubernetes refuses to delete. */
    private static final Set<String> UNDELETABLE = Set.of("default", "kube-system", "kube-public");
    private static final int MAX_POD_IPS = 65534;
    private static final int MAX_SERVICE_IPS = (1 << 20) - 2;

    private final long seed;
    private final Store store;
    private ClusterState state;

    private Cluster(long seed) {
        this.seed = seed;
        this.store = new Store();
        this.state = ClusterState.of(store);
        store.takeTouched();
    }

    /**
     * A fresh Kubernetes cluster without Istio: namespaces {@code default} (not labelled for
     * injection), {@code kube-system}, {@code kube-public} and {@code kube-node-lease}.
     */
    public static Cluster empty(long seed) {
        Cluster c = new Cluster(seed);
        List<Manifest> objects = new ArrayList<>(List.of(
                Manifest.inCode(namespace("default", Map.of())),
                Manifest.inCode(namespace("kube-node-lease", Map.of())),
                Manifest.inCode(namespace("kube-public", Map.of())),
                Manifest.inCode(namespace("kube-system", Map.of()))));
        objects.addAll(systemServices());
        c.apply(objects);
        c.resetVersion();
        return c;
    }

    /**
     * The Services every cluster has: {@code kubernetes} in {@code default} ({@code 10.96.0.1},
     * port 443 {@code https} to the API server at {@value #API_SERVER}:6443, an Endpoints object
     * as the API server writes it) and {@code kube-dns} in {@code kube-system} ({@code 10.96.0.10},
     * ports 53 {@code dns}/UDP, 53 {@code dns-tcp}, 9153 {@code metrics}, selecting the CoreDNS pods,
     * which meshtest does not run: a pod's names are answered by {@code PodDns}).
     */
    private static List<Manifest> systemServices() {
        Map<String, String> apiLabels = Map.of("component", "apiserver", "provider", "kubernetes");
        Service kubernetes = new Service("v1", "Service", new ObjectMeta("kubernetes", "default", apiLabels, Map.of(), null, null),
                new ServiceSpec(null, List.of(new ServicePort("https", 443, IntOrString.of(6443), "TCP", null, null)),
                        "ClusterIP", "10.96.0.1", null, null));
        Endpoints apiServer = new Endpoints("v1", "Endpoints", new ObjectMeta("kubernetes", "default", apiLabels, Map.of(), null, null),
                List.of(new EndpointSubset(List.of(new EndpointAddress(API_SERVER, null)), List.of(),
                        List.of(new EndpointPort("https", 6443, "TCP", null)))));
        Map<String, String> dnsLabels = Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
                "kubernetes.io/name", "CoreDNS");
        Service kubeDns = new Service("v1", "Service", new ObjectMeta("kube-dns", "kube-system", dnsLabels, Map.of(), null, null),
                new ServiceSpec(Map.of("k8s-app", "kube-dns"), List.of(
                        new ServicePort("dns", 53, IntOrString.of(53), "UDP", null, null),
                        new ServicePort("dns-tcp", 53, IntOrString.of(53), "TCP", null, null),
                        new ServicePort("metrics", 9153, IntOrString.of(9153), "TCP", null, null)),
                        "ClusterIP", "10.96.0.10", null, null));
        return List.of(Manifest.inCode(kubernetes), Manifest.inCode(apiServer), Manifest.inCode(kubeDns));
    }

    /**
     * The default cluster: {@link #empty}, plus Istio as a default install leaves it: namespace
     * {@code istio-system} with Deployment and Service {@code istio-ingressgateway} (type
     * LoadBalancer; ports 80→8080 {@code http2}, 443→8443 {@code https}, 15021 {@code status-port};
     * pods labelled {@code istio: ingressgateway}, {@code app: istio-ingressgateway}, and, as
     * Istio's gateway chart does, {@code sidecar.istio.io/inject: "true"} with annotation
     * {@code inject.istio.io/templates: gateway}), and namespace {@code default} labelled
     * {@code istio-injection=enabled}.
     */
    public static Cluster withIstio(long seed) {
        Cluster c = new Cluster(seed);
        Map<String, String> gwLabels = Map.of("istio", "ingressgateway", "app", "istio-ingressgateway");
        Map<String, String> gwPodLabels = new TreeMap<>(gwLabels);
        gwPodLabels.put(InjectionDecision.INJECT, "true");
        List<Container> containers = List.of(new Container("istio-proxy", "docker.io/istio/proxyv2", List.of(
                new ContainerPort(null, 8080, "TCP", null, null),
                new ContainerPort(null, 8443, "TCP", null, null),
                new ContainerPort(null, 15021, "TCP", null, null))));
        Deployment gw = new Deployment("apps/v1", "Deployment",
                new ObjectMeta("istio-ingressgateway", "istio-system", gwLabels, Map.of(), null, null),
                new DeploymentSpec(1, new LabelSelector(gwLabels, List.of()), new PodTemplateSpec(
                        new ObjectMeta(null, null, gwPodLabels,
                                Map.of(ClusterPod.TEMPLATES_ANNOTATION, "gateway"), null, null),
                        new PodSpec(containers, List.of(), null, "istio-ingressgateway", null))));
        Service gwSvc = new Service("v1", "Service",
                new ObjectMeta("istio-ingressgateway", "istio-system", gwLabels, Map.of(), null, null),
                new ServiceSpec(gwLabels, List.of(
                        new ServicePort("http2", 80, IntOrString.of(8080), "TCP", null, null),
                        new ServicePort("https", 443, IntOrString.of(8443), "TCP", null, null),
                        new ServicePort("status-port", 15021, IntOrString.of(15021), "TCP", null, null)),
                        "LoadBalancer", null, null, null));
        List<Manifest> objects = new ArrayList<>(List.of(
                Manifest.inCode(namespace("default", Map.of(InjectionDecision.NAMESPACE_LABEL, "enabled"))),
                Manifest.inCode(namespace("kube-node-lease", Map.of())),
                Manifest.inCode(namespace("kube-public", Map.of())),
                Manifest.inCode(namespace("kube-system", Map.of()))));
        objects.addAll(systemServices());
        objects.addAll(List.of(
                Manifest.inCode(namespace("istio-system", Map.of())),
                Manifest.inCode(gw),
                Manifest.inCode(gwSvc)));
        c.apply(objects);
        c.resetVersion();
        return c;
    }

    private static Namespace namespace(String name, Map<String, String> labels) {
        return new Namespace("v1", "Namespace", ObjectMeta.of(name, null, labels));
    }

    private void resetVersion() {
        store.version = 0;
        state = state.withVersion(0);
    }

    /** The seed everything random in this cluster derives from. */
    public long seed() {
        return seed;
    }

    /** The store, for tests in this package (comparing a state with one built from scratch, rollbacks). */
    Store store() {
        return store;
    }

    /** The current state: an immutable snapshot, unaffected by later changes. */
    public ClusterState state() {
        return state;
    }

    // =====================================================================================
    // apply
    // =====================================================================================

    /**
     * Creates or replaces objects, like {@code kubectl apply}: by kind, namespace ({@code default}
     * when none) and name. Namespaces in the call are applied first, so objects may come before
     * their namespace. Re-applying an identical object reports {@code unchanged}; a changed
     * Deployment template replaces its pods, changed {@code replicas} add or remove pods.
     * {@link IgnoredResource}s are reported, never stored.
     *
     * @throws MeshConfigException with every problem found, when any object would be rejected:
     *         Istio's or Kubernetes' validation, a namespace that does not exist
     *         ({@code namespaces "shop" not found}), the same object twice; nothing is applied then
     */
    public ApplyResult apply(List<Manifest> manifests) {
        Objects.requireNonNull(manifests, "manifests");
        List<Problem> problems = new ArrayList<>();
        Set<String> newNamespaces = new LinkedHashSet<>();
        for (Manifest m : manifests) {
            if (m.resource() instanceof Namespace n && hasName(n)) {
                newNamespaces.add(n.name());
            }
        }
        Map<ResourceRef, Manifest> seen = new LinkedHashMap<>();
        Map<String, ResourceRef> claimedIps = new HashMap<>();
        List<Problem> warnings = new ArrayList<>();
        for (Manifest m : manifests) {
            Admission.Verdict verdict = Admission.admit(m);
            List<Problem> own = verdict.rejections();
            problems.addAll(own);
            warnings.addAll(verdict.warnings());
            Resource r = m.resource();
            if (!hasName(r)) {
                continue;
            }
            ResourceRef ref = r.ref();
            Manifest first = seen.putIfAbsent(ref, m);
            if (first != null) {
                problems.add(Problem.at(m, "", "the same object appears twice in one apply; first at "
                        + first.origin().locate("")));
            }
            checkNamespaceExists(m, newNamespaces, problems);
            checkWorkloadName(m, seen, problems);
            if (own.isEmpty()) {
                checkAgainstCluster(m, claimedIps, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new MeshConfigException(problems);
        }

        return change(work -> {
            // The API server sets creationTimestamp on create, whatever the manifest says: the objects of
            // one apply share one second, as a kubectl apply of one file does, and the next apply is a
            // second later. Same-second ties are then broken by name, as Istio's configCompareByCreationTime does.
            work.clock = work.clock == null ? CLOCK_START : work.clock.plusSeconds(1);
            Change[] changes = new Change[manifests.size()];
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < manifests.size(); i++) {
                    boolean isNamespace = manifests.get(i).resource() instanceof Namespace;
                    if ((pass == 0) == isNamespace) {
                        changes[i] = applyOne(work, manifests.get(i));
                    }
                }
            }
            return List.of(changes);
        }, warnings);
    }

    /**
     * meshtest tells a namespace's workloads apart by name (a pod's workload): a Deployment and a
     * StatefulSet of the same name, which Kubernetes allows, are refused.
     */
    private static final List<String> WORKLOAD_KINDS = List.of("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet");

    private void checkWorkloadName(Manifest m, Map<ResourceRef, Manifest> seen, List<Problem> problems) {
        Resource r = m.resource();
        if (!WORKLOAD_KINDS.contains(r.kind())) {
            return;
        }
        for (String other : WORKLOAD_KINDS) {
            ResourceRef twin = new ResourceRef(other, r.namespace(), r.name());
            if (!other.equals(r.kind()) && (store.hasObject(twin) || seen.containsKey(twin))) {
                problems.add(Problem.at(m, "metadata.name", "meshtest names a workload's pods by the workload's name, so a "
                        + r.kind() + " and a " + other + " may not both be named " + r.namespace() + "/" + r.name()
                        + "; rename one"));
            }
        }
    }

    /** Whether an object has a kind and a name, so it can be named in messages and stored. */
    private static boolean hasName(Resource r) {
        return r.kind() != null && !r.kind().isEmpty() && r.metadata() != null && r.name() != null
                && !r.name().isEmpty();
    }

    /**
     * Runs several calls ({@link #apply}, {@link #delete}) that succeed or fail together: when one
     * throws, every earlier one is undone too and the cluster is as it was before. Each call still
     * makes its own state version, as it would alone.
     *
     * <pre>{@code
     * List<ClusterState> states = cluster.atomically(() -> List.of(cluster.apply(a).state(), cluster.apply(b).state()));
     * }</pre>
     */
    public <T> T atomically(java.util.function.Supplier<T> calls) {
        ClusterState before = state;
        store.beginBatch();
        boolean kept = false;
        try {
            T t = calls.get();
            kept = true;
            return t;
        } finally {
            store.endBatch(kept);
            if (!kept) {
                state = before;
            }
        }
    }

    /** The changes of one call to the store, made in place; they answer what they did. */
    @FunctionalInterface
    private interface StoreChange {
        List<Change> run(Store work);
    }

    /**
     * Runs one call's changes atomically: in place, with the store's undo log (a copy of the store
     * per call cost what the cluster holds, not what the call changes); when anything fails, or
     * nothing changed, everything is undone. The new state is derived from the previous one and
     * what the call touched.
     */
    private ApplyResult change(StoreChange body, List<Problem> warnings) {
        store.begin();
        List<Change> changes;
        boolean changed = false;
        ClusterState next = null;
        try {
            changes = body.run(store);
            reconcileGatewayDeployments(store);
            startContainers(store);
            for (Change c : changes) {
                changed |= c.verb() == Verb.CREATED || c.verb() == Verb.CONFIGURED || c.verb() == Verb.DELETED;
            }
            if (changed) {
                store.version = state.version() + 1;
                next = ClusterState.next(state, store, store.takeTouched());
            }
        } catch (RuntimeException | Error e) {
            store.rollback();
            throw e;
        }
        if (!changed) {
            // Nothing to keep, not even the clock's second.
            store.rollback();
            return new ApplyResult(changes, warnings, state);
        }
        store.commit();
        state = next;
        return new ApplyResult(changes, warnings, state);
    }

    /**
     * The kubelet starts the containers of the pods this call created, once the call's objects are
     * all stored: each gets the service links of the Services there are now ({@link ServiceLinks}),
     * one snapshot per namespace and {@code enableServiceLinks}. Then {@link #onPodStart} may refuse a pod.
     */
    private void startContainers(Store w) {
        Map<String, ServiceLinks> snapshots = new HashMap<>();   // only looked up, never iterated
        List<Problem> refused = new ArrayList<>();
        for (String key : List.copyOf(w.touchedPods())) {
            ClusterPod pod = w.pod(key);
            if (pod == null || pod.serviceLinks().started()) {
                continue;
            }
            boolean enabled = pod.serviceLinks().enabled();
            ServiceLinks links = snapshots.computeIfAbsent(pod.namespace() + "/" + enabled,
                    k -> ServiceLinks.start(w, pod.namespace(), enabled));
            ClusterPod started = pod.withServiceLinks(links);
            w.putPod(key, started);
            String why = podStartCheck == null ? null : podStartCheck.apply(started);
            if (why != null) {
                refused.add(ownersProblem(w, started, why));
            }
        }
        if (!refused.isEmpty()) {
            throw new MeshConfigException(refused);
        }
    }

    /** The kinds whose objects make pods, in the order a pod's owner is looked for. */
    private static final List<String> POD_OWNERS = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod");

    /**
     * A refusal of a starting pod, placed where the pod comes from: its owner's (the workload that
     * made it) containers, with file and line; without a position when no owner is stored.
     */
    private static Problem ownersProblem(Store w, ClusterPod pod, String why) {
        for (String kind : POD_OWNERS) {
            ResourceRef owner = new ResourceRef(kind, pod.namespace(), pod.workload());
            StoredConfig<Resource> c = w.object(owner);
            if (c != null) {
                String path = kind.equals("Pod") ? "spec.containers" : "spec.template.spec.containers";
                return new Problem(c.origin().locate(path), owner, path, why);
            }
        }
        return new Problem(null, null, null, why);
    }

    /** Asked of every pod whose containers start: a refusal, or {@code null}. */
    private java.util.function.Function<ClusterPod, String> podStartCheck;

    /**
     * Asks {@code check} of every pod whose containers start, with its service links: when it answers
     * a refusal for any, the call that started them fails and changes nothing
     * ({@link MeshConfigException} with each refusal).
     *
     * <pre>{@code
     * cluster.onPodStart(pod -> pod.serviceLinks().values("DETAILS_SERVICE_PORT").size() > 1 ? "two Services collide" : null);
     * }</pre>
     *
     * @param check the check, or {@code null}: none
     */
    public void onPodStart(java.util.function.Function<ClusterPod, String> check) {
        this.podStartCheck = check;
    }

    /** Where the objects Istio's gateway deployment controller creates come from, in messages. */
    static final Origin GATEWAY_CONTROLLER = new Origin("<created by Istio's gateway deployment controller>", Map.of());

    /**
     * Istio's gateway deployment controller ({@code deploymentcontroller.go}): each Gateway API
     * Gateway of a class Istio manages has its Deployment and Service ({@link GatewayDeployment}),
     * created, updated and deleted with it (its owner reference makes Kubernetes' garbage collector
     * delete them with the Gateway). They are not admitted as users' objects and not reported as
     * changes: {@code kubectl apply} prints only the Gateway. An object of the same name that a user
     * applied is left alone. Runs when a call touched a Gateway, a GatewayClass or one of these objects, or
     * deleted a Deployment or Service (the controller makes its own again).
     */
    private void reconcileGatewayDeployments(Store w) {
        boolean relevant = false;
        for (ResourceRef ref : w.touchedObjects()) {
            StoredConfig<Resource> c = w.object(ref);
            relevant |= ref.group().equals(GatewayApiKinds.GROUP) || ref.kind().equals("GatewayClass")
                    || (c != null ? c.origin() == GATEWAY_CONTROLLER
                            : ref.kind().equals("Deployment") || ref.kind().equals("Service"));
            if (relevant) {
                break;
            }
        }
        if (!relevant) {
            return;
        }
        List<dev.meshtest.config.gateway.Gateway> gateways = new ArrayList<>();
        List<dev.meshtest.config.gateway.GatewayClass> classes = new ArrayList<>();
        Set<ResourceRef> generated = new LinkedHashSet<>();
        for (StoredConfig<Resource> c : w.objects()) {
            if (c.resource() instanceof dev.meshtest.config.gateway.Gateway g) {
                gateways.add(g);
            } else if (c.resource() instanceof dev.meshtest.config.gateway.GatewayClass gc) {
                classes.add(gc);
            } else if (c.origin() == GATEWAY_CONTROLLER) {
                generated.add(c.resource().ref());
            }
        }
        for (GatewayDeployment d : GatewayDeployment.of(gateways, classes)) {
            for (Resource r : List.<Resource>of(d.service(), d.deployment())) {
                StoredConfig<Resource> existing = w.object(r.ref());
                generated.remove(r.ref());
                if (existing == null || existing.origin() == GATEWAY_CONTROLLER) {
                    applyOne(w, new Manifest(r, GATEWAY_CONTROLLER));
                }
            }
        }
        for (ResourceRef gone : generated) {
            deleteOne(w, gone);
        }
    }

    private void checkNamespaceExists(Manifest m, Set<String> newNamespaces, List<Problem> problems) {
        Resource r = m.resource();
        if (r instanceof Namespace) {
            return;
        }
        if (r instanceof IgnoredResource ir && (ir.clusterScoped()
                || r.metadata().namespace() == null || r.metadata().namespace().isEmpty())) {
            return; // cluster-scoped (ClusterRole, ...), or built in code without a namespace
        }
        String ns = r.namespace();
        if (!ns.isEmpty() && !hasNamespace(store, ns) && !newNamespaces.contains(ns)) {
            problems.add(Problem.at(m, "metadata.namespace", "namespaces \"" + ns + "\" not found"));
        }
    }

    private static boolean hasNamespace(Store s, String ns) {
        return s.hasObject(new ResourceRef("Namespace", "", ns));
    }

    /** What the API server rejects when comparing with what is already there. */
    private void checkAgainstCluster(Manifest m, Map<String, ResourceRef> claimedIps, List<Problem> problems) {
        Resource r = m.resource();
        StoredConfig<Resource> existing = store.object(r.ref());
        if (r instanceof Service s && s.spec() != null) {
            String wanted = s.spec().clusterIP();
            boolean external = "ExternalName".equals(s.spec().type());
            if (wanted == null || wanted.isEmpty() || external) {
                return;
            }
            if (existing != null) {
                String current = store.serviceIp(r.ref());
                String currentText = current == null ? "None" : current;
                if (!wanted.equals(currentText)) {
                    problems.add(Problem.at(m, "spec.clusterIP",
                            ApiServerText.invalid(wanted, "field is immutable")));
                }
            } else if (!"None".equals(wanted)) {
                ResourceRef other = claimedIps.putIfAbsent(wanted, r.ref());
                if (store.ipUsed(wanted) || other != null) {
                    problems.add(Problem.at(m, "spec.clusterIP", ApiServerText.invalid(wanted,
                            "failed to allocate IP " + wanted + ": provided IP is already allocated")));
                }
            }
        } else if (r instanceof Deployment d && existing != null && existing.resource() instanceof Deployment old) {
            if (!Objects.equals(old.spec().selector(), d.spec().selector())) {
                problems.add(Problem.at(m, "spec.selector", ApiServerText.invalid(
                        Canonical.text(d.spec().selector()), "field is immutable")));
            }
        } else if (r instanceof StatefulSet set && existing != null && existing.resource() instanceof StatefulSet old) {
            if (!Objects.equals(old.spec().selector(), set.spec().selector())
                    || !Objects.equals(Objects.requireNonNullElse(old.spec().serviceName(), ""),
                    Objects.requireNonNullElse(set.spec().serviceName(), ""))) {
                problems.add(Problem.at(m, "spec", "Forbidden: updates to statefulset spec for fields other than 'replicas', "
                        + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
                        + "'minReadySeconds' are forbidden"));
            }
        } else if (r instanceof Pod p) {
            ClusterPod running = store.pod(Store.podKey(p.namespace(), p.name()));
            if (running != null && existing == null) {
                String owner = WORKLOAD_KINDS.stream()
                        .filter(k -> store.hasObject(new ResourceRef(k, p.namespace(), running.workload())))
                        .findFirst().orElse("Deployment");
                problems.add(Problem.at(m, "metadata.name", "pod " + p.name()
                        + " exists and is owned by " + owner + " " + running.workload() + "; apply the " + owner + " instead"));
            } else if (existing != null && existing.resource() instanceof Pod old
                    && !withoutImages(old.spec()).equals(withoutImages(p.spec()))) {
                problems.add(Problem.at(m, "spec", "Forbidden: pod updates may not change fields other than"
                        + " `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`,"
                        + " `spec.tolerations` (only additions to existing tolerations),"
                        + " `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
            }
        }
    }

    private static PodSpec withoutImages(PodSpec s) {
        return new PodSpec(s.containers().stream().map(c -> new Container(c.name(), null, c.ports(), c.env())).toList(),
                s.initContainers().stream().map(c -> new Container(c.name(), null, c.ports(), c.env())).toList(),
                s.hostNetwork(), s.serviceAccountName(), s.serviceAccount(), s.dnsPolicy(), s.dnsConfig(), s.hostname(),
                s.subdomain(), s.enableServiceLinks());
    }

    private Change applyOne(Store w, Manifest m) {
        Resource r = m.resource();
        ResourceRef ref = r.ref();
        String kubectlName = ApplyResult.kubectlName(r.apiVersion(), r.kind(), r.name());
        if (r instanceof IgnoredResource ir) {
            return new Change(ref, kubectlName, Verb.IGNORED, ir.why());
        }
        StoredConfig<Resource> existing = w.object(ref);
        if (existing != null && sameObject(existing.resource(), r)) {
            return new Change(ref, kubectlName, Verb.UNCHANGED, null);
        }
        StoredConfig<Resource> stored = existing == null
                ? new StoredConfig<>(r, m.origin(), w.clock, w.nextSequence++)
                : new StoredConfig<>(r, m.origin(), existing.creationTime(), existing.sequence());
        w.putObject(ref, stored);
        if (r instanceof Service s) {
            if (existing == null) {
                w.putServiceIp(ref, allocateServiceIp(w, s));
            }
        } else if (r instanceof Deployment d) {
            reconcileDeployment(w, d);
        } else if (r instanceof StatefulSet set) {
            reconcileStatefulSet(w, set);
        } else if (r instanceof ReplicaSet rs) {
            reconcileReplicaSet(w, rs);
        } else if (r instanceof DaemonSet ds) {
            reconcileDaemonSet(w, ds);
        } else if (r instanceof Pod p) {
            if (existing == null) {
                createPod(w, p.namespace(), p.name(), p.name(), p.metadata().labels(), p.metadata().annotations(),
                        p.spec());
            } else {
                String key = Store.podKey(p.namespace(), p.name());
                w.putPod(key, w.pod(key).withMetadata(p.metadata().labels(), p.metadata().annotations()));
            }
        }
        return new Change(ref, kubectlName, existing == null ? Verb.CREATED : Verb.CONFIGURED, null);
    }

    /**
     * Whether re-applying {@code b} over {@code a} changes nothing: equal content, where a namespace
     * left out and the namespace it defaults to are the same (the API server fills it in).
     */
    static boolean sameObject(Resource a, Resource b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.getClass() != b.getClass() || !a.getClass().isRecord()) {
            return false;
        }
        for (var comp : a.getClass().getRecordComponents()) {
            Object va = Canonical.component(a, comp);
            Object vb = Canonical.component(b, comp);
            if (va instanceof ObjectMeta ma && vb instanceof ObjectMeta mb) {
                va = withNamespace(ma, a.namespace());
                vb = withNamespace(mb, b.namespace());
            }
            if (!Objects.equals(va, vb)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectMeta withNamespace(ObjectMeta m, String namespace) {
        return new ObjectMeta(m.name(), namespace, m.labels(), m.annotations(), m.creationTimestamp(),
                m.generateName());
    }

    private static String allocateServiceIp(Store w, Service s) {
        ServiceSpec spec = s.spec();
        if ("ExternalName".equals(spec.type()) || "None".equals(spec.clusterIP())) {
            return null;
        }
        if (spec.clusterIP() != null && !spec.clusterIP().isEmpty()) {
            w.useIp(spec.clusterIP());
            return spec.clusterIP();
        }
        while (true) {
            if (w.nextServiceIp > MAX_SERVICE_IPS) {
                throw new IllegalStateException("ClusterIP range " + SERVICE_CIDR + " exhausted");
            }
            int n = w.nextServiceIp++;
            String ip = "10." + (96 + (n >>> 16)) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
            if (w.useIp(ip)) {
                return ip;
            }
        }
    }

    private static String allocatePodIp(Store w) {
        while (true) {
            if (w.nextPodIp > MAX_POD_IPS) {
                throw new IllegalStateException("pod IP range " + POD_CIDR + " exhausted");
            }
            int n = w.nextPodIp++;
            String ip = "10.244." + (n >>> 8) + "." + (n & 0xff);
            if (w.useIp(ip)) {
                return ip;
            }
        }
    }

    // ---- Deployments and pods ----

    /**
     * The pod-template-hash: FNV-32a of the template's canonical text, as a 10-digit decimal
     * encoded with Kubernetes' safe alphabet (as Kubernetes encodes its hash; Kubernetes' is
     * sometimes shorter, ours always has 10 characters).
     */
    static String podTemplateHash(PodTemplateSpec template) {
        long h = Integer.toUnsignedLong(Canonical.fnv32a(Canonical.text(template)));
        // Ten ASCII digits, zero-padded (an unsigned 32-bit value has at most ten), whatever the
        // default locale: String.format would write an Arabic locale's digits.
        String digits = Long.toString(h);
        StringBuilder sb = new StringBuilder(10);
        for (int i = digits.length(); i < 10; i++) {
            sb.append(SAFE_ALPHABET.charAt('0' % SAFE_ALPHABET.length()));
        }
        for (int i = 0; i < digits.length(); i++) {
            sb.append(SAFE_ALPHABET.charAt(digits.charAt(i) % SAFE_ALPHABET.length()));
        }
        return sb.toString();
    }

    private void reconcileDeployment(Store w, Deployment d) {
        ResourceRef ref = d.ref();
        String hash = podTemplateHash(d.spec().template());
        Store.DeploymentState ds = w.deployment(ref);
        List<ClusterPod> current = podsOf(w, d.namespace(), d.name());
        if (ds != null && !ds.templateHash().equals(hash)) {
            for (ClusterPod p : current) {
                w.removePod(Store.podKey(p.namespace(), p.name()));
            }
            current = List.of();
        }
        long named = ds != null && ds.templateHash().equals(hash) ? ds.podsNamed() : 0;
        int want = d.spec().replicaCount();
        removeExcess(w, current, want);
        for (int i = current.size(); i < want; i++) {
            named = createDeploymentPod(w, d, hash, named);
        }
        w.putDeployment(ref, new Store.DeploymentState(hash, named));
    }

    /** Creates one pod of a Deployment; answers how many names the Deployment's template has drawn. */
    private long createDeploymentPod(Store w, Deployment d, String hash, long named) {
        String name;
        do {
            name = d.name() + "-" + hash + "-" + suffix(d.namespace(), d.name(), hash, named++);
        } while (w.hasPod(Store.podKey(d.namespace(), name)));
        PodTemplateSpec t = d.spec().template();
        Map<String, String> labels = new TreeMap<>(t.metadata().labels());
        labels.put("pod-template-hash", hash);
        createPod(w, d.namespace(), name, d.name(), labels, t.metadata().annotations(), t.spec());
        return named;
    }

    /**
     * The StatefulSet controller's end state: pods {@code <name>-<ordinal>} for ordinals
     * {@code start} to {@code start + replicas - 1}, each with its own name as hostname under
     * {@code serviceName}; pods beyond the range are removed (highest first in Kubernetes; all of
     * them here). A changed template replaces the pods from ordinal {@code partition} up (same
     * names, new IPs), or none with {@code OnDelete}; new pods always get the current template.
     * (The map of Deployment states keeps a StatefulSet's template hash too.)
     */
    private void reconcileStatefulSet(Store w, StatefulSet set) {
        StatefulSetSpec spec = set.spec();
        String hash = podTemplateHash(spec.template());
        String revision = set.name() + "-" + hash;
        StatefulSetSpec.UpdateStrategy u = spec.updateStrategy();
        boolean onDelete = u != null && "OnDelete".equals(u.type());
        int partition = u == null || u.rollingUpdate() == null || u.rollingUpdate().partition() == null ? 0
                : u.rollingUpdate().partition();
        int first = spec.firstOrdinal();
        int last = first + spec.replicaCount() - 1;
        Set<Integer> running = new java.util.TreeSet<>();
        for (ClusterPod p : podsOf(w, set.namespace(), set.name())) {
            int ordinal = ordinalOf(set, p);
            boolean outdated = !revision.equals(p.labels().get(REVISION_LABEL));
            if (ordinal < first || ordinal > last || (outdated && !onDelete && ordinal >= partition)) {
                w.removePod(Store.podKey(p.namespace(), p.name()));
            } else {
                running.add(ordinal);
            }
        }
        for (int ordinal = first; ordinal <= last; ordinal++) {
            if (!running.contains(ordinal)) {
                createStatefulSetPod(w, set, ordinal, revision);
            }
        }
        w.putDeployment(set.ref(), new Store.DeploymentState(hash, 0));
    }

    private static final String REVISION_LABEL = "controller-revision-hash";

    /**
     * The ReplicaSet controller: {@code replicas} pods named {@code <name>-<5 characters>}, the
     * excess removed (not-ready first, then the newest); a changed template touches no running
     * pod, only the pods made later.
     */
    private void reconcileReplicaSet(Store w, ReplicaSet rs) {
        Store.DeploymentState ds = w.deployment(rs.ref());
        long named = ds == null ? 0 : ds.podsNamed();
        List<ClusterPod> current = podsOf(w, rs.namespace(), rs.name());
        int want = rs.spec().replicaCount();
        removeExcess(w, current, want);
        for (int i = current.size(); i < want; i++) {
            named = createOwnedPod(w, rs.namespace(), rs.name(), "ReplicaSet", rs.spec().template(), Map.of(), named);
        }
        w.putDeployment(rs.ref(), new Store.DeploymentState(podTemplateHash(rs.spec().template()), named));
    }

    /**
     * The DaemonSet controller on meshtest's one node: one pod named {@code <name>-<5 characters>};
     * a changed template replaces it (new name, new IP) unless the update strategy is {@code OnDelete}.
     */
    private void reconcileDaemonSet(Store w, DaemonSet d) {
        String hash = podTemplateHash(d.spec().template());
        Store.DeploymentState ds = w.deployment(d.ref());
        long named = ds == null ? 0 : ds.podsNamed();
        boolean onDelete = d.spec().updateStrategy() != null && "OnDelete".equals(d.spec().updateStrategy().type());
        List<ClusterPod> current = new ArrayList<>(podsOf(w, d.namespace(), d.name()));
        if (!onDelete) {
            // A pod of an older template revision is replaced, whenever that revision was applied.
            current.removeIf(p -> {
                boolean outdated = !hash.equals(p.labels().get(REVISION_LABEL));
                if (outdated) {
                    w.removePod(Store.podKey(p.namespace(), p.name()));
                }
                return outdated;
            });
        }
        if (current.isEmpty()) {
            named = createOwnedPod(w, d.namespace(), d.name(), "DaemonSet", d.spec().template(), Map.of(REVISION_LABEL, hash),
                    named);
        }
        w.putDeployment(d.ref(), new Store.DeploymentState(hash, named));
    }

    /** The ReplicaSet controller's scale-down: beyond {@code want} pods, the not-ready go first, then the newest. */
    private static void removeExcess(Store w, List<ClusterPod> current, int want) {
        if (current.size() <= want) {
            return;
        }
        List<ClusterPod> victims = new ArrayList<>(current);
        victims.sort(Comparator.comparing(ClusterPod::ready).thenComparing(
                Comparator.comparingLong(ClusterPod::sequence).reversed()));
        for (ClusterPod p : victims.subList(0, current.size() - want)) {
            w.removePod(Store.podKey(p.namespace(), p.name()));
        }
    }

    /** A pod of a ReplicaSet or DaemonSet, named {@code <owner>-<5 characters>}; answers how many names the owner has drawn. */
    private long createOwnedPod(Store w, String namespace, String owner, String kind, PodTemplateSpec t,
                                Map<String, String> extraLabels, long named) {
        String name;
        do {
            name = owner + "-" + suffix(namespace, kind + "/" + owner, "", named++);
        } while (w.hasPod(Store.podKey(namespace, name)));
        Map<String, String> labels = new TreeMap<>(t.metadata().labels());
        labels.putAll(extraLabels);
        createPod(w, namespace, name, owner, labels, t.metadata().annotations(), t.spec());
        return named;
    }

    /** The stored workload of {@code kind} that owns {@code pod}, or {@code null}. */
    private static Resource ownedBy(Store w, String kind, ClusterPod pod) {
        StoredConfig<Resource> c = w.object(new ResourceRef(kind, pod.namespace(), pod.workload()));
        return c == null ? null : c.resource();
    }

    private static int ordinalOf(StatefulSet set, ClusterPod p) {
        try {
            return Integer.parseInt(p.name().substring(set.name().length() + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void createStatefulSetPod(Store w, StatefulSet set, int ordinal, String revision) {
        String name = set.name() + "-" + ordinal;
        PodTemplateSpec t = set.spec().template();
        Map<String, String> labels = new TreeMap<>(t.metadata().labels());
        labels.put(REVISION_LABEL, revision);
        labels.put("statefulset.kubernetes.io/pod-name", name);
        labels.put("apps.kubernetes.io/pod-index", Integer.toString(ordinal));
        PodSpec s = t.spec();
        String subdomain = set.spec().serviceName() == null || set.spec().serviceName().isEmpty() ? null : set.spec().serviceName();
        PodSpec own = new PodSpec(s.containers(), s.initContainers(), s.hostNetwork(), s.serviceAccountName(), s.serviceAccount(),
                s.dnsPolicy(), s.dnsConfig(), name, subdomain, s.enableServiceLinks());
        createPod(w, set.namespace(), name, set.name(), labels, t.metadata().annotations(), own);
    }

    /** Five characters of Kubernetes' safe alphabet, drawn from a stream seeded by the cluster seed and the pod's origin. */
    private String suffix(String namespace, String deployment, String hash, long n) {
        long s = Canonical.mix64(seed ^ Canonical.mix64(
                Canonical.fnv64a("Deployment/" + namespace + "/" + deployment + "/" + hash) + n));
        SplittableRandom rnd = new SplittableRandom(s);
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(SAFE_ALPHABET.charAt(rnd.nextInt(SAFE_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static List<ClusterPod> podsOf(Store w, String namespace, String workload) {
        List<ClusterPod> out = new ArrayList<>();
        for (ClusterPod p : w.podsOfWorkload(namespace, workload)) {
            if (!w.hasObject(new ResourceRef("Pod", namespace, p.name()))) {
                out.add(p);
            }
        }
        return out;
    }

    private static void createPod(Store w, String namespace, String name, String workload, Map<String, String> labels,
                                  Map<String, String> annotations, PodSpec spec) {
        StoredConfig<Resource> ns = w.object(new ResourceRef("Namespace", "", namespace));
        Map<String, String> nsLabels = new TreeMap<>(ns.resource().metadata().labels());
        nsLabels.put(ClusterNamespace.NAME_LABEL, namespace);
        boolean hostNetwork = Boolean.TRUE.equals(spec.hostNetwork());
        InjectionDecision injection = InjectionDecision.decide(namespace, nsLabels, labels, annotations, hostNetwork);
        ProxyKind proxy = isGatewayTemplate(annotations) || managedGateway(labels) ? ProxyKind.GATEWAY
                : injection.injected() ? ProxyKind.SIDECAR : ProxyKind.NONE;
        String sa = spec.serviceAccountName() != null && !spec.serviceAccountName().isEmpty() ? spec.serviceAccountName()
                : spec.serviceAccount() != null && !spec.serviceAccount().isEmpty() ? spec.serviceAccount() : "default";
        List<ContainerPort> ports = new ArrayList<>();
        for (Container c : spec.containers()) {
            ports.addAll(c.ports());
        }
        ClusterPod pod = new ClusterPod(name, namespace, workload, labels, annotations, allocatePodIp(w), true, proxy,
                injection, sa, ports, w.nextPodSequence++, spec.hostname(), spec.subdomain(), spec.containers(),
                ServiceLinks.pending(spec.serviceLinks()));
        w.putPod(Store.podKey(namespace, name), pod);
    }

    /**
     * A pod of a Deployment Istio's gateway controller made for a Gateway API Gateway: its
     * istio-proxy container runs {@code proxy router} (meshtest does not read container args),
     * which the controller's label says.
     */
    private static boolean managedGateway(Map<String, String> labels) {
        return dev.meshtest.internal.gatewayapi.GatewayDeployment.MANAGED_BY_ISTIO.equals(
                labels.get(dev.meshtest.internal.gatewayapi.GatewayDeployment.MANAGED_LABEL));
    }

    private static boolean isGatewayTemplate(Map<String, String> annotations) {
        String templates = annotations.get(ClusterPod.TEMPLATES_ANNOTATION);
        if (templates == null) {
            return false;
        }
        for (String t : templates.split(",")) {
            if (t.trim().equals("gateway")) {
                return true;
            }
        }
        return false;
    }

    // =====================================================================================
    // delete
    // =====================================================================================

    /**
     * Deletes the objects these manifests name, like {@code kubectl delete -f}. Deleting a
     * Namespace deletes everything in it; deleting a Deployment deletes its pods; deleting one of a
     * Deployment's pods makes its ReplicaSet create a new one (new name, new IP).
     *
     * @throws MeshConfigException when an object does not exist ({@code services "x" not found}) or
     *         may not be deleted; nothing is deleted then
     */
    public ApplyResult delete(List<Manifest> manifests) {
        Objects.requireNonNull(manifests, "manifests");
        List<Problem> problems = new ArrayList<>();
        for (Manifest m : manifests) {
            Resource r = m.resource();
            if (r instanceof IgnoredResource) {
                continue;
            }
            if (!hasName(r)) {
                problems.addAll(KubeValidation.review(m));
                continue;
            }
            String missing = checkDeletable(r.ref(), r.apiVersion());
            if (missing != null) {
                problems.add(Problem.at(m, "", missing));
            }
        }
        if (!problems.isEmpty()) {
            throw new MeshConfigException(problems);
        }
        return change(work -> {
            List<Change> changes = new ArrayList<>();
            for (Manifest m : manifests) {
                Resource r = m.resource();
                String name = ApplyResult.kubectlName(r.apiVersion(), r.kind(), r.name());
                if (r instanceof IgnoredResource ir) {
                    changes.add(new Change(r.ref(), name, Verb.IGNORED, ir.why()));
                } else {
                    deleteOne(work, r.ref());
                    changes.add(new Change(r.ref(), name, Verb.DELETED, null));
                }
            }
            return changes;
        }, List.of());
    }

    /**
     * Deletes one object by kind, namespace and name ({@code new ResourceRef("Namespace", "", "shop")}
     * for a namespace); see {@link #delete(List)}.
     *
     * @throws MeshConfigException when it does not exist or may not be deleted
     */
    public ApplyResult delete(ResourceRef ref) {
        Objects.requireNonNull(ref, "ref");
        StoredConfig<Resource> existing = store.object(ref);
        String apiVersion = existing == null ? null : existing.resource().apiVersion();
        String problem = checkDeletable(ref, apiVersion);
        if (problem != null) {
            throw new MeshConfigException(new Problem(null, ref, "", problem));
        }
        String name = ApplyResult.kubectlName(apiVersion == null && "Pod".equals(ref.kind()) ? "v1" : apiVersion,
                ref.kind(), ref.name());
        return change(work -> {
            deleteOne(work, ref);
            return List.of(new Change(ref, name, Verb.DELETED, null));
        }, List.of());
    }

    /** Kubernetes' refusal to delete this object, or {@code null} when it can be deleted. */
    private String checkDeletable(ResourceRef ref, String apiVersion) {
        boolean exists = store.hasObject(ref)
                || ("Pod".equals(ref.kind()) && store.hasPod(Store.podKey(ref.namespace(), ref.name())));
        if (!exists) {
            return ApplyResult.resourceName(apiVersion, ref.kind()) + " \"" + ref.name() + "\" not found";
        }
        if ("Namespace".equals(ref.kind()) && UNDELETABLE.contains(ref.name())) {
            return "namespaces \"" + ref.name() + "\" is forbidden: this namespace may not be deleted";
        }
        return null;
    }

    /** The API server releases a deleted Service's ClusterIP: a new Service may ask for it ({@code null}: it had none). */
    private static void releaseServiceIp(Store w, String ip) {
        if (ip != null) {
            w.releaseIp(ip);
        }
    }

    private void deleteOne(Store w, ResourceRef ref) {
        switch (ref.kind()) {
            case "Namespace" -> {
                w.removeObject(ref);
                w.removeObjectsIf(k -> k.namespace().equals(ref.name()));
                for (Map.Entry<ResourceRef, String> e : w.serviceIpsIn(ref.name())) {
                    w.removeServiceIp(e.getKey());
                    releaseServiceIp(w, e.getValue());
                }
                w.removeDeploymentsIf(k -> k.namespace().equals(ref.name()));
                w.removePodsIf(p -> p.namespace().equals(ref.name()));
            }
            case "Deployment" -> {
                for (ClusterPod p : podsOf(w, ref.namespace(), ref.name())) {
                    w.removePod(Store.podKey(p.namespace(), p.name()));
                }
                w.removeObject(ref);
                w.removeDeployment(ref);
            }
            case "StatefulSet", "ReplicaSet", "DaemonSet" -> {
                for (ClusterPod p : podsOf(w, ref.namespace(), ref.name())) {
                    w.removePod(Store.podKey(p.namespace(), p.name()));
                }
                w.removeObject(ref);
                w.removeDeployment(ref);
            }
            case "Service" -> {
                w.removeObject(ref);
                releaseServiceIp(w, w.removeServiceIp(ref));
            }
            case "Pod" -> {
                ClusterPod gone = w.removePod(Store.podKey(ref.namespace(), ref.name()));
                StoredConfig<Resource> set = gone == null ? null
                        : w.object(new ResourceRef("StatefulSet", ref.namespace(), gone.workload()));
                if (w.object(ref) == null && set != null && set.resource() instanceof StatefulSet ss) {
                    // A StatefulSet's pod: the controller makes it again, same name, new IP, the current template.
                    Store.DeploymentState ds = w.deployment(ss.ref());
                    createStatefulSetPod(w, ss, ordinalOf(ss, gone), ss.name() + "-" + ds.templateHash());
                } else if (w.object(ref) == null && gone != null && ownedBy(w, "ReplicaSet", gone) instanceof ReplicaSet rs) {
                    Store.DeploymentState ds = w.deployment(rs.ref());
                    long named = createOwnedPod(w, rs.namespace(), rs.name(), "ReplicaSet", rs.spec().template(), Map.of(),
                            ds.podsNamed());
                    w.putDeployment(rs.ref(), new Store.DeploymentState(ds.templateHash(), named));
                } else if (w.object(ref) == null && gone != null && ownedBy(w, "DaemonSet", gone) instanceof DaemonSet d) {
                    Store.DeploymentState ds = w.deployment(d.ref());
                    String hash = podTemplateHash(d.spec().template());
                    long named = createOwnedPod(w, d.namespace(), d.name(), "DaemonSet", d.spec().template(),
                            Map.of(REVISION_LABEL, hash), ds.podsNamed());
                    w.putDeployment(d.ref(), new Store.DeploymentState(hash, named));
                } else if (w.removeObject(ref) == null && gone != null) {
                    // A Deployment's pod: its ReplicaSet replaces it.
                    ResourceRef owner = new ResourceRef("Deployment", ref.namespace(), gone.workload());
                    StoredConfig<Resource> d = w.object(owner);
                    Store.DeploymentState ds = w.deployment(owner);
                    if (d != null && ds != null) {
                        long named = createDeploymentPod(w, (Deployment) d.resource(), ds.templateHash(), ds.podsNamed());
                        w.putDeployment(owner, new Store.DeploymentState(ds.templateHash(), named));
                    }
                }
            }
            default -> w.removeObject(ref);
        }
    }

    // =====================================================================================
    // readiness
    // =====================================================================================

    /**
     * Marks a pod ready or not ready (pods start ready). Not-ready pods stay endpoints, flagged,
     * and receive no traffic.
     *
     * @throws IllegalArgumentException when the pod does not exist
     */
    public void setReady(String namespace, String pod, boolean ready) {
        String key = Store.podKey(namespace, pod);
        ClusterPod p = store.pod(key);
        if (p == null) {
            throw new IllegalArgumentException("pods \"" + pod + "\" not found in namespace " + namespace);
        }
        if (p.ready() == ready) {
            return;
        }
        change(work -> {
            work.putPod(key, p.withReady(ready));
            return List.of(new Change(new ResourceRef("Pod", namespace, pod), "pod/" + pod, Verb.CONFIGURED, null));
        }, List.of());
    }

    @Override
    public String toString() {
        return "Cluster{seed=" + seed + ", " + state + "}";
    }
}
