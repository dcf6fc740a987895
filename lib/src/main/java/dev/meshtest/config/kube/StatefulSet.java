package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Kubernetes StatefulSet: pods with stable names ({@code web-0}, {@code web-1}, ...) made from a
 * template, each with a DNS name of its own under the headless Service {@code serviceName}
 * ({@code web-0.web.default.svc.cluster.local}).
 *
 * <pre>{@code
 * apiVersion: apps/v1
 * kind: StatefulSet
 * metadata: {name: web}
 * spec:
 *   serviceName: web
 *   replicas: 2
 *   selector: {matchLabels: {app: web}}
 *   template:
 *     metadata: {labels: {app: web}}
 *     spec: {containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]}
 * }</pre>
 *
 * @param apiVersion {@code apps/v1}
 * @param kind {@code StatefulSet}
 * @param metadata the name, namespace and labels
 * @param spec the replicas, selector, pod template and governing Service
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.3")
public record StatefulSet(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                          @Required StatefulSetSpec spec) implements Resource {
}
