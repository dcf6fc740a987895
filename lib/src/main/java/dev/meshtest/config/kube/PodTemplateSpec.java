package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * A Deployment's {@code spec.template}: the metadata (labels, annotations) and spec of its pods.
 *
 * <pre>{@code
 * template:
 *   metadata: {labels: {app: helloworld, version: v1}}
 *   spec: {containers: [{name: helloworld, image: helloworld:v1}]}
 * }</pre>
 *
 * @param metadata the pods' labels and annotations
 * @param spec the pods' containers and other settings
 */
@API(status = STABLE, since = "0.1")
public record PodTemplateSpec(ObjectMeta metadata, @Required PodSpec spec) {

    /**
     * Creates a template, reading {@code null} {@code metadata} as metadata with no labels or annotations.
     *
     * @param metadata the pods' labels and annotations
     * @param spec the pods' containers and other settings
     */
    public PodTemplateSpec {
        metadata = metadata == null ? ObjectMeta.of(null, null) : metadata;
    }
}
