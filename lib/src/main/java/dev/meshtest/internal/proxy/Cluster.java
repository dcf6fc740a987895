package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An Envoy cluster of a proxy: {@code outbound|<port>|<subset>|<host>} for a service port (and
 * one per DestinationRule subset), with its endpoints and load-balancing policy, plus Istio's
 * special clusters ({@code PassthroughCluster}, {@code BlackHoleCluster}).
 *
 * <pre>{@code
 * Cluster c = proxyConfig.cluster("outbound|5000|v1|helloworld.default.svc.cluster.local");
 * c.subset();              // "v1"
 * c.healthyEndpoints();    // the v1 pods that are ready
 * }</pre>
 *
 * @param name Envoy's cluster name
 * @param type how endpoints are discovered
 * @param host the service host name, or {@code null} for special clusters
 * @param port the service port, or 0
 * @param subset the subset name, or {@code ""}
 * @param endpoints every endpoint, ready or not
 * @param healthyEndpoints the ready ones, which the load balancer uses
 * @param loadBalancer the load-balancing policy
 * @param destinationRule the DestinationRule that configured it, or {@code null}
 * @param circuitBreakers the connection-pool thresholds ({@link CircuitBreakers#DEFAULT} when none)
 * @param outlierDetection outlier detection, or {@code null} when the DestinationRule sets none
 * @param transportSocket how connections to its endpoints are secured (docs/security.md)
 * @param tlsSni the server name its mutual TLS sends when a DestinationRule's {@code tls.sni} sets
 *               one, else {@code null}: Istio's {@code outbound_.<port>_.<subset>_.<host>} ({@link #sni()})
 * @param originatedTls the TLS a DestinationRule's {@code SIMPLE} or {@code MUTUAL} has the proxy
 *                      originate ({@link TransportSocket#TLS}), else {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record Cluster(String name, Type type, String host, int port, String subset, List<LbEndpoint> endpoints,
                      List<LbEndpoint> healthyEndpoints, LoadBalancerPolicy loadBalancer,
                      ResourceRef destinationRule, CircuitBreakers circuitBreakers,
                      OutlierDetectionPolicy outlierDetection, TransportSocket transportSocket, String tlsSni,
                      OriginatedTls originatedTls) {

    /** Envoy's cluster discovery types as {@code istioctl proxy-config clusters} prints them. */
    public enum Type { EDS, STATIC, STRICT_DNS, ORIGINAL_DST }

    /**
     * How the proxy secures connections to the cluster's endpoints: Envoy's transport socket, or
     * the transport socket matches of Istio's auto mTLS (istio-rules §10.2).
     */
    public enum TransportSocket {
        /** Plain text to every endpoint. */
        PLAINTEXT,
        /** Istio mutual TLS to every endpoint (a DestinationRule's {@code ISTIO_MUTUAL}, or a headless service's auto mTLS). */
        ISTIO_MUTUAL,
        /** Auto mTLS: mutual TLS to endpoints whose metadata says {@code tlsMode: istio}, plain text to the others. */
        AUTO_MTLS,
        /** TLS to every endpoint with a DestinationRule's {@code SIMPLE} or {@code MUTUAL} settings ({@link #originatedTls()}). */
        TLS
    }

    /** Istio's passthrough cluster: to the original destination address. */
    public static final String PASSTHROUGH = "PassthroughCluster";
    /** Istio's black-hole cluster: drops the connection. */
    public static final String BLACKHOLE = "BlackHoleCluster";

    /** An outbound cluster named {@code name} ({@link #name}); the healthy endpoints are the ready ones. */
    static Cluster outbound(String name, String host, int port, String subset, Type type, List<LbEndpoint> endpoints,
                            LoadBalancerPolicy lb, ResourceRef dr) {
        List<LbEndpoint> all = List.copyOf(endpoints);
        return new Cluster(name, type, host, port, subset, all, ready(all), lb, dr, CircuitBreakers.DEFAULT, null,
                TransportSocket.PLAINTEXT, null, null);
    }

    /**
     * The ready ones of an immutable list of endpoints: the list itself when all are ready, as
     * they mostly are (a proxy's first compilation builds a cluster for every service it sees).
     */
    private static List<LbEndpoint> ready(List<LbEndpoint> all) {
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).ready()) {
                return all.stream().filter(LbEndpoint::ready).toList();
            }
        }
        return all;
    }

    /** This cluster with the circuit breakers and outlier detection its DestinationRule policy gives it. */
    Cluster withPolicies(CircuitBreakers breakers, OutlierDetectionPolicy outlier) {
        return new Cluster(name, type, host, port, subset, endpoints, healthyEndpoints, loadBalancer, destinationRule,
                breakers, outlier, transportSocket, tlsSni, originatedTls);
    }

    /**
     * This cluster with its transport socket (and its endpoints' {@code tlsMode} metadata) as istiod
     * sets them, the server name a DestinationRule gives its TLS ({@code null}: Istio's default), and
     * the TLS it originates ({@code null}: none).
     */
    Cluster withTransportSocket(TransportSocket socket, List<LbEndpoint> withMetadata, String sni, OriginatedTls originated) {
        List<LbEndpoint> all = List.copyOf(withMetadata);
        return new Cluster(name, type, host, port, subset, all, ready(all), loadBalancer, destinationRule, circuitBreakers,
                outlierDetection, socket, sni, originated);
    }

    /**
     * The server name (SNI) of the cluster's mutual TLS: the DestinationRule's {@code tls.sni}, else
     * Istio's {@code outbound_.<port>_.<subset>_.<host>} ({@code buildIstioMutualTLS}), which a gateway's
     * {@code ISTIO_MUTUAL} server matches only when it serves every host.
     */
    public String sni() {
        return tlsSni != null ? tlsSni : dnsSrvSubsetKey(port, subset, host);
    }

    /**
     * Istio's {@code BuildDNSSrvSubsetKey}: {@code outbound_.<port>_.<subset>_.<host>}
     * ({@code outbound_.5000_._.<host>} without a subset), the default server name of Istio mutual
     * TLS and the name of an {@code AUTO_PASSTHROUGH} gateway's SNI-DNAT cluster.
     */
    public static String dnsSrvSubsetKey(int port, String subset, String host) {
        return "outbound_." + port + "_." + (subset == null ? "" : subset) + "_." + host;
    }

    /** Whether the proxy speaks Istio mutual TLS to {@code endpoint} (one of this cluster's). */
    public boolean mutualTls(LbEndpoint endpoint) {
        return switch (transportSocket) {
            case PLAINTEXT, TLS -> false;
            case ISTIO_MUTUAL -> true;
            case AUTO_MTLS -> endpoint.istioTlsMode();
        };
    }

    /**
     * Istio's {@code BuildSubsetKey}: {@code outbound|<port>|<subset>|<host>}. A config build makes
     * its names through {@link ClusterNames}, so that a route's and its cluster's are one object.
     */
    public static String name(int port, String subset, String host) {
        return "outbound|" + port + "|" + (subset == null ? "" : subset) + "|" + host;
    }

    public Cluster {
        endpoints = List.copyOf(endpoints);
        healthyEndpoints = List.copyOf(healthyEndpoints);
        subset = subset == null ? "" : subset;
        circuitBreakers = circuitBreakers == null ? CircuitBreakers.DEFAULT : circuitBreakers;
        transportSocket = transportSocket == null ? TransportSocket.PLAINTEXT : transportSocket;
    }

    /** Istio's special clusters: {@code BlackHoleCluster} (STATIC) and {@code PassthroughCluster} (ORIGINAL_DST). */
    static Cluster special(String name, Type type) {
        return new Cluster(name, type, null, 0, "", List.of(), List.of(), LoadBalancerPolicy.DEFAULT, null,
                CircuitBreakers.DEFAULT, null, TransportSocket.PLAINTEXT, null, null);
    }
}
