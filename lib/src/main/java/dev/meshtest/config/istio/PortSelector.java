package dev.meshtest.config.istio;

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
public record PortSelector(Integer number) {
}
