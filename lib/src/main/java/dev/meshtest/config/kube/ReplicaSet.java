package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Kubernetes ReplicaSet applied on its own: {@code replicas} pods named
 * {@code <name>-<5 characters>} from a template. Unlike a Deployment it does not replace running
 * pods when its template changes; only pods it makes later get the new template.
 *
 * <pre>{@code
 * apiVersion: apps/v1
 * kind: ReplicaSet
 * metadata: {name: frontend}
 * spec:
 *   replicas: 2
 *   selector: {matchLabels: {app: frontend}}
 *   template:
 *     metadata: {labels: {app: frontend}}
 *     spec: {containers: [{name: web, image: web}]}
 * }</pre>
 *
 * @param apiVersion {@code apps/v1}
 * @param kind {@code ReplicaSet}
 * @param metadata the name, namespace and labels
 * @param spec the replicas, selector and pod template
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.3")
public record ReplicaSet(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                         @Required ReplicaSetSpec spec) implements Resource {
}
