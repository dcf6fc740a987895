package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * Where a route, mirror or TCP/TLS rule sends traffic: a host from the service registry
 * (Kubernetes Service or ServiceEntry), optionally a DestinationRule subset and a port.
 *
 * <pre>{@code
 * destination:
 *   host: reviews.default.svc.cluster.local
 *   subset: v2
 *   port: {number: 9080}
 * }</pre>
 *
 * @param host a registry host name, short ({@code reviews}) or fully qualified, as written
 * @param subset the name of a subset in the host's DestinationRule
 * @param port the destination port; may be omitted when the host has a single port
 */
@API(status = STABLE, since = "0.1")
public record Destination(@Required String host, String subset, PortSelector port) {
}
