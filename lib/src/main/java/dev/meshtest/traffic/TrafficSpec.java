package dev.meshtest.traffic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What to send: how many requests, from which client, with which headers, to which URL. Reads
 * like the curl loop it replaces; {@link #to(String)} runs it and returns {@code R}: a
 * {@link TrafficResult} for {@code mesh.send(n)}, an explanation of one request for
 * {@code mesh.explain()}.
 *
 * @param <R> what {@link #to(String)} returns
 *
 * <pre>{@code
 * TrafficResult r = mesh.send(1000).from("nginx").header("end-user", "jason").to("reviews:9080/reviews/0");
 * TrafficResult in = mesh.send(100).fromOutside().to("http://bookinfo.example.com/productpage");
 * TrafficResult users = mesh.send(10).from("sleep").headers(i -> Map.of("end-user", "user" + i)).to("reviews:9080/");
 * TrafficResult burst = mesh.send(500).from("nginx").concurrency(2).to("helloworld-v2:5000/hello");  // two terminals
 * TrafficResult open = mesh.send(Duration.ofSeconds(10)).from("nginx").rate(50).to("helloworld:5000/hello");
 * }</pre>
 *
 * <p>Load shapes (all on the mesh's virtual clock, see {@code docs/resilience.md}):
 * <ul>
 *   <li>sequential, the default: one client loop, each request sent when the previous answered;</li>
 *   <li>{@link #concurrency(int)}: n such loops at once, sharing the count (like n terminals);</li>
 *   <li>{@link #rate(double)}: an open loop, requests started every {@code 1/rate} seconds whatever
 *       the answers; {@link #rate(double, Spacing)} with {@link Spacing#POISSON} for random
 *       (exponential) gaps;</li>
 *   <li>{@link #thinkTime(Duration)}: a closed loop's pause between an answer and the next request;</li>
 *   <li>{@code mesh.send(Duration)} instead of a count: keep sending for that long.</li>
 * </ul>
 */
public final class TrafficSpec<R> {

    /** Runs a complete spec; implemented by the mesh. */
    @FunctionalInterface
    public interface Runner<R> {
        R run(TrafficSpec<R> spec);
    }

    /** How open-loop ({@link #rate}) request starts are spaced. */
    public enum Spacing {
        /** Exactly {@code 1/rate} apart: request k starts at {@code k/rate}. */
        FIXED,
        /** Exponential gaps of mean {@code 1/rate}, drawn from the seeded stream (a Poisson process). */
        POISSON
    }

    private final int count;
    private final Duration duration;
    private final Runner<R> runner;
    private int concurrency = 1;
    private double rate;
    private Spacing spacing = Spacing.FIXED;
    private Duration thinkTime = Duration.ZERO;
    private String client;
    private String gateway;
    private boolean fromOutside;
    private String method = "GET";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private IntFunction<Map<String, String>> perRequestHeaders;
    private String resolve;
    private String url;

    /** A spec for {@code count} requests, run by {@code runner}. */
    public TrafficSpec(int count, Runner<R> runner) {
        if (count < 1) {
            throw new IllegalArgumentException("send(" + count + "): send at least one request, for example send(1000)");
        }
        this.count = count;
        this.duration = null;
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** A spec that keeps sending for {@code duration} of virtual time, run by {@code runner}. */
    public TrafficSpec(Duration duration, Runner<R> runner) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("send(" + duration + "): send for a positive duration, for example "
                    + "send(Duration.ofSeconds(10))");
        }
        this.count = 0;
        this.duration = duration;
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Sends from {@code n} client loops at once, each sending its next request when its previous
     * one is answered (n terminals running a curl loop). The loops share the count.
     */
    public TrafficSpec<R> concurrency(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("concurrency(" + n + "): at least one client loop");
        }
        if (rate > 0) {
            throw new IllegalArgumentException("concurrency(" + n + ") with rate(" + rate + "): a rate is an open loop, "
                    + "it starts requests whatever the answers; choose one");
        }
        this.concurrency = n;
        return this;
    }

    /** Starts {@code perSecond} requests per virtual second, exactly {@code 1/perSecond} apart (an open loop). */
    public TrafficSpec<R> rate(double perSecond) {
        return rate(perSecond, Spacing.FIXED);
    }

    /** Starts {@code perSecond} requests per virtual second on average, spaced as {@code spacing} says. */
    public TrafficSpec<R> rate(double perSecond, Spacing spacing) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate(" + perSecond + "): a number of requests per second > 0");
        }
        if (concurrency > 1) {
            throw new IllegalArgumentException("rate(" + perSecond + ") with concurrency(" + concurrency + "): a rate is an "
                    + "open loop, it starts requests whatever the answers; choose one");
        }
        this.rate = perSecond;
        this.spacing = Objects.requireNonNull(spacing, "spacing");
        return this;
    }

    /** A closed loop's pause between an answer and its next request (0 by default). */
    public TrafficSpec<R> thinkTime(Duration pause) {
        Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("thinkTime(" + pause + ") is negative");
        }
        this.thinkTime = pause;
        return this;
    }

    /**
     * Sends from a pod or workload: {@code "nginx"} (namespace {@code default}) or {@code "shop/sleep"}.
     * A workload with several pods sends from its first pod.
     */
    public TrafficSpec<R> from(String client) {
        this.client = Objects.requireNonNull(client, "client");
        this.fromOutside = false;
        return this;
    }

    /** Sends from outside the cluster through the {@code istio-ingressgateway}, like curl to {@code $INGRESS_HOST}. */
    public TrafficSpec<R> fromOutside() {
        return fromOutside("istio-system/istio-ingressgateway");
    }

    /** Sends from outside the cluster through a named gateway workload ({@code ns/name} or {@code name} in istio-system). */
    public TrafficSpec<R> fromOutside(String gatewayWorkload) {
        this.fromOutside = true;
        this.gateway = Objects.requireNonNull(gatewayWorkload, "gatewayWorkload");
        this.client = null;
        return this;
    }

    /** Adds a header to every request ({@code curl -H}); {@code Host} overrides the host taken from the URL. */
    public TrafficSpec<R> header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Headers that depend on the request's index (0-based), added after {@link #header} ones. */
    public TrafficSpec<R> headers(IntFunction<Map<String, String>> perRequest) {
        this.perRequestHeaders = Objects.requireNonNull(perRequest, "perRequest");
        return this;
    }

    /** Adds a cookie, as {@code curl -b name=value}. */
    public TrafficSpec<R> cookie(String name, String value) {
        String c = Objects.requireNonNull(name, "name") + "=" + Objects.requireNonNull(value, "value");
        headers.merge("cookie", c, (a, b) -> a + "; " + b);
        return this;
    }

    /** The HTTP method ({@code GET} by default). */
    public TrafficSpec<R> method(String method) {
        this.method = Objects.requireNonNull(method, "method");
        return this;
    }

    /** Dials this IP instead of resolving the URL's host, as {@code curl --resolve}. */
    public TrafficSpec<R> resolve(String address) {
        this.resolve = Objects.requireNonNull(address, "address");
        return this;
    }

    /**
     * Sends the requests to a URL and returns what happened: {@code "helloworld:5000/hello"},
     * {@code "http://helloworld.default:5000/hello"}, {@code "istio-ingressgateway.istio-system/hello"}.
     * For {@code send(n)} the answer is a {@link TrafficResult}; for {@code explain()}, an explanation.
     */
    public R to(String url) {
        this.url = Objects.requireNonNull(url, "url");
        return runner.run(this);
    }

    /** The number of requests, or 0 when a {@link #duration()} decides. */
    public int count() {
        return count;
    }

    /** How long to keep sending, or {@code null} when a {@link #count()} decides. */
    public Duration duration() {
        return duration;
    }

    /** Client loops (1: sequential). */
    public int concurrency() {
        return concurrency;
    }

    /** Open-loop requests per second, or 0 for a closed loop. */
    public double rate() {
        return rate;
    }

    public Spacing spacing() {
        return spacing;
    }

    public Duration thinkTime() {
        return thinkTime;
    }

    /** The client ({@code from}), or {@code null} when sent from outside. */
    public String client() {
        return client;
    }

    public boolean fromOutsideCluster() {
        return fromOutside;
    }

    /** The gateway workload requests from outside enter at. */
    public String gateway() {
        return gateway;
    }

    public String method() {
        return method;
    }

    /** Headers for every request, in insertion order. */
    public Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    /** Per-request headers, or {@code null}. */
    public IntFunction<Map<String, String>> perRequestHeaders() {
        return perRequestHeaders;
    }

    /** The pinned address, or {@code null}. */
    public String resolveAddress() {
        return resolve;
    }

    public String url() {
        return url;
    }
}
