package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Origin;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.gateway.GatewayApiKinds;
import dev.meshtest.config.gateway.GatewayClass;
import dev.meshtest.config.gateway.GrpcRoute;
import dev.meshtest.config.gateway.HttpRoute;
import dev.meshtest.config.gateway.ReferenceGrant;
import dev.meshtest.config.gateway.TcpRoute;
import dev.meshtest.config.gateway.TlsRoute;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.config.kube.EndpointPort;
import dev.meshtest.config.kube.EndpointSlice;
import dev.meshtest.config.kube.EndpointSubset;
import dev.meshtest.config.kube.Endpoints;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Secret;
import dev.meshtest.config.kube.SliceEndpoint;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import dev.meshtest.internal.gatewayapi.GatewayApiInput;
import dev.meshtest.internal.gatewayapi.GatewayApiOutput;
import dev.meshtest.internal.gatewayapi.GatewayApiTranslator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * An immutable snapshot of a {@link Cluster}: namespaces, pods, Services with their endpoints, and
 * every other stored object (Istio configs). Everything is computed when the snapshot is taken,
 * so a state is cheap to share, also between threads, and never changes; ask the cluster for a
 * new one after changing it. {@link #version()} tells snapshots apart.
 *
 * <p>The cluster derives each snapshot from the previous one and what a call touched
 * ({@link #next}), so an apply of 100 objects to a mesh of 50,000 costs what it changes: lookups
 * are {@link HashTrie}s sharing what did not change with the previous snapshot, and only the
 * Services the change reaches get new endpoints. {@link #of} computes one from scratch; tests
 * compare the two.
 *
 * <p>Orders are defined, never hash order: namespaces, pods and Services in creation order;
 * endpoints in pod creation order; {@link #configs} by creation time, then apply order.
 *
 * <pre>{@code
 * ClusterState s = cluster.state();
 * ClusterService svc = s.resolve("helloworld", "default").orElseThrow();
 * List<Endpoint> eps = s.endpoints(svc, 5000);
 * List<StoredConfig<VirtualService>> vss = s.configs(VirtualService.class);
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ClusterState {

    /** How {@link #configs} lists objects: oldest first, then in apply order (Istio's own orders are {@link CreationOrder}'s). */
    private static final Comparator<StoredConfig<?>> CREATION_ORDER =
            Comparator.<StoredConfig<?>, java.time.Instant>comparing(StoredConfig::creationTime)
                    .thenComparingLong(StoredConfig::sequence);
    private static final String SVC_SUFFIX = ".svc." + ClusterService.CLUSTER_DOMAIN;

    /** Pods, Services and namespace objects in creation order (their sequence). */
    private static final Comparator<ClusterPod> POD_ORDER = Comparator.comparingLong(ClusterPod::sequence);
    private static final Comparator<ClusterService> SERVICE_ORDER = Comparator.comparingLong(ClusterService::sequence);
    private static final Comparator<StoredConfig<?>> SEQUENCE_ORDER = Comparator.comparingLong(StoredConfig::sequence);

    private final long version;
    /** The Namespace objects, by sequence: what {@link #namespaces} is made of. */
    private final List<StoredConfig<Resource>> namespaceObjects;
    private final List<ClusterNamespace> namespaces;
    private final Map<String, ClusterNamespace> namespaceByName;
    private final List<ClusterPod> pods;
    private final HashTrie<String, ClusterPod> podByKey;
    private final HashTrie<String, ClusterPod> podByIp;
    /** Pods by namespace and label ({@link #labelKey}), in creation order: a Service's candidate endpoints. */
    private final HashTrie<String, List<ClusterPod>> podsByLabel;
    private final List<ClusterService> services;
    private final HashTrie<String, ClusterService> serviceByKey;
    private final HashTrie<String, ClusterService> serviceByIp;
    /**
     * The keys ({@code namespace/name}) of the Services with a selector, each under its selector's
     * first entry ({@link #labelKey}): a pod finds the Services that may select it without a scan.
     */
    private final HashTrie<String, List<String>> servicesByEntry;
    /** Endpoints by {@code namespace/name:port}. */
    private final HashTrie<String, List<Endpoint>> endpoints;
    /** Endpoints and EndpointSlices written by hand, by the Service ({@code namespace/name}) they name, by sequence. */
    private final HashTrie<String, List<StoredConfig<Resource>>> writtenByService;
    private final List<StoredConfig<Resource>> objects;
    private final HashTrie<ResourceRef, StoredConfig<Resource>> objectByRef;
    /** {@link #configs(Class)}'s answers, kept: a send asks for a kind's objects at every new proxy it reaches. */
    private final Map<Class<?>, List<StoredConfig<?>>> configsByType;
    /** {@link #byClass()}, once made; a race makes it twice, alike. */
    private volatile Map<Class<?>, List<StoredConfig<?>>> objectsByClass;

    private ClusterState(long version, List<StoredConfig<Resource>> namespaceObjects, List<ClusterNamespace> namespaces,
                         Map<String, ClusterNamespace> namespaceByName, List<ClusterPod> pods,
                         HashTrie<String, ClusterPod> podByKey, HashTrie<String, ClusterPod> podByIp,
                         HashTrie<String, List<ClusterPod>> podsByLabel, List<ClusterService> services,
                         HashTrie<String, ClusterService> serviceByKey, HashTrie<String, ClusterService> serviceByIp,
                         HashTrie<String, List<String>> servicesByEntry, HashTrie<String, List<Endpoint>> endpoints,
                         HashTrie<String, List<StoredConfig<Resource>>> writtenByService, List<StoredConfig<Resource>> objects,
                         HashTrie<ResourceRef, StoredConfig<Resource>> objectByRef, Map<Class<?>, List<StoredConfig<?>>> configsByType) {
        this.version = version;
        this.namespaceObjects = namespaceObjects;
        this.namespaces = namespaces;
        this.namespaceByName = namespaceByName;
        this.pods = pods;
        this.podByKey = podByKey;
        this.podByIp = podByIp;
        this.podsByLabel = podsByLabel;
        this.services = services;
        this.serviceByKey = serviceByKey;
        this.serviceByIp = serviceByIp;
        this.servicesByEntry = servicesByEntry;
        this.endpoints = endpoints;
        this.writtenByService = writtenByService;
        this.objects = objects;
        this.objectByRef = objectByRef;
        this.configsByType = configsByType;
    }

    /**
     * The state of a store, computed from scratch: every object sorted, every Service's endpoints
     * matched. The cluster uses it once, for its empty store; afterwards it derives each state from
     * the previous one ({@link #next}). Tests compare the two.
     */
    static ClusterState of(Store s) {
        List<StoredConfig<Resource>> bySequence = new ArrayList<>(s.objects());
        // The store keeps objects in creation order already (an update keeps its place): sort only if not.
        sortIfNeeded(bySequence, SEQUENCE_ORDER);
        List<StoredConfig<Resource>> all = new ArrayList<>(bySequence);
        sortIfNeeded(all, CREATION_ORDER);
        HashTrie.Editor<ResourceRef, StoredConfig<Resource>> objectByRef = HashTrie.<ResourceRef, StoredConfig<Resource>>empty().edit();
        List<StoredConfig<Resource>> namespaceObjects = new ArrayList<>();
        for (StoredConfig<Resource> c : bySequence) {
            objectByRef.put(c.ref(), c);
            if (c.resource() instanceof Namespace) {
                namespaceObjects.add(c);
            }
        }
        List<ClusterNamespace> nsList = new ArrayList<>();
        Map<String, ClusterNamespace> nsMap = new LinkedHashMap<>();
        namespacesOf(namespaceObjects, nsList, nsMap);

        List<ClusterPod> podList = new ArrayList<>(s.pods());
        podList.sort(POD_ORDER);
        List<ClusterPod> pods = List.copyOf(podList);
        HashTrie.Editor<String, ClusterPod> podByKey = HashTrie.<String, ClusterPod>empty().edit();
        HashTrie.Editor<String, ClusterPod> podByIp = HashTrie.<String, ClusterPod>empty().edit();
        for (ClusterPod p : pods) {
            podByKey.put(Store.podKey(p.namespace(), p.name()), p);
            if (podByIp.get(p.ip()) == null) {
                podByIp.put(p.ip(), p);   // the oldest pod of an IP, as a scan in creation order finds it
            }
        }

        PodIndex podIndex = new PodIndex(pods);
        WrittenEndpoints written = new WrittenEndpoints(bySequence, pods);
        List<ClusterService> svcList = new ArrayList<>();
        HashTrie.Editor<String, ClusterService> svcMap = HashTrie.<String, ClusterService>empty().edit();
        HashTrie.Editor<String, ClusterService> ipMap = HashTrie.<String, ClusterService>empty().edit();
        HashTrie.Editor<String, List<Endpoint>> epMap = HashTrie.<String, List<Endpoint>>empty().edit();
        Map<String, List<String>> byEntry = new LinkedHashMap<>();
        for (StoredConfig<Resource> c : bySequence) {
            if (c.resource() instanceof Service svc) {
                ClusterService cs = toClusterService(svc, s.serviceIp(c.ref()), c);
                svcList.add(cs);
                svcMap.put(Store.podKey(cs.namespace(), cs.name()), cs);
                if (cs.clusterIp() != null) {
                    ipMap.put(cs.clusterIp(), cs);
                }
                if (cs.hasSelector()) {
                    byEntry.computeIfAbsent(entryKey(cs), k -> new ArrayList<>()).add(Store.podKey(cs.namespace(), cs.name()));
                }
                putEndpoints(svc, cs, podIndex.candidates(cs), written.of(cs), written.podByIp::get, epMap);
            }
        }
        HashTrie.Editor<String, List<String>> servicesByEntry = HashTrie.<String, List<String>>empty().edit();
        byEntry.forEach((k, v) -> servicesByEntry.put(k, List.copyOf(v)));
        HashTrie.Editor<String, List<ClusterPod>> podsByLabel = HashTrie.<String, List<ClusterPod>>empty().edit();
        podIndex.byLabel.forEach((k, v) -> podsByLabel.put(k, Collections.unmodifiableList(v)));
        HashTrie.Editor<String, List<StoredConfig<Resource>>> writtenByService =
                HashTrie.<String, List<StoredConfig<Resource>>>empty().edit();
        written.byService.forEach((k, v) -> writtenByService.put(k, Collections.unmodifiableList(v)));
        return new ClusterState(s.version, Collections.unmodifiableList(namespaceObjects), List.copyOf(nsList),
                Collections.unmodifiableMap(nsMap), pods, podByKey.build(), podByIp.build(), podsByLabel.build(),
                List.copyOf(svcList), svcMap.build(), ipMap.build(), servicesByEntry.build(), epMap.build(),
                writtenByService.build(), Collections.unmodifiableList(all), objectByRef.build(),
                new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** This state under another version number (the cluster's first state is version 0). */
    ClusterState withVersion(long v) {
        return new ClusterState(v, namespaceObjects, namespaces, namespaceByName, pods, podByKey, podByIp, podsByLabel,
                services, serviceByKey, serviceByIp, servicesByEntry, endpoints, writtenByService, objects, objectByRef,
                new java.util.concurrent.ConcurrentHashMap<>(configsByType));
    }

    /**
     * The state of {@code s}, derived from {@code prev} (the state of the store before the call)
     * and what the call touched, in time proportional to the change: the same contents and orders
     * as {@link #of(Store)} gives. Lists are copied (an array copy), lookups are {@link HashTrie}s
     * that share what did not change, and only the Services the change reaches are rebuilt: those
     * changed, those whose selector selects a changed pod (old or new), those a changed Endpoints or
     * EndpointSlice names, and, when any pod changed, every Service with written endpoints (an
     * address may be a changed pod's). Namespaces are rebuilt whenever a Namespace changed (they are few).
     */
    static ClusterState next(ClusterState prev, Store s, Store.Touched touched) {
        if (touched.objects().size() + touched.pods().size() > prev.objects.size() + prev.pods.size()) {
            // More changed than was there (the first apply of a mesh): merging costs more than sorting.
            ClusterState fresh = of(s);
            prev.configsByType.forEach((type, list) -> fresh.configs(type.asSubclass(Resource.class)));
            return fresh;
        }
        // ---- objects ----
        // Changes are grouped by key in insertion-ordered maps: each key's result is independent of
        // the others', and the order stays deterministic anyway.
        Ops<StoredConfig<Resource>> objectOps = new Ops<>();
        Ops<StoredConfig<Resource>> namespaceOps = new Ops<>();
        Map<String, Ops<StoredConfig<Resource>>> writtenOps = new LinkedHashMap<>();
        Set<String> affected = new LinkedHashSet<>();
        HashTrie.Editor<ResourceRef, StoredConfig<Resource>> objectByRef = prev.objectByRef.edit();
        for (ResourceRef ref : touched.objects()) {
            StoredConfig<Resource> old = prev.objectByRef.get(ref);
            StoredConfig<Resource> cur = s.object(ref);
            if (old == cur) {
                if (cur != null && cur.resource() instanceof Service
                        && !Objects.equals(prev.serviceByKey.get(Store.podKey(ref.namespace(), ref.name())).clusterIp(),
                        s.serviceIp(ref))) {
                    affected.add(Store.podKey(ref.namespace(), ref.name()));
                }
                continue;
            }
            if (cur == null) {
                objectByRef.remove(ref);
            } else {
                objectByRef.put(ref, cur);
            }
            objectOps.change(old, cur);
            for (StoredConfig<Resource> c : Arrays.asList(old, cur)) {
                if (c == null) {
                    continue;
                }
                Resource r = c.resource();
                if (r instanceof Namespace) {
                    namespaceOps.change(c == old ? old : null, c == cur ? cur : null);
                } else if (r instanceof Service) {
                    affected.add(Store.podKey(r.namespace(), r.name()));
                }
                String service = writtenFor(r);
                if (service != null) {
                    String key = Store.podKey(r.namespace(), service);
                    affected.add(key);
                    writtenOps.computeIfAbsent(key, k -> new Ops<>()).change(c == old ? old : null, c == cur ? cur : null);
                }
            }
        }
        List<StoredConfig<Resource>> objects = objectOps.applyTo(prev.objects, CREATION_ORDER);
        List<StoredConfig<Resource>> namespaceObjects = namespaceOps.applyTo(prev.namespaceObjects, SEQUENCE_ORDER);
        List<ClusterNamespace> namespaces = prev.namespaces;
        Map<String, ClusterNamespace> namespaceByName = prev.namespaceByName;
        if (namespaceObjects != prev.namespaceObjects) {
            List<ClusterNamespace> nsList = new ArrayList<>();
            Map<String, ClusterNamespace> nsMap = new LinkedHashMap<>();
            namespacesOf(namespaceObjects, nsList, nsMap);
            namespaces = List.copyOf(nsList);
            namespaceByName = Collections.unmodifiableMap(nsMap);
        }
        HashTrie<String, List<StoredConfig<Resource>>> writtenByService = prev.writtenByService;
        if (!writtenOps.isEmpty()) {
            HashTrie.Editor<String, List<StoredConfig<Resource>>> w = prev.writtenByService.edit();
            writtenOps.forEach((key, ops) -> putOrRemove(w, key, ops.applyTo(orEmpty(w.get(key)), SEQUENCE_ORDER)));
            writtenByService = w.build();
        }

        // ---- pods ----
        Ops<ClusterPod> podOps = new Ops<>();
        Map<String, Ops<ClusterPod>> labelOps = new LinkedHashMap<>();
        HashTrie.Editor<String, ClusterPod> podByKey = prev.podByKey.edit();
        HashTrie.Editor<String, ClusterPod> podByIp = prev.podByIp.edit();
        List<ClusterPod> changedPods = new ArrayList<>();
        for (String key : touched.pods()) {
            ClusterPod old = prev.podByKey.get(key);
            ClusterPod cur = s.pod(key);
            if (old == cur) {
                continue;
            }
            podOps.change(old, cur);
            if (old != null) {
                changedPods.add(old);
                podByKey.remove(key);
                if (podByIp.get(old.ip()) == old) {
                    podByIp.remove(old.ip());
                }
                old.labels().forEach((k, v) -> labelOps.computeIfAbsent(labelKey(old.namespace(), k, v), x -> new Ops<>())
                        .change(old, null));
            }
            if (cur != null) {
                changedPods.add(cur);
                podByKey.put(key, cur);
                podByIp.put(cur.ip(), cur);
                cur.labels().forEach((k, v) -> labelOps.computeIfAbsent(labelKey(cur.namespace(), k, v), x -> new Ops<>())
                        .change(null, cur));
            }
        }
        List<ClusterPod> pods = podOps.applyTo(prev.pods, POD_ORDER);
        HashTrie<String, List<ClusterPod>> podsByLabel = prev.podsByLabel;
        if (!labelOps.isEmpty()) {
            HashTrie.Editor<String, List<ClusterPod>> e = prev.podsByLabel.edit();
            labelOps.forEach((key, ops) -> putOrRemove(e, key, ops.applyTo(orEmpty(e.get(key)), POD_ORDER)));
            podsByLabel = e.build();
        }
        HashTrie<String, ClusterPod> podByIpNow = podByIp.build();

        // ---- the Services the change reaches ----
        for (ClusterPod p : changedPods) {
            for (Map.Entry<String, String> l : p.labels().entrySet()) {
                for (String key : orEmpty(prev.servicesByEntry.get(labelKey(p.namespace(), l.getKey(), l.getValue())))) {
                    if (selects(prev.serviceByKey.get(key), p)) {
                        affected.add(key);
                    }
                }
            }
        }
        if (!changedPods.isEmpty()) {
            // A written address may be a changed pod's: its endpoint names that pod.
            writtenByService.forEach((key, written) -> affected.add(key));
        }
        Ops<ClusterService> serviceOps = new Ops<>();
        HashTrie.Editor<String, ClusterService> serviceByKey = prev.serviceByKey.edit();
        HashTrie.Editor<String, ClusterService> serviceByIp = prev.serviceByIp.edit();
        HashTrie.Editor<String, List<Endpoint>> endpoints = prev.endpoints.edit();
        HashTrie.Editor<String, List<String>> servicesByEntry = prev.servicesByEntry.edit();
        for (String key : affected) {
            int slash = key.indexOf('/');
            ResourceRef ref = new ResourceRef("Service", key.substring(0, slash), key.substring(slash + 1));
            ClusterService old = prev.serviceByKey.get(key);
            StoredConfig<Resource> c = s.object(ref);
            Service svc = c != null && c.resource() instanceof Service x ? x : null;
            String ip = svc == null ? null : s.serviceIp(ref);
            ClusterService cur = svc == null ? null
                    : old != null && prev.objectByRef.get(ref) == c && Objects.equals(old.clusterIp(), ip) ? old
                    : toClusterService(svc, ip, c);
            if (old != null) {
                for (ClusterServicePort p : old.ports()) {
                    endpoints.remove(endpointKey(old, p.port()));
                }
                if (old.clusterIp() != null && serviceByIp.get(old.clusterIp()) == old) {
                    serviceByIp.remove(old.clusterIp());
                }
                if (old != cur && old.hasSelector()) {
                    List<String> under = new ArrayList<>(servicesByEntry.get(entryKey(old)));
                    under.remove(key);
                    putOrRemove(servicesByEntry, entryKey(old), List.copyOf(under));
                }
                if (cur == null) {
                    serviceByKey.remove(key);
                }
            }
            serviceOps.change(old == cur ? null : old, old == cur ? null : cur);
            if (cur != null) {
                serviceByKey.put(key, cur);
                if (cur.clusterIp() != null) {
                    serviceByIp.put(cur.clusterIp(), cur);
                }
                if (old != cur && cur.hasSelector()) {
                    List<String> under = new ArrayList<>(orEmpty(servicesByEntry.get(entryKey(cur))));
                    under.add(key);
                    servicesByEntry.put(entryKey(cur), List.copyOf(under));
                }
                putEndpoints(svc, cur, candidates(podsByLabel, cur), writtenByService.get(key), podByIpNow::get, endpoints);
            }
        }
        List<ClusterService> services = serviceOps.applyTo(prev.services, SERVICE_ORDER);

        // ---- each kind's objects, for the kinds asked for so far ----
        Map<Class<?>, List<StoredConfig<?>>> configsByType = new java.util.concurrent.ConcurrentHashMap<>();
        prev.configsByType.forEach((type, list) -> {
            Ops<StoredConfig<?>> ops = objectOps.filter(c -> type.isInstance(c.resource()));
            configsByType.put(type, ops.applyTo(list, CREATION_ORDER));
        });

        return new ClusterState(s.version, namespaceObjects, namespaces, namespaceByName, pods, podByKey.build(), podByIpNow,
                podsByLabel, services, serviceByKey.build(), serviceByIp.build(), servicesByEntry.build(), endpoints.build(),
                writtenByService, objects, objectByRef.build(), configsByType);
    }

    /**
     * Changes to a sorted list of unique elements: removals and upserts (an upsert replaces the
     * element equal to it under the list's order, else is inserted). Where an element is both
     * removed and upserted (a replaced object keeps its creation time and sequence), the upsert wins.
     */
    private static final class Ops<T> {
        private final List<T> removed = new ArrayList<>();
        private final List<T> upserted = new ArrayList<>();

        /** {@code old} is gone ({@code null}: there was none), {@code cur} is there ({@code null}: none now). */
        void change(T old, T cur) {
            if (old != null) {
                removed.add(old);
            }
            if (cur != null) {
                upserted.add(cur);
            }
        }

        @SuppressWarnings("unchecked")
        <U> Ops<U> filter(java.util.function.Predicate<? super T> keep) {
            Ops<U> out = new Ops<>();
            removed.stream().filter(keep).forEach(t -> out.removed.add((U) t));
            upserted.stream().filter(keep).forEach(t -> out.upserted.add((U) t));
            return out;
        }

        /**
         * {@code prev} with these changes, in time proportional to the changes' count times log of
         * the list's size, plus one array copy; {@code prev} itself when there are none.
         */
        List<T> applyTo(List<T> prev, Comparator<? super T> order) {
            if (removed.isEmpty() && upserted.isEmpty()) {
                return prev;
            }
            // Removals sort before upserts of an equal element, so the upsert, coming last, wins.
            List<Map.Entry<T, Boolean>> ops = new ArrayList<>(removed.size() + upserted.size());
            removed.forEach(t -> ops.add(Map.entry(t, false)));
            upserted.forEach(t -> ops.add(Map.entry(t, true)));
            ops.sort((a, b) -> {
                int c = order.compare(a.getKey(), b.getKey());
                return c != 0 ? c : Boolean.compare(a.getValue(), b.getValue());
            });
            List<T> out = new ArrayList<>(prev.size() + upserted.size());
            int pos = 0;
            for (int i = 0; i < ops.size(); i++) {
                if (i + 1 < ops.size() && order.compare(ops.get(i).getKey(), ops.get(i + 1).getKey()) == 0) {
                    continue;   // a later op on the same element decides
                }
                T t = ops.get(i).getKey();
                int found = search(prev, pos, t, order);
                int at = found >= 0 ? found : -found - 1;
                out.addAll(prev.subList(pos, at));
                if (ops.get(i).getValue()) {
                    out.add(t);
                }
                pos = found >= 0 ? at + 1 : at;
            }
            out.addAll(prev.subList(pos, prev.size()));
            return Collections.unmodifiableList(out);
        }

        /** Binary search in {@code list} from {@code from}: the index of {@code t}, or {@code -(insertion point) - 1}. */
        private static <T> int search(List<T> list, int from, T t, Comparator<? super T> order) {
            int lo = from;
            int hi = list.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = order.compare(list.get(mid), t);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -lo - 1;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, T> void putOrRemove(HashTrie.Editor<K, List<T>> e, K key, List<T> list) {
        if (list.isEmpty()) {
            e.remove(key);
        } else {
            e.put(key, list);
        }
    }

    /** Namespaces from their objects in creation order, with the {@code kubernetes.io/metadata.name} label the API server adds. */
    private static void namespacesOf(List<StoredConfig<Resource>> namespaceObjects, List<ClusterNamespace> list,
                                     Map<String, ClusterNamespace> byName) {
        for (StoredConfig<Resource> c : namespaceObjects) {
            Namespace n = (Namespace) c.resource();
            Map<String, String> labels = new TreeMap<>(n.metadata().labels());
            labels.put(ClusterNamespace.NAME_LABEL, n.name());
            ClusterNamespace cn = new ClusterNamespace(n.name(), labels, n.metadata().annotations(), c.creationTime());
            list.add(cn);
            byName.put(cn.name(), cn);
        }
    }

    /** The key of a label in a namespace, in {@link #podsByLabel} and {@link #servicesByEntry}. */
    private static String labelKey(String namespace, String label, String value) {
        return namespace + "\0" + label + "\0" + value;
    }

    /** A Service's key in {@link #servicesByEntry}: its selector's first entry (selectors are sorted maps). */
    private static String entryKey(ClusterService s) {
        Map.Entry<String, String> first = s.selector().entrySet().iterator().next();
        return labelKey(s.namespace(), first.getKey(), first.getValue());
    }

    /** Pods that may be selected by {@code svc}: those with its rarest selector label, in creation order. */
    private static List<ClusterPod> candidates(HashTrie<String, List<ClusterPod>> podsByLabel, ClusterService svc) {
        if (!svc.hasSelector()) {
            return List.of();
        }
        List<ClusterPod> best = null;
        for (Map.Entry<String, String> e : svc.selector().entrySet()) {
            List<ClusterPod> with = orEmpty(podsByLabel.get(labelKey(svc.namespace(), e.getKey(), e.getValue())));
            if (best == null || with.size() < best.size()) {
                best = with;
            }
        }
        return best;
    }

    /** The Service ({@code namespace/name}'s name) whose endpoints a written Endpoints or EndpointSlice adds to, else {@code null}. */
    private static String writtenFor(Resource r) {
        return r instanceof Endpoints ? r.name()
                : r instanceof EndpointSlice slice ? slice.metadata().labels().get(EndpointSlice.SERVICE_NAME_LABEL) : null;
    }

    /** Each port's endpoints of a Service: the pods its selector selects, then the written ones. */
    private static void putEndpoints(Service svc, ClusterService cs, List<ClusterPod> candidates,
                                     List<StoredConfig<Resource>> written, java.util.function.Function<String, ClusterPod> podByIp,
                                     HashTrie.Editor<String, List<Endpoint>> out) {
        List<ServicePort> raw = svc.spec() == null ? List.of() : svc.spec().ports();
        for (int i = 0; i < cs.ports().size(); i++) {
            String kubeProtocol = raw.get(i).protocol();
            List<Endpoint> eps = computeEndpoints(cs, cs.ports().get(i), kubeProtocol, candidates);
            if (written != null) {
                eps = WrittenEndpoints.add(written, cs, cs.ports().get(i), eps, podByIp);
            }
            out.put(endpointKey(cs, cs.ports().get(i).port()), eps);
        }
    }

    /**
     * Pods by namespace and label ({@code key=value}), in creation order: a Service's endpoints are
     * looked for among the pods carrying one of its selector's labels (the rarest), not among every
     * pod, so building a state costs what its Services select rather than Services times pods.
     */
    private static final class PodIndex {
        /** By {@link #labelKey}; kept by the state as {@link #podsByLabel}. */
        private final Map<String, List<ClusterPod>> byLabel = new LinkedHashMap<>();

        PodIndex(List<ClusterPod> pods) {
            for (ClusterPod p : pods) {
                for (Map.Entry<String, String> l : p.labels().entrySet()) {
                    byLabel.computeIfAbsent(labelKey(p.namespace(), l.getKey(), l.getValue()), k -> new ArrayList<>()).add(p);
                }
            }
        }

        /** Pods that may be selected by {@code svc}: those with its rarest selector label, in creation order. */
        List<ClusterPod> candidates(ClusterService svc) {
            if (!svc.hasSelector()) {
                return List.of();
            }
            List<ClusterPod> best = null;
            for (Map.Entry<String, String> e : svc.selector().entrySet()) {
                List<ClusterPod> with = byLabel.getOrDefault(labelKey(svc.namespace(), e.getKey(), e.getValue()), List.of());
                if (best == null || with.size() < best.size()) {
                    best = with;
                }
            }
            return best == null ? List.of() : best;
        }
    }

    /**
     * Endpoints written by hand (istio-rules §1.6): an {@link Endpoints} object counts for the
     * Service of its name when that Service has no selector (Kubernetes mirrors it into an
     * EndpointSlice; for a Service with a selector the endpoints controller overwrites it), and an
     * {@link EndpointSlice} of address type IPv4 or IPv6 for the Service its
     * {@code kubernetes.io/service-name} label names, selector or not, as Istio and kube-proxy read
     * slices. An endpoint's port serves the Service port of the same name; an address that is a
     * pod's IP is that pod.
     */
    private static final class WrittenEndpoints {
        /** By Service ({@code namespace/name}), in creation order; kept by the state as {@link #writtenByService}. */
        private final Map<String, List<StoredConfig<Resource>>> byService = new LinkedHashMap<>();
        private final Map<String, ClusterPod> podByIp = new HashMap<>();

        WrittenEndpoints(List<StoredConfig<Resource>> bySequence, List<ClusterPod> pods) {
            for (StoredConfig<Resource> c : bySequence) {
                Resource r = c.resource();
                String service = writtenFor(r);
                if (service != null) {
                    byService.computeIfAbsent(Store.podKey(r.namespace(), service), k -> new ArrayList<>()).add(c);
                }
            }
            if (!byService.isEmpty()) {
                for (ClusterPod p : pods) {
                    podByIp.putIfAbsent(p.ip(), p);
                }
            }
        }

        /** The written objects for a Service, or {@code null}. */
        List<StoredConfig<Resource>> of(ClusterService svc) {
            return byService.get(Store.podKey(svc.namespace(), svc.name()));
        }

        /** {@code selected}, then the written endpoints of the Service port, Endpoints first, then slices by age. */
        static List<Endpoint> add(List<StoredConfig<Resource>> written, ClusterService svc, ClusterServicePort port,
                                  List<Endpoint> selected, java.util.function.Function<String, ClusterPod> podByIp) {
            if ("ExternalName".equals(svc.type())) {
                return selected;
            }
            List<Endpoint> out = new ArrayList<>(selected);
            String portName = port.name() == null ? "" : port.name();
            for (StoredConfig<Resource> c : written) {
                Resource r = c.resource();
                if (r instanceof Endpoints e && !svc.hasSelector()) {
                    for (EndpointSubset subset : e.subsets()) {
                        Integer number = portNumber(subset.ports(), portName);
                        if (number == null) {
                            continue;
                        }
                        subset.addresses().forEach(a -> out.add(endpoint(podByIp, a.ip(), number, true, a.hostname())));
                        subset.notReadyAddresses().forEach(a -> out.add(endpoint(podByIp, a.ip(), number, false, a.hostname())));
                    }
                } else if (r instanceof EndpointSlice slice
                        && ("IPv4".equals(slice.addressType()) || "IPv6".equals(slice.addressType()))) {
                    Integer number = portNumber(slice.ports(), portName);
                    if (number == null) {
                        continue;
                    }
                    for (SliceEndpoint se : slice.endpoints()) {
                        boolean ready = se.conditions() == null || !Boolean.FALSE.equals(se.conditions().ready());
                        for (String address : se.addresses()) {
                            out.add(endpoint(podByIp, address, number, ready, se.hostname()));
                        }
                    }
                }
            }
            return out;
        }

        private static Endpoint endpoint(java.util.function.Function<String, ClusterPod> podByIp, String ip, int port,
                                         boolean ready, String hostname) {
            ClusterPod pod = podByIp.apply(ip);
            return new Endpoint(pod, ip, port, ready, hostname == null || hostname.isEmpty() ? null : hostname);
        }

        /** The number of the port named like the Service port, or {@code null}. */
        private static Integer portNumber(List<EndpointPort> ports, String name) {
            for (EndpointPort p : ports) {
                if ((p.name() == null ? "" : p.name()).equals(name)) {
                    return p.port();
                }
            }
            return null;
        }
    }

    private static <T> void sortIfNeeded(List<T> list, Comparator<? super T> order) {
        for (int i = 1; i < list.size(); i++) {
            if (order.compare(list.get(i - 1), list.get(i)) > 0) {
                list.sort(order);
                return;
            }
        }
    }

    private static ClusterService toClusterService(Service svc, String ip, StoredConfig<Resource> c) {
        ServiceSpec spec = svc.spec() == null ? new ServiceSpec(null, null, null, null, null, null) : svc.spec();
        List<ClusterServicePort> ports = new ArrayList<>();
        for (ServicePort p : spec.ports()) {
            int port = p.port();
            IntOrString target = p.targetPort();
            // Kubernetes defaults an absent, 0 or "" targetPort to the port.
            if (target == null || (target.isInt() && target.intValue() == 0)
                    || (!target.isInt() && target.string().isEmpty())) {
                target = IntOrString.of(port);
            }
            ports.add(new ClusterServicePort(p.name(), port, target,
                    Protocol.of(port, p.name(), p.protocol(), p.appProtocol())));
        }
        String exportAnnotation = svc.metadata().annotations().get(ClusterService.EXPORT_TO_ANNOTATION);
        List<String> exportTo = new ArrayList<>();
        if (exportAnnotation != null) {
            for (String part : exportAnnotation.split(",")) {
                if (!part.trim().isEmpty()) {
                    exportTo.add(part.trim());
                }
            }
        }
        // No annotation: empty, so MeshConfig's defaultServiceExportTo (Istio's default, *) decides.
        String type = spec.type() == null ? "ClusterIP" : spec.type();
        return new ClusterService(svc.name(), svc.namespace(), ClusterService.fqdn(svc.name(), svc.namespace()), ip,
                spec.selector(), ports, type, spec.externalName(), externalTrafficPolicy(type, spec),
                spec.sessionAffinity() == null ? "None" : spec.sessionAffinity(), affinityTimeout(spec), exportTo,
                svc.metadata().labels(), svc.metadata().annotations(), c.creationTime(), c.sequence());
    }

    /**
     * The API server's defaulting: a Service reachable from outside (NodePort, LoadBalancer, or with
     * external IPs) gets {@code externalTrafficPolicy: Cluster} when it sets none; others have none.
     */
    private static String externalTrafficPolicy(String type, ServiceSpec spec) {
        boolean outside = type.equals("NodePort") || type.equals("LoadBalancer")
                || type.equals("ClusterIP") && !spec.externalIPs().isEmpty();
        if (!outside) {
            return null;
        }
        return spec.externalTrafficPolicy() == null || spec.externalTrafficPolicy().isEmpty() ? "Cluster" : spec.externalTrafficPolicy();
    }

    /** The ClientIP affinity timeout: {@code sessionAffinityConfig.clientIP.timeoutSeconds}, else the API server's default 10800. */
    private static int affinityTimeout(ServiceSpec spec) {
        var c = spec.sessionAffinityConfig();
        return c == null || c.clientIP() == null || c.clientIP().timeoutSeconds() == null ? 10800 : c.clientIP().timeoutSeconds();
    }

    /**
     * Kubernetes' endpoints controller: pods in the Service's namespace whose labels contain every
     * selector entry; a named targetPort resolves per pod, and a pod without a container port of
     * that name (and protocol) is not an endpoint of that port.
     */
    private static List<Endpoint> computeEndpoints(ClusterService svc, ClusterServicePort port, String kubeProtocol,
                                                   List<ClusterPod> pods) {
        if (!svc.hasSelector() || "ExternalName".equals(svc.type())) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>();
        for (ClusterPod p : pods) {
            if (!p.namespace().equals(svc.namespace()) || !selects(svc, p)) {
                continue;
            }
            Integer target = port.targetPort().isInt()
                    ? port.targetPort().intValue()
                    : p.namedPort(port.targetPort().string(), kubeProtocol).orElse(null);
            if (target != null) {
                out.add(new Endpoint(p, p.ip(), target, p.ready(), p.hostnameUnder(svc.namespace(), svc.name())));
            }
        }
        return List.copyOf(out);
    }

    private static boolean selects(ClusterService svc, ClusterPod p) {
        if (!svc.hasSelector() || !p.namespace().equals(svc.namespace())) {
            return false;
        }
        return LabelSelector.matches(svc.selector(), p.labels());
    }

    private static String endpointKey(ClusterService svc, int port) {
        return svc.namespace() + "/" + svc.name() + ":" + port;
    }

    /** Increases with every change that altered the cluster; equal versions of one cluster mean equal states. */
    public long version() {
        return version;
    }

    // ---- namespaces ----

    /** Every namespace, in creation order. */
    public List<ClusterNamespace> namespaces() {
        return namespaces;
    }

    /** The namespace named {@code name}, if it exists. */
    public Optional<ClusterNamespace> namespace(String name) {
        return Optional.ofNullable(namespaceByName.get(name));
    }

    // ---- pods ----

    /** Every pod, in creation order. */
    public List<ClusterPod> pods() {
        return pods;
    }

    /** The pods of one namespace, in creation order. */
    public List<ClusterPod> pods(String namespace) {
        return pods.stream().filter(p -> p.namespace().equals(namespace)).toList();
    }

    /** The pods of one workload (Deployment name, or a bare pod's name), in creation order. */
    public List<ClusterPod> workloadPods(String namespace, String workload) {
        return pods.stream().filter(p -> p.namespace().equals(namespace) && p.workload().equals(workload)).toList();
    }

    /** The pod {@code namespace/name}, if it exists. */
    public Optional<ClusterPod> pod(String namespace, String name) {
        return Optional.ofNullable(podByKey.get(Store.podKey(namespace, name)));
    }

    /** The pod with this IP, if any. */
    public Optional<ClusterPod> podByIp(String ip) {
        return Optional.ofNullable(podByIp.get(ip));
    }

    /** The sidecar injector's decision for a pod (also on {@link ClusterPod#injection()}). */
    public Optional<InjectionDecision> injected(String namespace, String pod) {
        return pod(namespace, pod).map(ClusterPod::injection);
    }

    // ---- services ----

    /** Every Service, in creation order. */
    public List<ClusterService> services() {
        return services;
    }

    /** The Service {@code namespace/name}, if it exists. */
    public Optional<ClusterService> service(String namespace, String name) {
        return Optional.ofNullable(serviceByKey.get(Store.podKey(namespace, name)));
    }

    /** The Service whose ClusterIP is {@code ip}, if any. */
    public Optional<ClusterService> serviceByIp(String ip) {
        return Optional.ofNullable(serviceByIp.get(ip));
    }

    /** The Service whose FQDN is {@code fqdn} ({@code reviews.prod.svc.cluster.local}), if any. */
    public Optional<ClusterService> serviceByFqdn(String fqdn) {
        if (!fqdn.endsWith(SVC_SUFFIX)) {
            return Optional.empty();
        }
        String[] parts = fqdn.substring(0, fqdn.length() - SVC_SUFFIX.length()).split("\\.", -1);
        return parts.length == 2 ? service(parts[1], parts[0]) : Optional.empty();
    }

    /**
     * The endpoints of one Service port, ready or not, in pod creation order. Empty for a Service
     * without selector, an {@code ExternalName} Service, or a port the Service does not have.
     */
    public List<Endpoint> endpoints(ClusterService service, ClusterServicePort servicePort) {
        return endpoints(service, servicePort.port());
    }

    /** The endpoints of the Service port numbered {@code servicePort}; see {@link #endpoints(ClusterService, ClusterServicePort)}. */
    public List<Endpoint> endpoints(ClusterService service, int servicePort) {
        return orEmpty(endpoints.get(endpointKey(service, servicePort)));
    }

    /** The ready endpoints of a Service port: those that can receive traffic. */
    public List<Endpoint> readyEndpoints(ClusterService service, int servicePort) {
        return endpoints(service, servicePort).stream().filter(Endpoint::ready).toList();
    }

    /**
     * The Services whose selector selects {@code pod}, in Service creation order: those filed under
     * one of the pod's labels (a mesh of 10,000 Services matched every selector for every server
     * pod a send reached for the first time), checked in full.
     */
    public List<ClusterService> servicesSelecting(ClusterPod pod) {
        List<ClusterService> out = null;
        for (Map.Entry<String, String> l : pod.labels().entrySet()) {
            for (String key : orEmpty(servicesByEntry.get(labelKey(pod.namespace(), l.getKey(), l.getValue())))) {
                ClusterService s = serviceByKey.get(key);
                if (selects(s, pod)) {
                    out = out == null ? new ArrayList<>() : out;
                    out.add(s);
                }
            }
        }
        if (out == null) {
            return List.of();
        }
        out.sort(SERVICE_ORDER);
        return Collections.unmodifiableList(out);
    }

    /**
     * The primary Service of a pod's {@code targetPort}, which names its inbound cluster and picks
     * the DestinationRule applied there: among the Services selecting the pod with a port that
     * reaches this pod on {@code targetPort}, the oldest by creation time, then by hostname
     * (Istio's {@code SetServiceTargets} order).
     */
    public Optional<ClusterService> primaryService(ClusterPod pod, int targetPort) {
        ClusterService best = null;
        for (ClusterService s : servicesSelecting(pod)) {
            boolean reaches = false;
            for (ClusterServicePort sp : s.ports()) {
                for (Endpoint e : endpoints(s, sp.port())) {
                    if (pod.equals(e.pod()) && e.port() == targetPort) {
                        reaches = true;
                        break;
                    }
                }
            }
            if (reaches && (best == null || CreationOrder.compareTargets(s.creationTime(), s.fqdn(), best.creationTime(),
                    best.fqdn()) < 0)) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The Service a client in {@code clientNamespace} reaches by the DNS name it typed, as a pod's
     * resolver does with Kubernetes' search list {@code <ns>.svc.cluster.local svc.cluster.local
     * cluster.local}: {@code reviews} only in the client's namespace; {@code reviews.prod};
     * {@code reviews.prod.svc}; {@code reviews.prod.svc.cluster.local} with or without a trailing
     * dot. A name with a trailing dot is absolute and not searched. Case-insensitive, as DNS is.
     * Empty means NXDOMAIN: there is no fallback to other namespaces.
     */
    public Optional<ClusterService> resolve(String dnsName, String clientNamespace) {
        if (dnsName == null || dnsName.isEmpty()) {
            return Optional.empty();
        }
        for (String c : searchList(dnsName, clientNamespace)) {
            Optional<ClusterService> s = serviceByFqdn(c);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** The names a pod's resolver tries for {@code dnsName}, in order: its search list, or the name itself when absolute. */
    private static List<String> searchList(String dnsName, String clientNamespace) {
        String name = dnsName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            return List.of(name.substring(0, name.length() - 1));
        }
        return Arrays.asList(
                name + "." + clientNamespace + SVC_SUFFIX,
                name + SVC_SUFFIX,
                name + "." + ClusterService.CLUSTER_DOMAIN,
                name);
    }

    /**
     * The ready endpoints DNS answers for a name {@code <hostname>.<service>.<namespace>.svc.cluster.local}
     * (through the same search list as {@link #resolve}): those of the headless Service with that
     * hostname (a StatefulSet's pods, or pods with {@code hostname} and {@code subdomain}). Empty
     * when the name is no such endpoint's.
     */
    public List<Endpoint> resolveEndpoint(String dnsName, String clientNamespace) {
        if (dnsName == null || dnsName.isEmpty()) {
            return List.of();
        }
        for (String c : searchList(dnsName, clientNamespace)) {
            if (!c.endsWith(SVC_SUFFIX)) {
                continue;
            }
            String[] labels = c.substring(0, c.length() - SVC_SUFFIX.length()).split("\\.");
            if (labels.length != 3) {
                continue;
            }
            ClusterService svc = serviceByKey.get(Store.podKey(labels[2], labels[1]));
            if (svc == null || !svc.headless()) {
                continue;
            }
            java.util.Set<String> ips = new java.util.LinkedHashSet<>();
            List<Endpoint> out = new ArrayList<>();
            for (ClusterServicePort p : svc.ports()) {
                for (Endpoint e : endpoints(svc, p.port())) {
                    if (e.ready() && labels[0].equals(e.hostname()) && ips.add(e.ip())) {
                        out.add(e);
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    // ---- every stored object ----

    /**
     * The stored objects of a type, by creation time, then apply order. Works for every stored
     * kind: Istio configs (pass their record class, or {@code Resource.class} for all), and also
     * {@code Service.class}, {@code Deployment.class}, {@code Namespace.class}, {@code Pod.class}
     * (bare Pods as applied; a Deployment's pods are in {@link #pods()} only).
     */
    @SuppressWarnings("unchecked")
    public <R extends Resource> List<StoredConfig<R>> configs(Class<R> type) {
        List<StoredConfig<?>> known = configsByType.get(type);
        if (known == null) {
            known = collect(type);
            configsByType.putIfAbsent(type, known);
        }
        return (List<StoredConfig<R>>) (List<?>) known;
    }

    /**
     * A type's objects, from {@link #byClass()}: the one class that is the type (or implements it)
     * gives its list as it is; a type several classes are (such as {@code Resource.class}) is
     * collected in one scan.
     */
    private List<StoredConfig<?>> collect(Class<?> type) {
        Map<Class<?>, List<StoredConfig<?>>> classes = byClass();
        List<StoredConfig<?>> only = List.of();
        int matching = 0;
        for (Map.Entry<Class<?>, List<StoredConfig<?>>> e : classes.entrySet()) {
            if (type.isAssignableFrom(e.getKey())) {
                only = e.getValue();
                matching++;
            }
        }
        if (matching <= 1) {
            return only;
        }
        List<StoredConfig<?>> out = new ArrayList<>();
        for (StoredConfig<Resource> c : objects) {
            if (type.isInstance(c.resource())) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Every stored object grouped by its record class, in {@link #configs} order, made in one scan
     * on the first miss: a proxy's first compilation asks for a dozen kinds, and a scan of 50,000
     * objects for each was a tenth of a large mesh's first send.
     */
    private Map<Class<?>, List<StoredConfig<?>>> byClass() {
        Map<Class<?>, List<StoredConfig<?>>> classes = objectsByClass;
        if (classes == null) {
            Map<Class<?>, List<StoredConfig<?>>> grouped = new HashMap<>();
            for (StoredConfig<Resource> c : objects) {
                grouped.computeIfAbsent(c.resource().getClass(), k -> new ArrayList<>()).add(c);
            }
            grouped.replaceAll((k, list) -> Collections.unmodifiableList(list));
            classes = grouped;
            objectsByClass = classes;
        }
        return classes;
    }

    /** Where configuration istiod generates from the Gateway API comes from, in messages. */
    public static final Origin GENERATED = new Origin("<generated from the Gateway API>",
            Map.of());

    /** {@link #gatewayApi()}'s answer, kept. */
    private volatile GatewayApiOutput gatewayApi;

    /**
     * The Gateway API objects stored, translated as istiod translates them
     * ({@code pilot/pkg/config/kube/gateway}): Istio Gateways and VirtualServices, and the status
     * conditions; with the creation times this cluster stamped. Empty output when none is stored.
     */
    public GatewayApiOutput gatewayApi() {
        GatewayApiOutput out = gatewayApi;
        if (out == null) {
            // Each kind's objects are kept across states (configs), so a state without Gateway API
            // objects costs a few lookups, not a walk over everything stored.
            boolean any = false;
            for (Class<? extends Resource> kind : GatewayApiKinds.KINDS.values()) {
                any |= !configs(kind).isEmpty();
            }
            if (!any) {
                out = NO_GATEWAY_API;
            } else {
                IdentityHashMap<Resource, Instant> created = new IdentityHashMap<>();
                out = GatewayApiTranslator.translate(new GatewayApiInput(stored(GatewayClass.class, created),
                        stored(dev.meshtest.config.gateway.Gateway.class, created), stored(HttpRoute.class, created),
                        stored(GrpcRoute.class, created), stored(TcpRoute.class, created), stored(TlsRoute.class, created),
                        stored(ReferenceGrant.class, created), stored(Service.class, created), stored(Namespace.class, created),
                        stored(Secret.class, created), null, created::get));
            }
            gatewayApi = out;
        }
        return out;
    }

    /** The stored objects of a kind, their creation times (as this cluster stamped them) put in {@code created}. */
    private <R extends Resource> List<R> stored(Class<R> type, IdentityHashMap<Resource, Instant> created) {
        List<R> out = new ArrayList<>();
        for (StoredConfig<R> c : configs(type)) {
            out.add(c.resource());
            created.put(c.resource(), c.creationTime());
        }
        return out;
    }

    /** What istiod makes of no Gateway API objects: the built-in class's status, nothing to push. */
    private static final GatewayApiOutput NO_GATEWAY_API = GatewayApiTranslator.translate(GatewayApiInput.of(List.of()));

    /**
     * What istiod pushes of a kind: the objects stored, and for Istio Gateways and VirtualServices
     * those it generates from the Gateway API ({@link #gatewayApi()}), in one list as its push
     * context holds them. The analyzers read {@link #configs(Class)}, what users stored.
     */
    @SuppressWarnings("unchecked")
    public <R extends Resource> List<StoredConfig<R>> pushedConfigs(Class<R> type) {
        List<StoredConfig<R>> stored = configs(type);
        List<? extends Resource> generated = type == VirtualService.class ? gatewayApi().virtualServices()
                : type == Gateway.class ? gatewayApi().gateways() : List.of();
        if (generated.isEmpty()) {
            return stored;
        }
        List<StoredConfig<R>> all = new ArrayList<>(stored);
        long sequence = Long.MAX_VALUE - generated.size();
        for (Resource g : generated) {
            Instant t = g.metadata().creationTimestamp();
            all.add(new StoredConfig<>((R) g, GENERATED, t != null ? t : Instant.EPOCH, sequence++));
        }
        return Collections.unmodifiableList(all);
    }

    /** The stored object {@code ref}, if any. */
    public Optional<StoredConfig<Resource>> config(ResourceRef ref) {
        return Optional.ofNullable(objectByRef.get(ref));
    }

    @Override
    public String toString() {
        return "ClusterState{version=" + version + ", namespaces=" + namespaces.size() + ", pods=" + pods.size()
                + ", services=" + services.size() + ", objects=" + objects.size() + "}";
    }
}
