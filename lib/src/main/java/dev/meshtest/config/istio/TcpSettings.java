package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Connection-pool settings common to HTTP and TCP (proto {@code ConnectionPoolSettings.TCPSettings}).
 *
 * <pre>{@code
 * tcp:
 *   maxConnections: 100
 *   connectTimeout: 30ms
 *   tcpKeepalive: {time: 7200s, interval: 75s}
 * }</pre>
 *
 * @param maxConnections the most connections to the host
 * @param connectTimeout the TCP connect timeout
 * @param tcpKeepalive TCP keepalive probes on the socket
 * @param maxConnectionDuration the longest a connection may live
 * @param idleTimeout how long a connection may go without sending or receiving bytes
 */
@API(status = STABLE, since = "0.1")
public record TcpSettings(
        Integer maxConnections,
        Duration connectTimeout,
        TcpKeepalive tcpKeepalive,
        Duration maxConnectionDuration,
        Duration idleTimeout) {
}
