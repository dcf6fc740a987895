package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The environment variables the kubelet gives a pod's containers for Services, fixed when the pod
 * starts (Kubernetes' {@code kubelet_pods.go getServiceEnvVarMap} and {@code envvars.go FromServices}):
 *
 * <ul>
 *   <li>which Services: those of the pod's namespace when {@code enableServiceLinks} is not
 *       {@code false}, and always {@code kubernetes} in {@code default} (a Service of that name in the
 *       pod's own namespace wins over it); only Services with a ClusterIP ({@code IsServiceIPSet}:
 *       headless and {@code ExternalName} Services give nothing);</li>
 *   <li>which variables, the Service's name upper-cased with {@code -} and {@code .} made {@code _}
 *       ({@code makeEnvVariableName}, {@code _} in front of a leading digit) as prefix:
 *       {@code <P>_SERVICE_HOST} (the ClusterIP), {@code <P>_SERVICE_PORT} (the FIRST port),
 *       {@code <P>_SERVICE_PORT_<PORT NAME>} for each named port, and Docker's link variables
 *       ({@code makeLinkVariables}): {@code <P>_PORT=tcp://<ip>:<first port>} and for each port
 *       {@code <P>_PORT_<port>_<PROTO>}, with {@code _PROTO}, {@code _PORT} and {@code _ADDR};</li>
 *   <li>which Services exist "when the pod starts": meshtest starts the containers of the pods a
 *       call ({@code apply}, {@code delete}) created at its end, so they see every Service of that call
 *       and the earlier ones, and none applied later (a pod keeps its links when Services change, as
 *       a running container keeps its environment). {@code kubectl apply -f bookinfo.yaml} so gives
 *       every pod every Service of the file, as a cluster does once its pods are scheduled and their
 *       images pulled, seconds after the apply returned.</li>
 * </ul>
 *
 * <p>Two Services can give one variable ({@code details}' {@code DETAILS_SERVICE_PORT=9080} and
 * {@code details-service}'s {@code DETAILS_SERVICE_PORT=tcp://10.96.0.7:9080}): the kubelet then
 * keeps whichever its Go map yields last, so {@link #values} answers each Service's value.
 *
 * <pre>{@code
 * ServiceLinks links = pod.serviceLinks();
 * links.values("DETAILS_SERVICE_PORT");   // {details=9080}: the first port of Service details
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class ServiceLinks {

    /** A Service as the kubelet read it: its name, ClusterIP and ports. */
    private record Linked(String name, String prefix, String clusterIp, List<ServicePort> ports) {
    }

    private static final ServiceLinks PENDING_ENABLED = new ServiceLinks(true, false, List.of());
    private static final ServiceLinks PENDING_DISABLED = new ServiceLinks(false, false, List.of());

    private final boolean enabled;
    private final boolean started;
    /** By name. */
    private final List<Linked> services;
    /** Computed once: a pod's hash includes it, and a snapshot can link many Services. */
    private final int hash;

    private ServiceLinks(boolean enabled, boolean started, List<Linked> services) {
        this.enabled = enabled;
        this.started = started;
        this.services = services;
        this.hash = services.hashCode() * 4 + (enabled ? 2 : 0) + (started ? 1 : 0);
    }

    /** The links of a pod whose containers have not started yet: none. */
    static ServiceLinks pending(boolean enabled) {
        return enabled ? PENDING_ENABLED : PENDING_DISABLED;
    }

    /** The links the kubelet gives a pod of {@code namespace} that starts now, from the Services {@code w} holds. */
    static ServiceLinks start(Store w, String namespace, boolean enabled) {
        SortedMap<String, Linked> byName = new TreeMap<>();
        if (enabled) {
            for (Map.Entry<ResourceRef, String> e : w.serviceIpsIn(namespace)) {
                add(w, byName, e.getKey(), e.getValue());
            }
        }
        ResourceRef master = new ResourceRef("Service", "default", "kubernetes");
        if (!byName.containsKey("kubernetes")) {
            add(w, byName, master, w.serviceIp(master));
        }
        return new ServiceLinks(enabled, true, List.copyOf(byName.values()));
    }

    private static void add(Store w, SortedMap<String, Linked> byName, ResourceRef ref, String ip) {
        if (ip == null || ip.isEmpty()) {
            return;   // IsServiceIPSet: headless, ExternalName
        }
        StoredConfig<dev.meshtest.config.Resource> c = w.object(ref);
        if (c == null || !(c.resource() instanceof Service s) || s.spec() == null || s.spec().ports().isEmpty()) {
            return;
        }
        byName.put(s.name(), new Linked(s.name(), variableName(s.name()), ip, List.copyOf(s.spec().ports())));
    }

    /** {@code envvars.go makeEnvVariableName}. */
    static String variableName(String name) {
        String v = name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        return !v.isEmpty() && v.charAt(0) >= '0' && v.charAt(0) <= '9' ? "_" + v : v;
    }

    /** {@return whether the pod spec lets the kubelet link its namespace's Services ({@code enableServiceLinks})} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return whether the pod's containers have started, so the links are fixed} */
    public boolean started() {
        return started;
    }

    /**
     * The values the kubelet's service links give {@code variable}, by the Service that gives each.
     *
     * @param variable an environment variable's name ({@code DETAILS_SERVICE_PORT})
     * @return Service name to value, sorted by name; empty when no Service sets the variable;
     *     several entries when Services collide on it
     */
    public SortedMap<String, String> values(String variable) {
        SortedMap<String, String> out = null;
        for (Linked s : services) {
            if (!variable.startsWith(s.prefix + "_")) {
                continue;
            }
            String v = valueOf(s, variable);
            if (v != null) {
                if (out == null) {
                    out = new TreeMap<>();
                }
                out.put(s.name, v);
            }
        }
        return out == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(out);
    }

    /** What Service {@code s} sets {@code variable} to, or {@code null}; FromServices' later variables win, as its map does. */
    private static String valueOf(Linked s, String variable) {
        String p = s.prefix;
        String value = null;
        ServicePort first = s.ports.get(0);
        if (variable.equals(p + "_SERVICE_HOST")) {
            value = s.clusterIp;
        }
        if (variable.equals(p + "_SERVICE_PORT")) {
            value = Integer.toString(first.port());
        }
        for (ServicePort sp : s.ports) {
            if (sp.name() != null && !sp.name().isEmpty() && variable.equals(p + "_SERVICE_PORT_" + variableName(sp.name()))) {
                value = Integer.toString(sp.port());
            }
        }
        // makeLinkVariables
        if (variable.equals(p + "_PORT")) {
            value = url(s, first);
        }
        for (ServicePort sp : s.ports) {
            String proto = protocol(sp);
            String portPrefix = p + "_PORT_" + sp.port() + "_" + proto.toUpperCase(Locale.ROOT);
            if (variable.equals(portPrefix)) {
                value = url(s, sp);
            } else if (variable.equals(portPrefix + "_PROTO")) {
                value = proto.toLowerCase(Locale.ROOT);
            } else if (variable.equals(portPrefix + "_PORT")) {
                value = Integer.toString(sp.port());
            } else if (variable.equals(portPrefix + "_ADDR")) {
                value = s.clusterIp;
            }
        }
        return value;
    }

    private static String protocol(ServicePort sp) {
        return sp.protocol() == null || sp.protocol().isEmpty() ? "TCP" : sp.protocol();
    }

    private static String url(Linked s, ServicePort sp) {
        return protocol(sp).toLowerCase(Locale.ROOT) + "://" + s.clusterIp + ":" + sp.port();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ServiceLinks l && l.hash == hash && l.enabled == enabled && l.started == started
                && l.services.equals(services);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        services.forEach(s -> names.add(s.name));
        return !started ? "not started" : "links of " + names + (enabled ? "" : " (enableServiceLinks: false)");
    }
}
