package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.internal.cluster.ClusterPod;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One host of an Envoy cluster, as istiod pushes it over EDS: an address and port, plus the pod
 * behind it when there is one (a ServiceEntry endpoint or a passthrough destination has none).
 *
 * <pre>{@code
 * endpoint.address();  // "10.244.0.7:5000"
 * endpoint.pod();      // helloworld-v1-5c5b8d6f9d-x7k2p in default, or null
 * }</pre>
 *
 * @param ip the IP address
 * @param port the port the proxy connects to (the container port for a pod)
 * @param pod the pod, or {@code null} for a host outside the cluster
 * @param labels the endpoint's labels (the pod's), which subsets select on
 * @param ready whether the endpoint is ready; Envoy sends traffic only to healthy hosts
 * @param istioTlsMode whether its metadata says {@code tlsMode: istio}, which auto mTLS matches on
 *                     (docs/security.md)
 */
@API(status = INTERNAL, since = "0.1")
public record LbEndpoint(String ip, int port, ClusterPod pod, Map<String, String> labels, boolean ready,
                         boolean istioTlsMode) {

    public LbEndpoint {
        Objects.requireNonNull(ip, "ip");
        labels = labels == null ? Map.of() : labels;
    }

    /** An endpoint without {@code tlsMode: istio} metadata (istiod sets it per cluster, {@link #withIstioTlsMode}). */
    public LbEndpoint(String ip, int port, ClusterPod pod, Map<String, String> labels, boolean ready) {
        this(ip, port, pod, labels, ready, false);
    }

    /** This endpoint with its {@code tlsMode} metadata. */
    LbEndpoint withIstioTlsMode(boolean istio) {
        return istio == istioTlsMode ? this : new LbEndpoint(ip, port, pod, labels, ready, istio);
    }

    /** {@code ip:port}, the key Envoy hashes to place a host on a ring-hash ring or Maglev table. */
    public String address() {
        return ip + ":" + port;
    }

    @Override
    public String toString() {
        return pod == null ? address() : address() + " (" + pod.name() + ")";
    }
}
