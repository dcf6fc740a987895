package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A port of a destination host, by number (proto {@code istio.networking.v1alpha3.PortSelector}).
 *
 * <pre>{@code
 * port:
 *   number: 9080
 * }</pre>
 *
 * @param number the port number
 */
@API(status = STABLE, since = "0.1")
public record PortSelector(Integer number) {
}
