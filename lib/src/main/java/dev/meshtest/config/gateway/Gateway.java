package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Gateway API Gateway ({@code gateway.networking.k8s.io/v1} or {@code v1beta1}): listeners, each
 * a port, protocol and optional hostname that routes attach to. With class {@code istio}, Istio
 * deploys the gateway itself (a Deployment and Service named {@code <name>-istio}) and turns each
 * listener into an Istio Gateway server. A {@code status} as exported from a cluster is accepted
 * and ignored. Not the Istio {@code networking.istio.io} Gateway, which is {@link
 * dev.meshtest.config.istio.Gateway}.
 *
 * <pre>{@code
 * apiVersion: gateway.networking.k8s.io/v1
 * kind: Gateway
 * metadata: {name: bookinfo-gateway}
 * spec:
 *   gatewayClassName: istio
 *   listeners:
 *   - name: http
 *     port: 80
 *     protocol: HTTP
 *     allowedRoutes:
 *       namespaces: {from: Same}
 * }</pre>
 *
 * @param apiVersion {@code gateway.networking.k8s.io/} followed by {@code v1} or {@code v1beta1}
 * @param kind {@code Gateway}
 * @param metadata the name, namespace and labels
 * @param spec the class, listeners and addresses; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = EXPERIMENTAL, since = "0.7")
public record Gateway(
        @Required String apiVersion,
        @Required String kind,
        @Required ObjectMeta metadata,
        GatewaySpec spec) implements Resource {
}
