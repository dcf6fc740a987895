package dev.meshtest.internal.sim;

import static dev.meshtest.traffic.Decision.Kind.APP;
import static dev.meshtest.traffic.Decision.Kind.ATTEMPT;
import static dev.meshtest.traffic.Decision.Kind.AUTHENTICATION;
import static dev.meshtest.traffic.Decision.Kind.AUTHORIZATION;
import static dev.meshtest.traffic.Decision.Kind.CIRCUIT_BREAKER;
import static dev.meshtest.traffic.Decision.Kind.CLUSTER;
import static dev.meshtest.traffic.Decision.Kind.CORS;
import static dev.meshtest.traffic.Decision.Kind.ENDPOINT;
import static dev.meshtest.traffic.Decision.Kind.ENTRY;
import static dev.meshtest.traffic.Decision.Kind.FAULT;
import static dev.meshtest.traffic.Decision.Kind.KUBE_PROXY;
import static dev.meshtest.traffic.Decision.Kind.LISTENER;
import static dev.meshtest.traffic.Decision.Kind.MIRROR;
import static dev.meshtest.traffic.Decision.Kind.MUTUAL_TLS;
import static dev.meshtest.traffic.Decision.Kind.OUTLIER_DETECTION;
import static dev.meshtest.traffic.Decision.Kind.RETRY;
import static dev.meshtest.traffic.Decision.Kind.ROUTE;
import static dev.meshtest.traffic.Decision.Kind.ROUTER;
import static dev.meshtest.traffic.Decision.Kind.SERVER;
import static dev.meshtest.traffic.Decision.Kind.WEIGHTED_PICK;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.Endpoint;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.Fault;
import dev.meshtest.internal.proxy.JwtAuthentication;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.Listener;
import dev.meshtest.internal.proxy.Mirror;
import dev.meshtest.internal.proxy.MutualTlsMode;
import dev.meshtest.internal.proxy.OutlierDetectionPolicy;
import dev.meshtest.internal.proxy.ProxyConfig;
import dev.meshtest.internal.proxy.Rbac;
import dev.meshtest.internal.proxy.RetryPolicy;
import dev.meshtest.internal.proxy.Route;
import dev.meshtest.internal.proxy.RouteAction;
import dev.meshtest.internal.proxy.RouteConfiguration;
import dev.meshtest.internal.proxy.VirtualHost;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@link Tracer} of an explanation: each decision as a typed {@link Decision} with its line of
 * text, in the order the engine made them on the request's way.
 *
 * <pre>{@code
 * List<Decision> lines = new ArrayList<>();
 * simulation.start(nginx, target, request, lines, sink);   // a TraceRecorder writes into lines
 * }</pre>
 */
final class TraceRecorder extends Tracer {

    private final List<Decision> lines;

    TraceRecorder(List<Decision> lines) {
        this.lines = lines;
    }

    @Override
    boolean on() {
        return true;
    }

    private void note(Decision.Kind kind, String line) {
        lines.add(new Decision(kind, line));
    }

    /** {@code sidecar of nginx}, {@code gateway istio-ingressgateway-...}. */
    private static String who(ProxyConfig pc, ClusterPod pod) {
        return (pc.isGateway() ? "gateway " : "sidecar of ") + pod.name();
    }

    private static String proxyOf(ClusterPod pod) {
        return (pod.proxy() == dev.meshtest.internal.cluster.ProxyKind.GATEWAY ? "gateway " : "sidecar of ") + pod.name();
    }

    @Override
    void entersGateway(ClusterPod gateway, int port, String how) {
        note(ENTRY, "enters at gateway " + gateway.namespace() + "/" + gateway.name() + " port " + port + " " + how);
    }

    @Override
    void noSidecar(ClusterPod client, Simulation.Target target) {
        note(ENTRY, "client " + client.name() + " has no sidecar: kube-proxy forwards " + addr(target));
    }

    @Override
    void noListener(ProxyConfig pc, ClusterPod pod, int port, boolean passthrough) {
        note(LISTENER, who(pc, pod) + ": no listener for port " + port
                + (passthrough ? ", PassthroughCluster" : ", BlackHoleCluster closes the connection"));
    }

    @Override
    void listener(ProxyConfig pc, ClusterPod pod, Listener listener) {
        note(LISTENER, who(pc, pod) + ": listener " + listener.name());
    }

