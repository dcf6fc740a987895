package dev.meshtest.internal.analysis;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.config.kube.Service;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The analyzers' view of services: Istio's {@code InitServiceEntryHostMap} and
 * {@code GetDestinationHost} ({@code pkg/config/analysis/analyzers/util/service_lookup.go}). Every
 * ServiceEntry host and every Kubernetes Service (as a ServiceEntry with its ports) under the
 * scopes that can see it, {@code <scope>/<fqdn>}; a host is looked up as the analyzers do, which
 * is not quite as the proxies resolve it: a destination host with a dot is taken as written, so
 * {@code reviews.default} is not found although routing finds it.
 *
 * <pre>{@code
 * ServiceEntryHosts hosts = ServiceEntryHosts.of(state);
 * hosts.lookup("default", List.of(), "reviews");   // the reviews Service's ports, or null
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ServiceEntryHosts {

    /** The ports of a service as the analyzers see them, and its workload selector (empty for a Kubernetes Service). */
    record Entry(List<Integer> ports, Map<String, String> workloadSelector) {
    }

    private static final String DOMAIN = "svc.cluster.local";
    private static final Pattern FQDN = Pattern.compile("^(.+)\\.(.+)\\.svc\\.cluster\\.local$");

    private final Map<String, Entry> byScopedFqdn;

    private ServiceEntryHosts(Map<String, Entry> byScopedFqdn) {
        this.byScopedFqdn = byScopedFqdn;
    }

    /**
     * @param state the cluster
     * @return every service under every scope that sees it, in apply order
     */
    static ServiceEntryHosts of(ClusterState state) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (StoredConfig<ServiceEntry> stored : state.configs(ServiceEntry.class)) {
            ServiceEntry se = stored.resource();
            if (se.spec() == null) {
                continue;
            }
            List<Integer> ports = new ArrayList<>();
            se.spec().ports().forEach(p -> ports.add(p.number()));
            Entry e = new Entry(ports, se.spec().workloadSelector() == null ? Map.of() : se.spec().workloadSelector().labels());
            String ns = se.namespace();
            List<String> exportTo = se.spec().exportTo();
            for (String h : se.spec().hosts()) {
                if (exportTo.isEmpty()) {
                    map.put(scoped("*", ns, h), e);
                    continue;
                }
                for (String scope : exportTo) {
                    map.put(scoped(scope.equals(".") ? ns : scope, ns, h), e);
                    if (scope.equals("*")) {
                        break;
                    }
                }
            }
        }
        for (ClusterService s : state.services()) {
            List<Integer> ports = new ArrayList<>();
            s.ports().forEach(p -> ports.add(p.port()));
            Entry e = new Entry(ports, Map.of());
            String anno = s.annotations().getOrDefault(ClusterService.EXPORT_TO_ANNOTATION, "");
            if (anno.isEmpty()) {
                map.put(scoped("*", s.namespace(), s.name()), e);
            } else {
                for (String scope : anno.split(",")) {
                    String sc = scope.strip();
                    map.put(scoped(sc.equals(".") ? s.namespace() : sc, s.namespace(), s.name()), e);
                }
            }
        }
        return new ServiceEntryHosts(map);
    }

    /** Istio's {@code ConvertHostToFQDN}: a name without a dot (and not a wildcard) gets {@code .<ns>.svc.cluster.local}. */
    static String fqdn(String namespace, String host) {
        return !host.startsWith("*") && !host.contains(".") ? host + "." + namespace + "." + DOMAIN : host;
    }

    private static String scoped(String scope, String namespace, String host) {
        return scope + "/" + fqdn(namespace, host);
    }

    /**
     * Istio's {@code GetDestinationHost}: the service a host names, as seen from a namespace with
     * the referring object's {@code exportTo}.
     *
     * @param sourceNamespace the referring object's namespace
     * @param exportTo the referring object's {@code exportTo}
     * @param host the host as written
     * @return the service, or {@code null} when none is found
     */
    Entry lookup(String sourceNamespace, List<String> exportTo, String host) {
        Entry e = byScopedFqdn.get(scoped("*", sourceNamespace, host));
        if (e != null) {
            return e;
        }
        if (exportTo.isEmpty()) {
            e = byScopedFqdn.get(scoped(sourceNamespace, sourceNamespace, host));
            if (e != null) {
                return e;
            }
        } else {
            for (String scope : exportTo) {
                e = byScopedFqdn.get(scoped(scope.equals(".") ? sourceNamespace : scope, sourceNamespace, host));
                if (e != null) {
                    return e;
                }
            }
        }
        String wanted = host.startsWith("*") ? host.substring(1) : host;
        for (Map.Entry<String, Entry> entry : byScopedFqdn.entrySet()) {
            int slash = entry.getKey().indexOf('/');
            String scope = entry.getKey().substring(0, slash);
            String seHost = entry.getKey().substring(slash + 1);
            if (!seHost.startsWith("*") || !(scope.equals("*") || scope.equals(sourceNamespace))) {
                continue;
            }
            if (wanted.endsWith(seHost.substring(1))) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * Istio's {@code GetResourceNameFromHost}: {@code namespace/name} of a host, the default namespace
     * for a name that is not a cluster FQDN.
     *
     * @param defaultNamespace the namespace of the object that names the host
     * @param host the host
     * @return {@code namespace/name}
     */
    static String resourceName(String defaultNamespace, String host) {
        Matcher m = FQDN.matcher(host);
        return m.matches() ? m.group(2) + "/" + m.group(1) : defaultNamespace + "/" + host;
    }
}
