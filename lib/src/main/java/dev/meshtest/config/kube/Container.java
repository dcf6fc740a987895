package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A container of a pod. Its named ports can be a Service's {@code targetPort}.
 *
 * <pre>{@code
 * - name: helloworld
 *   image: docker.io/istio/examples-helloworld-v1
 *   ports: [{containerPort: 5000}]
 * }</pre>
 *
 * @param name the container's name, unique in the pod
 * @param image the image it runs (not used for routing)
 * @param ports the ports it listens on; named ones can be a Service's {@code targetPort}
 */
@AcceptedFields({"command", "args", "workingDir", "env", "envFrom", "resources", "resizePolicy",
        "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
        "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy",
        "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"})
@API(status = STABLE, since = "0.1")
public record Container(@Required String name, String image, List<ContainerPort> ports) {

    /**
     * Creates an instance, reading {@code null} {@code ports} (as when left out of the YAML) as empty.
     *
     * @param name the container's name, unique in the pod
     * @param image the image it runs (not used for routing)
     * @param ports the ports it listens on; named ones can be a Service's {@code targetPort}
     */
    public Container {
        ports = ports == null ? List.of() : ports;
    }
}
