package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Kubernetes DaemonSet: one pod per node from a template. meshtest's cluster has one node, so
 * a DaemonSet runs one pod, named {@code <name>-<5 characters>}.
 *
 * <pre>{@code
 * apiVersion: apps/v1
 * kind: DaemonSet
 * metadata: {name: node-agent}
 * spec:
 *   selector: {matchLabels: {app: node-agent}}
 *   template:
 *     metadata: {labels: {app: node-agent}}
 *     spec: {containers: [{name: agent, image: agent}]}
 * }</pre>
 *
 * @param apiVersion {@code apps/v1}
 * @param kind {@code DaemonSet}
 * @param metadata the name, namespace and labels
 * @param spec the selector, pod template and update strategy
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.3")
public record DaemonSet(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                        @Required DaemonSetSpec spec) implements Resource {
}
