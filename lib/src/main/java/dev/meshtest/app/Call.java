package dev.meshtest.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A call an {@link App} makes to another service before it answers, as the app's own HTTP client
 * would: through the pod's sidecar (with that sidecar's routing, circuit breakers, timeouts and
 * retries), plus the app's own timeout and retries on top. When the call still fails, the app
 * either answers anyway (the default, like bookinfo's productpage, which shows "reviews are
 * unavailable" with a 200) or gives up and answers {@link #orFail(int) a status of its own} at once.
 *
 * <pre>{@code
 * Call.to("http://reviews:9080/reviews/0").timeout(Duration.ofSeconds(3)).retries(1)   // productpage -> reviews
 * Call.to("http://ratings:9080/ratings/0").timeout(Duration.ofSeconds(10))             // reviews-v2 -> ratings
 * Call.to("http://details:9080/details/0").forwarding("end-user").orFail(500)
 * }</pre>
 *
 * <p>In YAML a pod's calls are the annotation {@value #ANNOTATION} ({@link #parseAll}): one call
 * per line or separated by {@code ;}, each its URL and then any of {@code timeout=}, {@code retries=},
 * {@code forward=} and {@code orFail=}, which mean the same as the methods of the same names:
 *
 * <pre>
 * meshtest.dev/calls: |
 *   http://details:9080/details/0 timeout=3s forward=end-user
 *   http://reviews:9080/reviews/0 timeout=3s retries=1 forward=end-user
 * </pre>
 *
 * <p>{@link #toString()} writes a call in that syntax.
 *
 * @param url what the app calls, as curl would ({@code http://reviews:9080/reviews/0})
 * @param timeout the app's own timeout per try, or {@code null} for none
 * @param retries the app's own retries after a failed try (a non-2xx answer or its timeout)
 * @param forwardHeaders incoming headers copied onto the call (Bookinfo's reviews forwards {@code end-user} and tracing headers)
 * @param failStatus the status the app answers at once when the call finally fails, or 0 to go on and answer normally
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Call(String url, Duration timeout, int retries, List<String> forwardHeaders, int failStatus) {

    /** The pod annotation that lists an app's calls, in the order it makes them: see {@link #parseAll}. */
    public static final String ANNOTATION = "meshtest.dev/calls";

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern OPTION = Pattern.compile("[A-Za-z]+=.*");
    private static final String OPTIONS = "timeout=<duration>, retries=<n>, forward=<header>[,<header>...], orFail=<status>";

    /**
     * Checks the parts.
     *
     * @param url the URL the app calls, as curl would take it
     * @param timeout the app's own timeout for each try, or {@code null} for none
     * @param retries the app's own retries after a failed try, not negative
     * @param forwardHeaders incoming request headers the app copies onto the call
     * @param failStatus the status the app answers at once when the call finally fails, or 0 to go on
     */
    public Call {
        Objects.requireNonNull(url, "url");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        forwardHeaders = List.copyOf(forwardHeaders);
    }

    /**
     * A call with no timeout of its own, no retries, answering normally when it fails.
     *
     * @param url the URL the app calls: {@code "http://reviews:9080/reviews/0"}
     * @return the call
     */
    public static Call to(String url) {
        return new Call(url, null, 0, List.of(), 0);
    }

    /**
     * The app's own timeout for each try.
     *
     * @param timeout how long the app waits for each try
     * @return a changed copy
     */
    public Call timeout(Duration timeout) {
        return new Call(url, Objects.requireNonNull(timeout, "timeout"), retries, forwardHeaders, failStatus);
    }

    /**
     * The app's own retries after a failed try (a non-2xx answer or its timeout).
     *
     * @param retries how many times to try again, not negative
     * @return a changed copy
     */
    public Call retries(int retries) {
        return new Call(url, timeout, retries, forwardHeaders, failStatus);
    }

    /**
     * Copies these incoming request headers onto the call, as Bookinfo's reviews forwards {@code end-user} to ratings.
     *
     * @param headers header names
     * @return a changed copy
     */
    public Call forwarding(String... headers) {
        return new Call(url, timeout, retries, List.of(headers), failStatus);
    }

    /**
     * When the call finally fails, the app gives up: it answers {@code status} at once, without
     * its later calls and its own service time, as a handler that returns its error as soon as a
     * call it cannot do without fails.
     *
     * @param status the status the app answers then
     * @return a changed copy
     */
    public Call orFail(int status) {
        return new Call(url, timeout, retries, forwardHeaders, status);
    }

    /**
     * Parses the value of the {@value #ANNOTATION} pod annotation: the calls an app makes, in order,
     * one per line or separated by {@code ;} (blank entries are skipped). Each call is its URL,
     * then options separated by spaces, each at most once:
     *
     * <table>
     *   <caption>Options of a call</caption>
     *   <tr><th>option</th><th>meaning</th><th>default</th><th>same as</th></tr>
     *   <tr><td>{@code timeout=3s}</td><td>the app's own timeout for each try ({@code ms}, {@code s}, {@code m}...; more than 0)</td>
     *       <td>none</td><td>{@link #timeout(Duration)}</td></tr>
     *   <tr><td>{@code retries=1}</td><td>the app's own retries after a failed try (a non-2xx answer or its timeout)</td>
     *       <td>0</td><td>{@link #retries(int)}</td></tr>
     *   <tr><td>{@code forward=end-user,cookie}</td><td>incoming headers copied onto the call</td><td>none</td>
     *       <td>{@link #forwarding(String...)}</td></tr>
     *   <tr><td>{@code orFail=500}</td><td>the status the app answers when the call finally fails</td>
     *       <td>answers normally</td><td>{@link #orFail(int)}</td></tr>
     * </table>
     *
     * <pre>{@code
     * Call.parseAll("http://details:9080/details/0 timeout=3s; http://reviews:9080/reviews/0 timeout=3s retries=1")
     * }</pre>
     *
     * @param text the annotation's value
     * @return the calls, in order
     * @throws IllegalArgumentException naming the call (its number and text) and what is wrong with it
     */
    public static List<Call> parseAll(String text) {
        Objects.requireNonNull(text, "text");
        List<Call> calls = new ArrayList<>();
        int n = 0;
        for (String entry : text.split("[;\\n]")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            n++;
            try {
                calls.add(parse(e));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("call " + n + " \"" + e + "\": " + ex.getMessage(), ex);
            }
        }
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("no call: write one URL per call, like \"http://reviews:9080/reviews/0 timeout=3s\"");
        }
        return List.copyOf(calls);
    }

    /**
     * Parses one call of the {@value #ANNOTATION} syntax, {@code http://reviews:9080/reviews/0 timeout=3s retries=1}
     * (see {@link #parseAll}).
     *
     * @param text one call: its URL, then its options
     * @return the call
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Call parse(String text) {
        String[] tokens = Objects.requireNonNull(text, "text").strip().split("\\s+");
        if (tokens[0].isEmpty()) {
            throw new IllegalArgumentException("empty call: it starts with its URL");
        }
        if (OPTION.matcher(tokens[0]).matches()) {
            throw new IllegalArgumentException("a call starts with its URL, not with the option \"" + tokens[0] + "\"");
        }
        Call call = to(tokens[0]);
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("\"" + t + "\" is not an option; the options are " + OPTIONS
                        + " (a URL with spaces must encode them as %20)");
            }
            String key = t.substring(0, eq);
            String value = t.substring(eq + 1);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("option " + key + " is given twice");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("option " + key + " has no value");
            }
            call = switch (key) {
                case "timeout" -> {
                    Duration d = Durations.parse(value);
                    if (d.isZero()) {
                        throw new IllegalArgumentException("timeout=" + value + ": an app's timeout must be more than 0");
                    }
                    yield call.timeout(d);
                }
                case "retries" -> call.retries(integer(key, value, 0, 100));
                case "forward" -> {
                    String[] names = value.split(",", -1);
                    for (String h : names) {
                        if (!HEADER_NAME.matcher(h).matches()) {
                            throw new IllegalArgumentException("forward=" + value + ": \"" + h + "\" is not a header name"
                                    + " (write forward=end-user,cookie, no spaces)");
                        }
                    }
                    yield call.forwarding(names);
                }
                case "orFail" -> call.orFail(integer(key, value, 100, 599));
                default -> throw new IllegalArgumentException("unknown option \"" + key + "\"; the options are " + OPTIONS);
            };
        }
        return call;
    }

    private static int integer(String key, String value, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + ": not a whole number", e);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + "=" + value + ": must be in " + min + ".." + max);
        }
        return v;
    }

    /** The call in the {@value #ANNOTATION} syntax: {@code http://reviews:9080/reviews/0 timeout=3s retries=1}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(url);
        if (timeout != null) {
            b.append(" timeout=").append(format(timeout));
        }
        if (retries > 0) {
            b.append(" retries=").append(retries);
        }
        if (!forwardHeaders.isEmpty()) {
            b.append(" forward=").append(String.join(",", forwardHeaders));
        }
        if (failStatus > 0) {
            b.append(" orFail=").append(failStatus);
        }
        return b.toString();
    }

    private static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1000 == 0) {
            return nanos / 1000 + "us";
        }
        return nanos + "ns";
    }
}
