package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A ReferenceGrant's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: istio-ingress}]
 *   to: [{group: "", kind: Secret, name: wildcard-cert}]
 * }</pre>
 *
 * @param from the kinds and namespaces that may refer (1 to 16)
 * @param to the kinds, and optionally names, in this namespace they may refer to (1 to 16)
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ReferenceGrantSpec(
        @Required List<ReferenceGrantFrom> from,
        @Required List<ReferenceGrantTo> to) {

    /**
     * Creates an instance, reading {@code null} {@code from} and {@code to} (as when left out of the
     * YAML) as empty.
     *
     * @param from the kinds and namespaces that may refer (1 to 16)
     * @param to the kinds, and optionally names, in this namespace they may refer to (1 to 16)
     */
    public ReferenceGrantSpec {
        from = from == null ? List.of() : from;
        to = to == null ? List.of() : to;
    }
}
