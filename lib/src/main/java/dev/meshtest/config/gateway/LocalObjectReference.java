package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A reference to an object in the referrer's namespace, for an {@code ExtensionRef} filter (Go
 * type {@code LocalObjectReference}).
 *
 * <pre>{@code
 * extensionRef: {group: example.com, kind: RateLimit, name: per-user}
 * }</pre>
 *
 * @param group the referent's API group
 * @param kind the referent's kind
 * @param name the referent's name
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record LocalObjectReference(
        @Required String group,
        @Required String kind,
        @Required String name) {
}
