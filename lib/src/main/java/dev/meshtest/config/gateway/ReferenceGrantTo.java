package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * What may be referred to in the grant's namespace.
 *
 * <pre>{@code
 * to:
 * - {group: "", kind: Service, name: reviews}
 * }</pre>
 *
 * @param group the referent's API group, {@code ""} for the core group
 * @param kind the referent's kind
 * @param name the referent's name; absent for every object of the kind
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ReferenceGrantTo(
        @Required String group,
        @Required String kind,
        String name) {
}
