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
 * @param image the image it runs: Istio's sample images choose the pod's default app (docs/resilience.md, "Bookinfo")
 * @param ports the ports it listens on; named ones can be a Service's {@code targetPort}
 * @param env its environment variables (read for Istio's sample apps only, see {@link EnvVar})
 */
@AcceptedFields({"command", "args", "workingDir", "envFrom", "resources", "resizePolicy",
        "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
        "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy",
        "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"})
@API(status = STABLE, since = "0.1")
public record Container(@Required String name, String image, List<ContainerPort> ports, List<EnvVar> env) {

    /**
     * Creates an instance, reading {@code null} {@code ports} and {@code env} (as when left out of the YAML) as empty.
     *
     * @param name the container's name, unique in the pod
     * @param image the image it runs (not used for routing)
     * @param ports the ports it listens on; named ones can be a Service's {@code targetPort}
     * @param env its environment variables
     */
    public Container {
        ports = ports == null ? List.of() : ports;
        env = env == null ? List.of() : env;
    }

    /**
     * A container without environment variables.
     *
     * <pre>{@code
     * new Container("reviews", "docker.io/istio/examples-bookinfo-reviews-v2:1.20.3", List.of(new ContainerPort(null, 9080, null, null, null)));
     * }</pre>
     *
     * @param name the container's name, unique in the pod
     * @param image the image it runs
     * @param ports the ports it listens on
     */
    public Container(String name, String image, List<ContainerPort> ports) {
        this(name, image, ports, List.of());
    }
}
