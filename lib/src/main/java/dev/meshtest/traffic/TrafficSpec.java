package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.apiguardian.api.API;

/**
 * What to send: how many requests, from which client, with which headers, to which URL. Reads
 * like the curl loop it replaces; {@link #to(String)} runs it and returns {@code R}: a
 * {@link TrafficResult} for {@code mesh.send(n)}, an explanation of one request for
 * {@code mesh.explain()}.
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
 *   <li>{@code mesh.send(Duration)} instead of a count: keep sending for that long;</li>
 *   <li>{@link #rampUp(Duration)}: loops that start one after another, or a rate that rises;</li>
 *   <li>{@link #startingAt(Duration)} and {@link #named(String)}: when a client starts and what it
 *       is called, for a timeline's clients ({@code mesh.timeline()}) and live traffic
 *       ({@code mesh.startTraffic()}), see {@code docs/live-traffic.md}.</li>
 * </ul>
 *
 * <p>A spec is an immutable value, like Awaitility's {@code ConditionFactory}: every option returns
 * a new spec and leaves the one it was called on as it was, so a partly built spec can be kept and
 * reused, and shared between threads:
 *
 * <pre>{@code
 * TrafficSpec<TrafficResult> fromNginx = mesh.send(100).from("nginx");
 * TrafficResult jason = fromNginx.header("end-user", "jason").to("reviews:9080/reviews/0");
 * TrafficResult anyone = fromNginx.to("reviews:9080/reviews/0");   // no end-user header
 * }</pre>
 *
 * <p>Options that contradict each other are refused by the call that makes the contradiction,
 * whichever came first, with the same message both ways: {@code concurrency(n)} (more than one
 * loop) or {@code thinkTime(...)} with {@code rate(...)}, because a rate is an open loop that
 * starts requests whatever the answers; {@code from(...)} with {@code fromOutside(...)}, because a
 * request starts either at a pod or outside the cluster. A spec from {@code mesh.explain()} traces
 * one request and refuses load options. Options that may repeat combine in call order:
 * {@code header} with the same name replaces the earlier value, {@code cookie}s are joined into one
 * {@code cookie} header as curl joins {@code -b a=1 -b b=2}, and per-request {@code headers}
 * functions all apply, after the fixed headers, the later winning on a name both set.
 *
 * @param <R> what {@link #to(String)} returns
 */
@API(status = STABLE, since = "0.1")
public final class TrafficSpec<R> {

    /**
     * Runs a complete spec: how {@code Mesh} plugs itself in. Users start a spec from
     * {@code mesh.send(...)} or {@code mesh.explain()}, never from this.
     *
     * @param <R> what running the spec returns
     */
    @FunctionalInterface
    public interface Runner<R> {
        /**
         * Runs a spec whose URL is set.
         *
         * @param spec the spec
         * @return what happened
         */
        R run(TrafficSpec<R> spec);
    }

    /** How open-loop ({@link #rate}) request starts are spaced. */
    public enum Spacing {
        /** Exactly {@code 1/rate} apart: request k starts at {@code k/rate}. */
        FIXED,
        /** Exponential gaps of mean {@code 1/rate}, drawn from the seeded stream (a Poisson process). */
        POISSON
    }

    /**
     * What a result keeps of its requests. Every assertion gives the same verdict on both forms; see
     * {@link TrafficResult} for what only the form with every request can answer.
     */
    public enum Recording {
        /** Every request up to {@link TrafficResult#AGGREGATE_ABOVE} requests, aggregated beyond: the default. */
        AUTOMATIC,
        /** Every request, whatever their number (about 24 bytes of heap each). */
        EVERY_REQUEST,
        /** Counts, latency histograms and per-second series, plus a sample: constant memory. */
        AGGREGATED
    }

    private final int count;
    private final Duration duration;
    private final Runner<R> runner;
    /** Whether this spec explains one request ({@code mesh.explain()}): load options are refused. */
    private final boolean explaining;
    private final int concurrency;
    private final double rate;
    private final Spacing spacing;
    private final Duration thinkTime;
    private final String client;
    private final String gateway;
    private final String clientAddress;
    private final String method;
    private final Map<String, String> headers;
    private final IntFunction<Map<String, String>> perRequestHeaders;
    private final String resolve;
    private final String url;
    private final Recording recording;
    private final boolean pathAsIs;
    private final boolean followRedirects;
    private final Tls tls;
    /** Whether it opens TCP connections ({@code Mesh.connect}) rather than sending HTTP requests. */
    private final boolean connections;
    /** When the client starts, how its loops or rate ramp up, and its name. */
    private final Schedule schedule;

