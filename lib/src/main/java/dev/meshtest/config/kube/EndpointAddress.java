package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * One address of an {@link EndpointSubset}: an IP, a pod's or one outside the cluster.
 *
 * <pre>{@code
 * - ip: 192.168.10.4
 * }</pre>
 *
 * @param ip the IP address
 * @param hostname the endpoint's hostname, for the per-endpoint DNS name of a headless Service
 */
@AcceptedFields({"nodeName", "targetRef"})
@API(status = STABLE, since = "0.3")
public record EndpointAddress(@Required String ip, String hostname) {
}
