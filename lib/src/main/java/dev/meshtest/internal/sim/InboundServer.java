package dev.meshtest.internal.sim;

import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.MutualTlsMode;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ReceivedRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pod that serves requests: its sidecar's inbound side (the inbound circuit breaker of the
 * target port, istio-rules §6.6, whose state lives in the {@link DataPlane}; {@code server:
 * istio-envoy} on the answer) and its {@link App}: the calls it makes to other services, one
 * after the other, each a request of its own from this pod; then its service time; then its
 * answer. One per pod and {@link Simulation}.
 *
 * <pre>{@code
 * Simulation.Cancellable serving = sim.server(pod).serve(5000, request, Tracer.NONE, 0, sink);
 * }</pre>
 */
final class InboundServer {
    private final Simulation sim;
    final ClusterPod pod;
    final App app;
    final Outcome ok;
    final Outcome error;
    /** The app's service time when it is fixed ({@link Sampler#fixedNanos}), else -1: drawn per request. */
    private final long fixedServiceNanos;
    /** The last request routed by {@link #route} and its route: a send's requests are mostly one object. */
    private HttpRequest routed;
    private SampleRoutes.Route route;
    /** The sample app whose routes requests go to, or {@code null}: every request to the main handler. */
    private final dev.meshtest.app.Sample sample;
    /** The ports the sample calls, as it read them from its environment when it started; fixed with the app. */
    private final SampleRoutes.Calls calls;
    /** The last request {@link #routeAnswer} answered, and its answer. */
    private HttpRequest routeAnswered;
    private Outcome routeAnswer;
    private int[] ports = new int[0];
    private CircuitBreaker[] breakers = new CircuitBreaker[0];
    /** The sidecar's mutual TLS mode per container port, as looked up (config: fixed for this simulation). */
    private int[] tlsPorts = new int[0];
    private MutualTlsMode[] tlsModes = new MutualTlsMode[0];
    private long generation = -1;
    /** The app's answers with what it received, by answer, peer identity and request; most requests of a send are alike. */
    private final Map<Outcome, Map<String, Map<HttpRequest, Outcome>>> answers = new HashMap<>();
    /** The last of those, checked by reference first: a send's requests are mostly one object. */
    private Outcome lastAnswer;
    private HttpRequest lastRequest;
    private String lastPeer;
    private Outcome lastReceived;

    /** The sidecar's security filters, looked up on the first request (a server lives for one configuration version). */
    private Simulation.Security security;
    /** Its TCP chains' network RBAC, looked up on the first connection. */
    private dev.meshtest.internal.proxy.Rbac tcpRbac;

    InboundServer(Simulation sim, ClusterPod pod) {
        this.sim = sim;
        this.pod = pod;
        this.app = sim.apps.apply(pod);
        String version = pod.labels().get("version");
        String body = app.body().replace("{pod}", pod.name()).replace("{version}", String.valueOf(version));
        this.ok = sim.replies.intern(Outcome.of(app.status()).withPod(pod.namespace(), pod.name(), pod.workload(), version)
                .withBody(body));
        this.error = sim.replies.intern(ok.withStatus(app.errorStatus()));
        this.fixedServiceNanos = Sampler.fixedNanos(app.serviceTime());
        this.sample = app.sample().orElse(null);
        this.calls = sample == null ? SampleRoutes.DEFAULT_CALLS : SampleRoutes.calls(
                dev.meshtest.internal.istio.SampleApps.callPorts(sample, pod.containers(), pod.serviceLinks()::values));
    }

    /**
     * Where {@code request} goes in the app: {@link SampleRoutes#GENERIC}, its main handler, unless
     * the app is one of Istio's samples ({@link SampleRoutes}).
     */
    SampleRoutes.Route route(HttpRequest request) {
        if (sample == null) {
            return SampleRoutes.GENERIC;
        }
        if (request != routed) {
            // A call that forwards headers is a request object of its own each time, to the same route.
            if (routed == null || !request.path().equals(routed.path()) || !request.method().equals(routed.method())
                    || !request.queryString().equals(routed.queryString())) {
                route = SampleRoutes.route(sample, calls, request.method(), request.path(), request.queryString());
            }
            routed = request;
        }
        return route;
    }

