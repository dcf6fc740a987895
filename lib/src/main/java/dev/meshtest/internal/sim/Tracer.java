package dev.meshtest.internal.sim;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.Endpoint;
import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.Fault;
import dev.meshtest.internal.proxy.JwtAuthentication;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.Listener;
import dev.meshtest.internal.proxy.Mirror;
import dev.meshtest.internal.proxy.MutualTlsMode;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.Rbac;
import dev.meshtest.internal.proxy.RetryPolicy;
import dev.meshtest.internal.proxy.Route;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.internal.proxy.RouteConfiguration;
import dev.meshtest.internal.proxy.VirtualHost;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.Outcome;
import java.util.List;

/**
 * Hears each decision on a request's way, with the objects that made it: listener, virtual host,
 * route, weighted pick, fault, mirror, router, cluster and endpoint, limits, retries, kube-proxy,
 * the server and its app. The engine calls it on the real path of every request; {@link #NONE}
 * does nothing (a {@code send}), {@link TraceRecorder} records each as a typed {@code Decision}
 * (an explanation), so no text is built unless someone reads it (docs/performance.md).
 *
 * <pre>{@code
 * Tracer t = Tracer.of(decisions);   // Tracer.NONE for null
 * t.listener(pc, pod, listener);
 * }</pre>
 */
class Tracer {

    /** Records nothing. */
    static final Tracer NONE = new Tracer();

    /** The tracer that records into {@code decisions}, or {@link #NONE} for {@code null}. */
    static Tracer of(List<Decision> decisions) {
        return decisions == null ? NONE : new TraceRecorder(decisions);
    }

    /** Whether decisions are recorded (only to skip work that exists for the record alone). */
    boolean on() {
        return false;
    }

    // ---------------------------------------------------------------- where a request enters

    void entersGateway(ClusterPod gateway, int port, String how) {
    }

    void noSidecar(ClusterPod client, Simulation.Target target) {
    }

    // ---------------------------------------------------------------- listener, virtual host, route

    void noListener(ProxyConfig pc, ClusterPod pod, int port, boolean passthrough) {
    }

    void listener(ProxyConfig pc, ClusterPod pod, Listener listener) {
    }

    void noVirtualHost(ProxyConfig pc, ClusterPod pod, RouteConfiguration rc, String authority) {
    }

    void noRoute(ProxyConfig pc, ClusterPod pod, VirtualHost vh, String pathAndQuery) {
    }

    void route(ProxyConfig pc, ClusterPod pod, RouteConfiguration rc, VirtualHost vh, Route route) {
    }

    void directResponse(ProxyConfig pc, ClusterPod pod, int status) {
    }

    void redirect(ProxyConfig pc, ClusterPod pod, int status, String location) {
    }

    void sslRedirect(ProxyConfig pc, ClusterPod pod, VirtualHost vh, String location) {
    }

    void pathNormalized(ClusterPod pod, String from, String to) {
    }

    void pathRejected(ClusterPod pod, String path) {
    }

    void weightedPick(RouteAction.WeightedCluster picked, long totalWeight) {
    }

    // ---------------------------------------------------------------- fault filter and mirrors

    void faultDelay(Fault fault, boolean delayed) {
    }

    void faultAbort(Fault fault, boolean aborted) {
    }

    void cors(dev.meshtest.internal.proxy.CorsPolicy policy, String origin, boolean allowed, boolean preflight, boolean answered) {
    }

    void mirror(Mirror mirror, boolean copied) {
    }

    void mirrorToMissingCluster(Mirror mirror) {
    }

    void mirrorAnswered(Mirror mirror, Outcome outcome) {
    }

    // ---------------------------------------------------------------- clusters and the router

    void noCluster(String cluster, int status) {
    }

    void originalDestination(String cluster) {
    }

    void passthroughCluster(Simulation.Target target) {
    }

    void leavesCluster(String where) {
    }

    void routerTimeouts(long routeTimeout, long perTry, long ignoredPerTry) {
    }

    void outliers(UpstreamCluster up, List<LbEndpoint> healthy, List<LbEndpoint> available, long now) {
    }

