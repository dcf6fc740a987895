package dev.meshtest.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A call an {@link App} makes to another service before it answers, as the app's own HTTP client
 * would: through the pod's sidecar (with that sidecar's routing, circuit breakers, timeouts and
 * retries), plus the app's own timeout and retries on top. When the call still fails, the app
 * either answers anyway (the default, like bookinfo's productpage, which shows "reviews are
 * unavailable" with a 200) or answers {@link #orFail(int) a status of its own}.
 *
 * <pre>{@code
 * Call.to("http://reviews:9080/reviews/0").timeout(Duration.ofSeconds(3)).retries(1)   // productpage -> reviews
 * Call.to("http://ratings:9080/ratings/0").timeout(Duration.ofSeconds(10))             // reviews-v2 -> ratings
 * Call.to("http://details:9080/details/0").forwarding("end-user").orFail(500)
 * }</pre>
 *
 * @param url what the app calls, as curl would ({@code http://reviews:9080/reviews/0})
 * @param timeout the app's own timeout per try, or {@code null} for none
 * @param retries the app's own retries after a failed try (a non-2xx answer or its timeout)
 * @param forwardHeaders incoming headers copied onto the call (bookinfo forwards {@code end-user} and tracing headers)
 * @param failStatus the status the app answers when the call finally fails, or 0 to answer normally
 */
public record Call(String url, Duration timeout, int retries, List<String> forwardHeaders, int failStatus) {

    public Call {
        Objects.requireNonNull(url, "url");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        forwardHeaders = List.copyOf(forwardHeaders);
    }

    /** A call with no timeout of its own, no retries, answering normally when it fails. */
    public static Call to(String url) {
        return new Call(url, null, 0, List.of(), 0);
    }

    /** The app's own timeout for each try. */
    public Call timeout(Duration timeout) {
        return new Call(url, Objects.requireNonNull(timeout, "timeout"), retries, forwardHeaders, failStatus);
    }

    /** The app's own retries after a failed try. */
    public Call retries(int retries) {
        return new Call(url, timeout, retries, forwardHeaders, failStatus);
    }

    /** Copies these incoming request headers onto the call. */
    public Call forwarding(String... headers) {
        return new Call(url, timeout, retries, List.of(headers), failStatus);
    }

    /** When the call finally fails, the app answers {@code status} instead of its normal answer. */
    public Call orFail(int status) {
        return new Call(url, timeout, retries, forwardHeaders, status);
    }
}