    /** How many calls the app makes on {@code r}: the route's own, then, on its main route, the app's. */
    int callCount(SampleRoutes.Route r) {
        return r.calls.size() + (r.kind == SampleRoutes.Kind.MAIN ? app.calls().size() : 0);
    }

    /** {@link Call#forwardHeaders()} lowercased, by call. */
    private final IdentityMemo<Call, String[]> forwarded = new IdentityMemo<>();

    /**
     * Whether {@code request} carries a header {@code c} forwards: a lookup per name, each already
     * lowercased (the request's headers are), so no name is lowercased or copied per request.
     */
    boolean forwardsAny(Call c, HttpRequest request) {
        Map<String, String> headers = request.headers();
        if (headers.isEmpty() || c.forwardHeaders().isEmpty()) {
            return false;
        }
        String[] names = forwarded.get(c);
        if (names == null) {
            names = c.forwardHeaders().stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
            forwarded.put(c, names);
        }
        for (String name : names) {
            if (headers.get(name) != null) {
                return true;
            }
        }
        return false;
    }

    /** The cookie header {@link #sessionUser} read last, and its session's user. */
    private String sessionCookie;
    private String sessionUserOfCookie;

    /**
     * productpage's login session ({@link FlaskSession}): the user its session cookie holds, or
     * {@code null}; {@code note}: the trace says where {@code end-user} comes from.
     */
    String sessionUser(HttpRequest request, Tracer trace, boolean note) {
        String cookie = request.header("cookie");
        String own = request.header("end-user");
        if (cookie == null) {
            if (note && own != null) {
                trace.appSession(pod, null, own);
            }
            return null;
        }
        if (!cookie.equals(sessionCookie)) {
            sessionUserOfCookie = FlaskSession.user(cookie);
            sessionCookie = cookie;
        }
        if (note && (own != null || FlaskSession.cookie(cookie) != null)) {
            trace.appSession(pod, sessionUserOfCookie, own);
        }
        return sessionUserOfCookie;
    }

    /** The {@code i}th of the calls {@link #callCount} counts. */
    Call call(SampleRoutes.Route r, int i) {
        int own = r.calls.size();
        return i < own ? r.calls.get(i) : app.calls().get(i - own);
    }

    /** The answer of a route other than the main handler's, with the pod's name and version as {@link #ok} has them. */
    Outcome routeAnswer(SampleRoutes.Route r, HttpRequest request) {
        if (request == routeAnswered) {
            return routeAnswer;
        }
        String query = request.queryString() == null || request.queryString().isEmpty() ? "" : "?" + request.queryString();
        Outcome o = switch (r.kind) {
            case ANSWER -> {
                Outcome a = ok.withStatus(r.status).withBody(r.body.replace("{hostport}",
                        request.authority().indexOf(':') >= 0 ? request.authority() : request.authority() + ":80"));
                yield r.allow == null ? a : a.withResponseHeader("allow", r.allow);
            }
            case MERGED_SLASHES -> {
                String location = "http://" + request.authority() + SampleRoutes.mergedPath(request.path()) + query;
                yield ok.withStatus(308).withBody(SampleRoutes.redirectPage(location)).withResponseHeader("location", location);
            }
            case LOGIN, LOGOUT -> {
                // redirect(request.referrer): without a referer, Werkzeug writes str(None) into the header.
                String referer = request.header("referer");
                String location = referer == null ? "None" : referer;
                Outcome redirect = ok.withStatus(302).withBody(SampleRoutes.redirectPage(location)).withResponseHeader("location", location);
                String cookie = r.kind == SampleRoutes.Kind.LOGIN
                        // session['user'] = request.values.get('username'): signed now, on the virtual clock
                        ? FlaskSession.setCookie(SampleRoutes.queryValue(request.queryString(), "username"), sim.engine.now() / 1_000_000_000L)
                        : FlaskSession.hasUser(request.header("cookie")) ? FlaskSession.DELETE_COOKIE : null;
                yield cookie == null ? redirect : redirect.withResponseHeader("set-cookie", cookie);
            }
            case WEBRICK_NOT_FOUND -> ok.withStatus(404).withBody(SampleRoutes.webrickNotFound(request.path(), request.authority()));
            case MAIN -> ok;
        };
        if (r.kind == SampleRoutes.Kind.LOGIN) {
            return sim.replies.intern(o);   // its cookie is signed at the time: not kept for the next request
        }
        routeAnswer = sim.replies.intern(o);
        routeAnswered = request;
        return routeAnswer;
    }

