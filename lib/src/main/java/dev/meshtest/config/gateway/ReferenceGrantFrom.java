package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * Who may refer, by kind and namespace.
 *
 * <pre>{@code
 * from:
 * - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: frontend}
 * }</pre>
 *
 * @param group the referrer's API group
 * @param kind the referrer's kind
 * @param namespace the referrer's namespace
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ReferenceGrantFrom(
        @Required String group,
        @Required String kind,
        @Required String namespace) {
}
