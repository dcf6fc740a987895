package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record HttpFaultInjection(HttpFaultInjectionDelay delay, HttpFaultInjectionAbort abort) {
}