    @Override
    void noVirtualHost(ProxyConfig pc, ClusterPod pod, RouteConfiguration rc, String authority) {
        note(ROUTE, who(pc, pod) + ": route " + rc.name() + " has no virtual host for " + authority + ": 404 NR");
    }

    @Override
    void noRoute(ProxyConfig pc, ClusterPod pod, VirtualHost vh, String pathAndQuery) {
        note(ROUTE, who(pc, pod) + ": virtual host " + vh.name() + " has no route matching " + pathAndQuery + ": 404 NR");
    }

    @Override
    void route(ProxyConfig pc, ClusterPod pod, RouteConfiguration rc, VirtualHost vh, Route route) {
        note(ROUTE, who(pc, pod) + ": route " + rc.name() + " > virtual host " + vh.name() + " > " + route.origin()
                + " (match " + route.match() + ")");
    }

    @Override
    void directResponse(ProxyConfig pc, ClusterPod pod, int status) {
        note(ROUTE, who(pc, pod) + ": direct response " + status);
    }

    @Override
    void redirect(ProxyConfig pc, ClusterPod pod, int status, String location) {
        note(ROUTE, who(pc, pod) + ": redirect " + status);
        note(ROUTE, who(pc, pod) + ": location " + location);
    }

    @Override
    void pathNormalized(ClusterPod pod, String from, String to) {
        note(ROUTE, proxyOf(pod) + ": path " + from + " normalized to " + to + " (MeshConfig pathNormalization)");
    }

    @Override
    void pathRejected(ClusterPod pod, String path) {
        note(ROUTE, proxyOf(pod) + ": path " + path + " cannot be normalized: 400 (path_normalization_failed)");
    }

    @Override
    void sslRedirect(ProxyConfig pc, ClusterPod pod, VirtualHost vh, String location) {
        note(ROUTE, who(pc, pod) + ": virtual host " + vh.name() + " requires TLS (Gateway tls.httpsRedirect): redirect 301");
        note(ROUTE, who(pc, pod) + ": location " + location);
    }

    @Override
    void weightedPick(RouteAction.WeightedCluster picked, long totalWeight) {
        note(WEIGHTED_PICK, "weighted pick: " + picked.name() + " (weight " + picked.weight() + " of " + totalWeight + ")");
    }

    @Override
    void faultDelay(Fault fault, boolean delayed) {
        note(FAULT, delayed ? "fault: delay " + dur(fault.delay().toNanos()) + " (DI, " + pct(fault.delayPercent())
                + " of requests), then the router"
                : "fault: no delay for this request (" + pct(fault.delayPercent()) + " of requests are delayed)");
    }

    @Override
    void faultAbort(Fault fault, boolean aborted) {
        note(FAULT, aborted ? "fault: abort " + fault.abortHttpStatus() + (fault.abortGrpcStatus() == null ? ""
                : " with grpc-status " + fault.abortGrpcStatus()) + " (FI, " + pct(fault.abortPercent())
                + " of requests), never retried"
                : "fault: no abort for this request (" + pct(fault.abortPercent()) + " of requests are aborted)");
    }

    @Override
    void cors(dev.meshtest.internal.proxy.CorsPolicy policy, String origin, boolean allowed, boolean preflight, boolean answered) {
        String of = "cors: origin " + origin + (allowed ? " allowed" : " not allowed") + " by the route's corsPolicy";
        if (!preflight) {
            note(CORS, of + (allowed ? ": the answer gets access-control-allow-origin" + (policy.allowCredentials()
                    ? ", access-control-allow-credentials" : "") + (policy.exposeHeaders().isEmpty() ? ""
                    : ", access-control-expose-headers") : ": the answer gets no CORS headers"));
        } else if (answered) {
            note(CORS, of + ": the proxy answers the preflight 200 itself" + (allowed ? ""
                    : " without access-control-allow-origin (unmatchedPreflights: IGNORE)") + "; the app never sees it");
        } else {
            note(CORS, of + ": the preflight goes on to the app (unmatchedPreflights: FORWARD, Istio's default)");
        }
    }

    @Override
    void mirror(Mirror mirror, boolean copied) {
        note(MIRROR, copied ? "mirror: a copy to " + mirror.cluster() + " (" + pct(mirror.percent()) + " of requests), its answer dropped"
                : "mirror: no copy to " + mirror.cluster() + " for this request (" + pct(mirror.percent())
                + " of requests are mirrored)");
    }

    @Override
    void mirrorToMissingCluster(Mirror mirror) {
        note(MIRROR, "mirror: cluster " + mirror.cluster() + " does not exist, the copy is dropped");
    }

