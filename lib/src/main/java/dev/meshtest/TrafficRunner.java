package dev.meshtest;

import dev.meshtest.app.App;
import dev.meshtest.internal.cluster.Cluster;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterService;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.Endpoint;
import dev.meshtest.internal.cluster.PodDns;
import dev.meshtest.internal.proxy.ClientTls;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.PemCertificate;
import dev.meshtest.internal.proxy.ProxyConfigs;
import dev.meshtest.internal.sim.DataPlane;
import dev.meshtest.internal.sim.Engine;
import dev.meshtest.internal.sim.Load;
import dev.meshtest.internal.sim.Simulation;
import dev.meshtest.traffic.Decision;
import dev.meshtest.traffic.DurationFormat;
import dev.meshtest.traffic.Explanation;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.Redirect;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.SentRequest;
import dev.meshtest.traffic.TrafficRecorder;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Runs a {@link TrafficSpec} against a mesh: parses the URL as curl does, finds the client pod,
 * resolves the host as the client pod's DNS would (istio-rules §1.4), builds the requests
 * and sends them through the simulation in the spec's load shape, on the mesh's virtual clock.
 * It also dials the URLs apps call ({@link #dial}).
 *
 * <pre>{@code
 * TrafficResult r = new TrafficRunner(mesh).run(spec);
 * }</pre>
 */
final class TrafficRunner {

    private final Mesh mesh;
    private final ClusterState state;

    TrafficRunner(Mesh mesh) {
        this(mesh, mesh.state());
    }

    /** A runner over a given state of the mesh's cluster (a timeline's version). */
    TrafficRunner(Mesh mesh, ClusterState state) {
        this.mesh = mesh;
        this.state = state;
    }

    /** The recorder of a spec's send, keeping what the spec asks for. */
    TrafficRecorder recorderFor(TrafficSpec<?> spec) {
        Url url = urlOf(spec);
        return new TrafficRecorder(spec.recording(), mesh.seed(), Headers.of(spec, url).headers(), spec.perRequestHeaders() != null,
                spec.count());
    }

    /** A URL as curl reads it: scheme (http), host, port (the scheme's default), path and query. */
    record Url(String scheme, String host, int port, boolean explicitPort, String pathAndQuery) {

        static Url parse(String url) {
            String rest = url;
            String scheme = "http";
            int sep = rest.indexOf("://");
            if (sep >= 0) {
                scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
                rest = rest.substring(sep + 3);
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("to(\"" + url + "\"): only http and https URLs, for example "
                        + "\"http://helloworld:5000/hello\"");
            }
            int fragment = rest.indexOf('#');
            if (fragment >= 0) {
                rest = rest.substring(0, fragment);   // curl never sends a URL's fragment
            }
            int slash = rest.indexOf('/');
            int query = rest.indexOf('?');
            // The authority ends at the first '/' or '?': curl reads "host:5000?x=1" as path "/" with a query.
            int end = slash < 0 ? query : query < 0 ? slash : Math.min(slash, query);
            String authority = end < 0 ? rest : rest.substring(0, end);
            String path = end < 0 ? "/" : end == query ? "/" + rest.substring(end) : rest.substring(end);
            if (authority.isEmpty()) {
                throw new IllegalArgumentException("to(\"" + url + "\"): no host; write for example \"helloworld:5000/hello\"");
            }
            int defaultPort = scheme.equals("https") ? 443 : 80;
            if (authority.startsWith("[")) {
                // An IPv6 literal, as curl takes it: [fd00::1] or [fd00::1]:8080; the host is what is inside.
                int close = authority.indexOf(']');
                String rest6 = close < 0 ? "" : authority.substring(close + 1);
                if (close < 2 || !(rest6.isEmpty() || rest6.startsWith(":"))) {
                    throw new IllegalArgumentException("to(\"" + url + "\"): an IPv6 address goes in brackets, for example "
                            + "\"http://[fd00::1]:8080/\"");
                }
                String host6 = authority.substring(1, close);
                if (rest6.isEmpty()) {
                    return new Url(scheme, host6, defaultPort, false, path);
                }
                int port6 = port(url, rest6.substring(1));
                return new Url(scheme, host6, port6, true, path);
            }
            int colon = authority.lastIndexOf(':');
            if (colon > 0) {
                return new Url(scheme, authority.substring(0, colon), port(url, authority.substring(colon + 1)), true, path);
            }
            return new Url(scheme, authority, defaultPort, false, path);
        }

        private static int port(String url, String p) {
            int port;
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("to(\"" + url + "\"): port \"" + p + "\" is not a number in 1..65535");
            }
            return port;
        }

        /**
         * What {@code nc host port} connects to: {@code host:port}, or {@code tcp://host:port}; the
         * port is required, nothing may follow it.
         */
        static Url connection(String target) {
            String rest = target.startsWith("tcp://") ? target.substring("tcp://".length()) : target;
            int colon = rest.lastIndexOf(':');
            if (rest.contains("://") || colon <= 0 || rest.indexOf('/') >= 0) {
                throw new IllegalArgumentException("to(\"" + target + "\"): connect(n) opens TCP connections to host:port, "
                        + "for example \"tcp-echo:9000\"");
            }
            int port;
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("to(\"" + target + "\"): port \"" + rest.substring(colon + 1)
                        + "\" is not a number in 1..65535");
            }
            return new Url("tcp", rest.substring(0, colon), port, true, "/");
        }

        /** A URL as curl sends it without {@code --path-as-is}: its path's dot segments removed. */
        static Url parse(String url, boolean pathAsIs) {
            Url u = parse(url);
            if (pathAsIs) {
                return u;
            }
            String pq = u.pathAndQuery();
            int q = pq.indexOf('?');
            String path = q < 0 ? pq : pq.substring(0, q);
            String squashed = removeDotSegments(path);
            return squashed.equals(path) ? u : new Url(u.scheme(), u.host(), u.port(), u.explicitPort(),
                    q < 0 ? squashed : squashed + pq.substring(q));
        }

        /**
         * RFC 3986's {@code remove_dot_segments} (section 5.2.4), which curl applies to a URL's
         * path before sending it ({@code dedotdotify}): {@code .} segments go, {@code ..} takes
         * the segment before it along. Only literal dots count, not {@code %2e}.
         */
        static String removeDotSegments(String path) {
            if (!path.contains(".")) {
                return path;
            }
            String in = path;
            StringBuilder out = new StringBuilder(path.length());
            while (!in.isEmpty()) {
                if (in.startsWith("../")) {
                    in = in.substring(3);
                } else if (in.startsWith("./")) {
                    in = in.substring(2);
                } else if (in.startsWith("/./")) {
                    in = in.substring(2);
                } else if (in.equals("/.")) {
                    in = "/";
                } else if (in.startsWith("/../") || in.equals("/..")) {
                    in = in.length() == 3 ? "/" : in.substring(3);
                    int last = out.lastIndexOf("/");
                    out.setLength(Math.max(last, 0));
                } else if (in.equals(".") || in.equals("..")) {
                    in = "";
                } else {
                    int next = in.indexOf('/', 1);
                    int end = next < 0 ? in.length() : next;
                    out.append(in, 0, end);
                    in = in.substring(end);
                }
            }
            return out.toString();
        }

        /** The Host header curl sends: the host as typed, plus {@code :port} when it is not the scheme's default. */
        String hostHeader() {
            int defaultPort = scheme.equals("https") ? 443 : 80;
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;   // an IPv6 literal keeps its brackets
            return port == defaultPort ? h : h + ":" + port;
        }
    }

    /** The headers to send and the authority: a {@code Host} header replaces the URL's host, as with {@code curl -H}. */
    private record Headers(Map<String, String> headers, String authority) {
        static Headers of(TrafficSpec<?> spec, Url url) {
            Map<String, String> headers = new LinkedHashMap<>(spec.headers());
            String authority = url.hostHeader();
            for (Map.Entry<String, String> h : List.copyOf(headers.entrySet())) {
                if (h.getKey().equalsIgnoreCase("host")) {
                    authority = h.getValue();
                    headers.remove(h.getKey());
                }
            }
            return new Headers(headers, authority);
        }
    }

    /**
     * Sends the spec's load through the mesh. The result can explain its requests: it keeps a
     * snapshot of the data plane as it was before the send, and replays the send on a copy of it.
     */
    TrafficResult run(TrafficSpec<?> spec) {
        Simulation sim = mesh.simulation();
        DataPlane.Snapshot before = sim.plane().snapshot();
        Function<ClusterPod, App> apps = mesh.appsNow();
        ProxyConfigs configs = sim.configs();
        // An aggregated send keeps no call graph: its cost per request is the point (docs/performance.md).
        // Otherwise the edges are kept aggregated, whatever the send keeps: their memory stays bounded.
        boolean aggregated = spec.recording() == TrafficSpec.Recording.AGGREGATED
                || spec.recording() == TrafficSpec.Recording.AUTOMATIC && spec.count() > TrafficResult.AGGREGATE_ABOVE;
        CallGraph graph = aggregated ? null : new CallGraph(TrafficSpec.Recording.AGGREGATED, mesh.seed(), sim.engine().now());
        sim.reportHops(graph);
        sim.reportRoutes(mesh.routeHits());
        TrafficResult recorded;
        try {
            recorded = record(spec, sim, i -> null, null, spec.recording());
        } finally {
            sim.reportHops(null);
            sim.reportRoutes(null);
        }
        TrafficResult result = graph == null ? recorded : recorded.withEdges(graph.edges());
        int n = result.size();
        // The replay keeps what it needs (the config version, the data plane before the send as
        // far as the send touched it, the apps then), not the simulation's caches.
        return result.withReplay(index -> {
            Simulation again = new Simulation(configs, before.restore(), apps, this::dial);
            List<Decision> trace = new ArrayList<>();
            Outcome[] replayed = new Outcome[1];
            // Per-request headers as the send made them: the user's function is not asked again.
            // An aggregated result does not keep them all, so its replay asks the function again.
            boolean kept = !result.aggregated() && spec.perRequestHeaders() != null;
            send(spec, again, i -> i == index ? trace : null, kept ? result::headersOf : null, new Sink() {
                @Override
                public void answered(int i, Outcome o, long start, long latency, int attempts) {
                    if (i == index) {
                        replayed[0] = o;
                        again.engine().stop();   // the rest of the send cannot change this request's way
                    }
                }
            });
            Outcome sent = sentOutcome(result, index);
            if (sent != null && !replayed[0].equals(sent)) {
                throw new IllegalStateException((result.aggregated() && spec.perRequestHeaders() != null
                        ? "the replay of request " + index + " differs from the send: the headers(i -> ...) function "
                        + "must return the same headers for the same index, since an aggregated result does not keep them"
                        : "meshtest bug: the replay of request " + index + " differs from the send")
                        + "; the replay answered " + replayed[0] + " where the send answered " + sent);
            }
            List<Decision> steps = new ArrayList<>();
            steps.add(new Decision(Decision.Kind.LOAD, "request " + (index + 1) + " of " + n));
            steps.addAll(trace);
            return new Explanation(result.description(), steps, replayed[0]);
        });
    }

    /** What the send answered to request {@code index}, when the result kept it. */
    private static Outcome sentOutcome(TrafficResult result, int index) {
        if (!result.aggregated()) {
            return result.outcomes().get(index);
        }
        for (SentRequest s : result.sample()) {
            if (s.index() == index) {
                return s.outcome();
            }
        }
        return null;
    }

    /** A sink that records into {@code recorder}, start times counted from {@code startedAt}. */
    static Sink recording(TrafficRecorder recorder, long startedAt) {
        return new Sink() {
            @Override
            public void sent(int index, Map<String, String> headers) {
                recorder.sent(index, headers);
            }

            @Override
            public void answered(int index, Outcome o, long start, long latency, int attempts) {
                recorder.answered(index, o, start - startedAt, latency, attempts);
            }
        };
    }

    /** Hears what a send does: each request's own headers as it starts, each answer. */
    interface Sink extends Load.Recorder {
        default void sent(int index, Map<String, String> headers) {
        }
    }

    /** What one send was: its description, when it began on the virtual clock, its mirror copies and requests. */
    private record Sent(String description, long startedAt, long mirrored, int count) {
    }

    /** Sends the spec's load through {@code sim} and records it as {@code recording} says. */
    private TrafficResult record(TrafficSpec<?> spec, Simulation sim, IntFunction<List<Decision>> traceOf,
                                 IntFunction<Map<String, String>> sentHeaders, TrafficSpec.Recording recording) {
        Url url = urlOf(spec);
        TrafficRecorder recorder = new TrafficRecorder(recording, mesh.seed(), Headers.of(spec, url).headers(),
                spec.perRequestHeaders() != null, spec.count());
        long startedAt = sim.engine().now();
        Sent sent = send(spec, sim, traceOf, sentHeaders, recording(recorder, startedAt));
        return recorder.result(sent.description(), sent.startedAt(), sent.mirrored()).withSpec(spec);
    }

    /**
     * Sends the spec's load through {@code sim}; {@code traceOf} gives the list to trace request
     * {@code i} into, or {@code null} to leave it untraced; {@code sentHeaders}, when given, are
     * the per-request headers to send (a replay's) in place of the spec's function.
     */
    private Sent send(TrafficSpec<?> spec, Simulation sim, IntFunction<List<Decision>> traceOf,
                      IntFunction<Map<String, String>> sentHeaders, Sink heard) {
        Prepared p = prepare(spec, sim, traceOf, sentHeaders, heard, 0, false);
        long startedAt = sim.engine().now();
        long mirroredBefore = sim.mirrored();
        int count = p.load().run(sim.engine(), sim.plane().random(), p.requests(), heard);
        return new Sent(describe(spec, p, count), startedAt, sim.mirrored() - mirroredBefore, count);
    }

    /** A spec made ready to send: its load shape, how request i starts, and what it is, for the description. */
    record Prepared(Load load, Load.Requests requests, Url url, String from) {
    }

    /** What a send was, for its result: {@code "1000 x GET http://helloworld:5000/hello from nginx"}. */
    static String describe(TrafficSpec<?> spec, Prepared p, int count) {
        String amount = spec.duration() != null ? "for " + DurationFormat.of(spec.duration()) + " (" + count + " requests)"
                : Integer.toString(count);
        String description = amount + loops(spec) + " x " + what(spec, p);
        return spec.name().map(n -> n + ": " + description).orElse(description);
    }

    /** What a live client sends: {@code "terminal 1: live from 2 loops x GET http://helloworld:5000/hello from nginx"}. */
    static String describeLive(TrafficSpec<?> spec, Prepared p) {
        return spec.name().orElse("live") + ": live" + loops(spec) + " x " + what(spec, p);
    }

    /** The load's shape after its amount: {@code " at 20.0/s"}, {@code " from 2 loops"}, or nothing. */
    private static String loops(TrafficSpec<?> spec) {
        return spec.rate() > 0 ? " at " + spec.rate() + "/s" + (spec.spacing() == TrafficSpec.Spacing.POISSON ? " (Poisson)" : "")
                : spec.concurrency() > 1 ? " from " + spec.concurrency() + " loops" : "";
    }

    /** Each request: {@code "GET http://helloworld:5000/hello from default/nginx"}, or the TCP connection. */
    private static String what(TrafficSpec<?> spec, Prepared p) {
        Url url = p.url();
        return spec.opensConnections()
                ? "TCP connection to " + url.host() + ":" + url.port() + " from " + p.from()
                : spec.method() + " " + url.scheme() + "://" + url.hostHeader() + url.pathAndQuery() + " from " + p.from();
    }

    /**
     * Makes a spec ready to send through {@code sim} (see {@link #send}), its load beginning
     * {@code delayNanos} after the engine's present time; {@code propagating}: changes are made
     * while it runs (a timeline, live traffic), which may delete the client's own pod.
     */
    Prepared prepare(TrafficSpec<?> spec, Simulation sim, IntFunction<List<Decision>> traceOf,
                     IntFunction<Map<String, String>> sentHeaders, Sink heard, long delayNanos, boolean propagating) {
        Url url = urlOf(spec);
        Headers hs = Headers.of(spec, url);
        Map<String, String> headers = hs.headers();
        String authority = hs.authority();
        ClientTls tls = clientTls(spec, url);
        HttpRequest base = request(spec, url, authority, headers, -1, heard, tls);
        IntFunction<HttpRequest> made = spec.perRequestHeaders() == null ? i -> base
                : sentHeaders != null ? i -> {
                    heard.sent(i, sentHeaders.apply(i));
                    return request(spec, url, authority, sentHeaders.apply(i), tls);
                }
                : i -> request(spec, url, authority, headers, i, heard, tls);
        // Request i is made once, however often it is asked for (a redirect follower asks again).
        IntFunction<HttpRequest> requestOf = spec.followsRedirects() ? new IntFunction<>() {
            private int last = -1;
            private HttpRequest request;

            @Override
            public HttpRequest apply(int i) {
                if (i != last) {
                    request = made.apply(i);
                    last = i;
                }
                return request;
            }
        } : made;
        String from;
        Load.Requests requests;
        if (spec.fromOutsideCluster()) {
            ClusterPod gateway = gatewayPod(spec.gateway());
            OutsideEntry entry = outsideEntry(gateway, url.port(), spec.clientAddress());
            from = from(spec);
            requests = (i, sink) -> sim.startAtGateway(gateway, entry.podPort(), entry.peer(), entry.how(), requestOf.apply(i),
                    traceOf.apply(i), sink);
        } else {
            if (spec.client() == null) {
                throw new IllegalArgumentException("say who sends: send(n).from(\"nginx\").to(...) or send(n).fromOutside().to(...)");
            }
            ClusterPod client = findPod(state, spec.client());
            from = from(spec);
            ClientDns dns = new ClientDns(spec, url, client);
            Engine engine = sim.engine();
            requests = (i, sink) -> {
                // curl resolves the name for every request, in the cluster as it is now (a timeline's
                // or live traffic's changes reach DNS at once; otherwise the state never changes).
                PodDns.Answer answer = dns.now(sim.worldState());
                List<Decision> t = traceOf.apply(i);
                if (!answer.resolved()) {
                    requestOf.apply(i);
                    if (t != null) {
                        t.add(new Decision(Decision.Kind.DNS, "DNS in namespace " + client.namespace() + ": no Service answers to "
                                + url.host()));
                    }
                    // curl fails at once, before anything is sent: no virtual time passes.
                    engine.after(0, new Engine.Event() {
                        @Override
                        protected void fire() {
                            sink.reply(dns.couldNotResolve, 0, false);
                        }
                    });
                    return;
                }
                if (!answer.choices().isEmpty()) {
                    // A headless Service: CoreDNS shuffles its ready pods' IPs for every query, and curl dials the first.
                    String ip = answer.dialled(sim.plane().random()::nextInt);
                    if (t != null) {
                        t.add(dnsDecision(client, url.host(), answer, ip));
                    }
                    sim.start(client, new Simulation.Target(ip, url.port()), requestOf.apply(i), t, sink);
                    return;
                }
                if (t != null) {
                    t.add(dns.line);
                }
                sim.start(client, dns.target, requestOf.apply(i), t, sink);
            };
        }
        if (spec.opensConnections()) {
            // nc: each connection's end as a TCP client sees it.
            Load.Requests http = requests;
            requests = (i, sink) -> http.start(i, (o, a, ov) -> sink.reply(asConnection(o), a, ov));
        }
        if (spec.followsRedirects()) {
            // curl -L: a redirect's answer sends the next request from the same client (RedirectFollower).
            Load.Requests first = requests;
            ClusterPod client = spec.fromOutsideCluster() ? null : findPod(state, spec.client());
            ClusterPod gateway = spec.fromOutsideCluster() ? gatewayPod(spec.gateway()) : null;
            String clientAddress = spec.clientAddress();
            requests = (i, sink) -> first.start(i, new RedirectFollower(spec, sim, client, gateway, clientAddress, url,
                    requestOf.apply(i), traceOf.apply(i), sink));
        }
        if (propagating && !spec.fromOutsideCluster()) {
            // A change made while traffic runs may delete the client's own pod: its loop ends there,
            // as a terminal's kubectl exec does, with one last answer that says so.
            requests = new ClientLoop(sim, findPod(state, spec.client()), requests);
        }
        Load load = new Load(spec.count(), spec.duration(), spec.concurrency(), spec.rate(),
                spec.spacing() == TrafficSpec.Spacing.POISSON ? Load.Spacing.POISSON : Load.Spacing.FIXED,
                spec.thinkTime().toNanos(), delayNanos, spec.rampUpPeriod().toNanos());
        return new Prepared(load, requests, url, from);
    }

    /** The spec's target: a URL as curl reads it, or for {@code connect(n)} the {@code host:port} nc dials. */
    private static Url urlOf(TrafficSpec<?> spec) {
        if (!spec.opensConnections()) {
            return Url.parse(spec.url(), spec.sendsPathAsIs());
        }
        if (!spec.method().equals("GET") || !spec.headers().isEmpty() || spec.perRequestHeaders() != null
                || spec.followsRedirects() || spec.sendsPathAsIs() || spec.isInsecure() || !spec.caCertificates().isEmpty()
                || spec.clientCertificate() != null) {
            throw new IllegalArgumentException("connect(n) opens plain TCP connections: HTTP options (method, headers, "
                    + "bearer, followRedirects, pathAsIs) and TLS options (insecure, cacert, cert) do not apply; "
                    + "use send(n) for HTTP and HTTPS");
        }
        return Url.connection(spec.url());
    }

    /**
     * What a TCP client (nc) sees of how its connection ended, from what the simulation answered:
     * the app's answer is the connection accepted by its pod; a proxy's own reply (an HTTP
     * connection manager's 400, an overflow's 503 UO, no route, no healthy host) is the proxy
     * closing it, its response flags kept; curl's failures become the connection's (refused,
     * reset, closed).
     */
    static Outcome asConnection(Outcome o) {
        if (o.pod().isPresent()) {
            Outcome accepted = Outcome.of(0).withPod(o.namespace().orElseThrow(), o.pod().orElseThrow(), o.workload().orElseThrow(),
                    o.version().orElse(null));
            return o.cluster().map(accepted::withCluster).orElse(accepted);
        }
        String body = o.body();
        String end;
        if (o.status() != 0) {
            end = Outcome.ConnectionEnd.CLOSED_BY_PROXY.text();
        } else if (body.startsWith("curl: (7)")) {
            end = Outcome.ConnectionEnd.REFUSED.text();
        } else if (body.startsWith("curl: (56)")) {
            end = Outcome.ConnectionEnd.RESET.text();
        } else if (body.startsWith("curl: (6)")) {
            return o;   // the name did not resolve: nc fails as curl does, before connecting
        } else {
            end = Outcome.ConnectionEnd.CLOSED.text();
        }
        Outcome closed = Outcome.of(0).withBody(end);
        for (ResponseFlag f : o.flags()) {
            closed = closed.withFlag(f);
        }
        return o.cluster().map(closed::withCluster).orElse(closed);
    }

    /** A pod client's requests, which end when its pod is deleted while traffic runs. */
    private static final class ClientLoop implements Load.Requests {
        private final Simulation sim;
        private final ClusterPod client;
        private final Load.Requests requests;
        private boolean gone;

        ClientLoop(Simulation sim, ClusterPod client, Load.Requests requests) {
            this.sim = sim;
            this.client = client;
            this.requests = requests;
        }

        @Override
        public void start(int index, Simulation.Sink sink) {
            if (!sim.gone(client)) {
                requests.start(index, sink);
                return;
            }
            gone = true;
            Outcome ended = Outcome.of(0).withBody("command terminated with exit code 137: pod " + client.namespace() + "/"
                    + client.name() + " was deleted");
            sim.engine().after(0, new Engine.Event() {
                @Override
                protected void fire() {
                    sink.reply(ended, 0, false);
                }
            });
        }

        @Override
        public boolean exhausted() {
            return gone;
        }
    }

    /** curl's limit on redirects followed ({@code --max-redirs}, 50 by default). */
    static final int MAX_REDIRECTS = 50;

    /**
     * One request of a send that follows redirects as {@code curl -L} does: an answer 301, 302,
     * 303, 307 or 308 with a {@code location} makes the next request, to that URL resolved
     * against the current one, from the same client, at most {@value #MAX_REDIRECTS} times. The
     * last answer, with the redirects followed, is the request's outcome.
     */
    private final class RedirectFollower implements Simulation.Sink {
        private final Simulation sim;
        private final ClusterPod client;
        private final ClusterPod gateway;
        /** The outside client's address, when it sends from outside. */
        private final String clientAddress;
        private final Url url;
        private final HttpRequest request;
        private final List<Decision> trace;
        private final Simulation.Sink sink;
        private final List<Redirect> followed;
        /** The URL the user named and the request made for it: curl's {@code first_host}, its own headers. */
        private final Url first;
        private final HttpRequest firstRequest;
        /** The send, for the TLS options of a redirect to {@code https}. */
        private final TrafficSpec<?> spec;

        RedirectFollower(TrafficSpec<?> spec, Simulation sim, ClusterPod client, ClusterPod gateway, String clientAddress, Url url,
                         HttpRequest request, List<Decision> trace, Simulation.Sink sink) {
            this(spec, sim, client, gateway, clientAddress, url, request, trace, sink, List.of(), url, request);
        }

        private RedirectFollower(TrafficSpec<?> spec, Simulation sim, ClusterPod client, ClusterPod gateway, String clientAddress,
                                 Url url, HttpRequest request, List<Decision> trace, Simulation.Sink sink, List<Redirect> followed,
                                 Url first, HttpRequest firstRequest) {
            this.spec = spec;
            this.clientAddress = clientAddress;
            this.first = first;
            this.firstRequest = firstRequest;
            this.sim = sim;
            this.client = client;
            this.gateway = gateway;
            this.url = url;
            this.request = request;
            this.trace = trace;
            this.sink = sink;
            this.followed = followed;
        }

        @Override
        public void reply(Outcome o, int attempts, boolean overloaded) {
            String location = o.responseHeader("location").orElse(null);
            if (!REDIRECT_STATUSES.contains(o.status()) || location == null) {
                sink.reply(followed.isEmpty() ? o : o.withRedirects(followed), attempts, overloaded);
                return;
            }
            if (followed.size() == MAX_REDIRECTS) {
                sink.reply(Outcome.of(0).withBody("curl: (47) Maximum (" + MAX_REDIRECTS + ") redirects followed")
                        .withRedirects(followed), attempts, overloaded);
                return;
            }
            String next = resolveLocation(url, location);
            Url nextUrl = Url.parse(next, false);
            // curl: 303 makes every method but HEAD a GET; 301 and 302 turn a POST into a GET.
            String method = request.method();
            if ((o.status() == 303 && !method.equals("HEAD")) || ((o.status() == 301 || o.status() == 302) && method.equals("POST"))) {
                method = "GET";
            }
            // The user's headers again; credentials only to the host and port the user named (curl's
            // Curl_auth_allowed_to_host), a custom Host header only to that host (Curl_http_host).
            Map<String, String> headers = new LinkedHashMap<>(firstRequest.headers());
            boolean firstHost = nextUrl.host().equalsIgnoreCase(first.host());
            if (!firstHost || nextUrl.port() != first.port()) {
                headers.keySet().removeIf(h -> h.equalsIgnoreCase("authorization") || h.equalsIgnoreCase("cookie"));
            }
            boolean customHost = !firstRequest.authority().equals(first.hostHeader());
            String authority = customHost && firstHost ? firstRequest.authority() : nextUrl.hostHeader();
            String pq = nextUrl.pathAndQuery();
            int q = pq.indexOf('?');
            HttpRequest nextRequest = new HttpRequest(method, nextUrl.scheme(), authority, q < 0 ? pq : pq.substring(0, q),
                    q < 0 ? "" : pq.substring(q + 1), headers, clientTls(spec, nextUrl));
            List<Redirect> chain = new ArrayList<>(followed);
            chain.add(new Redirect(o.status(), next));
            if (trace != null) {
                trace.add(new Decision(Decision.Kind.LOAD, "curl -L follows " + o.status() + " to " + next));
            }
            RedirectFollower then = new RedirectFollower(spec, sim, client, gateway, clientAddress, nextUrl, nextRequest, trace, sink,
                    List.copyOf(chain), first, firstRequest);
            if (gateway != null) {
                OutsideEntry entry = outsideEntry(gateway, nextUrl.port(), clientAddress);
                sim.startAtGateway(gateway, entry.podPort(), entry.peer(), entry.how(), nextRequest, trace, then);
                return;
            }
            PodDns.Answer dns = PodDns.lookup(sim.worldState(), nextUrl.host(), client.namespace());
            if (!dns.resolved()) {
                then.reply(couldNotResolve(nextUrl), 0, false);
                return;
            }
            String ip = dns.dialled(sim.plane().random()::nextInt);
            if (trace != null) {
                trace.add(dnsDecision(client, nextUrl.host(), dns, ip));
            }
            sim.start(client, new Simulation.Target(ip, nextUrl.port()), nextRequest, trace, then);
        }
    }

    /** The trace line of a client's DNS answer: the address dialled, and why when DNS offered several. */
    private static Decision dnsDecision(ClusterPod client, String host, PodDns.Answer dns, String dialled) {
        String answer = dialled == null ? "outside the cluster" : dns.choices().isEmpty() ? dialled
                : dialled + " (the first of the " + dns.choices().size() + " ready pods' IPs of a headless Service, shuffled by CoreDNS)";
        return new Decision(Decision.Kind.DNS, "DNS in namespace " + client.namespace() + ": " + host + " -> " + answer);
    }

    private static final java.util.Set<Integer> REDIRECT_STATUSES = java.util.Set.of(301, 302, 303, 307, 308);

    /** A {@code location} resolved against the URL that answered, as curl resolves it: absolute, host-relative or path-relative. */
    static String resolveLocation(Url base, String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return location;
        }
        String origin = base.scheme() + "://" + base.hostHeader();
        if (location.startsWith("//")) {
            return base.scheme() + ":" + location;
        }
        if (location.startsWith("/")) {
            return origin + location;
        }
        String pq = base.pathAndQuery();
        int q = pq.indexOf('?');
        String path = q < 0 ? pq : pq.substring(0, q);
        return origin + path.substring(0, path.lastIndexOf('/') + 1) + location;
    }

    /** What an app's call to {@code url} from {@code pod} dials, as curl in that pod would. */
    Simulation.Dialed dial(ClusterPod pod, String urlText) {
        Url url = Url.parse(urlText, false);
        HttpRequest r = HttpRequest.get(url.hostHeader(), url.pathAndQuery(), Map.of());
        PodDns.Answer dns = PodDns.lookup(state, url.host(), pod.namespace());
        if (!dns.resolved()) {
            return new Simulation.Dialed(null, r, couldNotResolve(url));
        }
        return new Simulation.Dialed(new Simulation.Target(dns.ip(), url.port()), r, null, dns.choices().isEmpty() ? null : dns);
    }

    /** Request {@code i} (or the shared one, for {@code i < 0}); per-request headers are also told to {@code seen}. */
    private static HttpRequest request(TrafficSpec<?> spec, Url url, String authority, Map<String, String> headers, int i,
                                       Sink seen, ClientTls tls) {
        Map<String, String> h = headers;
        if (i >= 0) {
            h = new LinkedHashMap<>(headers);
            Map<String, String> own = spec.perRequestHeaders().apply(i);
            if (own == null) {
                throw new IllegalArgumentException("headers(i -> ...) returned null for request " + i
                        + "; return Map.of() for no headers");
            }
            h.putAll(own);
            seen.sent(i, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(h)));
        }
        return request(spec, url, authority, h, tls);
    }

    /**
     * The request headers Envoy's router takes as instructions ("Request headers consumed" in its
     * router filter's documentation): a route's timeout, retries and hedging set by the client.
     * meshtest does not simulate them, so a send that carries one is refused rather than answered
     * as if it were an ordinary header.
     */
    private static final java.util.Set<String> ROUTER_CONTROL_HEADERS = java.util.Set.of("x-envoy-max-retries",
            "x-envoy-retry-on", "x-envoy-retry-grpc-on", "x-envoy-retriable-header-names", "x-envoy-retriable-status-codes",
            "x-envoy-upstream-rq-timeout-ms", "x-envoy-upstream-rq-per-try-timeout-ms",
            "x-envoy-upstream-rq-timeout-alt-response", "x-envoy-hedge-on-per-try-timeout");

    /** The request with exactly these headers. */
    private static HttpRequest request(TrafficSpec<?> spec, Url url, String authority, Map<String, String> h, ClientTls tls) {
        for (String name : h.keySet()) {
            if (ROUTER_CONTROL_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + ": meshtest does not simulate Envoy's router control "
                        + "headers yet: on a cluster the proxy takes the route's timeout or retries from it; a test here could "
                        + "pass where the cluster behaves otherwise. Set the timeout or retries in the VirtualService instead");
            }
        }
        String pq = url.pathAndQuery();
        int q = pq.indexOf('?');
        return new HttpRequest(spec.method(), url.scheme(), authority, q < 0 ? pq : pq.substring(0, q),
                q < 0 ? "" : pq.substring(q + 1), h, tls);
    }

    /**
     * What curl brings to the handshake of an {@code https} URL ({@link ClientTls}), or {@code null}
     * for {@code http}: the URL's host, and the send's {@code -k}, {@code --cacert} and {@code --cert}.
     */
    static ClientTls clientTls(TrafficSpec<?> spec, Url url) {
        if (!url.scheme().equals("https")) {
            return null;
        }
        List<PemCertificate> trusted = new ArrayList<>();
        for (String pem : spec.caCertificates()) {
            trusted.add(certificate("cacert", pem));
        }
        PemCertificate client = spec.clientCertificate() == null ? null : certificate("cert", spec.clientCertificate());
        return new ClientTls(url.host(), url.host() + ":" + url.port(), spec.isInsecure(), trusted, client);
    }

    private static PemCertificate certificate(String option, String pem) {
        try {
            return PemCertificate.parse(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + "(...): " + e.getMessage(), e);
        }
    }

    /**
     * The spec's load sent through {@code sim} (a fork of the mesh): the explanation of the first
     * request that did not succeed (2xx), or of the first request, saying that none failed. The
     * load is sent twice from the same state: untraced, to find that request (keeping only the
     * per-request headers, if any), then again with that request traced, up to its answer; so
     * {@code explain(1_000_000)} keeps one trace, not a million.
     */
    Explanation explainUnderLoad(TrafficSpec<?> spec, Simulation sim) {
        // startingAt: the fork's clock moves on first, as a send's does.
        sim.engine().runUntil(sim.engine().now() + spec.startAt().toNanos());
        DataPlane.Snapshot before = sim.plane().snapshot();
        Function<ClusterPod, App> apps = mesh.appsNow();
        List<Map<String, String>> headersSent = new ArrayList<>();
        int[] firstFailed = {Integer.MAX_VALUE};
        Outcome[] firstFailedOutcome = new Outcome[1];
        Sent sent = send(spec, sim, i -> null, null, new Sink() {
            @Override
            public void sent(int index, Map<String, String> headers) {
                while (headersSent.size() <= index) {
                    headersSent.add(null);
                }
                headersSent.set(index, headers);
            }

            @Override
            public void answered(int index, Outcome o, long start, long latency, int attempts) {
                if (!o.succeeded() && index < firstFailed[0]) {
                    firstFailed[0] = index;
                    firstFailedOutcome[0] = o;
                }
            }
        });
        boolean noneFailed = firstFailed[0] == Integer.MAX_VALUE;
        int shown = noneFailed ? 0 : firstFailed[0];
        // Requests are numbered in the order they started: the second pass numbers them alike.
        List<Decision> trace = new ArrayList<>();
        Outcome[] replayed = new Outcome[1];
        Simulation again = new Simulation(sim.configs(), before.restore(), apps, this::dial);
        send(spec, again, i -> i == shown ? trace : null, spec.perRequestHeaders() == null ? null : headersSent::get, new Sink() {
            @Override
            public void answered(int index, Outcome o, long start, long latency, int attempts) {
                if (index == shown) {
                    replayed[0] = o;
                    again.engine().stop();
                }
            }
        });
        if (!noneFailed && !replayed[0].equals(firstFailedOutcome[0])) {
            throw new IllegalStateException("meshtest bug: the traced pass of explain(n) answered " + replayed[0]
                    + " where the first pass answered " + firstFailedOutcome[0] + " to request " + shown);
        }
        List<Decision> steps = new ArrayList<>();
        steps.add(new Decision(Decision.Kind.LOAD, noneFailed ? "none of the " + sent.count() + " requests failed; the first is shown"
                : "request " + (shown + 1) + " of " + sent.count() + " is the first that failed"));
        steps.addAll(trace);
        return new Explanation(sent.description(), steps, replayed[0]);
    }

    /**
     * One request with its decisions traced, through {@code sim} (a fork of the mesh): the same
     * path as a send of one request, traced.
     */
    Explanation explain(TrafficSpec<?> spec, Simulation sim) {
        if (!spec.fromOutsideCluster() && spec.client() == null) {
            throw new IllegalArgumentException("say who sends: explain().from(\"nginx\").to(...) or explain().fromOutside().to(...)");
        }
        Url url = urlOf(spec);
        Map<String, String> headers = Headers.of(spec, url).headers();
        List<Decision> trace = new ArrayList<>();
        TrafficResult sent = record(spec, sim, i -> i == 0 ? trace : null, null, TrafficSpec.Recording.EVERY_REQUEST);
        String what = spec.opensConnections() ? "TCP connection to " + url.host() + ":" + url.port()
                : spec.method() + " " + url.scheme() + "://" + url.hostHeader() + url.pathAndQuery();
        return new Explanation(what + " from " + from(spec) + (headers.isEmpty() ? "" : " with " + headers), trace,
                sent.outcomes().get(0));
    }

    /** Who sends, as descriptions say it: {@code default/nginx}, {@code outside through istio-system/istio-ingressgateway}. */
    private String from(TrafficSpec<?> spec) {
        if (spec.fromOutsideCluster()) {
            ClusterPod gateway = gatewayPod(spec.gateway());
            String address = spec.clientAddress().equals(TrafficSpec.OUTSIDE_CLIENT_ADDRESS) ? "" : " (" + spec.clientAddress() + ")";
            return "outside" + address + " through " + gateway.namespace() + "/" + gateway.workload();
        }
        ClusterPod client = findPod(state, spec.client());
        return client.namespace() + "/" + client.name();
    }

    /**
     * A client's DNS answer for its URL's host, looked up again only when the cluster state it was
     * looked up in is no longer the current one (a timeline's or live traffic's change): one
     * identity check per request otherwise.
     */
    private static final class ClientDns {
        private final TrafficSpec<?> spec;
        private final Url url;
        private final ClusterPod client;
        final Outcome couldNotResolve;
        private ClusterState in;
        private PodDns.Answer answer;
        Simulation.Target target;
        Decision line;

        ClientDns(TrafficSpec<?> spec, Url url, ClusterPod client) {
            this.spec = spec;
            this.url = url;
            this.client = client;
            this.couldNotResolve = TrafficRunner.couldNotResolve(url);
        }

        PodDns.Answer now(ClusterState state) {
            if (state != in) {
                in = state;
                answer = spec.resolveAddress() != null ? new PodDns.Answer(true, spec.resolveAddress())
                        : PodDns.lookup(state, url.host(), client.namespace());
                if (answer.resolved() && answer.choices().isEmpty()) {
                    target = new Simulation.Target(answer.ip(), url.port());
                    line = dnsDecision(client, url.host(), answer, answer.ip());
                }
            }
            return answer;
        }
    }

    /** What curl says when DNS has no answer: no HTTP response at all. */
    private static Outcome couldNotResolve(Url url) {
        return Outcome.of(0).withBody("curl: (6) Could not resolve host: " + url.host());
    }

    /** A pod by name ({@code nginx}, {@code shop/sleep}) or the first pod of a workload of that name. */
    static ClusterPod findPod(ClusterState state, String ref) {
        int slash = ref.indexOf('/');
        String ns = slash < 0 ? "default" : ref.substring(0, slash);
        String name = slash < 0 ? ref : ref.substring(slash + 1);
        return state.pod(ns, name).or(() -> state.workloadPods(ns, name).stream().findFirst())
                .orElseThrow(() -> {
                    TreeSet<String> known = new TreeSet<>();
                    state.pods().forEach(p -> known.add(p.namespace() + "/" + p.workload()));
                    return new IllegalArgumentException("no pod or workload \"" + name + "\" in namespace " + ns
                            + "; workloads: " + String.join(", ", known)
                            + ". Add a client with withPod(\"" + name + "\") or apply its Deployment.");
                });
    }

    private ClusterPod gatewayPod(String workloadRef) {
        int slash = workloadRef.indexOf('/');
        String ns = slash < 0 ? "istio-system" : workloadRef.substring(0, slash);
        String name = slash < 0 ? workloadRef : workloadRef.substring(slash + 1);
        List<ClusterPod> ready = new ArrayList<>();
        for (ClusterPod p : state.workloadPods(ns, name)) {
            if (p.ready()) {
                ready.add(p);
            }
        }
        if (ready.isEmpty()) {
            throw new IllegalArgumentException("fromOutside: no ready gateway pod of workload " + ns + "/" + name
                    + (state.workloadPods(ns, name).isEmpty() ? " (it does not exist; mesh() installs istio-system/istio-ingressgateway)" : ""));
        }
        return ready.get(0);
    }

    /**
     * How a client outside the cluster reaches a gateway pod.
     *
     * @param podPort the pod's port for the port dialled on its Service (80 -> 8080 on istio-ingressgateway)
     * @param peer the connection's source address as the gateway sees it
     * @param how the entry's trace text
     */
    record OutsideEntry(int podPort, String peer, String how) {
    }

    /**
     * The gateway pod's port for the port dialled on its Service, and the address the connection
     * arrives from: kube-proxy keeps the client's address for a Service with
     * {@code externalTrafficPolicy: Local} and SNATs it to the node's otherwise (docs/security.md).
     */
    private OutsideEntry outsideEntry(ClusterPod gateway, int servicePort, String clientAddress) {
        for (ClusterService svc : state.servicesSelecting(gateway)) {
            for (Endpoint e : state.endpoints(svc, servicePort)) {
                if (gateway.equals(e.pod())) {
                    String service = "Service " + svc.namespace() + "/" + svc.name();
                    if (svc.externalTrafficPolicy() == null) {
                        return new OutsideEntry(e.port(), Cluster.NODE_IP, "from client " + clientAddress + " through the node ("
                                + service + " is a " + svc.type() + " Service, not reachable from outside: taken as SNATed to the "
                                + "node's " + Cluster.NODE_IP + ")");
                    }
                    return svc.keepsClientAddress()
                            ? new OutsideEntry(e.port(), clientAddress, "from client " + clientAddress + " (" + service
                                    + " has externalTrafficPolicy Local: kube-proxy keeps the client's address)")
                            : new OutsideEntry(e.port(), Cluster.NODE_IP, "from client " + clientAddress + ", seen as the node's "
                                    + Cluster.NODE_IP + " (" + service + " has externalTrafficPolicy Cluster: kube-proxy SNATs it)");
                }
            }
        }
        return new OutsideEntry(servicePort, Cluster.NODE_IP, "from client " + clientAddress + " through the node (no Service "
                + "selects the gateway on port " + servicePort + ": taken as SNATed to the node's " + Cluster.NODE_IP + ")");
    }
}
