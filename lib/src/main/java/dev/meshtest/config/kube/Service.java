package dev.meshtest.config.kube;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;

/**
 * A Kubernetes Service: a stable name and ClusterIP in front of the pods its selector matches.
 *
 * <pre>{@code
 * apiVersion: v1
 * kind: Service
 * metadata: {name: helloworld}
 * spec:
 *   selector: {app: helloworld}
 *   ports: [{name: http, port: 5000}]
 * }</pre>
 *
 * @param apiVersion {@code v1}
 * @param kind {@code Service}
 * @param metadata the name, namespace and labels
 * @param spec the selector and ports; {@code null} when the manifest has none
 */
@AcceptedFields({"status"})
public record Service(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                      ServiceSpec spec) implements Resource {
}
