package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A pod's {@code spec.dnsConfig}: resolver settings added to (or, with {@code dnsPolicy: None},
 * replacing) the cluster's. meshtest does not simulate them: a pod spec with one is refused unless
 * the mesh is lenient.
 *
 * <pre>{@code
 * dnsConfig:
 *   options: [{name: ndots, value: "1"}]
 * }</pre>
 *
 * @param nameservers resolver addresses
 * @param searches search domains
 * @param options resolver options, each {@code name} and optional {@code value}
 */
@API(status = STABLE, since = "0.1")
public record PodDnsConfig(List<String> nameservers, List<String> searches, List<Map<String, String>> options) {
}
