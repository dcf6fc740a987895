package dev.meshtest.config.istio;

import java.time.Duration;

/**
 * TCP keepalive on upstream sockets (proto {@code ConnectionPoolSettings.TCPSettings.TcpKeepalive}).
 *
 * <pre>{@code
 * tcpKeepalive:
 *   probes: 9
 *   time: 7200s
 *   interval: 75s
 * }</pre>
 *
 * @param probes unanswered probes before the connection is considered dead
 * @param time idle time before the first probe
 * @param interval time between probes
 */
public record TcpKeepalive(Integer probes, Duration time, Duration interval) {
}
