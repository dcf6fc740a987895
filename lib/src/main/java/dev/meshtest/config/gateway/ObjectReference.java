package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A reference to an object of any kind (Go type {@code ObjectReference}).
 *
 * <pre>{@code
 * caCertificateRefs:
 * - {group: "", kind: ConfigMap, name: client-ca, namespace: certs}
 * }</pre>
 *
 * @param group the referent's API group, {@code ""} for the core group
 * @param kind the referent's kind
 * @param name the referent's name
 * @param namespace the referent's namespace; absent for the referrer's own
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ObjectReference(
        @Required String group,
        @Required String kind,
        @Required String name,
        String namespace) {
}