    /** The last answer {@link #headless(Outcome)} stripped, and what it made of it. */
    private Outcome withBody;
    private Outcome bodiless;

    /** {@code o} without its body, for a HEAD request (the caller checks it has one). */
    Outcome headless(Outcome o) {
        if (o != withBody) {
            bodiless = sim.replies.intern(o.withBody(""));
            withBody = o;
        }
        return bodiless;
    }

    /**
     * Serves a request that arrived on {@code port}; {@code peer} is the client's identity when it
     * came over mutual TLS, else {@code null}; {@code sourceIp} the connection's peer address.
     */
    Simulation.Cancellable serve(int port, HttpRequest request, Tracer trace, int hops, Simulation.Sink sink, String peer,
                                 String sourceIp) {
        if (request.rawTcp()) {
            // A TCP connection (connect): a sidecar's HTTP port cannot read it; otherwise the app accepts it.
            if (pod.proxy() == ProxyKind.SIDECAR && httpPort(port)) {
                trace.tls(pod, "the sidecar's inbound port " + port + " is HTTP: it cannot read the TCP connection and closes it");
                sink.reply(sim.replies.failure("", 0, LocalReplies.EMPTY_REPLY), 1, false);
                return null;
            }
            if (pod.proxy() == ProxyKind.SIDECAR && !networkRbacAllows(port, request, trace, peer, sourceIp)) {
                sink.reply(sim.replies.failure("", 0, LocalReplies.EMPTY_REPLY), 1, false);
                return null;
            }
            Serving s = new Serving(this, port, request, trace, hops, sink, peer);
            s.begin();
            return s;
        }
        boolean overTcp = false;
        if (request.tls() != null) {
            // The client's own TLS reached the app (through TCP proxies): only an app that serves TLS on the port takes it.
            if (httpPort(port)) {
                trace.tls(pod, "the client's TLS reaches the app on port " + port + ", which a Service declares HTTP: "
                        + "the app answers the ClientHello in plain text and curl fails its handshake");
                sink.reply(sim.replies.failure("", 0, TlsHandshake.WRONG_VERSION), 1, false);
                return null;
            }
            if (pod.proxy() == ProxyKind.SIDECAR && !networkRbacAllows(port, request, trace, peer, sourceIp)) {
                // The network RBAC filter closes the connection on its first bytes, the ClientHello.
                sink.reply(sim.replies.failure("", 0, TlsHandshake.closedConnection(request)), 1, false);
                return null;
            }
            dev.meshtest.app.App.TlsPort served = app.tlsPort(port).orElse(null);
            if (served != null) {
                // The app's own certificate: curl checks it; an app asking for client certificates checks curl's.
                var certificate = sim.pem(served.certificate());
                String[] rejected = TlsHandshake.curlRejects(certificate, request.tls());
                if (rejected != null) {
                    trace.tls(pod, "the app serves " + certificate + " on port " + port + ", " + rejected[1]);
                    sink.reply(sim.replies.failure("", 0, rejected[0]), 1, false);
                    return null;
                }
                trace.tls(pod, "the app terminates the client's TLS on port " + port + " with " + certificate);
                var client = request.tls().clientCertificate();
                String refused = refusesClient(served, client);
                if (refused != null) {
                    trace.tls(pod, "the app asks for a client certificate of its CA and gets " + (client == null ? "none"
                            : client + ", of another CA") + ": it answers 400, as NGINX does");
                    sink.reply(sim.replies.intern(ok.withStatus(400).withBody(refused)), 1, false);
                    return null;
                }
            } else {
                trace.tls(pod, "the app terminates the client's TLS on port " + port + " (no Service declares it HTTP; meshtest "
                        + "takes the app's certificate as valid)");
            }
            request = request.withoutTls();
            overTcp = true;
        } else if (!request.rawTcp() && app.servesTls() && app.tlsPort(port).isPresent()) {
            // Plain HTTP to a port the app serves TLS on: NGINX's answer.
            trace.tls(pod, "the app serves TLS on port " + port + " and gets plain HTTP: it answers 400, as NGINX does");
            sink.reply(sim.replies.intern(ok.withStatus(400).withBody("The plain HTTP request was sent to HTTPS port")), 1, false);
            return null;
        }
        // TLS the sidecar passed on as TCP (its port is not HTTP) met only its network RBAC filter (above).
        if (!overTcp && pod.proxy() == ProxyKind.SIDECAR) {
            // The sidecar's inbound connection manager normalizes too; after an outbound proxy it finds nothing to do.
            request = sim.normalizePath(pod, request, trace);
            if (request == null) {
                sink.reply(sim.pathRejected(), 1, false);
                return null;
            }
            // Then its security filters (jwt_authn, RBAC), before the router and its inbound connection pool.
            if (security == null) {
                security = sim.security(pod);
            }
            Simulation.Admission admitted = sim.admit(pod, security, peer, sourceIp, null, port, request, trace);
            if (admitted.denied() != null) {
                sink.reply(sim.replies.served(admitted.denied(), LocalReplies.ISTIO_ENVOY), 1, false);
                return null;
            }
            request = admitted.requestOr(request);
        }
        Serving s = new Serving(this, port, request, trace, hops, sink, peer);
        s.begin();
        return s;
    }

