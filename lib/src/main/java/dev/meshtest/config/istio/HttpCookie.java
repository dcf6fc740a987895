package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
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
