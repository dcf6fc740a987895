package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio RequestAuthentication ({@code security.istio.io/v1} or {@code v1beta1}): which JWTs the
 * proxies of the workloads it selects accept. A request with a token that fails its checks gets 401
 * ({@code Jwt verification fails}, {@code Jwt is expired}, ...); a request without a token passes,
 * unless an AuthorizationPolicy asks for {@code requestPrincipals}.
 *
 * <pre>{@code
 * apiVersion: security.istio.io/v1
 * kind: RequestAuthentication
 * metadata: {name: jwt-example, namespace: foo}
 * spec:
 *   selector:
 *     matchLabels: {app: httpbin}
 *   jwtRules:
 *   - issuer: testing@secure.istio.io
 *     jwksUri: https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json
 * }</pre>
 *
 * @param apiVersion {@code security.istio.io/v1} or {@code security.istio.io/v1beta1}
 * @param kind {@code RequestAuthentication}
 * @param metadata the name, namespace and labels
 * @param spec the workloads it applies to and the issuers it accepts; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.4")
public record RequestAuthentication(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                                    RequestAuthenticationSpec spec) implements Resource {
}
