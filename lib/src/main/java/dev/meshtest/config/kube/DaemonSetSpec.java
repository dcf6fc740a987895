package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A DaemonSet's {@code spec}.
 *
 * <pre>{@code
 * spec:
 *   selector: {matchLabels: {app: node-agent}}
 *   template: {metadata: {labels: {app: node-agent}}, spec: {containers: [...]}}
 *   updateStrategy: {type: OnDelete}
 * }</pre>
 *
 * @param selector which pods the DaemonSet owns; must match the template's labels
 * @param template the pod template
 * @param updateStrategy {@code RollingUpdate} (default: a changed template replaces the pod) or
 *                       {@code OnDelete} (the running pod keeps its template until deleted)
 */
@AcceptedFields({"minReadySeconds", "revisionHistoryLimit"})
@API(status = STABLE, since = "0.3")
public record DaemonSetSpec(@Required LabelSelector selector, @Required PodTemplateSpec template, UpdateStrategy updateStrategy) {

    /**
     * {@code spec.updateStrategy}.
     *
     * @param type {@code RollingUpdate} (default) or {@code OnDelete}
     */
    @AcceptedFields({"rollingUpdate"})
    @API(status = STABLE, since = "0.3")
    public record UpdateStrategy(String type) {
    }
}
