package dev.meshtest.config.istio;

/**
 * Faults injected into requests an HTTP rule forwards (proto {@code HTTPFaultInjection}).
 *
 * <pre>{@code
 * fault:
 *   delay:
 *     percentage: {value: 0.1}
 *     fixedDelay: 5s
 *   abort:
 *     percentage: {value: 10}
 *     httpStatus: 400
 * }</pre>
 *
 * @param delay delay requests before forwarding them
 * @param abort answer requests with an error instead of forwarding them
 */
public record HttpFaultInjection(HttpFaultInjectionDelay delay, HttpFaultInjectionAbort abort) {
}
