package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A reference to a Secret, or to another object holding a certificate (Go type {@code
 * SecretObjectReference}).
 *
 * <pre>{@code
 * certificateRefs:
 * - {group: "", kind: Secret, name: bookinfo-cert, namespace: certs}
 * }</pre>
 *
 * @param group the referent's API group; absent or {@code ""} for the core group
 * @param kind the referent's kind; absent for {@code Secret}
 * @param name the referent's name
 * @param namespace the referent's namespace; absent for the referrer's own. Another namespace
 *     needs a ReferenceGrant there.
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record SecretObjectReference(
        String group,
        String kind,
        @Required String name,
        String namespace) {
}