    @Override
    void mirrorAnswered(Mirror mirror, Outcome outcome) {
        note(MIRROR, "mirror copy to " + mirror.cluster() + " answered " + answer(outcome) + " (dropped)");
    }

    @Override
    void noCluster(String cluster, int status) {
        note(CLUSTER, "cluster " + cluster + " does not exist: " + status + " NC");
    }

    @Override
    void originalDestination(String cluster) {
        note(CLUSTER, "cluster " + cluster + " forwards to the original destination");
    }

    @Override
    void passthroughCluster(Simulation.Target target) {
        note(CLUSTER, "PassthroughCluster: to the original destination " + addr(target));
    }

    @Override
    void leavesCluster(String where) {
        note(ENDPOINT, "leaves the cluster for " + where + " (external hosts answer 200 in meshtest)");
    }

    @Override
    void routerTimeouts(long routeTimeout, long perTry, long ignoredPerTry) {
        if (routeTimeout > 0 || perTry > 0 || ignoredPerTry > 0) {
            note(ROUTER, "router: " + (routeTimeout > 0 ? "route timeout " + dur(routeTimeout) + " over all attempts" : "no route timeout")
                    + (perTry > 0 ? ", per-try timeout " + dur(perTry) : "")
                    + (ignoredPerTry > 0 ? ", per-try timeout " + dur(ignoredPerTry)
                    + " ignored (not shorter than the route timeout)" : ""));
        }
    }

    @Override
    void outliers(UpstreamCluster up, List<LbEndpoint> healthy, List<LbEndpoint> available, long now) {
        List<LbEndpoint> ejected = new ArrayList<>();
        for (LbEndpoint e : healthy) {
            if (up.outliers.isEjected(e, now)) {
                ejected.add(e);
            }
        }
        if (ejected.isEmpty()) {
            return;
        }
        String which = ejected.size() + " of " + healthy.size() + " hosts ejected (" + join(ejected) + ")";
        if (available == healthy) {
            note(OUTLIER_DETECTION, "outlier detection: " + which + ", fewer than minHealthPercent "
                    + up.cluster.outlierDetection().minHealthPercent() + "% left: panic, every host may be picked");
        } else if (!available.isEmpty()) {
            note(OUTLIER_DETECTION, "outlier detection: " + which + ", skipped");
        } else {
            note(OUTLIER_DETECTION, "outlier detection: " + which);
        }
    }

    @Override
    void noHealthyHost(Cluster cluster) {
        note(CLUSTER, "cluster " + cluster.name() + (cluster.healthyEndpoints().isEmpty() ? " has no healthy endpoint"
                : ": every host is ejected") + ": 503 UH");
    }

