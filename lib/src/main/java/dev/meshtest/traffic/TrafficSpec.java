package dev.meshtest.traffic;

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
 * }</pre>
 */
public final class TrafficSpec<R> {

    /** Runs a complete spec; implemented by the mesh. */
    @FunctionalInterface
    public interface Runner<R> {
        R run(TrafficSpec<R> spec);
    }

    private final int count;
    private final Runner<R> runner;
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
        this.runner = Objects.requireNonNull(runner, "runner");
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
        String c = name + "=" + value;
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

    public int count() {
        return count;
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
