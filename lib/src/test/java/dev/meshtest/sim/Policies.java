package dev.meshtest.sim;

import dev.meshtest.Mesh;
import dev.meshtest.proxy.CircuitBreakers;
import dev.meshtest.proxy.Cluster;
import dev.meshtest.proxy.OutlierDetectionPolicy;
import dev.meshtest.proxy.ProxyConfig;
import dev.meshtest.proxy.Route;
import dev.meshtest.proxy.RouteAction;
import dev.meshtest.proxy.RouteConfiguration;
import dev.meshtest.proxy.VirtualHost;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Test seam: puts resilience policies into a compiled proxy configuration by hand, so the data
 * plane can be tested with exact virtual times before the proxy compiles them from
 * VirtualServices and DestinationRules. It edits the configuration the mesh's simulation uses
 * (the mesh caches it until the cluster state changes, so call it after the last apply).
 * End-to-end tests from YAML live in {@code dev.meshtest.resilience.ResilienceEndToEndTest}.
 *
 * <pre>{@code
 * Policies.forward(mesh, "nginx", f -> Policies.withTimeout(f, Duration.ofMillis(50)));
 * Policies.cluster(mesh, "nginx", "outbound|5000||helloworld.default.svc.cluster.local", limits, null);
 * }</pre>
 */
final class Policies {

    private Policies() {
    }

    /** Rewrites every forwarding route of a pod's proxy. */
    static void forward(Mesh mesh, String pod, UnaryOperator<RouteAction.Forward> edit) {
        ProxyConfig pc = mesh.proxyConfig(pod);
        Map<String, RouteConfiguration> rcs = field(pc, "routeConfigs");
        for (Map.Entry<String, RouteConfiguration> e : new ArrayList<>(rcs.entrySet())) {
            List<VirtualHost> vhs = new ArrayList<>();
            for (VirtualHost vh : e.getValue().virtualHosts()) {
                List<Route> routes = new ArrayList<>();
                for (Route r : vh.routes()) {
                    RouteAction a = r.action() instanceof RouteAction.Forward f ? edit.apply(f) : r.action();
                    routes.add(new Route(r.name(), r.match(), a, r.virtualService(), r.ruleIndex(), r.matchIndex()));
                }
                vhs.add(new VirtualHost(vh.name(), vh.domains(), routes));
            }
            rcs.put(e.getKey(), new RouteConfiguration(e.getValue().name(), vhs));
        }
    }

    /** Sets a cluster's circuit breakers and outlier detection in a pod's proxy. */
    static void cluster(Mesh mesh, String pod, String clusterName, CircuitBreakers cb, OutlierDetectionPolicy od) {
        ProxyConfig pc = mesh.proxyConfig(pod);
        Map<String, Cluster> clusters = field(pc, "clusters");
        Cluster c = clusters.get(clusterName);
        if (c == null) {
            throw new IllegalArgumentException("no cluster " + clusterName + " in " + clusters.keySet());
        }
        clusters.put(clusterName, new Cluster(c.name(), c.type(), c.host(), c.port(), c.subset(), c.endpoints(),
                c.healthyEndpoints(), c.loadBalancer(), c.destinationRule(), cb == null ? c.circuitBreakers() : cb,
                od == null ? c.outlierDetection() : od));
    }

    /** Sets the inbound circuit breakers of a pod's sidecar for a target port. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void inbound(Mesh mesh, String pod, int targetPort, CircuitBreakers cb) {
        ProxyConfig pc = mesh.proxyConfig(pod);
        if (hasField(pc, "inboundCircuitBreakers")) {
            Map<Integer, CircuitBreakers> in = field(pc, "inboundCircuitBreakers");
            in.put(targetPort, cb);
            return;
        }
        // The proxy's inbound clusters: record InboundCluster(targetPort, service, servicePort, circuitBreakers, destinationRule).
        Map in = field(pc, "inboundClusters");
        try {
            Class<?> type = Class.forName("dev.meshtest.proxy.InboundCluster");
            java.lang.reflect.Constructor<?> ctor = type.getDeclaredConstructors()[0];
            in.put(targetPort, ctor.newInstance(targetPort, "test", targetPort, cb, null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set the inbound circuit breakers; update the test seam", e);
        }
    }

    private static boolean hasField(Object o, String name) {
        try {
            o.getClass().getDeclaredField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    static RouteAction.Forward with(RouteAction.Forward f, java.time.Duration timeout, dev.meshtest.proxy.RetryPolicy retry,
                                    dev.meshtest.proxy.Fault fault, List<dev.meshtest.proxy.Mirror> mirrors) {
        return new RouteAction.Forward(f.clusters(), f.hashPolicy(), f.rewrite(), f.authorityRewrite(), f.requestHeaders(),
                timeout == null ? f.timeout() : timeout, retry == null ? f.retryPolicy() : retry, fault == null ? f.fault() : fault,
                mirrors == null ? f.mirrors() : mirrors);
    }

    static CircuitBreakers maxRequests(long n) {
        CircuitBreakers d = CircuitBreakers.DEFAULT;
        return new CircuitBreakers(d.maxConnections(), d.maxPendingRequests(), n, d.maxRetries(), 0, d.connectTimeout());
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object o, String name) {
        try {
            Field f = o.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return (T) f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ProxyConfig has no field " + name + "; update the test seam", e);
        }
    }
}