    /** {@link #startingAt}, {@link #rampUp} and {@link #named}. */
    private record Schedule(Duration startAt, Duration rampUp, String name) {
        static final Schedule NOW = new Schedule(Duration.ZERO, Duration.ZERO, null);
    }

    /** curl's TLS options: {@code -k}, {@code --cacert}, {@code --cert} and {@code --key}. */
    private record Tls(boolean insecure, List<String> caCertificates, String certificate, String key) {
        static final Tls NONE = new Tls(false, List.of(), null, null);
    }

    /**
     * A spec for {@code count} requests, run by {@code runner}; {@code mesh.send(count)} makes it.
     *
     * @param count the number of requests, at least 1
     * @param runner what runs the spec
     */
    public TrafficSpec(int count, Runner<R> runner) {
        this(checkedCount(count), null, runner, false, false);
    }

    /**
     * A spec that keeps sending for {@code duration} of virtual time, run by {@code runner};
     * {@code mesh.send(duration)} makes it.
     *
     * @param duration how long to keep starting requests, positive
     * @param runner what runs the spec
     */
    public TrafficSpec(Duration duration, Runner<R> runner) {
        this(0, checkedDuration(duration), runner, false, false);
    }

    /**
     * A spec of one request that is traced rather than sent as load: {@code mesh.explain()} makes
     * it, and it refuses {@link #concurrency}, {@link #rate} and {@link #thinkTime}.
     *
     * @param runner what runs the spec
     * @param <R> what running the spec returns
     * @return the spec
     */
    public static <R> TrafficSpec<R> oneRequest(Runner<R> runner) {
        return new TrafficSpec<>(1, null, runner, true, false);
    }

    private TrafficSpec(int count, Duration duration, Runner<R> runner, boolean explaining, boolean connections) {
        this(count, duration, Objects.requireNonNull(runner, "runner"), explaining, 1, 0, Spacing.FIXED, Duration.ZERO,
                null, null, null, "GET", Map.of(), null, null, null, Recording.AUTOMATIC, false, false, Tls.NONE, connections, Schedule.NOW);
    }

    /**
     * A spec for {@code count} TCP connections, run by {@code runner}; {@code mesh.connect(count)}
     * makes it. Each connection is opened, as {@code nc host port} opens one, sends a line and
     * reads the answer; its outcome says which workload accepted it or how it ended.
     *
     * @param count the number of connections, at least 1
     * @param runner what runs the spec
     * @param <R> what running the spec returns
     * @return the spec
     */
    public static <R> TrafficSpec<R> connections(int count, Runner<R> runner) {
        return new TrafficSpec<>(checkedCount(count), null, runner, false, true);
    }

    /**
     * A spec of one TCP connection that is traced rather than opened as load:
     * {@code mesh.explainConnection()} makes it.
     *
     * @param runner what runs the spec
     * @param <R> what running the spec returns
     * @return the spec
     */
    public static <R> TrafficSpec<R> oneConnection(Runner<R> runner) {
        return new TrafficSpec<>(1, null, runner, true, true);
    }

    /** {@return whether it opens TCP connections ({@code mesh.connect(n)}) rather than sending HTTP requests} */
    public boolean opensConnections() {
        return connections;
    }

    private TrafficSpec(int count, Duration duration, Runner<R> runner, boolean explaining, int concurrency,
                        double rate, Spacing spacing, Duration thinkTime, String client, String gateway,
                        String clientAddress, String method,
                        Map<String, String> headers, IntFunction<Map<String, String>> perRequestHeaders,
                        String resolve, String url, Recording recording, boolean pathAsIs, boolean followRedirects, Tls tls,
                        boolean connections, Schedule schedule) {
        this.schedule = schedule;
        this.tls = tls;
        this.connections = connections;
        this.recording = recording;
        this.pathAsIs = pathAsIs;
        this.followRedirects = followRedirects;
        this.count = count;
        this.duration = duration;
        this.runner = runner;
        this.explaining = explaining;
        this.concurrency = concurrency;
        this.rate = rate;
        this.spacing = spacing;
        this.thinkTime = thinkTime;
        this.client = client;
        this.gateway = gateway;
        this.clientAddress = clientAddress;
        this.method = method;
        this.headers = headers;
        this.perRequestHeaders = perRequestHeaders;
        this.resolve = resolve;
        this.url = url;
    }