    /**
     * The sidecar's network RBAC filter on a TCP chain ({@code AuthorizationPolicies.forWorkloadTcp}):
     * whether the connection goes on (false: it is closed).
     */
    private boolean networkRbacAllows(int port, HttpRequest request, Tracer trace, String peer, String sourceIp) {
        if (tcpRbac == null) {
            tcpRbac = sim.configs.tcpRbac(pod);
        }
        if (tcpRbac.isEmpty()) {
            return true;
        }
        dev.meshtest.internal.proxy.Rbac.Verdict v = tcpRbac.evaluate(new dev.meshtest.internal.proxy.Rbac.Request(
                peer, sourceIp, sourceIp, pod.ip(), port, request));
        trace.networkRbac(pod, tcpRbac, v);
        return v.allowed();
    }

    /**
     * An app's check of the client certificate on a TLS port, as NGINX with
     * {@code ssl_verify_client on} makes it after the handshake: {@code null} when it passes (or
     * the port asks for none), else the body of its 400.
     */
    String refusesClient(dev.meshtest.app.App.TlsPort served, dev.meshtest.internal.proxy.PemCertificate client) {
        if (served.clientCa() == null) {
            return null;
        }
        if (client == null) {
            return "No required SSL certificate was sent";
        }
        return client.chainsTo(java.util.List.of(sim.pem(served.clientCa()))) ? null : "The SSL certificate error";
    }

    private int httpAskedPort = -1;
    private boolean httpAnswer;

    /**
     * Whether some Service selecting the pod declares its {@code port} HTTP: its sidecar's inbound
     * chain there reads HTTP only, and its app speaks plain HTTP (meshtest knows no more of an
     * app's sockets). Asked for TLS and TCP connections only; the last answer is kept, as a send's
     * connections share their port.
     */
    boolean httpPort(int port) {
        if (port != httpAskedPort) {
            boolean http = false;
            for (dev.meshtest.internal.cluster.ClusterService svc : sim.state.servicesSelecting(pod)) {
                for (dev.meshtest.internal.cluster.ClusterServicePort p : svc.ports()) {
                    http |= p.protocol().isHttp() && sim.state.endpoints(svc, p.port()).stream()
                            .anyMatch(e -> pod.equals(e.pod()) && e.port() == port);
                }
            }
            httpAskedPort = port;
            httpAnswer = http;
        }
        return httpAnswer;
    }

