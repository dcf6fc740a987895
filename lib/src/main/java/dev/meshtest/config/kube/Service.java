package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

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
@API(status = STABLE, since = "0.1")
public record Service(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                      ServiceSpec spec) implements Resource {
}
