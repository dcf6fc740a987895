package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A proxy took a new configuration version: istiod's push reached it. From then on it routes by
 * that version; until then it routed by the one before, as a real Envoy does while a change
 * propagates ({@code dev.meshtest.PushDelay}).
 *
 * <pre>{@code
 * TimelineResult t = mesh.timeline()...run();
 * for (ConfigPush p : t.pushes()) {
 *     System.out.println(p);   // 5.183s: default/nginx-5d8f7b9c4-x2x7q (nginx) takes version 7
 * }
 * }</pre>
 *
 * @param namespace the proxy's pod's namespace
 * @param pod the proxy's pod
 * @param workload the pod's workload (its Deployment, or the pod itself)
 * @param version the configuration version (the cluster's, which every apply or delete advances)
 * @param at when, on the mesh's virtual clock
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record ConfigPush(String namespace, String pod, String workload, long version, Duration at) {

    /**
     * Checks the parts.
     *
     * @param namespace the proxy's pod's namespace
     * @param pod the proxy's pod
     * @param workload the pod's workload
     * @param version the configuration version
     * @param at when, on the mesh's virtual clock
     * @throws NullPointerException for a missing part
     */
    public ConfigPush {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return DurationFormat.of(at) + ": " + namespace + "/" + pod + " (" + workload + ") takes version " + version;
    }
}