    /** The app's answer {@code o} to {@code request}, with the request as the app received it (from {@code peer}). */
    private Outcome received(Outcome o, HttpRequest request, String peer) {
        if (o == lastAnswer && request == lastRequest && peer == lastPeer) {
            return lastReceived;
        }
        Map<HttpRequest, Outcome> byRequest = answers.computeIfAbsent(o, k -> new HashMap<>())
                .computeIfAbsent(peer == null ? "" : peer, k -> new HashMap<>());
        Outcome r = byRequest.get(request);
        if (r == null) {
            r = sim.replies.intern(o.withReceived(new ReceivedRequest(request.method(), request.authority(),
                    request.pathAndQuery(), request.headers(), java.util.Optional.ofNullable(peer))));
            if (byRequest.size() < 4096) {
                byRequest.put(request, r);
            }
        }
        lastAnswer = o;
        lastRequest = request;
        lastPeer = peer;
        lastReceived = r;
        return r;
    }

    private Outcome leavingIn;
    private Outcome leavingOut;

    /** An answer as it leaves the pod: its sidecar, if it has one, writes {@code server: istio-envoy}; the last one kept. */
    private Outcome leaving(Outcome o) {
        if (o != leavingIn) {
            leavingOut = pod.proxy() == ProxyKind.SIDECAR ? sim.replies.served(o, LocalReplies.ISTIO_ENVOY) : o;
            leavingIn = o;
        }
        return leavingOut;
    }

    /** The mode the pod's sidecar enforces on a container port (docs/security.md). */
    MutualTlsMode mutualTls(int port) {
        for (int i = 0; i < tlsPorts.length; i++) {
            if (tlsPorts[i] == port) {
                return tlsModes[i];
            }
        }
        MutualTlsMode mode = sim.configs.inboundMutualTls(pod, port);
        tlsPorts = Arrays.copyOf(tlsPorts, tlsPorts.length + 1);
        tlsModes = Arrays.copyOf(tlsModes, tlsModes.length + 1);
        tlsPorts[tlsPorts.length - 1] = port;
        tlsModes[tlsModes.length - 1] = mode;
        return mode;
    }

