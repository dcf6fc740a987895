package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A Service's {@code spec.sessionAffinityConfig}: how long kube-proxy keeps a client on the pod it
 * picked under {@code sessionAffinity: ClientIP}.
 *
 * <pre>{@code
 * sessionAffinity: ClientIP
 * sessionAffinityConfig:
 *   clientIP: {timeoutSeconds: 60}
 * }</pre>
 *
 * @param clientIP the ClientIP settings
 */
@API(status = STABLE, since = "0.1")
public record SessionAffinityConfig(ClientIPConfig clientIP) {

    /**
     * The ClientIP affinity's settings.
     *
     * @param timeoutSeconds how long after a client's last connection its pod is forgotten;
     *                       10800 (3 hours) when absent, as the API server defaults it
     */
    @API(status = STABLE, since = "0.1")
    public record ClientIPConfig(Integer timeoutSeconds) {
    }
}
