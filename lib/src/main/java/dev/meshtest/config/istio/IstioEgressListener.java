package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Required;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One egress listener of a Sidecar (proto {@code IstioEgressListener}): the hosts the sidecar
 * imports, on one port or (without {@code port}) on every port no other listener names.
 *
 * <pre>{@code
 * egress:
 * - port: {number: 9080, protocol: HTTP, name: http}
 *   hosts: ["./reviews.default.svc.cluster.local", "istio-system/*"]
 * - hosts: ["./*", "~/*.internal.example.com"]
 * }</pre>
 *
 * @param port the port of the listener; absent: the catch-all listener, which must come last
 * @param bind the IP address the listener is bound to (a destination address with the default capture)
 * @param captureMode how traffic reaches the listener: {@code DEFAULT}, {@code IPTABLES} or {@code NONE}
 * @param hosts {@code namespace/dnsName} entries: {@code ./} the Sidecar's (or, from the root namespace, the
 *     proxy's) namespace, {@code * /} any namespace, {@code ~/} excludes; {@code dnsName} may start with {@code *}
 */
@API(status = STABLE, since = "0.3")
public record IstioEgressListener(SidecarPort port, String bind, CaptureMode captureMode, @Required List<String> hosts) {

    /**
     * Creates an instance, reading {@code null} {@code hosts} (as when left out of the YAML) as empty.
     *
     * @param port the port of the listener; absent: the catch-all listener, which must come last
     * @param bind the IP address the listener is bound to (a destination address with the default capture)
     * @param captureMode how traffic reaches the listener: {@code DEFAULT}, {@code IPTABLES} or {@code NONE}
     * @param hosts {@code namespace/dnsName} entries
     */
    public IstioEgressListener {
        hosts = hosts == null ? List.of() : hosts;
    }
}
