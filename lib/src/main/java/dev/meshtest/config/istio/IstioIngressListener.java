package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * One ingress listener of a Sidecar (proto {@code IstioIngressListener}): a port on which the
 * sidecar receives traffic for its workload, where it forwards it, and that port's connection pool.
 *
 * <pre>{@code
 * ingress:
 * - port: {number: 9080, protocol: HTTP, name: http}
 *   defaultEndpoint: 127.0.0.1:8080
 *   connectionPool:
 *     http: {http1MaxPendingRequests: 10}
 * }</pre>
 *
 * @param port the port traffic arrives on
 * @param bind the IP address the listener is bound to
 * @param captureMode how traffic reaches the listener: {@code DEFAULT}, {@code IPTABLES} or {@code NONE}
 * @param defaultEndpoint where the sidecar forwards: {@code 127.0.0.1:<port>}, {@code 0.0.0.0:<port>} or a Unix socket
 * @param tls TLS the sidecar terminates on this port
 * @param connectionPool the inbound connection pool of this port, over the Sidecar's {@code inboundConnectionPool}
 */
@API(status = STABLE, since = "0.3")
public record IstioIngressListener(@Required SidecarPort port, String bind, CaptureMode captureMode, String defaultEndpoint,
                                   ServerTlsSettings tls, ConnectionPoolSettings connectionPool) {
}
