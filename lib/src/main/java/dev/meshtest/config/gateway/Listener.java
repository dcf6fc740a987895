package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * One listener of a Gateway: where it accepts traffic and which routes may attach.
 *
 * <pre>{@code
 * - name: https
 *   hostname: bookinfo.example.com
 *   port: 443
 *   protocol: HTTPS
 *   tls:
 *     mode: Terminate
 *     certificateRefs: [{name: bookinfo-cert}]
 *   allowedRoutes:
 *     namespaces: {from: All}
 * }</pre>
 *
 * @param name the listener's name, unique in the Gateway; a route's {@code
 *     parentRefs[].sectionName} names it
 * @param hostname the host this listener serves, exact or a {@code *.} wildcard; absent for every
 *     host
 * @param port the port (1 to 65535)
 * @param protocol {@code HTTP}, {@code HTTPS}, {@code TLS}, {@code TCP}, {@code UDP} or a
 *     domain-prefixed protocol (Istio adds {@code HBONE} for waypoints)
 * @param tls TLS settings, required for {@code HTTPS} and {@code TLS}
 * @param allowedRoutes which routes may attach: from which namespaces and of which kinds; absent
 *     means routes of the Gateway's namespace, of the kinds the protocol supports
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record Listener(
        @Required String name,
        String hostname,
        @Required Integer port,
        @Required String protocol,
        ListenerTlsConfig tls,
        AllowedRoutes allowedRoutes) {
}
