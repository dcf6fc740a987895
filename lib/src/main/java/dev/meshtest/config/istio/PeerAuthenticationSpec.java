package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A PeerAuthentication's {@code spec} (proto {@code istio.security.v1beta1.PeerAuthentication}).
 *
 * <pre>{@code
 * spec:
 *   selector:
 *     matchLabels: {app: httpbin}
 *   mtls: {mode: STRICT}
 *   portLevelMtls:
 *     8080: {mode: DISABLE}
 * }</pre>
 *
 * @param selector the pods (of its namespace) it applies to; absent: every pod of the namespace
 *                 (of the mesh, in the root namespace)
 * @param mtls the mutual TLS mode; absent or {@code UNSET}: inherited from the wider policy
 * @param portLevelMtls the mode per container port (the port a Service's {@code targetPort} names),
 *                      which replaces {@code mtls} on that port; only with a selector. Keyed by the
 *                      port number as written (the proto's {@code map<uint32, MutualTLS>}: YAML keys
 *                      are text)
 */
@API(status = STABLE, since = "0.4")
public record PeerAuthenticationSpec(TypeWorkloadSelector selector, PeerAuthenticationMutualTls mtls,
                                     Map<String, PeerAuthenticationMutualTls> portLevelMtls) {

    /**
     * Creates an instance, reading a {@code null} {@code portLevelMtls} (as when left out of the
     * YAML) as empty.
     *
     * @param selector the pods it applies to
     * @param mtls the mutual TLS mode
     * @param portLevelMtls the mode per container port
     */
    public PeerAuthenticationSpec {
        portLevelMtls = portLevelMtls == null ? Map.of() : portLevelMtls;
    }
}
