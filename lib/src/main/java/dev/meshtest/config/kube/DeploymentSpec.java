package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A Deployment's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   replicas: 3
 *   selector: {matchLabels: {app: reviews, version: v2}}
 *   template: {metadata: {labels: {app: reviews, version: v2}}, spec: {containers: [...]}}
 * }</pre>
 *
 * @param replicas how many pods; 1 when absent
 * @param selector which pods the Deployment owns; must match the template's labels
 * @param template the pod template
 */
@AcceptedFields({"strategy", "minReadySeconds", "revisionHistoryLimit", "paused", "progressDeadlineSeconds"})
@API(status = STABLE, since = "0.1")
public record DeploymentSpec(Integer replicas, @Required LabelSelector selector, @Required PodTemplateSpec template) {

    /** {@return {@code replicas}, or 1 when absent, as Kubernetes defaults it} */
    public int replicaCount() {
        return replicas == null ? 1 : replicas;
    }
}