    void noHealthyHost(Cluster cluster) {
    }

    void picks(Cluster cluster, String hashKey, LbEndpoint endpoint, int attempt) {
    }

    void clientOverflow(ClusterPod proxy, UpstreamCluster up) {
    }

    void clientPending(ClusterPod proxy, UpstreamCluster up, LbEndpoint endpoint) {
    }

    void attemptAnswered(int attempt, LbEndpoint endpoint, Outcome outcome, boolean overloaded, RetryState.Decision decision,
                         RetryPolicy policy) {
    }

    void attemptReset(int attempt, LbEndpoint endpoint, RetryState.Reset reason, long perTry, RetryState.Decision decision,
                      RetryPolicy policy) {
    }

    void ejected(UpstreamCluster up, LbEndpoint host) {
    }

    void retryRefused(ClusterPod proxy, UpstreamCluster up, long allowed) {
    }

    void retry(int retry, RetryPolicy policy, long waitMs, long ceilingMs) {
    }

    void routeTimeout(long routeTimeout, int attempt, LbEndpoint inFlight, boolean inBackoff) {
    }

    // ---------------------------------------------------------------- kube-proxy, hops, servers

    void kubeProxyNoEndpoint(ClusterService svc, int port) {
    }

    void kubeProxyPicks(ClusterService svc, Endpoint endpoint, boolean pinned) {
    }

    void reachesOutside(LbEndpoint endpoint) {
    }

    /** A TCP listener's VirtualService {@code tcp} route (its clusters are then picked by weight). */
    void tcpRoute(ProxyConfig pc, ClusterPod proxy, Listener listener) {
    }

    /** A TLS handshake at {@code proxy} ({@code null}: a host outside the cluster): its course in words (TlsHandshake, TlsOrigination). */
    void tls(ClusterPod proxy, String line) {
    }

    void gatewayNoListener(ClusterPod gateway, int port) {
    }

    /** A proxy routes with an older configuration version than the cluster's: its push has not arrived. */
    void olderConfig(ClusterPod proxy, long version, long latest) {
    }

    /** The sender's proxy still lists a pod that is gone from the cluster (its push has not arrived). */
    void staleEndpoint(ClusterPod gone, int port) {
    }

    /**
     * The connection to an endpoint: mutual TLS or plain text, the mode of the endpoint's sidecar
     * ({@code null}: no sidecar), and whether the endpoint took it.
     */
    void transport(ClusterPod pod, LbEndpoint endpoint, boolean mutualTls, MutualTlsMode mode, boolean accepted,
                   String peerIdentity) {
    }

    /** The jwt_authn filter of a proxy decided on the request. */
    void jwt(ClusterPod proxy, JwtAuthentication.Result result) {
    }

    /** The RBAC filters of a proxy decided on the request. */
    void rbac(ClusterPod proxy, Rbac rbac, Rbac.Verdict verdict) {
    }

    /** A TCP connection's network RBAC verdict at {@code proxy}: the policies' TCP part. */
    void networkRbac(ClusterPod proxy, Rbac rbac, Rbac.Verdict verdict) {
    }

    void served(ClusterPod pod) {
    }

    void serverPending(ClusterPod pod, int port, CircuitBreaker breaker) {
    }

    void serverOverflow(ClusterPod pod, int port, CircuitBreaker breaker) {
    }

    void appCalls(ClusterPod pod, String url, int appRetry) {
    }

    void appTimeout(ClusterPod pod, String url) {
    }

    void appGivesUp(ClusterPod pod, String url, int status, int answers, boolean callStatus) {
    }

    /** An app's HTTP client refused to send header {@code name} with {@code value}: the call to {@code url} failed unsent. */
    void appCannotSend(ClusterPod pod, String url, String name, String value) {
    }

    /** productpage read its login session: {@code user} ({@code null}: none); {@code ownEndUser}, the request's own {@code end-user} header. */
    void appSession(ClusterPod pod, String user, String ownEndUser) {
    }

    /** A sample app's router sent a request to {@code route} (not helloworld's {@code /hello}). */
    void appRoute(ClusterPod pod, String method, String path, SampleRoutes.Route route) {
    }
}
