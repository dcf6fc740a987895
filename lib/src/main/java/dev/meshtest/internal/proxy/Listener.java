package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * An outbound Envoy listener of a proxy. HTTP ports (by Istio's protocol selection) share one
 * listener {@code 0.0.0.0_<port>} whose route configuration {@code "<port>"} picks the service by
 * Host header; auto-detected ports get a listener per service, {@code <ClusterIP>_<port>}, routed
 * by destination IP; TCP ports a per-service TCP proxy to one cluster. Envoy picks the most
 * specific address: {@code <ClusterIP>:<port>} beats {@code 0.0.0.0:<port>}.
 *
 * <pre>{@code
 * listener.name();              // "0.0.0.0_5000"
 * listener.routeConfigName();   // "5000"
 * }</pre>
 *
 * @param address {@code 0.0.0.0} or a ClusterIP
 * @param port the port
 * @param protocol {@code HTTP} (route configuration) or {@code TCP} (one cluster)
 * @param routeConfigName the route configuration of an HTTP listener, else {@code null}
 * @param cluster the cluster of a TCP listener, else {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record Listener(String address, int port, Protocol protocol, String routeConfigName, String cluster) {

    /** How the listener treats traffic. */
    public enum Protocol { HTTP, TCP }

    /** Envoy's listener name, {@code <address>_<port>}. */
    public String name() {
        return address + "_" + port;
    }
}