    @Override
    void picks(Cluster cluster, String hashKey, LbEndpoint endpoint, int attempt) {
        note(ENDPOINT, "cluster " + cluster.name() + " (" + configuredBy(cluster) + cluster.loadBalancer()
                + (hashKey == null ? "" : ", hash on " + hashKey) + ") picks " + endpoint
                + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
    }

    @Override
    void clientOverflow(ClusterPod proxy, UpstreamCluster up) {
        note(CIRCUIT_BREAKER, "client-side circuit breaker of " + proxy.name() + ", cluster " + up.cluster.name() + ": "
                + up.breaker.overflowReason() + ": 503 UO, not retried");
    }

    @Override
    void clientPending(ClusterPod proxy, UpstreamCluster up, LbEndpoint endpoint) {
        note(CIRCUIT_BREAKER, "client-side circuit breaker of " + proxy.name() + ", cluster " + up.cluster.name() + ": "
                + up.breaker.pendingReason(endpoint) + ", the request waits");
    }

    @Override
    void attemptAnswered(int attempt, LbEndpoint endpoint, Outcome outcome, boolean overloaded, RetryState.Decision decision,
                         RetryPolicy policy) {
        if (attempt == 1 && outcome.status() < 500 && decision == RetryState.Decision.NOT_RETRIABLE) {
            return; // a first attempt that answered below 500: nothing to say beyond the outcome
        }
        String how = switch (decision) {
            case RETRY -> ", retriable (retryOn " + retryOn(policy) + ")";
            case EXHAUSTED -> ", retries exhausted (" + policy.numRetries() + "): URX";
            case NOT_RETRIABLE -> overloaded ? ", x-envoy-overloaded: never retried"
                    : outcome.status() < 500 ? ""
                    : policy.numRetries() == 0 ? ", the route has no retries" : ", not retried (retryOn " + retryOn(policy) + ")";
        };
        note(ATTEMPT, "attempt " + attempt + " to " + endpoint + ": " + answer(outcome) + how);
    }

    @Override
    void attemptReset(int attempt, LbEndpoint endpoint, RetryState.Reset reason, long perTry, RetryState.Decision decision,
                      RetryPolicy policy) {
        String how = switch (decision) {
            case RETRY -> ", retriable (retryOn " + retryOn(policy) + ")";
            case EXHAUSTED -> ", retries exhausted (" + policy.numRetries() + "): URX";
            case NOT_RETRIABLE -> policy.numRetries() == 0 ? ", the route has no retries"
                    : ", not retried (retryOn " + retryOn(policy) + ")";
        };
        note(ATTEMPT, "attempt " + attempt + " to " + endpoint + ": "
                + switch (reason) {
                    case PER_TRY_TIMEOUT -> "per-try timeout " + dur(perTry);
                    case CONNECT_FAILURE -> "connection failure";
                    case TLS_FAILURE -> "mutual TLS handshake failed: the endpoint speaks plain text (UF)";
                    case CONNECTION_TERMINATION -> "connection closed: the endpoint's sidecar takes mutual TLS only (UC)";
                } + how);
    }

    @Override
    void ejected(UpstreamCluster up, LbEndpoint host) {
        OutlierDetectionPolicy od = up.cluster.outlierDetection();
        note(OUTLIER_DETECTION, "outlier detection: " + host + " ejected for " + dur(up.outliers.ejectionNanos(host))
                + " (" + (od.consecutive5xx() > 0 ? "consecutive5xxErrors " + od.consecutive5xx() : "")
                + (od.consecutive5xx() > 0 && od.consecutiveGatewayErrors() > 0 ? ", " : "")
                + (od.consecutiveGatewayErrors() > 0 ? "consecutiveGatewayErrors " + od.consecutiveGatewayErrors() : "")
                + ")");
    }

    @Override
    void retryRefused(ClusterPod proxy, UpstreamCluster up, long allowed) {
        var budget = up.breaker.limits().retryBudget();
        note(CIRCUIT_BREAKER, "retry refused: " + (budget == null ? "maxRetries " + allowed
                : "the retry budget (" + pct(budget.percent()) + " of the cluster's active and pending requests, at least "
                        + budget.minRetryConcurrency() + ") allows " + allowed + " retries at once, all in use,")
                + " in the client-side circuit breaker of " + proxy.name() + " (UO added)");
    }

    @Override
    void retry(int retry, RetryPolicy policy, long waitMs, long ceilingMs) {
        note(RETRY, "retry " + retry + " of " + policy.numRetries() + " after " + waitMs + "ms backoff (random below " + ceilingMs + "ms)");
    }

    @Override
    void routeTimeout(long routeTimeout, int attempt, LbEndpoint inFlight, boolean inBackoff) {
        note(ROUTER, "route timeout " + dur(routeTimeout) + " reached" + (inFlight != null ? ", attempt " + attempt + " to "
                + inFlight + " reset" : inBackoff ? " in the backoff before retry " + attempt : "") + ": 504 UT");
    }

    @Override
    void kubeProxyNoEndpoint(ClusterService svc, int port) {
        note(KUBE_PROXY, "kube-proxy: Service " + svc.namespace() + "/" + svc.name() + " has no ready endpoint on port " + port
                + ": connection refused");
    }

    @Override
    void kubeProxyPicks(ClusterService svc, Endpoint endpoint, boolean pinned) {
        note(KUBE_PROXY, "kube-proxy: Service " + svc.namespace() + "/" + svc.name() + " picks " + (endpoint.pod() == null ? endpoint.ip() : endpoint.pod().name()) + ":"
                + endpoint.port() + (pinned ? " (sessionAffinity ClientIP)" : ""));
    }

    @Override
    void reachesOutside(LbEndpoint endpoint) {
        note(ENDPOINT, "reaches " + endpoint.address() + " outside the cluster (answers 200 in meshtest)");
    }

    @Override
    void tcpRoute(ProxyConfig pc, ClusterPod proxy, Listener listener) {
        note(ROUTE, who(pc, proxy) + ": TCP listener " + listener.name() + " forwards by the tcp route of VirtualService "
                + listener.virtualService() + " to " + listener.tcpRoute().clusters().stream()
                .map(c -> c.name() + (listener.tcpRoute().clusters().size() > 1 ? " (weight " + c.weight() + ")" : ""))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    @Override
    void tls(ClusterPod proxy, String line) {
        note(Decision.Kind.TLS, proxy == null ? line : proxyOf(proxy) + ": " + line);
    }

    @Override
    void olderConfig(ClusterPod proxy, long version, long latest) {
        note(Decision.Kind.CONFIG, proxyOf(proxy) + " routes with configuration version " + version + "; the cluster has "
                + "version " + latest + ", whose push from istiod has not reached this proxy yet");
    }

    @Override
    void staleEndpoint(ClusterPod gone, int port) {
        note(SERVER, "pod " + gone.name() + " is gone from the cluster; the sending proxy's endpoints are older (the push "
                + "has not reached it): nothing listens on " + gone.ip() + ":" + port + ", connection refused");
    }

    @Override
    void gatewayNoListener(ClusterPod gateway, int port) {
        note(SERVER, "gateway " + gateway.name() + " has no listener on port " + port + ": connection refused");
    }

    @Override
    void transport(ClusterPod pod, LbEndpoint endpoint, boolean mutualTls, MutualTlsMode mode, boolean accepted,
                   String peerIdentity) {
        String sent = mutualTls ? "mutual TLS" : "plain text";
        String server = pod == null ? endpoint.address() + " (outside the cluster)" : pod.name();
        String line;
        if (mode == null) {
            line = sent + " to " + server + ", which has no sidecar and speaks plain text: the TLS handshake fails";
        } else if (accepted) {
            line = sent + " to " + server + ", whose sidecar takes " + (mode == MutualTlsMode.PERMISSIVE ? "both (PERMISSIVE)"
                    : mode == MutualTlsMode.STRICT ? "mutual TLS only (STRICT)" : "plain text only (DISABLE)")
                    + (peerIdentity == null ? "" : "; the client's certificate: " + peerIdentity);
        } else if (mutualTls) {
            line = sent + " to " + server + ", whose sidecar takes plain text only (PeerAuthentication DISABLE on port "
                    + endpoint.port() + "): the TLS handshake fails";
        } else {
            line = sent + " to " + server + ", whose sidecar takes mutual TLS only (PeerAuthentication STRICT on port "
                    + endpoint.port() + "): it closes the connection";
        }
        note(MUTUAL_TLS, line);
    }

    @Override
    void jwt(ClusterPod proxy, JwtAuthentication.Result r) {
        String who = (proxy.proxy() == dev.meshtest.internal.cluster.ProxyKind.GATEWAY ? "gateway " : "sidecar of ") + proxy.name();
        // Envoy's response code details: jwt_authn's generateRcDetails, the message with its spaces as underscores.
        note(AUTHENTICATION, "jwt_authn at " + who + ": " + (!r.passed() ? r.status() + " " + r.body()
                + " (jwt_authn_access_denied{" + r.body().replaceAll("\\s", "_") + "})"
                : r.principal() != null ? "token accepted, request principal " + r.principal() : "no token (allowed)"));
    }

    @Override
    void rbac(ClusterPod proxy, Rbac rbac, Rbac.Verdict v) {
        rbac(proxy, rbac, v, false);
    }

    @Override
    void networkRbac(ClusterPod proxy, Rbac rbac, Rbac.Verdict v) {
        rbac(proxy, rbac, v, true);
    }

    private void rbac(ClusterPod proxy, Rbac rbac, Rbac.Verdict v, boolean network) {
        String who = (proxy.proxy() == dev.meshtest.internal.cluster.ProxyKind.GATEWAY ? "gateway " : "sidecar of ") + proxy.name()
                + (network ? " (network RBAC: the policies' TCP part)" : "");
        String denied = network ? "the connection is closed" : "403 RBAC: access denied";
        String line;
        if (!v.allowed() && v.ref() != null) {
            line = "RBAC at " + who + ": denied by the DENY policy " + v.policy() + ": " + denied + " "
                    + "(rbac_access_denied_matched_policy[" + v.policy() + "])";
        } else if (!v.allowed()) {
            line = "RBAC at " + who + ": no ALLOW rule matches (" + rbac.allow().size()
                    + (rbac.allow().size() == 1 ? " rule" : " rules") + " of the policies that select it): "
                    + denied + " (rbac_access_denied_matched_policy[none])";
        } else if (v.ref() != null) {
            line = "RBAC at " + who + ": allowed by " + v.policy();
        } else {
            line = "RBAC at " + who + ": no DENY rule matches, and no ALLOW policy selects it: allowed";
        }
        note(AUTHORIZATION, line);
    }

    @Override
    void served(ClusterPod pod) {
        note(SERVER, "served by " + pod.namespace() + "/" + pod.name() + (pod.proxy() == ProxyKind.SIDECAR ? " (through its sidecar)" : ""));
    }

    private static String inbound(ClusterPod pod, int port) {
        return "server-side circuit breaker of " + pod.namespace() + "/" + pod.name() + " port " + port + ": ";
    }

    @Override
    void serverPending(ClusterPod pod, int port, CircuitBreaker breaker) {
        note(CIRCUIT_BREAKER, inbound(pod, port) + breaker.pendingReason(breaker) + ", the request waits");
    }

    @Override
    void serverOverflow(ClusterPod pod, int port, CircuitBreaker breaker) {
        note(CIRCUIT_BREAKER, inbound(pod, port) + breaker.overflowReason() + ": 503 UO from its sidecar, with x-envoy-overloaded");
    }

    @Override
    void appCalls(ClusterPod pod, String url, int appRetry) {
        note(APP, "app of " + pod.name() + " calls " + url + (appRetry > 0 ? " (app retry " + appRetry + ")" : ""));
    }

    @Override
    void appCannotSend(ClusterPod pod, String url, String name, String value) {
        note(APP, "app of " + pod.name() + ": requests cannot send " + name + ": " + value.replace("\r", "\\r").replace("\n", "\\n")
                + " (a leading space, a line break or a character past U+00FF), so its call to " + url
                + " fails before it is sent, as no answer");
    }

    @Override
    void appSession(ClusterPod pod, String user, String ownEndUser) {
        note(APP, "app of " + pod.name() + ": " + (user != null ? "its session cookie says user " + user + ", so it sends end-user: "
                + user : "no login session (no session cookie signed with productpage's key), so it sends no end-user")
                + (ownEndUser != null && !ownEndUser.equals(user) ? "; the request's own end-user: " + ownEndUser
                + " is not forwarded (getForwardHeaders takes end-user from the session)" : ""));
    }

    @Override
    void appTimeout(ClusterPod pod, String url) {
        note(APP, "app of " + pod.name() + ": its own timeout on " + url);
    }

    @Override
    void appRoute(ClusterPod pod, String method, String path, SampleRoutes.Route route) {
        note(APP, "app of " + pod.name() + ": " + route.why(method, path));
    }

    @Override
    void appGivesUp(ClusterPod pod, String url, int status, int answers, boolean callStatus) {
        note(APP, "app of " + pod.name() + ": " + url + " failed (" + (status == 0 ? "no response" : status)
                + "), it answers " + answers + (callStatus ? " (the sample answers its call's status, 500 without one)"
                : " (orFail)"));
    }

    // ---------------------------------------------------------------- formats

    /** {@code DestinationRule name.namespace, subset s, } for a cluster a DestinationRule configured. */
    private static String configuredBy(Cluster c) {
        ResourceRef dr = c.destinationRule();
        String by = dr == null ? "" : "DestinationRule " + dr.name() + "." + dr.namespace() + ", ";
        return c.subset().isEmpty() ? by : by + "subset " + c.subset() + ", ";
    }

    /** A duration as a VirtualService writes it: {@code 2s}, {@code 50ms}, {@code 0.5ms}. */
    static String dur(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
    }

    private static String pct(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%";
    }

    /** The retry conditions, sorted (the policy keeps them in a set). */
    private static String retryOn(RetryPolicy p) {
        String on = String.join(",", new TreeSet<>(p.retryOn()));
        if (!p.retriableStatusCodes().isEmpty()) {
            on += " " + new TreeSet<>(p.retriableStatusCodes());
        }
        return on;
    }

    /** An answer in short: status and response flags, {@code 503 UO}, {@code 200}. */
    private static String answer(Outcome o) {
        return o.status() + (o.flags().isEmpty() ? "" : " " + o.flagsText());
    }

    private static String join(List<LbEndpoint> hosts) {
        StringBuilder sb = new StringBuilder();
        for (LbEndpoint e : hosts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e);
        }
        return sb.toString();
    }

    private static String addr(Simulation.Target t) {
        return (t.ip() == null ? "?" : t.ip()) + ":" + t.port();
    }
}
