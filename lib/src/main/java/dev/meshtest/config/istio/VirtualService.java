package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * An Istio VirtualService ({@code networking.istio.io/v1}, {@code v1beta1} or {@code v1alpha3}):
 * routing rules applied to traffic addressed to its {@code hosts}.
 *
 * <pre>{@code
 * apiVersion: networking.istio.io/v1
 * kind: VirtualService
 * metadata: {name: helloworld}
 * spec:
 *   hosts: [helloworld]
 *   http:
 *   - route:
 *     - destination: {host: helloworld, subset: v1}
 *       weight: 20
 *     - destination: {host: helloworld, subset: v2}
 *       weight: 80
 * }</pre>
 *
 * @param apiVersion {@code networking.istio.io/} followed by {@code v1}, {@code v1beta1} or {@code v1alpha3}
 * @param kind {@code VirtualService}
 * @param metadata the name, namespace and labels
 * @param spec the hosts, gateways and ordered routing rules; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.1")
public record VirtualService(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                             VirtualServiceSpec spec) implements Resource {
}
