package dev.meshtest.config.kube;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import java.util.List;

/**
 * A container of a pod. Its named ports can be a Service's {@code targetPort}.
 *
 * <pre>{@code
 * - name: helloworld
 *   image: docker.io/istio/examples-helloworld-v1
 *   ports: [{containerPort: 5000}]
 * }</pre>
 */
@AcceptedFields({"command", "args", "workingDir", "env", "envFrom", "resources", "resizePolicy",
        "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
        "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy",
        "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"})
public record Container(@Required String name, String image, List<ContainerPort> ports) {

    public Container {
        ports = ports == null ? List.of() : ports;
    }
}
