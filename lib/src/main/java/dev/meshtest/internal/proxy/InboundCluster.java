package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import org.apiguardian.api.API;

/**
 * A sidecar's inbound cluster {@code inbound|<targetPort>||}: where requests that reach the pod
 * on a target port go, and the circuit breakers the server sidecar enforces there (istio-rules §6.6). They
 * come from the DestinationRule of the pod's primary Service for that port (the oldest Service
 * selecting the pod on it, then by hostname), looked up from the pod's namespace; only its
 * top-level or port-level connection pool counts, never a subset's. The counters are shared by
 * every caller of the pod, with or without a sidecar.
 *
 * <pre>{@code
 * InboundCluster c = mesh.proxyConfig("helloworld-v1").inboundCluster(5000);
 * c.service();              // helloworld-v1.default.svc.cluster.local, when it is the oldest Service
 * c.circuitBreakers();      // maxRequests 1 from its DestinationRule
 * }</pre>
 *
 * @param targetPort the pod port
 * @param service the primary Service's host name
 * @param servicePort the primary Service's port that reaches the target port
 * @param circuitBreakers the thresholds ({@link CircuitBreakers#DEFAULT} when no rule sets any)
 * @param destinationRule the DestinationRule whose policy was applied, or {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record InboundCluster(int targetPort, String service, int servicePort, CircuitBreakers circuitBreakers,
                             ResourceRef destinationRule) {

    /** Istio's {@code BuildInboundSubsetKey}: {@code inbound|<targetPort>||}. */
    public String name() {
        return "inbound|" + targetPort + "||";
    }
}
