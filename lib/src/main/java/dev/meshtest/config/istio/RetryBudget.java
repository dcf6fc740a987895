package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A limit on concurrent retries to a host relative to its active requests
 * (proto {@code TrafficPolicy.RetryBudget}).
 *
 * <pre>{@code
 * retryBudget:
 *   percent: 25
 *   minRetryConcurrency: 5
 * }</pre>
 *
 * @param percent concurrent retries allowed, as a percentage of active and pending requests
 * @param minRetryConcurrency concurrent retries allowed however few requests are active
 * @param budgetInterval the window of recent requests the budget counts; absent counts only
 *     active and pending requests
 */
@API(status = STABLE, since = "0.1")
public record RetryBudget(Double percent, Integer minRetryConcurrency, Duration budgetInterval) {
}
