package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A StatefulSet's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   serviceName: web
 *   replicas: 3
 *   selector: {matchLabels: {app: web}}
 *   template: {metadata: {labels: {app: web}}, spec: {containers: [...]}}
 *   updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}
 * }</pre>
 *
 * @param replicas how many pods; 1 when absent
 * @param selector which pods the StatefulSet owns; must match the template's labels
 * @param template the pod template
 * @param serviceName the headless Service the pods' hostnames are under (their {@code subdomain})
 * @param ordinals the first pod's ordinal ({@code start}, 0 when absent)
 * @param updateStrategy how a changed template reaches the pods: {@code RollingUpdate} (default,
 *                       pods from ordinal {@code partition} up are replaced) or {@code OnDelete}
 */
@AcceptedFields({"podManagementPolicy", "revisionHistoryLimit", "volumeClaimTemplates", "minReadySeconds",
        "persistentVolumeClaimRetentionPolicy"})
@API(status = STABLE, since = "0.3")
public record StatefulSetSpec(Integer replicas, @Required LabelSelector selector, @Required PodTemplateSpec template,
                              String serviceName, Ordinals ordinals, UpdateStrategy updateStrategy) {

    /** {@return {@code replicas}, or 1 when absent, as Kubernetes defaults it} */
    public int replicaCount() {
        return replicas == null ? 1 : replicas;
    }

    /** {@return the first ordinal: {@code ordinals.start}, or 0} */
    public int firstOrdinal() {
        return ordinals == null || ordinals.start() == null ? 0 : ordinals.start();
    }

    /**
     * {@code spec.ordinals}.
     *
     * @param start the ordinal of the first pod
     */
    @API(status = STABLE, since = "0.3")
    public record Ordinals(Integer start) {
    }

    /**
     * {@code spec.updateStrategy}.
     *
     * @param type {@code RollingUpdate} (default) or {@code OnDelete}
     * @param rollingUpdate the partition of a rolling update
     */
    @API(status = STABLE, since = "0.3")
    public record UpdateStrategy(String type, RollingUpdate rollingUpdate) {
    }

    /**
     * {@code spec.updateStrategy.rollingUpdate}.
     *
     * @param partition pods with an ordinal below it keep their template; 0 when absent
     * @param maxUnavailable how many pods may be down during the update (no effect on the end state)
     */
    @API(status = STABLE, since = "0.3")
    public record RollingUpdate(Integer partition, IntOrString maxUnavailable) {
    }
}
