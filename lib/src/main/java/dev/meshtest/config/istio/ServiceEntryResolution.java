package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How proxies find the endpoint addresses of a ServiceEntry's service (proto
 * {@code ServiceEntry.Resolution}).
 *
 * <pre>{@code
 * spec:
 *   resolution: DNS
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum ServiceEntryResolution {
    /** Forward to the address the connection was already bound to. */
    NONE,
    /** Use the addresses given in {@code endpoints}. */
    STATIC,
    /** Resolve through DNS, using all addresses returned. */
    DNS,
    /** Resolve through DNS, using the first address returned. */
    DNS_ROUND_ROBIN,
    /** Resolve the host a request names (SNI or Host header), for wildcard hosts. */
    DYNAMIC_DNS
}
