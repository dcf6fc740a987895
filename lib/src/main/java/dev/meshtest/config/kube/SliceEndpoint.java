package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One endpoint of an {@link EndpointSlice}.
 *
 * <pre>{@code
 * - addresses: [192.168.10.4]
 *   conditions: {ready: true}
 * }</pre>
 *
 * @param addresses its address (exactly one for IPv4 and IPv6 slices)
 * @param conditions whether it is ready; absent means ready
 * @param hostname its hostname, for the per-endpoint DNS name of a headless Service
 */
@AcceptedFields({"nodeName", "zone", "targetRef", "hints", "deprecatedTopology"})
@API(status = STABLE, since = "0.3")
public record SliceEndpoint(@Required List<String> addresses, EndpointConditions conditions, String hostname) {
}
