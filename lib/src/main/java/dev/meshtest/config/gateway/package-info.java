/**
 * The Kubernetes Gateway API ({@code gateway.networking.k8s.io}) kinds Istio implements, as
 * immutable records that mirror the API's standard channel (v1.6) field for field:
 * {@link dev.meshtest.config.gateway.GatewayClass}, {@link dev.meshtest.config.gateway.Gateway},
 * {@link dev.meshtest.config.gateway.HttpRoute}, {@link dev.meshtest.config.gateway.GrpcRoute},
 * {@link dev.meshtest.config.gateway.TcpRoute} and {@link dev.meshtest.config.gateway.TlsRoute}
 * at {@code v1} (and {@code v1beta1} where served, with the same schema), and
 * {@link dev.meshtest.config.gateway.ReferenceGrant} at {@code v1beta1} (and {@code v1}, served since v1.6).
 * {@link dev.meshtest.config.gateway.GatewayApiKinds} lists them.
 *
 * <p><b>Experimental:</b> applied objects of these kinds are translated as istiod translates them
 * into Istio Gateways and VirtualServices, and route as those do; their status is
 * {@code mesh.gatewayApiStatus()}. {@code docs/gateway-api.md} says what is translated and what
 * is not.
 *
 * <p>The conventions are those of {@link dev.meshtest.config.istio}:
 *
 * <ul>
 *   <li>Component names are the API's JSON names; one exception, the frontend TLS
 *       {@code default} (a Java keyword), is {@code defaultConfig} in Java and {@code default} in YAML.
 *   <li>Scalars are boxed and {@code null} when absent; the API's durations ({@code 10s},
 *       {@code 1h30m}) are {@link java.time.Duration}.
 *   <li>Enumerations with a closed set of values in the CRD schema are Java enums whose constants
 *       are the API's values ({@code PathPrefix}, {@code RequestHeaderModifier}); open ones
 *       (protocols, address types, redirect schemes) are strings.
 *   <li>{@code @Required} marks what the CRD schema's {@code required} lists name.
 *   <li>The records hold what the manifest says. The defaults the API server writes in (a rule
 *       without {@code matches} matches prefix {@code /}, a {@code parentRef} without {@code kind}
 *       is a Gateway, a backend without {@code weight} weighs 1) are applied by the translation.
 * </ul>
 *
 * <p>Type names are the Go type names in Java camel case ({@code HTTPRoute} is {@code HttpRoute},
 * {@code GRPCBackendRef} is {@code GrpcBackendRef}, {@code HTTPURLRewriteFilter} is
 * {@code HttpUrlRewriteFilter}). The resources' {@code spec}s are {@code GatewayClassSpec},
 * {@code GatewaySpec}, {@code HttpRouteSpec}, {@code GrpcRouteSpec}, {@code TcpRouteSpec},
 * {@code TlsRouteSpec} and {@code ReferenceGrantSpec}.
 * {@code Gateway} here is the Gateway API's; Istio's is {@link dev.meshtest.config.istio.Gateway}.
 */
package dev.meshtest.config.gateway;
