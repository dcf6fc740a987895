package dev.meshtest.proxy;

import java.time.Duration;

/**
 * A route's fault injection (VirtualService {@code fault}, §4.5): a delay and an abort, each with
 * the share of requests it applies to. The delay comes first, then the abort check; both happen
 * before the router, so an aborted request is never retried.
 *
 * <pre>{@code
 * fault:
 *   delay: {fixedDelay: 7s, percentage: {value: 100}}
 * }</pre>
 *
 * @param delay the fixed delay, or {@code null} for none
 * @param delayPercent the share of requests delayed, 0..100 (unset percentage is 0)
 * @param abortHttpStatus the abort's HTTP status, or {@code null} for no abort
 * @param abortPercent the share of requests aborted, 0..100 (unset percentage is 0)
 */
public record Fault(Duration delay, double delayPercent, Integer abortHttpStatus, double abortPercent) {
}
