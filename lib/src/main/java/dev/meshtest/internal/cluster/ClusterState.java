package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.config.kube.EndpointPort;
import dev.meshtest.config.kube.EndpointSlice;
import dev.meshtest.config.kube.EndpointSubset;
import dev.meshtest.config.kube.Endpoints;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.SliceEndpoint;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * An immutable snapshot of a {@link Cluster}: namespaces, pods, Services with their endpoints, and
 * every other stored object (Istio configs). Everything is computed when the snapshot is taken,
 * so a state is cheap to share, also between threads, and never changes; ask the cluster for a
 * new one after changing it. {@link #version()} tells snapshots apart.
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

    private final long version;
    private final List<ClusterNamespace> namespaces;
    private final Map<String, ClusterNamespace> namespaceByName;
    private final List<ClusterPod> pods;
    private final Map<String, ClusterPod> podByKey;
    private final List<ClusterService> services;
    private final Map<String, ClusterService> serviceByKey;
    private final Map<String, ClusterService> serviceByIp;
    /** Endpoints by {@code namespace/name:port}. */
    private final Map<String, List<Endpoint>> endpoints;
    private final List<StoredConfig<Resource>> objects;
    private final Map<ResourceRef, StoredConfig<Resource>> objectByRef;

    private ClusterState(Store s) {
        version = s.version;
        List<StoredConfig<Resource>> bySequence = new ArrayList<>(s.objects.values());
        // The store keeps objects in creation order already (an update keeps its place): sort only if not.
        sortIfNeeded(bySequence, Comparator.comparingLong(StoredConfig::sequence));
        List<StoredConfig<Resource>> all = new ArrayList<>(bySequence);
        sortIfNeeded(all, CREATION_ORDER);
        objects = Collections.unmodifiableList(all);
        // A committed store's objects are never changed again (every apply and delete works on a
        // copy of the store, and readiness changes only pods): the state may read them in place.
        objectByRef = Collections.unmodifiableMap(s.objects);

        List<ClusterNamespace> nsList = new ArrayList<>();
        Map<String, ClusterNamespace> nsMap = new LinkedHashMap<>();
        for (StoredConfig<Resource> c : bySequence) {
            if (c.resource() instanceof Namespace n) {
                Map<String, String> labels = new TreeMap<>(n.metadata().labels());
                labels.put(ClusterNamespace.NAME_LABEL, n.name());
                ClusterNamespace cn = new ClusterNamespace(n.name(), labels, n.metadata().annotations(),
                        c.creationTime());
                nsList.add(cn);
                nsMap.put(cn.name(), cn);
            }
        }
        namespaces = List.copyOf(nsList);
        namespaceByName = Collections.unmodifiableMap(nsMap);

        List<ClusterPod> podList = new ArrayList<>(s.pods.values());
        podList.sort(Comparator.comparingLong(ClusterPod::sequence));
        pods = List.copyOf(podList);
        Map<String, ClusterPod> podMap = new LinkedHashMap<>();
        for (ClusterPod p : pods) {
            podMap.put(Store.podKey(p.namespace(), p.name()), p);
        }
        podByKey = Collections.unmodifiableMap(podMap);

        PodIndex podIndex = new PodIndex(pods);
        WrittenEndpoints written = new WrittenEndpoints(bySequence, pods);
        List<ClusterService> svcList = new ArrayList<>();
        Map<String, ClusterService> svcMap = new LinkedHashMap<>();
        Map<String, ClusterService> ipMap = new LinkedHashMap<>();
        Map<String, List<Endpoint>> epMap = new LinkedHashMap<>();
        for (StoredConfig<Resource> c : bySequence) {
            if (c.resource() instanceof Service svc) {
                ClusterService cs = toClusterService(svc, s.serviceIps.get(c.ref()), c);
                svcList.add(cs);
                svcMap.put(Store.podKey(cs.namespace(), cs.name()), cs);
                if (cs.clusterIp() != null) {
                    ipMap.put(cs.clusterIp(), cs);
                }
                List<ServicePort> raw = svc.spec() == null ? List.of() : svc.spec().ports();
                for (int i = 0; i < cs.ports().size(); i++) {
                    String kubeProtocol = raw.get(i).protocol();
                    List<Endpoint> eps = computeEndpoints(cs, cs.ports().get(i), kubeProtocol, podIndex.candidates(cs));
                    if (written.any()) {
                        eps = written.add(cs, cs.ports().get(i), eps);
                    }
                    epMap.put(endpointKey(cs, cs.ports().get(i).port()), eps);
                }
            }
        }
        services = List.copyOf(svcList);
        serviceByKey = Collections.unmodifiableMap(svcMap);
        serviceByIp = Collections.unmodifiableMap(ipMap);
        endpoints = Collections.unmodifiableMap(epMap);
    }

    /**
     * Pods by namespace and label ({@code key=value}), in creation order: a Service's endpoints are
     * looked for among the pods carrying one of its selector's labels (the rarest), not among every
     * pod, so building a state costs what its Services select rather than Services times pods.
     */
    private static final class PodIndex {
        private final Map<String, Map<String, List<ClusterPod>>> byNamespaceAndLabel = new HashMap<>();

        PodIndex(List<ClusterPod> pods) {
            for (ClusterPod p : pods) {
                Map<String, List<ClusterPod>> byLabel = byNamespaceAndLabel.computeIfAbsent(p.namespace(), k -> new HashMap<>());
                for (Map.Entry<String, String> l : p.labels().entrySet()) {
                    byLabel.computeIfAbsent(l.getKey() + "=" + l.getValue(), k -> new ArrayList<>()).add(p);
                }
            }
        }

        /** Pods that may be selected by {@code svc}: those with its rarest selector label, in creation order. */
        List<ClusterPod> candidates(ClusterService svc) {
            if (!svc.hasSelector()) {
                return List.of();
            }
            Map<String, List<ClusterPod>> byLabel = byNamespaceAndLabel.getOrDefault(svc.namespace(), Map.of());
            List<ClusterPod> best = null;
            for (Map.Entry<String, String> e : svc.selector().entrySet()) {
                List<ClusterPod> with = byLabel.getOrDefault(e.getKey() + "=" + e.getValue(), List.of());
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
        private final Map<String, List<Resource>> byService = new HashMap<>();
        private final Map<String, ClusterPod> podByIp = new HashMap<>();

        WrittenEndpoints(List<StoredConfig<Resource>> bySequence, List<ClusterPod> pods) {
            for (StoredConfig<Resource> c : bySequence) {
                Resource r = c.resource();
                String service = r instanceof Endpoints ? r.name()
                        : r instanceof EndpointSlice slice ? slice.metadata().labels().get(EndpointSlice.SERVICE_NAME_LABEL) : null;
                if (service != null) {
                    byService.computeIfAbsent(Store.podKey(r.namespace(), service), k -> new ArrayList<>()).add(r);
                }
            }
            if (!byService.isEmpty()) {
                for (ClusterPod p : pods) {
                    podByIp.putIfAbsent(p.ip(), p);
                }
            }
        }

        boolean any() {
            return !byService.isEmpty();
        }

        /** {@code selected}, then the written endpoints of the Service port, Endpoints first, then slices by age. */
        List<Endpoint> add(ClusterService svc, ClusterServicePort port, List<Endpoint> selected) {
            List<Resource> written = byService.get(Store.podKey(svc.namespace(), svc.name()));
            if (written == null || "ExternalName".equals(svc.type())) {
                return selected;
            }
            List<Endpoint> out = new ArrayList<>(selected);
            String portName = port.name() == null ? "" : port.name();
            for (Resource r : written) {
                if (r instanceof Endpoints e && !svc.hasSelector()) {
                    for (EndpointSubset subset : e.subsets()) {
                        Integer number = portNumber(subset.ports(), portName);
                        if (number == null) {
                            continue;
                        }
                        subset.addresses().forEach(a -> out.add(endpoint(a.ip(), number, true, a.hostname())));
                        subset.notReadyAddresses().forEach(a -> out.add(endpoint(a.ip(), number, false, a.hostname())));
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
                            out.add(endpoint(address, number, ready, se.hostname()));
                        }
                    }
                }
            }
            return out;
        }

        private Endpoint endpoint(String ip, int port, boolean ready, String hostname) {
            ClusterPod pod = podByIp.get(ip);
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

    static ClusterState of(Store s) {
        return new ClusterState(s);
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
        return pods.stream().filter(p -> p.ip().equals(ip)).findFirst();
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
        return endpoints.getOrDefault(endpointKey(service, servicePort), List.of());
    }

    /** The ready endpoints of a Service port: those that can receive traffic. */
    public List<Endpoint> readyEndpoints(ClusterService service, int servicePort) {
        return endpoints(service, servicePort).stream().filter(Endpoint::ready).toList();
    }

    /** The Services whose selector selects {@code pod}, in Service creation order. */
    public List<ClusterService> servicesSelecting(ClusterPod pod) {
        ServiceIndex index = serviceIndex;
        if (index == null) {
            index = new ServiceIndex(services);
            serviceIndex = index;   // a benign race: every thread builds the same index
        }
        return index.selecting(pod);
    }

    /** Built on first use: Services by one entry of their selector, so a pod finds its Services without a scan. */
    private volatile ServiceIndex serviceIndex;

    /**
     * The Services with a selector, each under its selector's first entry ({@code ns}, key,
     * value): a pod's candidates are the Services under its own labels, checked in full and
     * returned in creation order. A mesh of 10,000 Services matched every selector for every
     * server pod a send reached for the first time.
     */
    private static final class ServiceIndex {
        private final Map<String, List<Integer>> byEntry = new HashMap<>();
        private final List<ClusterService> services;

        ServiceIndex(List<ClusterService> services) {
            this.services = services;
            for (int i = 0; i < services.size(); i++) {
                ClusterService s = services.get(i);
                if (s.hasSelector()) {
                    Map.Entry<String, String> first = s.selector().entrySet().iterator().next();
                    byEntry.computeIfAbsent(key(s.namespace(), first.getKey(), first.getValue()), k -> new ArrayList<>()).add(i);
                }
            }
        }

        private static String key(String namespace, String label, String value) {
            return namespace + "\0" + label + "\0" + value;
        }

        List<ClusterService> selecting(ClusterPod pod) {
            List<Integer> found = null;
            for (Map.Entry<String, String> l : pod.labels().entrySet()) {
                List<Integer> under = byEntry.get(key(pod.namespace(), l.getKey(), l.getValue()));
                if (under != null) {
                    found = found == null ? new ArrayList<>() : found;
                    found.addAll(under);
                }
            }
            if (found == null) {
                return List.of();
            }
            found.sort(null);
            List<ClusterService> out = new ArrayList<>(found.size());
            for (int i : found) {
                ClusterService s = services.get(i);
                if (selects(s, pod)) {
                    out.add(s);
                }
            }
            return Collections.unmodifiableList(out);
        }
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
            List<StoredConfig<?>> out = new ArrayList<>();
            for (StoredConfig<Resource> c : objects) {
                if (type.isInstance(c.resource())) {
                    out.add(c);
                }
            }
            known = Collections.unmodifiableList(out);
            configsByType.putIfAbsent(type, known);
        }
        return (List<StoredConfig<R>>) (List<?>) known;
    }

    /** {@link #configs(Class)}'s answers, kept: a send asks for a kind's objects at every new proxy it reaches. */
    private final Map<Class<?>, List<StoredConfig<?>>> configsByType = new java.util.concurrent.ConcurrentHashMap<>();

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
