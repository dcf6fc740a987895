package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record TcpKeepalive(Integer probes, Duration time, Duration interval) {
}
