package dev.meshtest.config.istio;

import dev.meshtest.config.Required;
import java.time.Duration;
import java.util.List;

/**
 * The cookie a consistent hash uses (proto {@code LoadBalancerSettings.ConsistentHashLB.HTTPCookie}).
 *
 * <pre>{@code
 * httpCookie:
 *   name: user
 *   path: /
 *   ttl: 3600s
 *   attributes: [{name: SameSite, value: Strict}]
 * }</pre>
 *
 * @param name the cookie's name
 * @param path the path of a generated cookie
 * @param ttl the lifetime of a generated cookie
 * @param attributes further attributes of a generated cookie
 */
public record HttpCookie(@Required String name, String path, Duration ttl, List<HttpCookieAttribute> attributes) {

    /**
     * Creates an instance, reading {@code null} {@code attributes} (as when left out of the YAML)
     * as empty.
     *
     * @param name the cookie's name
     * @param path the path of a generated cookie
     * @param ttl the lifetime of a generated cookie
     * @param attributes further attributes of a generated cookie
     */
    public HttpCookie {
        attributes = attributes == null ? List.of() : attributes;
    }
}
