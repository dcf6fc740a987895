package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A ReplicaSet's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   replicas: 2
 *   selector: {matchLabels: {app: frontend}}
 *   template: {metadata: {labels: {app: frontend}}, spec: {containers: [...]}}
 * }</pre>
 *
 * @param replicas how many pods; 1 when absent
 * @param selector which pods the ReplicaSet owns; must match the template's labels
 * @param template the pod template
 */
@AcceptedFields({"minReadySeconds"})
@API(status = STABLE, since = "0.3")
public record ReplicaSetSpec(Integer replicas, @Required LabelSelector selector, @Required PodTemplateSpec template) {

    /** {@return {@code replicas}, or 1 when absent, as Kubernetes defaults it} */
    public int replicaCount() {
        return replicas == null ? 1 : replicas;
    }
}
