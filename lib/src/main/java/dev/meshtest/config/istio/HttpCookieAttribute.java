package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * An attribute of a generated hash cookie (proto
 * {@code LoadBalancerSettings.ConsistentHashLB.HTTPCookie.Attribute}).
 *
 * <pre>{@code
 * attributes:
 * - name: SameSite
 *   value: Strict
 * - name: Secure
 * }</pre>
 *
 * @param name the attribute's name
 * @param value the attribute's value; absent for flag attributes
 */
@API(status = STABLE, since = "0.1")
public record HttpCookieAttribute(@Required String name, String value) {
}
