package dev.meshtest.assertj;

import static dev.meshtest.assertj.Messages.breakdown;
import static dev.meshtest.assertj.Messages.duration;
import static dev.meshtest.assertj.Messages.num;
import static dev.meshtest.assertj.Messages.percent;
import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.traffic.EnvoyBody;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ReceivedRequest;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ShouldNotBeNull;

/**
 * Assertions on where the requests of a {@link TrafficResult} went and how they ended. Get one from
 * {@link MeshAssertions#assertThat(TrafficResult)}.
 *
 * <pre>{@code
 * import static dev.meshtest.assertj.MeshAssertions.*;
 *
 * TrafficResult result = mesh.send(1000).from("nginx").to("helloworld:5000/hello");
 * assertThat(result).allSucceeded();
 * assertThat(result).reached("helloworld-v1").withShare(0.2);          // 99.9% Wilson interval
 * assertThat(result).reached(version("v2")).within(0.05).withShare(0.8); // explicit tolerance
 * assertThat(result).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80));
 * assertThat(result).never("helloworld-v3");
 * assertThat(burst).hasStatus(503).withFlag(UPSTREAM_OVERFLOW);
 * assertThat(users).requestsWithHeader("end-user", "jason").allReached(subset("reviews", "v2"));
 * assertThat(result).latency().percentile(99).isLessThan(ofMillis(150));
 * assertThat(timedOut).hasTimeouts();
 * assertThat(run).before(ofSeconds(5)).allSucceeded();
 * assertThat(run).after(ofSeconds(5)).hasOverflowErrors();
 * }</pre>
 *
 * <p>A plain string names a workload; {@link MeshAssertions#workload(String)},
 * {@link MeshAssertions#pod(String) pod}, {@link MeshAssertions#version(String) version},
 * {@link MeshAssertions#service(String) service} and {@link MeshAssertions#subset(String, String) subset}
 * name destinations other ways. Every assertion needs at least one request: an empty result (say, a
 * header filter that matched nothing) fails it rather than passing by default.
 *
 * <p>A failure says what was expected, what was seen, the sample size, the interval or p-value when
 * statistics decided, the seed, and where the traffic went:
 *
 * <pre>
 * Expecting workload helloworld-v1 to receive a share of 0.5 of the requests
 * but it received 0.174 (174 of 1000 requests),
 * and 0.5 lies outside [0.138, 0.217], the 99.9% Wilson score interval of the observed share.
 * Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
 *   helloworld-v2  200  -  826  82.6%
 *   helloworld-v1  200  -  174  17.4%
 * </pre>
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = STABLE, since = "0.1")
public class TrafficResultAssert extends AbstractAssert<TrafficResultAssert, TrafficResult> {

    /** The body Envoy answers with when a circuit breaker (connection pool limit) trips. */
    public static final String OVERFLOW_BODY = EnvoyBody.OVERFLOW;

    /** The body of Envoy's 504 {@code UT} when a route timeout (or the last per-try timeout) expires. */
    public static final String TIMEOUT_BODY = EnvoyBody.UPSTREAM_TIMEOUT;

    /** The body of a fault injection abort ({@code FI}), whatever its status. */
    public static final String FAULT_ABORT_BODY = EnvoyBody.FAULT_ABORT;

    /** The body of Envoy's 503 {@code UH}: no host of the cluster can take the request (all ejected, none ready). */
    public static final String NO_HEALTHY_UPSTREAM_BODY = EnvoyBody.NO_HEALTHY_UPSTREAM;

    /** The significance level of {@link #matchesWeights(Map)}. */
    public static final double DEFAULT_ALPHA = 0.001;

    /** Makes the follow-up assertions; {@link MeshSoftAssertions} replaces it with soft proxies. */
    Spawn spawn = Spawn.HARD;

    /**
     * Prefer {@link MeshAssertions#assertThat(TrafficResult)}.
     *
     * @param actual the traffic to check
     */
    public TrafficResultAssert(TrafficResult actual) {
        super(actual, TrafficResultAssert.class);
    }

    // ---------------------------------------------------------------- how requests ended

    /**
     * Every request got a 2xx response.
     *
     * <pre>{@code assertThat(result).allSucceeded();}</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert allSucceeded() {
        String expecting = "Expecting all requests to succeed (status 2xx)";
        requireRequests(expecting);
        Counted failed = select(o -> !o.succeeded());
        if (!failed.isEmpty()) {
            fail(expecting + "\nbut " + someOfAll(failed.size()) + " did not: " + breakdown(failed, Messages::response) + "."
                    + Messages.firstFailureExplained(actual));
        }
        return myself;
    }

    /**
     * At least one request got {@code status} (0: no HTTP response); the returned assertion checks
     * those responses further.
     *
     * <pre>{@code assertThat(burst).hasStatus(503).withFlag(UPSTREAM_OVERFLOW).withBody(TrafficResultAssert.OVERFLOW_BODY);}</pre>
     *
     * @param status the HTTP status
     * @return an assertion on the responses with that status
     */
    public StatusAssert hasStatus(int status) {
        String expecting = "Expecting some responses with status " + status;
        Responses responses = Responses.of(requestsOrReport(expecting), status);
        if (actual != null && actual.size() > 0 && responses.count() == 0) {
            spawn.report(failureWithSummary(expecting + "\nbut none of " + actual.size() + " had it: "
                    + breakdown(all(), Messages::status) + "."));
        }
        return Messages.inherit(spawn.status(responses), this);
    }

    /**
     * Every request got {@code status} (0: no HTTP response); the returned assertion checks those
     * responses further.
     *
     * <pre>{@code assertThat(unrouted).allHaveStatus(404).withFlag(NO_ROUTE_FOUND);}</pre>
     *
     * @param status the HTTP status
     * @return an assertion on the responses, all with that status
     */
    public StatusAssert allHaveStatus(int status) {
        String expecting = "Expecting every response to have status " + status;
        Responses responses = Responses.of(requestsOrReport(expecting), status);
        if (actual != null && actual.size() > 0 && responses.count() < actual.size()) {
            spawn.report(failureWithSummary(expecting + "\nbut " + (actual.size() - responses.count()) + " of " + actual.size()
                    + " did not: " + breakdown(all().where(o -> o.status() != status), Messages::status) + "."));
        }
        return Messages.inherit(spawn.status(responses), this);
    }

    /**
     * At least one request failed with Envoy's overflow error, as when a DestinationRule's connection
     * pool is full: status 503, response flag {@code UO}, body {@value #OVERFLOW_BODY}.
     *
     * <pre>{@code
     * // burst: more concurrent requests than the DestinationRule's connectionPool allows
     * assertThat(burst).hasOverflowErrors();
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasOverflowErrors() {
        return hasEnvoyErrors("Envoy's overflow error (status 503, flag UO, body " + Messages.quote(OVERFLOW_BODY) + ")",
                o -> o.status() == 503 && o.has(ResponseFlag.UPSTREAM_OVERFLOW) && o.body().equals(OVERFLOW_BODY));
    }

    /**
     * At least one request failed with Envoy's "no route" error: status 404, response flag {@code NR}
     * (no route matched, or no virtual host for the Host header). Mind the reading: "has
     * no-route errors", not "has no errors".
     *
     * <pre>{@code
     * // the VirtualService routes only uri prefix /hello
     * assertThat(mesh.send(10).from("nginx").to("helloworld:5000/other")).hasNoRouteErrors();
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasNoRouteErrors() {
        return hasEnvoyErrors("Envoy's \"no route\" error (status 404, flag NR)", o -> o.status() == 404 && o.has(ResponseFlag.NO_ROUTE_FOUND));
    }

    private TrafficResultAssert hasEnvoyErrors(String error, Predicate<Outcome> isError) {
        String expecting = "Expecting some requests to fail with " + error;
        requireRequests(expecting);
        if (select(isError).isEmpty()) {
            Counted failed = select(o -> !o.succeeded());
            fail(expecting + "\nbut none of " + actual.size() + " did; "
                    + (failed.isEmpty() ? "all succeeded." : "the failures were: " + breakdown(failed, Messages::response) + "."));
        }
        return myself;
    }

    // ---------------------------------------------------------------- resilience: timeouts, retries, faults

    /**
     * At least one request timed out in Envoy: status 504, response flag {@code UT} (alone or with
     * others, as {@code UT,URX} after per-try timeouts), body {@value #TIMEOUT_BODY}. A route
     * {@code timeout} covers all attempts and backoffs; the app's own call timeouts are not Envoy's.
     *
     * <pre>{@code
     * // VirtualService: timeout: 50ms, app: 100 ms
     * assertThat(mesh.send(10).from("nginx").to("helloworld-v1:5000/hello")).hasTimeouts();
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasTimeouts() {
        return hasEnvoyErrors("Envoy's timeout (status 504, flag UT, body " + Messages.quote(TIMEOUT_BODY) + ")",
                o -> o.status() == 504 && o.has(ResponseFlag.UPSTREAM_REQUEST_TIMEOUT) && o.body().equals(TIMEOUT_BODY));
    }

    /**
     * No request timed out in Envoy: none carries response flag {@code UT}.
     *
     * <pre>{@code assertThat(result).hasNoTimeouts();}</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasNoTimeouts() {
        return hasNoEnvoyErrors("Envoy's timeout (flag UT)", o -> o.has(ResponseFlag.UPSTREAM_REQUEST_TIMEOUT));
    }

    /**
     * At least one request was aborted by fault injection: response flag {@code FI}, body
     * {@value #FAULT_ABORT_BODY}, any status. Aborts happen before the router: never retried, no
     * upstream attempt.
     *
     * <pre>{@code
     * // VirtualService: fault: {abort: {httpStatus: 418, percentage: {value: 10}}}
     * assertThat(result).hasFaultAborts();
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasFaultAborts() {
        return hasEnvoyErrors("a fault injection abort (flag FI, body " + Messages.quote(FAULT_ABORT_BODY) + ")", TrafficResultAssert::isFaultAbort);
    }

    /**
     * At least one request was aborted by fault injection with {@code status}: response flag
     * {@code FI}, body {@value #FAULT_ABORT_BODY}.
     *
     * <pre>{@code assertThat(result).hasFaultAborts(418);}</pre>
     *
     * @param status the HTTP status
     * @return this assertion
     */
    public TrafficResultAssert hasFaultAborts(int status) {
        return hasEnvoyErrors("a fault injection abort (status " + status + ", flag FI, body " + Messages.quote(FAULT_ABORT_BODY) + ")",
                o -> o.status() == status && isFaultAbort(o));
    }

    private static boolean isFaultAbort(Outcome o) {
        return o.has(ResponseFlag.FAULT_INJECTED) && o.body().equals(FAULT_ABORT_BODY);
    }

    /**
     * At least one request was delayed by fault injection: response flag {@code DI} (the request
     * goes on after the delay, so it may well succeed).
     *
     * <pre>{@code
     * // VirtualService: fault: {delay: {fixedDelay: 2s, percentage: {value: 100}}}
     * assertThat(result).hasFaultDelays();
     * assertThat(result).latency().median().isGreaterThanOrEqualTo(ofSeconds(2));
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasFaultDelays() {
        String expecting = "Expecting some requests to be delayed by fault injection (flag DI)";
        requireRequests(expecting);
        if (select(o -> o.has(ResponseFlag.DELAY_INJECTED)).isEmpty()) {
            fail(expecting + "\nbut none of " + actual.size() + " were: " + breakdown(all(), Messages::status) + ".");
        }
        return myself;
    }

    /**
     * At least one request was retried: its client's proxy made more than one upstream attempt
     * ({@link TrafficResult#attemptsOf(int)} &gt; 1), whatever the end. Istio's default policy
     * retries only connection failures and resets, not an app's 503.
     *
     * <pre>{@code
     * // VirtualService: retries: {attempts: 3, retryOn: 5xx}, app failing half the time
     * assertThat(result).wasRetried().allSucceeded();
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert wasRetried() {
        String expecting = "Expecting some requests to be retried (more than one upstream attempt)";
        requireRequests(expecting);
        boolean retried = actual.countByAttempts().keySet().stream().anyMatch(a -> a > 1);
        if (!retried) {
            StringBuilder attempts = new StringBuilder();
            actual.countByAttempts().forEach((a, n) -> attempts.append(attempts.length() == 0 ? "" : ", ").append(n).append(" x ").append(a));
            fail(expecting + "\nbut none of " + actual.size() + " were; attempts per request: " + attempts + ".");
        }
        return myself;
    }

    /**
     * At least one request ran out of retries: response flag {@code URX} (the last attempt's
     * response, or 504 {@code UT} / 503 {@code UF} after a reset, with {@code URX} added).
     *
     * <pre>{@code
     * // VirtualService: retries: {attempts: 2, retryOn: 5xx}, app always 503
     * assertThat(result).hasRetriesExhausted().hasStatus(503).withFlag(UPSTREAM_RETRY_LIMIT_EXCEEDED);
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasRetriesExhausted() {
        return hasEnvoyErrors("their retries exhausted (flag URX)", o -> o.has(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED));
    }

    /**
     * No request overflowed a circuit breaker: none carries response flag {@code UO} (Envoy's
     * overflow, the server sidecar's inbound overflow, or {@code maxRetries} reached). Stricter than
     * the opposite of {@link #hasOverflowErrors()}, which also wants the overflow body.
     *
     * <pre>{@code
     * // one client loop never exceeds http2MaxRequests: 1
     * assertThat(mesh.send(200).from("nginx").concurrency(1).to("helloworld-v1:5000/hello")).hasNoOverflowErrors();
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasNoOverflowErrors() {
        return hasNoEnvoyErrors("Envoy's overflow error (flag UO)", o -> o.has(ResponseFlag.UPSTREAM_OVERFLOW));
    }

    /**
     * At least one request failed with Envoy's 503 {@code UH}, body {@value #NO_HEALTHY_UPSTREAM_BODY}:
     * every host of the cluster was ejected by outlier detection (or none was ready). Mind the
     * reading: "has no-healthy-upstream errors", like {@link #hasNoRouteErrors()}.
     *
     * <pre>{@code
     * // DestinationRule: outlierDetection {consecutive5xxErrors: 2, maxEjectionPercent: 100}, app always 500
     * assertThat(mesh.send(4).from("nginx").to("helloworld-v1:5000/hello")).hasNoHealthyUpstream();
     * }</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert hasNoHealthyUpstream() {
        return hasEnvoyErrors("Envoy's \"no healthy upstream\" error (status 503, flag UH, body " + Messages.quote(NO_HEALTHY_UPSTREAM_BODY) + ")",
                o -> o.status() == 503 && o.has(ResponseFlag.NO_HEALTHY_UPSTREAM) && o.body().equals(NO_HEALTHY_UPSTREAM_BODY));
    }

    private TrafficResultAssert hasNoEnvoyErrors(String error, Predicate<Outcome> isError) {
        String expecting = "Expecting no request to fail with " + error;
        requireRequests(expecting);
        Counted errors = select(isError);
        if (!errors.isEmpty()) {
            Duration firstStart = actual.where(isError, "those").firstStartAt().orElseThrow();
            fail(expecting + "\nbut " + someOfAll(errors.size()) + " did: " + breakdown(errors, Messages::response)
                    + ";\nthe first of them started at " + duration(firstStart) + " since the send began.");
        }
        return myself;
    }

    // ---------------------------------------------------------------- time

    /**
     * Assertions on the requests' latencies: pick a figure ({@code percentile(p)}, {@code median()},
     * {@code mean()}, {@code max()}) and compare it as a {@code Duration}.
     *
     * <pre>{@code
     * assertThat(result).latency().percentile(99).isLessThan(ofMillis(150));
     * assertThat(result).latency().max().isLessThanOrEqualTo(ofMillis(50));
     * }</pre>
     *
     * @return an assertion on the latencies
     */
    public LatencyAssert latency() {
        TrafficResult r = actual;
        if (r == null) {
            spawn.report(assertionError(ShouldNotBeNull.shouldNotBeNull()));
            r = nullStandIn();
        }
        LatencyAssert next = Messages.inherit(spawn.latency(r), this);
        next.spawn = spawn;
        return next;
    }

    /**
     * Narrows the assertions to the requests that started before {@code t}, counted from the start
     * of the send (not the mesh's clock: a send that begins at {@code mesh.now()} = 30 s still has its
     * first request at 0). Together with {@link #after(Duration)} it splits the result in two, so
     * "no errors before 5 s, overflows after" reads:
     *
     * <pre>{@code
     * assertThat(r).before(ofSeconds(5)).allSucceeded();
     * assertThat(r).after(ofSeconds(5)).hasOverflowErrors();
     * }</pre>
     *
     * <p>Requests are chosen by when they <em>started</em>, as {@link TrafficResult#between(Duration, Duration)}
     * and {@link TrafficResult#countByStatusPerSecond()} do: a request sent at 4.9 s that timed out at
     * 5.4 s is "before 5 s". The new result keeps send order, the seed, and the times since the send
     * began (so windows nest), and its description names the window; an empty window fails the
     * assertions that follow.
     *
     * @throws IllegalArgumentException if {@code t} is negative
     *
     * @param t a virtual time, since the start of the send
     * @return an assertion on the requests that started before {@code t}
     */
    public TrafficResultAssert before(Duration t) {
        Objects.requireNonNull(t, "t");
        requireNotNegative(t, "t");
        return window(Duration.ZERO, t, "started before " + duration(t));
    }

    /**
     * Narrows the assertions to the requests that started at or after {@code t}, counted from the
     * start of the send; see {@link #before(Duration)}.
     *
     * <pre>{@code assertThat(r).after(ofSeconds(5)).hasOverflowErrors();}</pre>
     *
     * @throws IllegalArgumentException if {@code t} is negative
     *
     * @param t a virtual time, since the start of the send
     * @return an assertion on the requests that started at {@code t} or later
     */
    public TrafficResultAssert after(Duration t) {
        Objects.requireNonNull(t, "t");
        requireNotNegative(t, "t");
        return window(t, Duration.ofNanos(Long.MAX_VALUE), "started at or after " + duration(t));
    }

    /**
     * Narrows the assertions to the requests that started in {@code [from, to)}, counted from the
     * start of the send, exactly as {@link TrafficResult#between(Duration, Duration)}; see
     * {@link #before(Duration)}.
     *
     * <pre>{@code assertThat(r).between(ofSeconds(2), ofSeconds(5)).hasNoOverflowErrors();}</pre>
     *
     * @throws IllegalArgumentException if {@code from} is negative or {@code to} is before {@code from}
     *
     * @param from the window's start, inclusive, since the start of the send
     * @param to the window's end, exclusive
     * @return an assertion on the requests that started in the window
     */
    public TrafficResultAssert between(Duration from, Duration to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        requireNotNegative(from, "from");
        if (to.compareTo(from) < 0) {
            throw new IllegalArgumentException("the window ends (" + duration(to) + ") before it starts (" + duration(from) + ")");
        }
        return window(from, to, "started in [" + duration(from) + ", " + duration(to) + ")");
    }

    private TrafficResultAssert window(Duration from, Duration to, String which) {
        TrafficResult whole = actual;
        if (whole == null) {
            spawn.report(assertionError(ShouldNotBeNull.shouldNotBeNull()));
            whole = nullStandIn();
        }
        TrafficResult windowed = whole.between(from, to, "those " + which);
        TrafficResultAssert next = Messages.inherit(spawn.traffic(windowed), this);
        next.spawn = spawn;
        return next;
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " counts from the start of the send and must not be negative, was " + duration(d));
        }
    }

    // ---------------------------------------------------------------- where requests went

    /**
     * At least one request reached the workload; the returned assertion checks how many. See {@link #reached(Destination)}.
     *
     * @param workload the workload: a Deployment's name, or a bare pod's
     * @return an assertion on the share of requests that reached it
     */
    public ShareAssert reached(String workload) {
        return reached(Destination.workload(workload));
    }

    /**
     * At least one request reached {@code destination}; the returned assertion checks how many.
     *
     * <pre>{@code
     * assertThat(result).reached("helloworld-v1").withShare(0.2);
     * assertThat(result).reached(version("v2")).atLeast(700);
     * }</pre>
     *
     * @param destination where requests went: {@code workload(..)}, {@code pod(..)}, {@code version(..)}, {@code service(..)} or {@code subset(..)}
     * @return an assertion on the share of requests that reached it
     */
    public ShareAssert reached(Destination destination) {
        Objects.requireNonNull(destination, "destination");
        String expecting = "Expecting some requests to reach " + destination;
        Share share = Share.of(requestsOrReport(expecting), destination);
        if (actual != null && actual.size() > 0 && share.count() == 0) {
            spawn.report(failureWithSummary(expecting + "\nbut none of " + actual.size() + " did."
                    + destination.hint(actual.outcomeCounts().keySet())));
        }
        return Messages.inherit(spawn.share(share), this);
    }

    /**
     * Every request reached the workload. See {@link #allReached(Destination)}.
     *
     * @param workload the workload: a Deployment's name, or a bare pod's
     * @return this assertion
     */
    public TrafficResultAssert allReached(String workload) {
        return allReached(Destination.workload(workload));
    }

    /**
     * Every request reached {@code destination}.
     *
     * <pre>{@code assertThat(jason).allReached(subset("reviews", "v2"));}</pre>
     *
     * @param destination where requests went: {@code workload(..)}, {@code pod(..)}, {@code version(..)}, {@code service(..)} or {@code subset(..)}
     * @return this assertion
     */
    public TrafficResultAssert allReached(Destination destination) {
        Objects.requireNonNull(destination, "destination");
        String expecting = "Expecting all requests to reach " + destination;
        requireRequests(expecting);
        Counted elsewhere = select(o -> !destination.matches(o));
        if (!elsewhere.isEmpty()) {
            fail(expecting + "\nbut " + someOfAll(elsewhere.size()) + " went elsewhere: "
                    + breakdown(elsewhere, Messages::whereAndStatus) + "."
                    + (elsewhere.size() == actual.size() ? destination.hint(actual.outcomeCounts().keySet()) : ""));
        }
        return myself;
    }

    // ---------------------------------------------------------------- headers and what the app received

    /**
     * Every response carried the header with this value: Envoy's {@code location} of a redirect, a
     * VirtualService's {@code headers.response} edit, {@code server}, ... Names are case-insensitive.
     *
     * <pre>{@code
     * assertThat(result).hasResponseHeader("location", "https://helloworld:5000/hello");
     * assertThat(result).hasResponseHeader("x-served-by", "v2");   // headers.response.set
     * }</pre>
     *
     * @param name the header name
     * @param value its value
     * @return this assertion
     * @throws IllegalArgumentException for a header meshtest does not simulate ({@code date}, ...)
     */
    public TrafficResultAssert hasResponseHeader(String name, String value) {
        Objects.requireNonNull(value, "value");
        String n = simulatedResponseHeader(name);
        String expecting = "Expecting every response to carry header " + n + ": " + value;
        requireRequests(expecting);
        Counted other = select(o -> !o.responseHeader(n).filter(value::equals).isPresent());
        if (!other.isEmpty()) {
            fail(expecting + "\nbut " + someOfAll(other.size()) + " did not: "
                    + breakdown(other, o -> n + ": " + o.responseHeader(n).orElse("(none)") + " on " + Messages.whereAndStatus(o)) + ".");
        }
        return myself;
    }

    /**
     * No response carried the header: a {@code headers.response.remove} took it away, or nothing set it.
     *
     * <pre>{@code assertThat(result).hasNoResponseHeader("x-debug");}</pre>
     *
     * @param name the header name
     * @return this assertion
     * @throws IllegalArgumentException for a header meshtest does not simulate
     */
    public TrafficResultAssert hasNoResponseHeader(String name) {
        String n = simulatedResponseHeader(name);
        String expecting = "Expecting no response to carry header " + n;
        requireRequests(expecting);
        Counted with = select(o -> o.responseHeader(n).isPresent());
        if (!with.isEmpty()) {
            fail(expecting + "\nbut " + someOfAll(with.size()) + " did: "
                    + breakdown(with, o -> n + ": " + o.responseHeader(n).orElseThrow()) + ".");
        }
        return myself;
    }

    /**
     * Every request reached an app, and the app received this {@code :path} (query included): the
     * path after a VirtualService's {@code rewrite}.
     *
     * <pre>{@code assertThat(result).receivedPath("/v2/hello");}</pre>
     *
     * @param path the path the apps received
     * @return this assertion
     */
    public TrafficResultAssert receivedPath(String path) {
        Objects.requireNonNull(path, "path");
        return allReceived("the path " + path, r -> r.path().equals(path), ReceivedRequest::path);
    }

    /**
     * Every request reached an app, and the app received this {@code :authority} (Host header): the
     * authority after a {@code rewrite.authority} or a {@code host} header edit.
     *
     * <pre>{@code assertThat(result).receivedAuthority("reviews.prod.svc.cluster.local");}</pre>
     *
     * @param authority the authority the apps received
     * @return this assertion
     */
    public TrafficResultAssert receivedAuthority(String authority) {
        Objects.requireNonNull(authority, "authority");
        return allReceived("the authority " + authority, r -> r.authority().equals(authority), ReceivedRequest::authority);
    }

    /**
     * Every request reached an app, and the app received the header with this value: a
     * {@code headers.request} edit, a header the client sent, {@code x-envoy-attempt-count}.
     *
     * <pre>{@code
     * assertThat(result).receivedHeader("x-canary", "true");
     * assertThat(result).receivedHeader("x-envoy-attempt-count", "3");   // the third attempt answered
     * }</pre>
     *
     * @param name the header name
     * @param value its value
     * @return this assertion
     * @throws IllegalArgumentException for a header meshtest does not simulate ({@code x-request-id}, ...)
     */
    public TrafficResultAssert receivedHeader(String name, String value) {
        Objects.requireNonNull(value, "value");
        String n = simulatedRequestHeader(name);
        return allReceived("header " + n + ": " + value, r -> r.header(n).filter(value::equals).isPresent(),
                r -> n + ": " + r.header(n).orElse("(none)"));
    }

    /**
     * Every request reached an app, and none received the header: a {@code headers.request.remove}
     * took it away.
     *
     * <pre>{@code assertThat(result).receivedNoHeader("x-debug");}</pre>
     *
     * @param name the header name
     * @return this assertion
     * @throws IllegalArgumentException for a header meshtest does not simulate
     */
    public TrafficResultAssert receivedNoHeader(String name) {
        String n = simulatedRequestHeader(name);
        return allReceived("no header " + n, r -> r.header(n).isEmpty(), r -> n + ": " + r.header(n).orElseThrow());
    }

    /**
     * Every request reached an app over mutual TLS, from a client with this identity: the app's
     * sidecar authenticated the caller's certificate (docs/security.md).
     *
     * <pre>{@code assertThat(result).receivedOverMutualTlsFrom("spiffe://cluster.local/ns/foo/sa/sleep");}</pre>
     *
     * @param identity the client workload's SPIFFE identity, {@code spiffe://<trust domain>/ns/<namespace>/sa/<service account>}
     * @return this assertion
     */
    public TrafficResultAssert receivedOverMutualTlsFrom(String identity) {
        Objects.requireNonNull(identity, "identity");
        return allReceived("mutual TLS from " + identity, r -> r.peerIdentity().filter(identity::equals).isPresent(),
                r -> r.peerIdentity().map(p -> "mutual TLS from " + p).orElse("plain text"));
    }

    /**
     * Every request reached an app in plain text: no sidecar on one side, a DestinationRule's
     * {@code tls.mode: DISABLE}, or a PeerAuthentication that disables mutual TLS (docs/security.md).
     *
     * <pre>{@code assertThat(result).receivedInPlainText();}</pre>
     *
     * @return this assertion
     */
    public TrafficResultAssert receivedInPlainText() {
        return allReceived("plain text", r -> !r.mutualTls(),
                r -> r.peerIdentity().map(p -> "mutual TLS from " + p).orElse("plain text"));
    }

    private TrafficResultAssert allReceived(String what, Predicate<ReceivedRequest> ok,
                                            java.util.function.Function<ReceivedRequest, String> observed) {
        String expecting = "Expecting every request to reach an app that received " + what;
        requireRequests(expecting);
        Counted unanswered = select(o -> o.received().isEmpty());
        if (!unanswered.isEmpty()) {
            fail(expecting + "\nbut " + someOfAll(unanswered.size()) + " reached no app: "
                    + breakdown(unanswered, Messages::whereAndStatus) + ".");
        }
        Counted other = select(o -> !ok.test(o.received().orElseThrow()));
        if (!other.isEmpty()) {
            fail(expecting + "\nbut " + someOfAll(other.size()) + " received otherwise: "
                    + breakdown(other, o -> observed.apply(o.received().orElseThrow()) + " at " + o.workload().orElseThrow()) + ".");
        }
        return myself;
    }

    private static String simulatedResponseHeader(String name) {
        String n = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        if (Outcome.NOT_SIMULATED.contains(n)) {
            throw new IllegalArgumentException("meshtest does not simulate the " + n + " response header: a real Envoy sets it "
                    + "from the clock, so no assertion on it can be meaningful here; see Outcome.NOT_SIMULATED");
        }
        return n;
    }

    private static String simulatedRequestHeader(String name) {
        String n = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        if (ReceivedRequest.NOT_SIMULATED.contains(n)) {
            throw new IllegalArgumentException("meshtest does not simulate the " + n + " header that Envoy adds to requests "
                    + "(it differs per request or depends on certificates), so it cannot say what the app received; "
                    + "see ReceivedRequest.NOT_SIMULATED");
        }
        return n;
    }

    /**
     * No request reached the workload. See {@link #never(Destination)}.
     *
     * @param workload the workload: a Deployment's name, or a bare pod's
     * @return this assertion
     */
    public TrafficResultAssert never(String workload) {
        return never(Destination.workload(workload));
    }

    /**
     * No request reached {@code destination}.
     *
     * <pre>{@code assertThat(result).never(version("v3"));}</pre>
     *
     * @param destination where requests went: {@code workload(..)}, {@code pod(..)}, {@code version(..)}, {@code service(..)} or {@code subset(..)}
     * @return this assertion
     */
    public TrafficResultAssert never(Destination destination) {
        Objects.requireNonNull(destination, "destination");
        String expecting = "Expecting no request to reach " + destination;
        requireRequests(expecting);
        long hits = select(destination::matches).size();
        if (hits > 0) {
            fail(expecting + "\nbut " + someOfAll(hits) + " did.");
        }
        return myself;
    }

    /**
     * The requests split by these weights, at significance level {@value #DEFAULT_ALPHA}.
     * See {@link #matchesWeights(Map, double)}.
     *
     * <pre>{@code assertThat(result).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80));}</pre>
     *
     * @param weights the expected weights by destination (a workload name or a {@link Destination}); relative, they need not sum to 100
     * @return this assertion
     */
    public TrafficResultAssert matchesWeights(Map<?, ? extends Number> weights) {
        return matchesWeights(weights, DEFAULT_ALPHA);
    }

    /**
     * The requests split by these weights: a chi-square goodness-of-fit test of the counts per
     * destination against the weights (normalized to proportions) does not reject them at
     * significance level {@code alpha}. Keys are workload names or {@link Destination}s; every request
     * must reach exactly one of them, and a destination of weight 0 none. A correct claim fails for
     * about a fraction {@code alpha} of seeds.
     *
     * <pre>{@code
     * assertThat(result).matchesWeights(Map.of(version("v1"), 70, version("v2"), 30), 0.01);
     * }</pre>
     *
     * @throws IllegalArgumentException if a weight is negative or not finite, all are 0, alpha is
     *         not in (0, 1), or a request matches two of the destinations
     *
     * @param weights the expected weights by destination (a workload name or a {@link Destination}); relative, they need not sum to 100
     * @param alpha the significance level of the chi-square test
     * @return this assertion
     */
    public TrafficResultAssert matchesWeights(Map<?, ? extends Number> weights, double alpha) {
        Objects.requireNonNull(weights, "weights");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), was " + alpha);
        }
        // Keep the caller's order when the map has one; sort otherwise (Map.of's order changes from run to run).
        boolean ordered = weights instanceof SortedMap || weights instanceof LinkedHashMap;
        Map<String, Destination> byName = ordered ? new LinkedHashMap<>() : new TreeMap<>();
        Map<String, Number> weightByName = ordered ? new LinkedHashMap<>() : new TreeMap<>();
        double sum = 0;
        for (Map.Entry<?, ? extends Number> e : weights.entrySet()) {
            Destination d = Destination.of(e.getKey());
            Number w = e.getValue();
            if (w == null || !(w.doubleValue() >= 0) || Double.isInfinite(w.doubleValue())) {
                throw new IllegalArgumentException("the weight of " + d + " must be a finite number >= 0, was " + w);
            }
            if (byName.put(d.toString(), d) != null) {
                throw new IllegalArgumentException(d + " is named twice in " + weights);
            }
            weightByName.put(d.toString(), w);
            sum += w.doubleValue();
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("at least one weight must be positive: " + weights);
        }
        List<Destination> destinations = new ArrayList<>(byName.values());
        List<Number> w = new ArrayList<>(weightByName.values());
        StringBuilder named = new StringBuilder();
        for (int i = 0; i < destinations.size(); i++) {
            named.append(i == 0 ? "" : ", ").append(destinations.get(i)).append(": ").append(num(w.get(i)));
        }
        String expecting = "Expecting the requests to split by the weights " + named;
        requireRequests(expecting);

        long[] observed = new long[destinations.size()];
        Map<Outcome, Long> elsewhereCounts = new LinkedHashMap<>();
        for (Map.Entry<Outcome, Long> counted : actual.outcomeCounts().entrySet()) {
            Outcome o = counted.getKey();
            int hit = -1;
            for (int i = 0; i < destinations.size(); i++) {
                if (destinations.get(i).matches(o)) {
                    if (hit >= 0) {
                        throw new IllegalArgumentException("the destinations overlap: " + destinations.get(hit) + " and "
                                + destinations.get(i) + " both match the request answered by " + o);
                    }
                    hit = i;
                }
            }
            if (hit < 0) {
                elsewhereCounts.put(o, counted.getValue());
            } else {
                observed[hit] += counted.getValue();
            }
        }
        Counted elsewhere = Counted.of(elsewhereCounts);
        if (!elsewhere.isEmpty()) {
            fail(expecting + "\nbut " + someOfAll(elsewhere.size()) + " reached none of these destinations: "
                    + breakdown(elsewhere, Messages::whereAndStatus) + ".");
        }
        List<Integer> weighted = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            if (w.get(i).doubleValue() > 0) {
                weighted.add(i);
            } else if (observed[i] > 0) {
                fail(expecting + "\nbut " + someOfAll(observed[i]) + " reached " + destinations.get(i) + ", whose weight is 0.");
            }
        }
        if (weighted.size() < 2) {
            return myself;   // one positive weight: every request reached it, which is all there is to test
        }
        double[] expected = weighted.stream().mapToDouble(i -> w.get(i).doubleValue()).toArray();
        long[] counts = weighted.stream().mapToLong(i -> observed[i]).toArray();
        SignificanceResult test = ChiSquareTest.withDefaults().test(expected, counts);
        if (test.getPValue() < alpha) {
            int df = weighted.size() - 1;
            StringBuilder table = new StringBuilder();
            int width = weighted.stream().mapToInt(i -> destinations.get(i).toString().length()).max().orElse(0);
            for (int j = 0; j < weighted.size(); j++) {
                int i = weighted.get(j);
                double share = expected[j] / sum;
                String name = destinations.get(i).toString();
                table.append("\n  ").append(name).append(" ".repeat(width - name.length()))
                        .append(String.format(Locale.ROOT, "  expected %.1f (%.1f%%)  observed %d (%s)",
                                share * actual.size(), 100 * share, counts[j], percent(counts[j], actual.size())));
            }
            fail(expecting + "\nbut a chi-square goodness-of-fit test rejects them: p-value " + Messages.pValue(test.getPValue())
                    + " < alpha " + num(alpha) + String.format(Locale.ROOT, " (chi-square %.2f, %d degree%s of freedom, %d requests)",
                    test.getStatistic(), df, df == 1 ? "" : "s", actual.size()) + table);
        }
        return myself;
    }

    // ---------------------------------------------------------------- headers

    /**
     * The requests that carried a header with value {@code value} (any header name) all reached one
     * pod, as consistent hashing on that header promises.
     *
     * <pre>{@code assertThat(mesh.send(200).from("nginx").header("foo", "bar").to("http://httpping.ping:8080/ping")).samePodFor("bar");}</pre>
     *
     * @param value the header value
     * @return this assertion
     */
    public TrafficResultAssert samePodFor(String value) {
        Objects.requireNonNull(value, "value");
        return samePod(null, value);
    }

    /**
     * The requests that carried header {@code name} (case-insensitive) with value {@code value} all
     * reached one pod.
     *
     * <pre>{@code assertThat(users).samePodFor("foo", "user7");}</pre>
     *
     * @param name the header name
     * @param value the header value
     * @return this assertion
     */
    public TrafficResultAssert samePodFor(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return samePod(name, value);
    }

    private TrafficResultAssert samePod(String name, String value) {
        String carrying = name == null ? "a header value \"" + value + "\"" : "header " + name + ": " + value;
        String expecting = "Expecting the requests with " + carrying + " to reach one pod";
        requireRequests(expecting);
        Counted carriers = Counted.of(actual.withHeaders(h -> carries(h, name, value), "carriers").outcomeCounts());
        if (carriers.isEmpty()) {
            fail(expecting + "\nbut none of " + actual.size() + " requests carried it.");
        }
        Outcome firstCarrier = carriers.counts().keySet().iterator().next();
        String first = podOf(firstCarrier);
        boolean onePod = firstCarrier.pod().isPresent() && carriers.counts().keySet().stream().allMatch(o -> podOf(o).equals(first));
        if (!onePod) {
            long pods = carriers.counts().keySet().stream().filter(o -> o.pod().isPresent()).map(TrafficResultAssert::podOf).distinct().count();
            fail(expecting + "\nbut the " + carriers.size() + " that did reached " + pods + (pods == 1 ? " pod" : " pods")
                    + (carriers.counts().keySet().stream().anyMatch(o -> o.pod().isEmpty()) ? " and some none" : "") + ": "
                    + breakdown(carriers, TrafficResultAssert::podOf) + ".");
        }
        return myself;
    }

    private static String podOf(Outcome o) {
        return o.pod().isEmpty() ? "no pod (" + Messages.response(o) + ")" : o.namespace().orElseThrow() + "/" + o.pod().orElseThrow();
    }

    private static boolean carries(Map<String, String> headers, String name, String value) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (value.equals(h.getValue()) && (name == null || name.equalsIgnoreCase(h.getKey()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Narrows the assertions to the requests that carried header {@code name} (case-insensitive) with
     * {@code value}: a new result with those requests in send order, the same seed, and a description
     * that names the filter. An empty selection fails the assertions that follow.
     *
     * <pre>{@code
     * assertThat(users).requestsWithHeader("end-user", "jason").allReached(subset("reviews", "v2"));
     * }</pre>
     *
     * @param name the header name
     * @param value the header value
     * @return an assertion on the requests that carried the header
     */
    public TrafficResultAssert requestsWithHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        isNotNull();
        TrafficResult filtered = actual.withHeaders(h -> carries(h, name, value), "those with header " + name + ": " + value);
        TrafficResultAssert next = Messages.inherit(spawn.traffic(filtered), this);
        next.spawn = spawn;
        return next;
    }

    /**
     * Continues with the hops of one edge of the send's call graph ({@link TrafficResult#edges()}):
     * the requests {@code from}'s proxy sent to the service {@code to}, every assertion applying
     * to them as to the send's.
     *
     * <pre>{@code
     * // Bookinfo, jason's calls to ratings aborted with 500:
     * assertThat(page).edge("reviews-v2", "ratings").allHaveStatus(500).withFlag(FAULT_INJECTED);
     * assertThat(page).edge("productpage-v1", "reviews").allReached("reviews-v2");
     * }</pre>
     *
     * @param from the sending workload, {@code reviews-v2} or {@code default/reviews-v2}
     * @param to the service, {@code ratings} or its host name
     * @return an assertion on that edge's requests
     */
    public TrafficResultAssert edge(String from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        isNotNull();
        TrafficResult hops = actual.edge(from, to).orElse(null);
        if (hops == null) {
            String had = actual.edges().isEmpty() ? "no edges (an aggregated send keeps none; nor does a result made without a mesh, or a part of one)"
                    : "these edges:" + actual.edges().stream().map(e -> "\n  " + e).collect(java.util.stream.Collectors.joining());
            fail("Expecting requests from " + from + " to " + to + " in the send's call graph\nbut it has " + had);
        }
        TrafficResultAssert next = Messages.inherit(spawn.traffic(hops), this);
        next.spawn = spawn;
        return next;
    }

    // ---------------------------------------------------------------- helpers

    private void requireRequests(String expecting) {
        isNotNull();
        if (actual.size() == 0) {
            fail(expecting + "\nbut the result holds no requests.");
        }
    }

    /**
     * For the methods that lead on to another assertion: a null or empty result is reported (thrown,
     * or collected when soft, so the chain goes on) and stands in as an empty result.
     */
    private TrafficResult requestsOrReport(String expecting) {
        if (actual == null) {
            spawn.report(assertionError(ShouldNotBeNull.shouldNotBeNull()));
            return nullStandIn();
        }
        if (actual.size() == 0) {
            spawn.report(failureWithSummary(expecting + "\nbut the result holds no requests."));
        }
        return actual;
    }

    /** What a follow-up assertion gets in place of a null result, once the null has been reported. */
    static TrafficResult nullStandIn() {
        return new TrafficResult("no result (null)", 0, new Outcome[0], Map.of(), null);
    }

    /** The requests whose outcome {@code p} accepts, counted by outcome: the same on both forms of a result. */
    private Counted select(Predicate<Outcome> p) {
        return all().where(p);
    }

    private Counted all() {
        return Counted.of(actual.outcomeCounts());
    }

    private String someOfAll(long k) {
        return k + " of " + actual.size() + " (" + percent(k, actual.size()) + ")";
    }

    /** Fails with the message and the traffic summary, through AssertJ so {@code as(...)} and soft assertions apply. */
    private void fail(String message) {
        throw failureWithSummary(message);
    }

    private AssertionError failureWithSummary(String message) {
        return failure(Messages.failureText(message, actual));
    }
}