    /** The inbound circuit breaker for a target port, or {@code null} when it has no limits. */
    private CircuitBreaker inbound(int port) {
        if (generation != sim.plane.generation()) {
            // A new snapshot began: look the breakers up again, so it sees what the send touches.
            generation = sim.plane.generation();
            ports = new int[0];
            breakers = new CircuitBreaker[0];
        }
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                return breakers[i];
            }
        }
        CircuitBreaker cb = pod.proxy() == ProxyKind.SIDECAR ? sim.plane.inbound(pod, port, sim.configs) : null;
        ports = Arrays.copyOf(ports, ports.length + 1);
        breakers = Arrays.copyOf(breakers, breakers.length + 1);
        ports[ports.length - 1] = port;
        breakers[breakers.length - 1] = cb;
        return cb;
    }

    /** One request at this pod: the inbound circuit breaker, then the app: its calls, its service time, its answer. */
    private static final class Serving extends Engine.Event implements Simulation.Cancellable, CircuitBreaker.Waiter {
        /** How long a sample app takes on a route other than its main one: a generic app's service time. */
        static final long GENERIC_NANOS = dev.meshtest.app.App.GENERIC_SERVICE_TIME.toNanos();
        final InboundServer server;
        final int port;
        final HttpRequest request;
        final Tracer trace;
        final int hops;
        final Simulation.Sink sink;
        /** The client's identity over mutual TLS, or {@code null}. */
        final String peer;
        CircuitBreaker breaker;
        boolean holding;
        boolean gone;
        boolean answered;
        /** Where the app is in its calls; {@code null} for an app that makes none (most): a smaller object. */
        final Calls calls;

        Serving(InboundServer server, int port, HttpRequest request, Tracer trace, int hops, Simulation.Sink sink, String peer) {
            this.server = server;
            this.peer = peer;
            this.port = port;
            this.request = request;
            this.trace = trace;
            this.hops = hops;
            this.sink = sink;
            this.calls = server.callCount(server.route(request)) == 0 ? null : new Calls();
        }

        void begin() {
            breaker = server.inbound(port);
            if (breaker == null) {
                trace.served(server.pod);
                run();
                return;
            }
            // The breaker's one host is the sidecar's own app: the breaker itself keys its pool.
            int got = breaker.acquire(breaker, this);
            if (got == CircuitBreaker.OVERFLOW) {
                overflowed();
            } else if (got == CircuitBreaker.ATTACHED) {
                attached(false);
            } else {
                trace.serverPending(server.pod, port, breaker);
            }
        }

        @Override
        public void attached(boolean newConnection) {
            if (gone) {
                breaker.release(breaker, this);
                return;
            }
            holding = true;
            trace.served(server.pod);
            run();
        }

        @Override
        public void overflowed() {
            trace.serverOverflow(server.pod, port, breaker);
            answered = true;
            answer(server.sim.replies.overflowReply(""), true);
        }

        /** The app: its calls one after the other, then its service time (a sample's route other than its main one: 1 ms). */
        void run() {
            // Asked again in fire(): a field would cost every request 8 bytes, the server's memo a compare.
            SampleRoutes.Route route = server.route(request);
            if (!route.quiet && (calls == null || calls.index == 0)) {
                trace.appRoute(server.pod, request.method(), request.path(), route);
            }
            if (calls != null && calls.index < server.callCount(route)) {
                startCall(server.call(route, calls.index));
                return;
            }
            long t = route.kind != SampleRoutes.Kind.MAIN ? GENERIC_NANOS : server.fixedServiceNanos >= 0 ? server.fixedServiceNanos
                    : Sampler.sample(server.app.serviceTime(), server.sim.random);
            server.sim.engine.after(t, this);
        }

        private void startCall(Call c) {
            if (hops >= Simulation.MAX_HOPS) {
                onCallDone(c, 508); // a call loop: meshtest stops it here
                return;
            }
            if (server.sim.dialer == null) {
                throw new IllegalStateException("app of " + server.pod.name() + " calls " + c.url() + " but no dialer is set");
            }
            Simulation.Dialed d = server.sim.dial(server.pod, c.url());
            if (d.failure() != null) {
                onCallDone(c, d.failure().status());
                return;
            }
            HttpRequest r = d.request();
            Map<String, String> h = null;
            if (server.sample == dev.meshtest.app.Sample.BOOKINFO_PRODUCTPAGE) {
                // getForwardHeaders: end-user is the login session's user, not the request's own header.
                String user = server.sessionUser(request, trace, calls.index == 0 && calls.attempt == 0);
                if (user != null) {
                    if (!SampleRoutes.requestsSends(user)) {
                        // requests raises before sending; send_request's caller takes it as no answer.
                        trace.appCannotSend(server.pod, c.url(), "end-user", user);
                        onCallDone(c, 0);
                        return;
                    }
                    h = new LinkedHashMap<>(r.headers());
                    h.put("end-user", user);
                }
            }
            // Most requests carry none of the headers a call forwards (Bookinfo's apps list twenty):
            // a copy of the request's headers is made only when one is there.
            for (String name : server.forwardsAny(c, request) ? c.forwardHeaders() : List.<String>of()) {
                String v = request.header(name);
                if (v != null) {
                    if (h == null) {
                        h = new LinkedHashMap<>(r.headers());
                    }
                    h.put(name, v);
                }
            }
            if (h != null) {
                // Only a call that forwards something is a request of its own: the others share the dialled one.
                r = new HttpRequest(r.method(), r.scheme(), r.authority(), r.path(), r.queryString(), h);
            }
            trace.appCalls(server.pod, c.url(), calls.attempt);
            int myIndex = calls.index;
            int myTry = calls.attempt;
            Simulation.Sink back = (o, a, ov) -> {
                if (calls.index == myIndex && calls.attempt == myTry && !gone) {
                    if (calls.timeout != null) {
                        calls.timeout.cancel();
                        calls.timeout = null;
                    }
                    calls.call = null;
                    onCallDone(c, o.status());
                }
            };
            if (c.timeout() != null) {
                calls.timeout = new AppTimeout(this, myIndex, myTry);
                server.sim.engine.after(c.timeout().toNanos(), calls.timeout);
            }
            calls.call = server.sim.start(server.pod, d.target(), r, trace, back, hops + 1);
        }

        void onCallTimeout(int index, int attempt) {
            if (calls.index != index || calls.attempt != attempt || gone) {
                return;
            }
            calls.timeout = null;
            Call c = server.call(server.route(request), index);
            trace.appTimeout(server.pod, c.url());
            if (calls.call != null) {
                calls.call.abandon();
                calls.call = null;
            }
            onCallDone(c, 0);
        }

        private void onCallDone(Call c, int status) {
            // A sample's own call takes what its code takes (SampleRoutes.answered); an App's calls any 2xx.
            boolean ok = calls.index < server.route(request).calls.size() ? SampleRoutes.answered(status)
                    : status >= 200 && status < 300;
            if (!ok && calls.attempt < c.retries()) {
                calls.attempt++;
                startCall(c);
                return;
            }
            boolean callStatus = !ok && c.failStatus() == 0 && server.route(request).callStatus;
            if (!ok && (c.failStatus() > 0 || callStatus)) {
                // The app gives up at this call: it answers its orFail status (or, a sample's route that
                // answers its call's status, that status, 500 without one) at once, with no further
                // calls and no service time (a handler returning its error).
                calls.failStatus = c.failStatus() > 0 ? c.failStatus() : status > 0 ? status : 500;
                trace.appGivesUp(server.pod, c.url(), status, calls.failStatus, callStatus);
                server.sim.engine.after(0, this);
                return;
            }
            calls.index++;
            calls.attempt = 0;
            run();
        }

        /** The service time is over (or the app gave up at a failed {@code orFail} call): the app answers. */
        @Override
        protected void fire() {
            if (gone) {
                return;
            }
            answered = true;
            if (holding) {
                holding = false;
                breaker.release(breaker, this);
            }
            Outcome o = server.ok;
            SampleRoutes.Route route = server.route(request);
            if (route.kind != SampleRoutes.Kind.MAIN) {
                o = server.routeAnswer(route, request);
            }
            if (calls != null && calls.failStatus > 0) {
                // The app's own answer when a call it cannot do without failed: that status, its normal body.
                o = server.sim.replies.intern(o.withStatus(calls.failStatus));
            } else if (route.kind == SampleRoutes.Kind.MAIN && server.app.errorRate() > 0
                    && (server.app.errorRate() >= 1 || server.sim.random.nextDouble() < server.app.errorRate())) {
                o = server.error;
            }
            if ("HEAD".equals(request.method()) && !o.body().isEmpty()) {
                o = server.headless(o);   // any app: a response to HEAD has no body (RFC 9110 9.3.2)
            }
            answer(server.received(o, request, peer), false);
        }

        /** The answer on its way back: the pod's sidecar, if it has one, writes {@code server: istio-envoy}. */
        private void answer(Outcome o, boolean overloaded) {
            sink.reply(server.leaving(o), 1, overloaded);
        }

        /** The caller reset the stream: the inbound sidecar frees the slot; the app's answer will be dropped. */
        @Override
        public void abandon() {
            if (gone || answered) {
                return;
            }
            gone = true;
            super.cancel();
            if (breaker != null) {
                if (holding) {
                    holding = false;
                    breaker.release(breaker, this);
                } else {
                    breaker.cancel(this);
                }
            }
            if (calls != null && calls.timeout != null) {
                calls.timeout.cancel();
            }
            if (calls != null && calls.call != null) {
                calls.call.abandon();
            }
        }

        /** An app's progress through its calls, and the one in flight. */
        private static final class Calls {
            int index;
            int attempt;
            /** The {@code orFail} status of the call that finally failed (the app gave up there), else 0. */
            int failStatus;
            Simulation.Cancellable call;
            AppTimeout timeout;
        }
    }

    private static final class AppTimeout extends Engine.Event {
        final Serving serving;
        final int index;
        final int attempt;

        AppTimeout(Serving serving, int index, int attempt) {
            this.serving = serving;
            this.index = index;
            this.attempt = attempt;
        }

        @Override
        protected void fire() {
            serving.onCallTimeout(index, attempt);
        }
    }
}
