package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One endpoint of a Service port: a selected pod, or an address written by hand (Endpoints,
 * EndpointSlice), and the port traffic reaches it on.
 *
 * <pre>{@code
 * for (Endpoint e : state.endpoints(svc, 5000)) {
 *     e.ip() + ":" + e.port();   // "10.244.0.2:5000"
 *     e.ready();                 // not-ready endpoints receive no traffic
 * }
 * }</pre>
 *
 * @param pod the pod, or {@code null} for an address written by hand that is no pod's
 * @param ip the address
 * @param port the resolved target port: the Service port's {@code targetPort} number, or the
 *             number of the pod's container port with that name
 * @param ready whether the pod is ready
 * @param hostname the endpoint's hostname, which a headless Service's DNS answers as
 *                 {@code <hostname>.<service>.<namespace>.svc.cluster.local}, or {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record Endpoint(ClusterPod pod, String ip, int port, boolean ready, String hostname) {

    public Endpoint {
        Objects.requireNonNull(ip, "ip");
    }

    /** An endpoint without a hostname. */
    public Endpoint(ClusterPod pod, String ip, int port, boolean ready) {
        this(pod, ip, port, ready, null);
    }

    /** The pod's labels, none for an address that is no pod's: what subsets and load balancers see. */
    public java.util.Map<String, String> podLabels() {
        return pod == null ? java.util.Map.of() : pod.labels();
    }

    /** {@code ip:port}. */
    public String address() {
        return ip + ":" + port;
    }
}
