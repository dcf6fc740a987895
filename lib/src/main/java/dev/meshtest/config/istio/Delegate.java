package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The VirtualService an HTTP rule delegates to. A delegate VirtualService has no {@code hosts};
 * its rules are merged under the delegating rule's match.
 *
 * <pre>{@code
 * - match: [{uri: {prefix: /productpage}}]
 *   delegate:
 *     name: productpage
 *     namespace: nsA
 * }</pre>
 *
 * @param name the delegate VirtualService's name
 * @param namespace its namespace; absent means the delegating VirtualService's namespace
 */
@API(status = STABLE, since = "0.1")
public record Delegate(String name, String namespace) {
}
