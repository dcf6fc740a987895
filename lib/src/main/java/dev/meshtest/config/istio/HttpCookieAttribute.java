package dev.meshtest.config.istio;

import dev.meshtest.config.Required;

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
public record HttpCookieAttribute(@Required String name, String value) {
}
