package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.proxy.RetryPolicy;
import dev.meshtest.internal.sim.RetryState.Decision;
import dev.meshtest.internal.sim.RetryState.Reset;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Envoy's retry conditions ({@code retry_state_impl.cc}, the {@code x-envoy-retry-on} table in
 * Envoy's router docs) as pure decisions: which answers each {@code retryOn} retries, when the
 * retries run out (URX), and the backoff ceiling.
 */
class RetryStateTest {

    private static RetryPolicy policy(int attempts, String retryOn, String codes) {
        Set<String> on = retryOn.isEmpty() ? Set.of() : Set.of(retryOn.split("\\+"));
        Set<Integer> statuses = codes.isEmpty() ? Set.of()
                : Arrays.stream(codes.split("\\+")).map(Integer::valueOf).collect(Collectors.toSet());
        return new RetryPolicy(attempts, on, statuses, null, true, Duration.ofMillis(25), Duration.ofMillis(250));
    }

    @ParameterizedTest(name = "retryOn {0} {1}, status {2}{3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            5xx                           |         | 500 | false | true
            5xx                           |         | 503 | false | true
            5xx                           |         | 599 | false | true
            5xx                           |         | 404 | false | false
            5xx                           |         | 503 | true  | false
            gateway-error                 |         | 502 | false | true
            gateway-error                 |         | 504 | false | true
            gateway-error                 |         | 500 | false | false
            gateway-error                 |         | 503 | false | true
            retriable-4xx                 |         | 409 | false | true
            retriable-4xx                 |         | 404 | false | false
            retriable-status-codes        | 418+503 | 418 | false | true
            retriable-status-codes        | 418+503 | 500 | false | false
            retriable-status-codes        |         | 503 | false | false
            connect-failure               |         | 503 | false | false
            reset                         |         | 503 | false | false
            connect-failure+refused-stream|         | 500 | false | false
            5xx+retriable-4xx             |         | 409 | false | true
            """)
    void whichResponsesAreRetried(String retryOn, String codes, int status, boolean overloaded, boolean retried) {
        RetryPolicy p = policy(2, retryOn, codes == null ? "" : codes);
        assertThat(RetryState.wouldRetryFromHeaders(p, status, overloaded)).isEqualTo(retried);
        assertThat(RetryState.wouldRetryFromHeaders(policy(0, retryOn, codes == null ? "" : codes), status, overloaded))
                .as("no retries configured").isFalse();
    }

    @ParameterizedTest(name = "retryOn {0}, {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            5xx                    | CONNECT_FAILURE | true
            5xx                    | PER_TRY_TIMEOUT | true
            gateway-error          | PER_TRY_TIMEOUT | true
            reset                  | PER_TRY_TIMEOUT | true
            connect-failure        | CONNECT_FAILURE | true
            connect-failure        | PER_TRY_TIMEOUT | false
            retriable-4xx          | CONNECT_FAILURE | false
            retriable-status-codes | PER_TRY_TIMEOUT | false
            """)
    void whichResetsAreRetried(String retryOn, Reset reason, boolean retried) {
        assertThat(RetryState.wouldRetryFromReset(policy(2, retryOn, ""), reason)).isEqualTo(retried);
    }

    @ParameterizedTest(name = "attempts {0}, attempt {1} answered {2}: {3}")
    @CsvSource({
            "2, 1, 503, RETRY",
            "2, 2, 503, RETRY",
            "2, 3, 503, EXHAUSTED",
            "0, 1, 503, NOT_RETRIABLE",
            "2, 1, 200, NOT_RETRIABLE",
            "2, 3, 200, NOT_RETRIABLE",
    })
    void retriesRunOutAfterTheConfiguredNumber(int attempts, int attempt, int status, Decision expected) {
        assertThat(RetryState.onResponse(policy(attempts, "5xx", ""), attempt, status, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "backoff before the retry after attempt {0}: below {1} ms")
    @CsvSource({"1, 25", "2, 50", "3, 100", "4, 200", "5, 250", "9, 250"})
    void theBackoffCeilingDoublesUpToTheMaximum(int attempt, long ceilingMs) {
        RetryPolicy p = policy(10, "5xx", "");
        assertThat(RetryState.backoffCeilingMs(p, attempt)).isEqualTo(ceilingMs);
        SeededRandom random = new SeededRandom(attempt);
        for (int i = 0; i < 200; i++) {
            assertThat(RetryState.backoffMs(p, attempt, random)).isBetween(0L, ceilingMs - 1);
        }
    }
}
