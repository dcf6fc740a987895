package dev.meshtest.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

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
 * <p>Defaults ({@link #generic()}): answers 200 with an empty body after 1 ms, whatever the path.
 * Pods labelled {@code app: helloworld} default to {@link #helloworld()}: on {@code /hello}, 100 ms
 * (the sample's CPU loop) and {@code Hello version: <version>, instance: <pod>\n}; {@code /health}
 * answers too, any other path is 404, as the sample's Flask app does. Pods running a Bookinfo image
 * ({@code docker.io/istio/examples-bookinfo-reviews-v2:1.20.3}) default to that app ({@link #sample(Sample)}):
 * its routes and the calls they make. Pod annotations override the defaults
 * ({@code meshtest.dev/service-time}, {@code meshtest.dev/error-rate},
 * {@code meshtest.dev/error-status}, {@code meshtest.dev/status}, {@code meshtest.dev/body},
 * {@code meshtest.dev/calls}, see {@link Call#parseAll});
 * {@code Mesh.withApp} overrides both.
 *
 * @see Call
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
    private final List<TlsPort> tlsPorts;
    /** The sample app whose routes paths go to ({@link #sample(Sample)}), or {@code null}: every path alike. */
    private final Sample sample;

    private App(Latency serviceTime, int status, int errorStatus, double errorRate, String body, List<Call> calls,
                List<TlsPort> tlsPorts, Sample sample) {
        this.sample = sample;
        this.serviceTime = serviceTime;
        this.status = status;
        this.errorStatus = errorStatus;
        this.errorRate = errorRate;
        this.body = body;
        this.calls = List.copyOf(calls);
        this.tlsPorts = List.copyOf(tlsPorts);
    }

    /**
     * A port on which the app terminates TLS itself, as an nginx with {@code ssl_certificate} (and
     * {@code ssl_verify_client on}) does: the certificate it serves, and the CA client certificates
     * must chain to, if it asks for one.
     *
     * <pre>{@code
     * App nginx = App.generic().servingMutualTls(443, Files.readString(Path.of("my-nginx.crt")),
     *         Files.readString(Path.of("example.com.crt")));
     * nginx.tlsPort(443).orElseThrow().clientCa();   // the CA's PEM
     * }</pre>
     *
     * @param port the container port
     * @param certificate the certificate served (PEM, leaf first, then any intermediates)
     * @param clientCa the CA client certificates must chain to (PEM), or {@code null}: none asked
     */
    public record TlsPort(int port, String certificate, String clientCa) {

        /**
         * Checks the port and that the certificates are PEM text.
         *
         * @param port the container port
         * @param certificate the certificate served (PEM)
         * @param clientCa the CA client certificates must chain to (PEM), or {@code null}
         */
        public TlsPort {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("TLS port " + port + " is not in 1..65535");
            }
            checkPem("certificate", certificate);
            if (clientCa != null) {
                checkPem("clientCa", clientCa);
            }
        }

        private static void checkPem(String what, String pem) {
            if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException("App TLS " + what + ": give the certificate as PEM text (-----BEGIN "
                        + "CERTIFICATE-----), for example Files.readString(Path.of(\"my-nginx.crt\"))");
            }
        }
    }

    /** {@return a generic app: 200, empty body, 1 ms} */
    public static App generic() {
        return new App(Latency.fixed(GENERIC_SERVICE_TIME), 200, 500, 0, "", List.of(), List.of(), null);
    }

    /**
     * The helloworld sample ({@code samples/helloworld/src/app.py}, Flask behind gunicorn): {@code GET
     * /hello} answers 200 {@code Hello version: {version}, instance: {pod}\n} after 100 ms, {@code GET
     * /health} answers 200 {@code Helloworld is healthy}; any other path is Werkzeug's 404 page
     * ({@code /}, {@code /hello/}, {@code /api}), a method other than GET, HEAD and OPTIONS its 405,
     * and a path that matches only once its doubled slashes are merged ({@code //hello}) its 308
     * redirect. The status, failures, body, service time and calls set on the returned app apply to
     * {@code /hello}; the other answers take 1 ms.
     *
     * <pre>{@code
     * mesh.withApp("helloworld-v2", App.helloworld().failing(503, 0.5));   // /hello fails half the time
     * }</pre>
     *
     * @return the sample
     */
    public static App helloworld() {
        return sample(Sample.HELLOWORLD);
    }

    /**
     * One of Istio's sample apps, as pods running its image get by default: its routes answer as
     * the real app's do, unknown paths get its framework's 404, and each route makes the calls the
     * real one makes (productpage's {@code /productpage} calls details, then reviews). The status,
     * failures, body, service time and calls set on the returned app apply to its
     * {@linkplain Sample#mainRoute() main route}, the calls after the sample's own; its other routes take 1 ms.
     * Defaults: helloworld as {@link #helloworld()}; a Bookinfo app 1 ms and an empty body (meshtest
     * does not render Bookinfo's pages). A Bookinfo app calls the ports the pod's environment gives
     * it ({@code DETAILS_SERVICE_PORT}, ...: its Bookinfo container's {@code env}, else the kubelet's
     * service links, else 9080; docs/resilience.md, "Bookinfo").
     *
     * <pre>{@code
     * mesh.withApp("reviews-v3", App.sample(Sample.BOOKINFO_REVIEWS_V3).withServiceTime(Duration.ofMillis(40)));
     * }</pre>
     *
     * @param sample the sample
     * @return the app
     */
    public static App sample(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        if (sample == Sample.HELLOWORLD) {
            return new App(Latency.fixed(HELLOWORLD_SERVICE_TIME), 200, 500, 0, "Hello version: {version}, instance: {pod}\n",
                    List.of(), List.of(), sample);
        }
        return new App(Latency.fixed(GENERIC_SERVICE_TIME), 200, 500, 0, "", List.of(), List.of(), sample);
    }

    /**
     * A generic app with a fixed service time.
     *
     * @param fixed how long every request takes in the app, not negative
     * @return the app
     */
    public static App serviceTime(Duration fixed) {
        return generic().withServiceTime(Latency.fixed(fixed));
    }

    /**
     * A generic app with a service-time distribution.
     *
     * @param distribution how long requests take in the app, drawn per request from the seeded stream
     * @return the app
     */
    public static App serviceTime(Latency distribution) {
        return generic().withServiceTime(distribution);
    }

    /**
     * This app with another service time.
     *
     * @param distribution how long requests take in the app
     * @return a changed copy
     */
    public App withServiceTime(Latency distribution) {
        return new App(Objects.requireNonNull(distribution, "distribution"), status, errorStatus, errorRate, body, calls, tlsPorts,
                sample);
    }

    /**
     * This app with another fixed service time.
     *
     * @param fixed how long every request takes in the app, not negative
     * @return a changed copy
     */
    public App withServiceTime(Duration fixed) {
        return withServiceTime(Latency.fixed(fixed));
    }

    /**
     * Answers {@code status} to every request that does not fail.
     *
     * @param status an HTTP status in 100..599
     * @return a changed copy
     */
    public App status(int status) {
        checkStatus(status);
        return new App(serviceTime, status, errorStatus, errorRate, body, calls, tlsPorts, sample);
    }

    /**
     * A share {@code rate} of requests fails with {@code status}, drawn per request from the seeded stream.
     *
     * @param status the failed requests' HTTP status, in 100..599
     * @param rate the share of requests that fail, in 0..1
     * @return a changed copy
     */
    public App failing(int status, double rate) {
        checkStatus(status);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("failing(" + status + ", " + rate + "): the rate is a share in 0..1");
        }
        return new App(serviceTime, this.status, status, rate, body, calls, tlsPorts, sample);
    }

    /**
     * The response body.
     *
     * @param body the body; {@code {pod}} and {@code {version}} are replaced by the pod's name and version label
     * @return a changed copy
     */
    public App body(String body) {
        return new App(serviceTime, status, errorStatus, errorRate, Objects.requireNonNull(body, "body"), calls, tlsPorts,
                sample);
    }

    /**
     * Calls another service (through this pod's own sidecar) before answering; calls run one after the other.
     *
     * @param call the call, added after those already made
     * @return a changed copy
     */
    public App calls(Call call) {
        List<Call> more = new ArrayList<>(calls);
        more.add(Objects.requireNonNull(call, "call"));
        return new App(serviceTime, status, errorStatus, errorRate, body, more, tlsPorts, sample);
    }

    /**
     * Terminates TLS itself on a port with this certificate (an app outside the mesh, or one that
     * does its own TLS): a DestinationRule's TLS origination ({@code SIMPLE}) or curl's {@code https}
     * reaching the port checks it. Plain HTTP to the port fails, as TLS to the app's other ports does.
     *
     * @param port the container port
     * @param certificatePem the certificate served (PEM)
     * @return a changed copy
     */
    public App servingTls(int port, String certificatePem) {
        return withTlsPort(new TlsPort(port, certificatePem, null));
    }

    /**
     * Terminates TLS on a port and asks for a client certificate that chains to {@code clientCaPem}
     * (nginx's {@code ssl_verify_client on}): a DestinationRule's {@code MUTUAL} with the right
     * {@code credentialName} gets through; without a certificate, or with another CA's, the handshake fails.
     *
     * @param port the container port
     * @param certificatePem the certificate served (PEM)
     * @param clientCaPem the CA client certificates must chain to (PEM)
     * @return a changed copy
     */
    public App servingMutualTls(int port, String certificatePem, String clientCaPem) {
        return withTlsPort(new TlsPort(port, certificatePem, Objects.requireNonNull(clientCaPem, "clientCaPem")));
    }

    private App withTlsPort(TlsPort port) {
        List<TlsPort> more = new ArrayList<>();
        for (TlsPort p : tlsPorts) {
            if (p.port() != port.port()) {
                more.add(p);
            }
        }
        more.add(port);
        return new App(serviceTime, status, errorStatus, errorRate, body, calls, more, sample);
    }

    /**
     * {@return how the app serves TLS on a container port ({@link #servingTls}), or empty: plain text there}
     *
     * @param port the container port
     */
    public java.util.Optional<TlsPort> tlsPort(int port) {
        for (TlsPort p : tlsPorts) {
            if (p.port() == port) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** {@return whether the app terminates TLS itself on some port} */
    public boolean servesTls() {
        return !tlsPorts.isEmpty();
    }

    private static void checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not in 100..599");
        }
    }

    /** {@return how long a request takes in the app, apart from its calls} */
    public Latency serviceTime() {
        return serviceTime;
    }

    /** {@return the status of requests that do not fail} */
    public int status() {
        return status;
    }

    /** {@return the status of requests that fail} */
    public int errorStatus() {
        return errorStatus;
    }

    /** {@return the share of requests that fail, in 0..1} */
    public double errorRate() {
        return errorRate;
    }

    /** {@return the response body, with {@code {pod}} and {@code {version}} not yet replaced} */
    public String body() {
        return body;
    }

    /** {@return the calls to other services, in the order they are made} */
    public List<Call> calls() {
        return calls;
    }

    /**
     * {@return the sample app whose routes paths go to, as {@link #sample(Sample)} and {@link
     * #helloworld()} and their copies have; empty: every path is answered alike}
     *
     * <pre>{@code
     * App.helloworld().sample();   // Optional[HELLOWORLD]
     * App.generic().sample();      // Optional.empty
     * }</pre>
     */
    public java.util.Optional<Sample> sample() {
        return java.util.Optional.ofNullable(sample);
    }

    @Override
    public String toString() {
        return "App(" + serviceTime + ", " + status + (errorRate > 0 ? ", " + errorRate + " x " + errorStatus : "")
                + (calls.isEmpty() ? "" : ", calls " + calls) + (sample == null ? "" : ", " + sample + "'s routes") + ")";
    }
}
