package dev.meshtest.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an app behaves when a request reaches it: how long it takes (service time), which status
 * it answers and how often it fails, its body, and which other services it calls before it
 * answers. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * mesh.withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(120)));
 * mesh.withApp("ratings-v1", App.serviceTime(Latency.logNormal(Duration.ofMillis(20), 0.4)).failing(503, 0.1));
 * mesh.withApp("productpage-v1", App.serviceTime(Duration.ofMillis(5))
 *     .calls(Call.to("http://details:9080/details/0").timeout(Duration.ofSeconds(3)))
 *     .calls(Call.to("http://reviews:9080/reviews/0").timeout(Duration.ofSeconds(3)).retries(1)));
 * }</pre>
 *
 * <p>Defaults ({@link #generic()}): answers 200 with an empty body after 1 ms. Pods labelled
 * {@code app: helloworld} default to {@link #helloworld()}: 100 ms (the sample's CPU loop) and
 * {@code Hello version: <version>, instance: <pod>\n}. Pod annotations override the defaults
 * ({@code meshtest.dev/service-time}, {@code meshtest.dev/error-rate},
 * {@code meshtest.dev/error-status}, {@code meshtest.dev/status}, {@code meshtest.dev/body},
 * {@code meshtest.dev/calls}, see {@link Call#parseAll});
 * {@code Mesh.withApp} overrides both.
 *
 * @see Call
 */
public final class App {

    /** Annotation: service time, {@code 120ms} or a distribution ({@link Latency#parse}). */
    public static final String SERVICE_TIME_ANNOTATION = "meshtest.dev/service-time";
    /** Annotation: share of requests that fail, 0..1 ({@code "0.1"}). */
    public static final String ERROR_RATE_ANNOTATION = "meshtest.dev/error-rate";
    /** Annotation: the status of failed requests (500 unless set). */
    public static final String ERROR_STATUS_ANNOTATION = "meshtest.dev/error-status";
    /** Annotation: the status of every other request (200 unless set). */
    public static final String STATUS_ANNOTATION = "meshtest.dev/status";
    /** Annotation: the response body; {@code {pod}} and {@code {version}} are replaced. */
    public static final String BODY_ANNOTATION = "meshtest.dev/body";

    /** A generic app's service time: 1 ms. */
    public static final Duration GENERIC_SERVICE_TIME = Duration.ofMillis(1);
    /** helloworld's service time: its million square roots in Python take about 0.1 s. */
    public static final Duration HELLOWORLD_SERVICE_TIME = Duration.ofMillis(100);

    private final Latency serviceTime;
    private final int status;
    private final int errorStatus;
    private final double errorRate;
    private final String body;
    private final List<Call> calls;

    private App(Latency serviceTime, int status, int errorStatus, double errorRate, String body, List<Call> calls) {
        this.serviceTime = serviceTime;
        this.status = status;
        this.errorStatus = errorStatus;
        this.errorRate = errorRate;
        this.body = body;
        this.calls = List.copyOf(calls);
    }

    /** A generic app: 200, empty body, 1 ms. */
    public static App generic() {
        return new App(Latency.fixed(GENERIC_SERVICE_TIME), 200, 500, 0, "", List.of());
    }

    /** The helloworld sample: 200, {@code Hello version: {version}, instance: {pod}\n}, 100 ms. */
    public static App helloworld() {
        return new App(Latency.fixed(HELLOWORLD_SERVICE_TIME), 200, 500, 0, "Hello version: {version}, instance: {pod}\n",
                List.of());
    }

    /** A generic app with a fixed service time. */
    public static App serviceTime(Duration fixed) {
        return generic().withServiceTime(Latency.fixed(fixed));
    }

    /** A generic app with a service-time distribution. */
    public static App serviceTime(Latency distribution) {
        return generic().withServiceTime(distribution);
    }

    /** This app with another service time. */
    public App withServiceTime(Latency distribution) {
        return new App(Objects.requireNonNull(distribution, "distribution"), status, errorStatus, errorRate, body, calls);
    }

    /** This app with another fixed service time. */
    public App withServiceTime(Duration fixed) {
        return withServiceTime(Latency.fixed(fixed));
    }

    /** Answers {@code status} to every request that does not fail. */
    public App status(int status) {
        checkStatus(status);
        return new App(serviceTime, status, errorStatus, errorRate, body, calls);
    }

    /** A share {@code rate} (0..1) of requests fails with {@code status}, drawn per request from the seeded stream. */
    public App failing(int status, double rate) {
        checkStatus(status);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("failing(" + status + ", " + rate + "): the rate is a share in 0..1");
        }
        return new App(serviceTime, this.status, status, rate, body, calls);
    }

    /** The response body; {@code {pod}} and {@code {version}} are replaced by the pod's name and version label. */
    public App body(String body) {
        return new App(serviceTime, status, errorStatus, errorRate, Objects.requireNonNull(body, "body"), calls);
    }

    /** Calls another service (through this pod's own sidecar) before answering; calls run one after the other. */
    public App calls(Call call) {
        List<Call> more = new ArrayList<>(calls);
        more.add(Objects.requireNonNull(call, "call"));
        return new App(serviceTime, status, errorStatus, errorRate, body, more);
    }

    private static void checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not in 100..599");
        }
    }

    public Latency serviceTime() {
        return serviceTime;
    }

    public int status() {
        return status;
    }

    public int errorStatus() {
        return errorStatus;
    }

    public double errorRate() {
        return errorRate;
    }

    public String body() {
        return body;
    }

    public List<Call> calls() {
        return calls;
    }

    /**
     * The default app of a pod: helloworld for pods labelled {@code app: helloworld}, else
     * generic; then the pod's {@code meshtest.dev/*} annotations, {@value Call#ANNOTATION}
     * included ({@link Call#parseAll}).
     *
     * @param where names the pod in error messages ({@code "pod default/productpage-v1-…"})
     * @throws IllegalArgumentException for a bad annotation, naming {@code where}, the annotation
     *     and what is wrong: {@code pod default/p: bad meshtest.dev annotation meshtest.dev/calls:
     *     call 2 "http://reviews:9080/ timeout=3": duration "3" needs a unit: ...}
     */
    public static App forPod(Map<String, String> labels, Map<String, String> annotations, String where) {
        App app = "helloworld".equals(labels.get("app")) ? helloworld() : generic();
        String st = annotations.get(SERVICE_TIME_ANNOTATION);
        if (st != null) {
            app = app.withServiceTime(parsed(where, SERVICE_TIME_ANNOTATION, () -> Latency.parse(st)));
        }
        String s = annotations.get(STATUS_ANNOTATION);
        if (s != null) {
            App a = app;
            app = parsed(where, STATUS_ANNOTATION, () -> a.status(Integer.parseInt(s.trim())));
        }
        String er = annotations.get(ERROR_RATE_ANNOTATION);
        String es = annotations.get(ERROR_STATUS_ANNOTATION);
        if (er != null || es != null) {
            App a = app;
            String name = er != null ? ERROR_RATE_ANNOTATION : ERROR_STATUS_ANNOTATION;
            app = parsed(where, es != null && er != null ? name + " / " + ERROR_STATUS_ANNOTATION : name,
                    () -> a.failing(es == null ? 500 : Integer.parseInt(es.trim()), er == null ? 0 : Double.parseDouble(er.trim())));
        }
        String b = annotations.get(BODY_ANNOTATION);
        if (b != null) {
            app = app.body(b);
        }
        String calls = annotations.get(Call.ANNOTATION);
        if (calls != null) {
            for (Call c : parsed(where, Call.ANNOTATION, () -> Call.parseAll(calls))) {
                app = app.calls(c);
            }
        }
        return app;
    }

    private static <T> T parsed(String where, String annotation, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": bad meshtest.dev annotation " + annotation + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "App(" + serviceTime + ", " + status + (errorRate > 0 ? ", " + errorRate + " x " + errorStatus : "")
                + (calls.isEmpty() ? "" : ", calls " + calls) + ")";
    }
}
