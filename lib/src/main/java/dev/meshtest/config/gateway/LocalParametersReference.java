package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A reference to parameters in the referrer's namespace (Go type {@code
 * LocalParametersReference}).
 *
 * <pre>{@code
 * parametersRef: {group: "", kind: ConfigMap, name: gw-options}
 * }</pre>
 *
 * @param group the referent's API group, {@code ""} for the core group
 * @param kind the referent's kind
 * @param name the referent's name
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record LocalParametersReference(
        @Required String group,
        @Required String kind,
        @Required String name) {
}
