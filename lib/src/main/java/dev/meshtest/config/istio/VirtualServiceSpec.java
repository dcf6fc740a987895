package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A VirtualService's {@code spec} (proto {@code istio.networking.v1alpha3.VirtualService}).
 *
 * <pre>{@code
 * spec:
 *   hosts: [reviews]
 *   gateways: [mesh]
 *   http:
 *   - match: [{headers: {end-user: {exact: jason}}}]
 *     route: [{destination: {host: reviews, subset: v2}}]
 *   - route: [{destination: {host: reviews, subset: v1}}]
 *   exportTo: ["."]
 * }</pre>
 *
 * @param hosts the destination hosts the rules apply to: short names, FQDNs, wildcards
 *     ({@code *.example.com}) or IP addresses, as written
 * @param gateways the gateways ({@code namespace/name}) and sidecars ({@code mesh}) the rules apply to
 * @param http ordered HTTP rules (HTTP/1.1, HTTP/2, gRPC)
 * @param tls ordered rules for TLS and HTTPS traffic that is passed through, matched by SNI
 * @param tcp ordered rules for opaque TCP traffic
 * @param exportTo the namespaces this VirtualService is visible to ({@code .}, {@code *} or names)
 */
@API(status = STABLE, since = "0.1")
public record VirtualServiceSpec(
        List<String> hosts,
        List<String> gateways,
        List<HttpRoute> http,
        List<TlsRoute> tls,
        List<TcpRoute> tcp,
        List<String> exportTo) {

    /**
     * Creates an instance, reading {@code null} {@code hosts}, {@code gateways}, {@code http},
     * {@code tls}, {@code tcp} and {@code exportTo} (as when left out of the YAML) as empty.
     *
     * @param hosts the destination hosts the rules apply to: short names, FQDNs, wildcards
     *     ({@code *.example.com}) or IP addresses, as written
     * @param gateways the gateways ({@code namespace/name}) and sidecars ({@code mesh}) the rules apply to
     * @param http ordered HTTP rules (HTTP/1.1, HTTP/2, gRPC)
     * @param tls ordered rules for TLS and HTTPS traffic that is passed through, matched by SNI
     * @param tcp ordered rules for opaque TCP traffic
     * @param exportTo the namespaces this VirtualService is visible to ({@code .}, {@code *} or names)
     */
    public VirtualServiceSpec {
        hosts = hosts == null ? List.of() : hosts;
        gateways = gateways == null ? List.of() : gateways;
        http = http == null ? List.of() : http;
        tls = tls == null ? List.of() : tls;
        tcp = tcp == null ? List.of() : tcp;
        exportTo = exportTo == null ? List.of() : exportTo;
    }
}
