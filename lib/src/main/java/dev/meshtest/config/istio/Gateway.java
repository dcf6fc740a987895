package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio Gateway ({@code networking.istio.io/v1}, {@code v1beta1} or {@code v1alpha3}): the
 * ports, protocols and hosts a gateway workload (such as {@code istio-ingressgateway}) serves.
 * VirtualServices bind to it by name in their {@code gateways}.
 *
 * <pre>{@code
 * apiVersion: networking.istio.io/v1
 * kind: Gateway
 * metadata: {name: bookinfo-gateway}
 * spec:
 *   selector: {istio: ingressgateway}
 *   servers:
 *   - port: {number: 80, name: http, protocol: HTTP}
 *     hosts: ["*"]
 * }</pre>
 *
 * @param apiVersion {@code networking.istio.io/} followed by {@code v1}, {@code v1beta1} or {@code v1alpha3}
 * @param kind {@code Gateway}
 * @param metadata the name, namespace and labels
 * @param spec the servers and the gateway workloads they apply to; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.1")
public record Gateway(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                      GatewaySpec spec) implements Resource {
}