    private static int checkedCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("send(" + count + "): send at least one request, for example send(1000)");
        }
        return count;
    }

    private static Duration checkedDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("send(" + duration + "): send for a positive duration, for example "
                    + "send(Duration.ofSeconds(10))");
        }
        return duration;
    }

    // Each option makes a copy through these, changing one part.

    private TrafficSpec<R> withLoad(int newConcurrency, double newRate, Spacing newSpacing, Duration newThinkTime) {
        return new TrafficSpec<>(count, duration, runner, explaining, newConcurrency, newRate, newSpacing, newThinkTime,
                client, gateway, clientAddress, method, headers, perRequestHeaders, resolve, url, recording, pathAsIs,
                followRedirects, tls, connections, schedule);
    }

    private TrafficSpec<R> withClient(String newClient, String newGateway, String newAddress) {
        return new TrafficSpec<>(count, duration, runner, explaining, concurrency, rate, spacing, thinkTime, newClient,
                newGateway, newAddress, method, headers, perRequestHeaders, resolve, url, recording, pathAsIs, followRedirects, tls, connections, schedule);
    }

    private TrafficSpec<R> withRequest(String newMethod, Map<String, String> newHeaders,
                                       IntFunction<Map<String, String>> newPerRequest, String newResolve, String newUrl) {
        return new TrafficSpec<>(count, duration, runner, explaining, concurrency, rate, spacing, thinkTime, client,
                gateway, clientAddress, newMethod, newHeaders, newPerRequest, newResolve, newUrl, recording, pathAsIs, followRedirects, tls, connections, schedule);
    }

    private void notWhenExplaining(String option) {
        if (explaining) {
            throw new IllegalArgumentException(option + ": explain() traces one request on its own, so it takes no load "
                    + "option; explain(n) sends n requests in that shape and explains the first that fails: "
                    + "mesh.explain(100).from(...)." + option + ".to(...)");
        }
    }

    private static String openLoopConflict(String closedLoopOption, double rate) {
        return closedLoopOption + " with rate(" + rate + "): a rate is an open loop, it starts requests whatever the "
                + "answers; choose one";
    }

    /**
     * Sends from {@code n} client loops at once, each sending its next request when its previous
     * one is answered (n terminals running a curl loop). The loops share the count.
     *
     * @param n the number of loops, at least 1
     * @return a new spec
     * @throws IllegalArgumentException for {@code n < 1}, more than one loop with a {@link #rate}, or on an explain spec
     */
    public TrafficSpec<R> concurrency(int n) {
        notWhenExplaining("concurrency(" + n + ")");
        if (n < 1) {
            throw new IllegalArgumentException("concurrency(" + n + "): at least one client loop");
        }
        if (n > 1 && rate > 0) {
            throw new IllegalArgumentException(openLoopConflict("concurrency(" + n + ")", rate));
        }
        return withLoad(n, rate, spacing, thinkTime);
    }

    /**
     * Starts {@code perSecond} requests per virtual second, exactly {@code 1/perSecond} apart (an open loop).
     *
     * @param perSecond requests per second, positive and finite
     * @return a new spec
     * @throws IllegalArgumentException as {@link #rate(double, Spacing)}
     */
    public TrafficSpec<R> rate(double perSecond) {
        return rate(perSecond, Spacing.FIXED);
    }

    /**
     * Starts {@code perSecond} requests per virtual second on average, spaced as {@code spacing} says.
     *
     * @param perSecond requests per second, positive and finite
     * @param spacing fixed or Poisson gaps
     * @return a new spec
     * @throws IllegalArgumentException for a rate that is not positive and finite, with
     *     {@link #concurrency} above 1 or a {@link #thinkTime}, or on an explain spec
     */
    public TrafficSpec<R> rate(double perSecond, Spacing spacing) {
        notWhenExplaining("rate(" + perSecond + ")");
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate(" + perSecond + "): a number of requests per second > 0");
        }
        if (concurrency > 1) {
            throw new IllegalArgumentException(openLoopConflict("concurrency(" + concurrency + ")", perSecond));
        }
        if (!thinkTime.isZero()) {
            throw new IllegalArgumentException(openLoopConflict("thinkTime(" + DurationFormat.of(thinkTime) + ")", perSecond));
        }
        return withLoad(concurrency, perSecond, Objects.requireNonNull(spacing, "spacing"), thinkTime);
    }

    /**
     * A closed loop's pause between an answer and its next request (0 by default).
     *
     * @param pause the pause, not negative
     * @return a new spec
     * @throws IllegalArgumentException for a negative pause, a pause with a {@link #rate}, or on an explain spec
     */
    public TrafficSpec<R> thinkTime(Duration pause) {
        Objects.requireNonNull(pause, "pause");
        notWhenExplaining("thinkTime(" + DurationFormat.of(pause) + ")");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("thinkTime(" + pause + ") is negative");
        }
        if (!pause.isZero() && rate > 0) {
            throw new IllegalArgumentException(openLoopConflict("thinkTime(" + DurationFormat.of(pause) + ")", rate));
        }
        return withLoad(concurrency, rate, spacing, pause);
    }

    private TrafficSpec<R> withSchedule(Schedule next) {
        return new TrafficSpec<>(count, duration, runner, explaining, concurrency, rate, spacing, thinkTime, client, gateway,
                clientAddress, method, headers, perRequestHeaders, resolve, url, recording, pathAsIs, followRedirects, tls,
                connections, next);
    }

    /**
     * Starts this client {@code delay} later on the virtual clock: on a
     * {@linkplain dev.meshtest.traffic.TimelineResult timeline} or with live traffic, after the
     * timeline's (or the live traffic's) start; for a plain {@code send}, after the mesh's present
     * time (the clock moves on first, as with {@code mesh.advance(delay)}).
     *
     * <pre>{@code
     * mesh.timeline()
     *     .send(Duration.ofSeconds(20)).from("nginx").named("terminal 1").to("helloworld-v2:5000/hello")
     *     .send(Duration.ofSeconds(10)).startingAt(Duration.ofSeconds(10)).from("nginx").named("terminal 2")
     *     .to("helloworld-v2:5000/hello")
     *     .run();
     * }</pre>
     *
     * @param delay how long after the start, not negative
     * @return a new spec
     * @throws IllegalArgumentException for a negative delay, or on an explain spec
     */
    public TrafficSpec<R> startingAt(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        notWhenExplaining("startingAt(" + DurationFormat.of(delay) + ")");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("startingAt(" + delay + ") is negative");
        }
        return withSchedule(new Schedule(delay, schedule.rampUp(), schedule.name()));
    }

    /**
     * Ramps the load up over {@code period}, as load tools do: a closed loop's
     * {@linkplain #concurrency(int) loops} start one after another, evenly spread over it (loop k
     * of n at {@code k * period / n}); an open loop's {@linkplain #rate(double) rate} rises
     * linearly from 0 to its value over it, then stays.
     *
     * <pre>{@code
     * mesh.send(Duration.ofSeconds(30)).from("fortio").concurrency(10).rampUp(Duration.ofSeconds(10)).to("httpbin:8000/get");
     * }</pre>
     *
     * @param period how long the ramp-up lasts, not negative (0: none)
     * @return a new spec
     * @throws IllegalArgumentException for a negative period, or on an explain spec
     */
    public TrafficSpec<R> rampUp(Duration period) {
        Objects.requireNonNull(period, "period");
        notWhenExplaining("rampUp(" + DurationFormat.of(period) + ")");
        if (period.isNegative()) {
            throw new IllegalArgumentException("rampUp(" + period + ") is negative");
        }
        return withSchedule(new Schedule(schedule.startAt(), period, schedule.name()));
    }

    /**
     * Names this client: a timeline's or live traffic's results are found by it
     * ({@code timeline.client("terminal 2")}), and a result's description starts with it.
     *
     * @param name the client's name, not blank
     * @return a new spec
     * @throws IllegalArgumentException for a blank name
     */
    public TrafficSpec<R> named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("named(\"" + name + "\"): a client's name is not blank");
        }
        return withSchedule(new Schedule(schedule.startAt(), schedule.rampUp(), name));
    }

    /** {@return how long after the start this client begins ({@link #startingAt})} */
    public Duration startAt() {
        return schedule.startAt();
    }

    /** {@return the ramp-up period ({@link #rampUp}), zero for none} */
    public Duration rampUpPeriod() {
        return schedule.rampUp();
    }

    /** {@return the client's name ({@link #named}), if it has one} */
    public java.util.Optional<String> name() {
        return java.util.Optional.ofNullable(schedule.name());
    }

    /**
     * Keeps every request in the result, however many: {@code outcomes()}, {@code startOf(i)},
     * {@code headersOf(i)} and {@code select(...)} then work beyond {@link TrafficResult#AGGREGATE_ABOVE}
     * requests, at about 24 bytes of heap per request.
     *
     * <pre>{@code TrafficResult r = mesh.send(2_000_000).from("nginx").keepEveryRequest().to("helloworld:5000/hello");}</pre>
     *
     * @return a new spec
     */
    public TrafficSpec<R> keepEveryRequest() {
        return withRecording(Recording.EVERY_REQUEST);
    }

    /**
     * Keeps the result aggregated whatever its size: counts per outcome, latency histograms and
     * per-second series, and a sample of individual requests (see {@link TrafficResult#sample()}),
     * in memory that does not grow with the number of requests. Every assertion gives the same
     * verdict as on a result that keeps every request.
     *
     * <pre>{@code TrafficResult r = mesh.send(100_000_000).from("nginx").aggregate().to("helloworld:5000/hello");}</pre>
     *
     * @return a new spec
     */
    public TrafficSpec<R> aggregate() {
        return withRecording(Recording.AGGREGATED);
    }

    /**
     * Sends the URL's path exactly as written, like {@code curl --path-as-is}. Without it the
     * client does what curl does: it removes {@code .} and {@code ..} segments from the path
     * before sending ({@code /x/../v1/hello} goes out as {@code /v1/hello}), so a test of how a
     * proxy normalizes such a path needs this (docs/routing.md, "Paths as Envoy sees them").
     *
     * <pre>{@code mesh.send(1).from("nginx").pathAsIs().to("helloworld:5000/x/../v1/hello");}</pre>
     *
     * @return a new spec
     */
    public TrafficSpec<R> pathAsIs() {
        return new TrafficSpec<>(count, duration, runner, explaining, concurrency, rate, spacing, thinkTime, client, gateway,
                clientAddress, method, headers, perRequestHeaders, resolve, url, recording, true, followRedirects, tls, connections, schedule);
    }

    /**
     * Follows redirects as {@code curl -L} does: an answer 301, 302, 303, 307 or 308 with a
     * {@code location} sends the next request there (resolved against the URL that answered),
     * from the same client, at most 50 times ({@code curl: (47) Maximum (50) redirects followed}).
     * After 301, 302 and 303 a {@code POST} becomes a {@code GET} (303: any method but
     * {@code HEAD}); {@code Authorization} and {@code Cookie} headers are not sent to another
     * host or port. Each outcome lists the redirects it followed ({@link Outcome#redirects()}) and
     * its latency covers the whole chain. A redirect to {@code https://} makes a TLS handshake with
     * the same {@link #cacert(String)}, {@link #insecure()} and {@link #cert(String, String)}.
     *
     * <pre>{@code mesh.send(10).from("nginx").followRedirects().to("helloworld:5000/old");}</pre>
     *
     * @return a new spec
     */
    public TrafficSpec<R> followRedirects() {
        return new TrafficSpec<>(count, duration, runner, explaining, concurrency, rate, spacing, thinkTime, client, gateway,
                clientAddress, method, headers, perRequestHeaders, resolve, url, recording, pathAsIs, true, tls, connections, schedule);
    }

    /**
     * Does not check the server's certificate, like {@code curl -k}: an {@code https} URL then
     * reaches whatever certificate the gateway serves, trusted or not, valid for the host or not.
     * Without it (and without {@link #cacert(String)}) the certificate must be trusted, and test
     * certificates are not: curl fails with {@code (60) SSL certificate problem}.
     *
     * <pre>{@code mesh.send(10).fromOutside().insecure().to("https://httpbin.example.com/status/418");}</pre>
     *
     * @return a new spec
     */
    public TrafficSpec<R> insecure() {
        return withTls(new Tls(true, tls.caCertificates(), tls.certificate(), tls.key()));
    }

    /**
     * Trusts a certificate, like {@code curl --cacert}: a server certificate it issued (or the
     * certificate itself: curl accepts a trusted leaf) passes curl's check; the name is checked
     * too. Called again, it trusts one more.
     *
     * <pre>{@code
     * String ca = Files.readString(Path.of("example_certs1/example.com.crt"));
     * mesh.send(10).fromOutside().cacert(ca).to("https://httpbin.example.com/status/418");
     * }</pre>
     *
     * @param pem the certificate, PEM ({@code -----BEGIN CERTIFICATE-----})
     * @return a new spec
     */
    public TrafficSpec<R> cacert(String pem) {
        checkPem("cacert", pem, "CERTIFICATE");
        List<String> more = new java.util.ArrayList<>(tls.caCertificates());
        more.add(pem);
        return withTls(new Tls(tls.insecure(), List.copyOf(more), tls.certificate(), tls.key()));
    }

    /**
     * Presents a client certificate when the server asks for one, like {@code curl --cert
     * --key}: what a gateway server with {@code tls.mode: MUTUAL} requires. The key is taken to
     * belong to the certificate (meshtest does not sign with it).
     *
     * <pre>{@code
     * mesh.send(10).fromOutside().cacert(ca).cert(clientCrt, clientKey).to("https://httpbin.example.com/status/418");
     * }</pre>
     *
     * @param certificatePem the client's certificate, PEM
     * @param keyPem its private key, PEM ({@code -----BEGIN PRIVATE KEY-----} or another key type)
     * @return a new spec
     */
    public TrafficSpec<R> cert(String certificatePem, String keyPem) {
        checkPem("cert", certificatePem, "CERTIFICATE");
        checkPem("cert", keyPem, "PRIVATE KEY");
        return withTls(new Tls(tls.insecure(), tls.caCertificates(), certificatePem, keyPem));
    }

    private static void checkPem(String option, String pem, String type) {
        if (pem == null || !pem.contains("-----BEGIN ") || !pem.contains(type + "-----")) {
            throw new IllegalArgumentException(option + "(...): give the " + (type.equals("CERTIFICATE") ? "certificate" : "key")
                    + " as PEM text (-----BEGIN " + type + "-----), for example Files.readString(Path.of(\"example.com.crt\"))");
        }
    }

    private TrafficSpec<R> withTls(Tls newTls) {
        return new TrafficSpec<>(count, duration, runner, explaining, concurrency, rate, spacing, thinkTime, client, gateway,
                clientAddress, method, headers, perRequestHeaders, resolve, url, recording, pathAsIs, followRedirects, newTls, connections, schedule);
    }

    /** {@return whether the server's certificate goes unchecked ({@link #insecure()})} */
    public boolean isInsecure() {
        return tls.insecure();
    }

    /** {@return the certificates trusted ({@link #cacert(String)}), PEM, in the order given} */
    public List<String> caCertificates() {
        return tls.caCertificates();
    }

    /** {@return the client certificate presented ({@link #cert(String, String)}), PEM, or {@code null}} */
    public String clientCertificate() {
        return tls.certificate();
    }

    /** {@return whether redirects are followed ({@link #followRedirects()})} */
    public boolean followsRedirects() {
        return followRedirects;
    }

    /** {@return whether the path is sent as written ({@link #pathAsIs()}) rather than with its dot segments removed} */
    public boolean sendsPathAsIs() {
        return pathAsIs;
    }

    private TrafficSpec<R> withRecording(Recording newRecording) {
        notWhenExplaining(newRecording == Recording.AGGREGATED ? "aggregate()" : "keepEveryRequest()");
        return new TrafficSpec<>(count, duration, runner, explaining, concurrency, rate, spacing, thinkTime, client, gateway,
                clientAddress, method, headers, perRequestHeaders, resolve, url, newRecording, pathAsIs, followRedirects, tls, connections, schedule);
    }

    /**
     * Sends from a pod or workload: {@code "nginx"} (namespace {@code default}) or {@code "shop/sleep"}.
     * A workload with several pods sends from its first pod.
     *
     * @param client the pod or workload
     * @return a new spec
     * @throws IllegalArgumentException if the spec already sends {@link #fromOutside()}
     */
    public TrafficSpec<R> from(String client) {
        Objects.requireNonNull(client, "client");
        if (gateway != null) {
            throw new IllegalArgumentException(bothOrigins(client, gateway));
        }
        return withClient(client, null, null);
    }

    /**
     * Sends from outside the cluster through the {@code istio-ingressgateway}, like curl to {@code $INGRESS_HOST}.
     *
     * @return a new spec
     * @throws IllegalArgumentException if the spec already sends {@link #from} a pod
     */
    public TrafficSpec<R> fromOutside() {
        return fromOutside("istio-system/istio-ingressgateway");
    }

    /**
     * Sends from outside the cluster through a named gateway workload ({@code ns/name} or {@code name} in istio-system).
     *
     * @param gatewayWorkload the gateway's workload
     * @return a new spec
     * @throws IllegalArgumentException if the spec already sends {@link #from} a pod
     */
    public TrafficSpec<R> fromOutside(String gatewayWorkload) {
        Objects.requireNonNull(gatewayWorkload, "gatewayWorkload");
        if (client != null) {
            throw new IllegalArgumentException(bothOrigins(client, gatewayWorkload));
        }
        return withClient(null, gatewayWorkload, clientAddress);
    }

    /**
     * The address of the client outside the cluster when none is given: the machine that runs the
     * tests, on the docker network of a kind cluster ({@value}); the cluster's one node is
     * {@code 172.18.0.2}.
     */
    public static final String OUTSIDE_CLIENT_ADDRESS = "172.18.0.1";

    /**
     * Sends from outside the cluster from this address, for AuthorizationPolicies that look at it
     * ({@code ipBlocks}, {@code remoteIpBlocks}). What the gateway sees of it depends on its
     * Service: with {@code externalTrafficPolicy: Local} the address itself, with {@code Cluster}
     * (the default) the node's, as kube-proxy SNATs the connection; a header
     * {@code X-Forwarded-For} carries addresses that load balancers in front of the gateway saw,
     * which the gateway trusts as far as its {@code numTrustedProxies} says (docs/security.md).
     *
     * <pre>{@code
     * mesh.send(10).fromOutside().clientAddress("203.0.113.7").to("http://httpbin.example.com/headers");
     * }</pre>
     *
     * @param ip an IPv4 or IPv6 address; {@value #OUTSIDE_CLIENT_ADDRESS} when not given
     * @return a new spec
     * @throws IllegalArgumentException when the spec sends {@link #from} a pod or has no {@link #fromOutside()}
     *                                  yet, or {@code ip} is not an address
     */
    public TrafficSpec<R> clientAddress(String ip) {
        Objects.requireNonNull(ip, "ip");
        if (gateway == null) {
            throw new IllegalArgumentException("clientAddress(\"" + ip + "\"): only a client outside the cluster chooses "
                    + "its address (a pod sends from its pod IP); write fromOutside().clientAddress(\"" + ip + "\")");
        }
        if (!ipLiteral(ip)) {
            throw new IllegalArgumentException("clientAddress(\"" + ip + "\"): not an IPv4 or IPv6 address");
        }
        return withClient(null, gateway, ip);
    }

    private static boolean ipLiteral(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;   // only the characters of an address: InetAddress then makes no lookup
        }
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }
        try {
            java.net.InetAddress.getByName(s);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String bothOrigins(String client, String gateway) {
        String outside = gateway.equals("istio-system/istio-ingressgateway") ? "fromOutside()"
                : "fromOutside(\"" + gateway + "\")";
        return "from(\"" + client + "\") with " + outside + ": a request starts either at a pod or outside the cluster; "
                + "choose one";
    }

    /**
     * Adds a header to every request ({@code curl -H}); {@code Host} overrides the host taken from
     * the URL; a second header of the same name replaces the first.
     *
     * @param name the header's name
     * @param value its value
     * @return a new spec
     */
    public TrafficSpec<R> header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return withRequest(method, Collections.unmodifiableMap(more), perRequestHeaders, resolve, url);
    }

    /**
     * Sends a bearer token with every request ({@code curl -H "Authorization: Bearer <token>"}):
     * the default place where a RequestAuthentication's proxy looks for a JWT.
     *
     * <pre>{@code
     * String token = JwtIssuer.named("testing@secure.istio.io").token("alice");
     * mesh.send(10).from("sleep").bearer(token).to("http://httpbin:8000/headers");
     * }</pre>
     *
     * @param token the token, as {@link JwtIssuer} or any issuer mints it
     * @return a new spec
     */
    public TrafficSpec<R> bearer(String token) {
        return header("authorization", "Bearer " + Objects.requireNonNull(token, "token"));
    }

    /**
     * Headers that depend on the request's index (0-based), added after {@link #header} ones.
     * Several such functions all apply, in call order; a later one wins on a name both set.
     *
     * @param perRequest the headers of request {@code i}
     * @return a new spec
     */
    public TrafficSpec<R> headers(IntFunction<Map<String, String>> perRequest) {
        Objects.requireNonNull(perRequest, "perRequest");
        IntFunction<Map<String, String>> earlier = perRequestHeaders;
        IntFunction<Map<String, String>> combined = earlier == null ? perRequest : i -> {
            Map<String, String> all = new LinkedHashMap<>(earlier.apply(i));
            all.putAll(perRequest.apply(i));
            return all;
        };
        return withRequest(method, headers, combined, resolve, url);
    }

    /**
     * Adds a cookie, as {@code curl -b name=value}; several are joined into one {@code cookie}
     * header: {@code a=1; b=2}.
     *
     * @param name the cookie's name
     * @param value its value
     * @return a new spec
     */
    public TrafficSpec<R> cookie(String name, String value) {
        String c = Objects.requireNonNull(name, "name") + "=" + Objects.requireNonNull(value, "value");
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.merge("cookie", c, (a, b) -> a + "; " + b);
        return withRequest(method, Collections.unmodifiableMap(more), perRequestHeaders, resolve, url);
    }

    /**
     * The HTTP method ({@code GET} by default).
     *
     * @param method the method, for example {@code "POST"}
     * @return a new spec
     */
    public TrafficSpec<R> method(String method) {
        return withRequest(Objects.requireNonNull(method, "method"), headers, perRequestHeaders, resolve, url);
    }

    /**
     * Dials this IP instead of resolving the URL's host, as {@code curl --resolve}.
     *
     * @param address the IP to dial
     * @return a new spec
     */
    public TrafficSpec<R> resolve(String address) {
        return withRequest(method, headers, perRequestHeaders, Objects.requireNonNull(address, "address"), url);
    }

    /**
     * Sends the requests to a URL and returns what happened: {@code "helloworld:5000/hello"},
     * {@code "http://helloworld.default:5000/hello"}, {@code "istio-ingressgateway.istio-system/hello"}.
     * For {@code send(n)} the answer is a {@link TrafficResult}; for {@code explain()}, an explanation.
     * The spec itself is unchanged and may be sent again.
     *
     * @param url the URL, as curl takes it
     * @return what happened
     */
    public R to(String url) {
        Objects.requireNonNull(url, "url");
        return runner.run(withRequest(method, headers, perRequestHeaders, resolve, url));
    }

    /** {@return the number of requests, or 0 when a {@link #duration()} decides} */
    public int count() {
        return count;
    }

    /** {@return how long to keep sending, or {@code null} when a {@link #count()} decides} */
    public Duration duration() {
        return duration;
    }

    /** {@return the number of client loops (1: sequential)} */
    public int concurrency() {
        return concurrency;
    }

    /** {@return open-loop requests per second, or 0 for a closed loop} */
    public double rate() {
        return rate;
    }

    /** {@return how open-loop request starts are spaced} */
    public Spacing spacing() {
        return spacing;
    }

    /** {@return a closed loop's pause between an answer and its next request} */
    public Duration thinkTime() {
        return thinkTime;
    }

    /** {@return the client ({@code from}), or {@code null} when sent from outside or not set} */
    public String client() {
        return client;
    }

    /** {@return whether the requests come from outside the cluster} */
    public boolean fromOutsideCluster() {
        return gateway != null;
    }

    /** {@return the gateway workload requests from outside enter at, or {@code null}} */
    public String gateway() {
        return gateway;
    }

    /** {@return the address of the client outside the cluster: {@link #OUTSIDE_CLIENT_ADDRESS} unless {@link #clientAddress(String)} set one} */
    public String clientAddress() {
        return clientAddress == null ? OUTSIDE_CLIENT_ADDRESS : clientAddress;
    }

    /** {@return the HTTP method} */
    public String method() {
        return method;
    }

    /** {@return the headers of every request, in insertion order} */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@return the per-request headers, or {@code null}} */
    public IntFunction<Map<String, String>> perRequestHeaders() {
        return perRequestHeaders;
    }

    /** {@return the pinned address, or {@code null}} */
    public String resolveAddress() {
        return resolve;
    }

    /** {@return what the result keeps of its requests} */
    public Recording recording() {
        return recording;
    }

    /** {@return the URL, or {@code null} before {@link #to}} */
    public String url() {
        return url;
    }
}
