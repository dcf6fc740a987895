package dev.meshtest.proxyconfig;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.internal.text.Json;
import org.apiguardian.api.API;

/**
 * What istiod pushed to one proxy (a sidecar or a gateway), read-only and printable like
 * {@code istioctl proxy-config}: listeners, routes, clusters and endpoints, each a {@link Table};
 * and its security: RBAC filters, mutual TLS modes, and the TLS it terminates and originates.
 *
 * <pre>{@code
 * ProxyConfigView pc = mesh.proxyConfig("nginx");
 * System.out.println(pc.routes());      // NAME  VHOST NAME  DOMAINS  MATCH  VIRTUAL SERVICE
 * System.out.println(pc.clusters());    // SERVICE FQDN  PORT  SUBSET  DIRECTION  TYPE  DESTINATION RULE
 * pc.routes().column("DOMAINS");        // [helloworld, helloworld.default, ...]
 * }</pre>
 *
 * <p>The view is a snapshot of one config version: applying more YAML to the mesh does not change
 * a view already obtained; ask {@code mesh.proxyConfig(pod)} again.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ProxyConfigView {

    /** {@return the proxy's pod as {@code namespace/name}} */
    String pod();

    /**
     * The configuration version this proxy has: the cluster's version (every apply or delete that
     * changes something advances it) when istiod built it. Between sends every proxy has the
     * latest; while live traffic runs, a proxy keeps the version before a change until istiod's
     * push reaches it ({@code dev.meshtest.PushDelay}), as {@code istioctl proxy-status} shows.
     *
     * <pre>{@code
     * mesh.apply(canary);                          // while live traffic runs
     * mesh.proxyConfig("nginx").version();         // still the version before, for a moment
     * }</pre>
     *
     * @return the configuration version
     */
    long version();

    /** {@return whether the proxy is a gateway (for example {@code istio-ingressgateway}) rather than a sidecar} */
    boolean isGateway();

    /** {@return the listeners, like {@code istioctl proxy-config listeners}: address, port, what they match, where they go} */
    Table listeners();

    /** {@return the routes, like {@code istioctl proxy-config routes}: one row per route of every virtual host} */
    Table routes();

    /** {@return the clusters, like {@code istioctl proxy-config clusters}: every outbound and inbound cluster} */
    Table clusters();

    /** {@return the endpoints, like {@code istioctl proxy-config endpoints}: every endpoint of every cluster, with its health} */
    Table endpoints();

    /**
     * The security filters of the proxy's HTTP connection managers, in the order Envoy runs them:
     * jwt_authn's providers (one per RequestAuthentication issuer), then the RBAC DENY filter's
     * policies, then the ALLOW filter's, one row per AuthorizationPolicy rule
     * ({@code ns[<ns>]-policy[<name>]-rule[<i>]}); empty when no policy selects the workload.
     *
     * <pre>{@code
     * mesh.proxyConfig("productpage").authorization();
     * // FILTER                        ACTION  RULE                                   FROM
     * // envoy.filters.http.jwt_authn  -       issuer testing@secure.istio.io         RequestAuthentication jwt.default
     * // envoy.filters.http.rbac       ALLOW   ns[default]-policy[get-only]-rule[0]   AuthorizationPolicy get-only.default
     * }</pre>
     *
     * @return the filters' rules
     */
    Table authorization();

    /**
     * A sidecar's mutual TLS mode per inbound port, from its PeerAuthentications: STRICT,
     * PERMISSIVE or DISABLE, the last row ({@code *}) for every other port; empty for a gateway.
     *
     * <pre>{@code
     * mesh.proxyConfig("foo/httpbin").mutualTls();   // PORT  MODE / 8080  STRICT / *  STRICT
     * }</pre>
     *
     * @return the modes
     */
    Table mutualTls();

    /**
     * The TLS the proxy terminates and originates, one row per filter chain with TLS (a gateway's
     * HTTPS and TLS servers: mode, server names, the certificate's Secret, what clients must
     * present, the TLS versions from {@code minProtocolVersion}/{@code maxProtocolVersion}) and
     * per cluster a DestinationRule has originate TLS ({@code SIMPLE}, {@code MUTUAL}: the server
     * name sent, the client certificate, how the server's certificate is checked; Envoy's
     * upstream TLS is 1.2).
     *
     * <pre>{@code
     * mesh.proxyConfig("istio-system/istio-ingressgateway").tls();
     * // DIRECTION   WHERE         MODE    SNI                  CERTIFICATE                        VALIDATION  VERSIONS
     * // downstream  0.0.0.0:8443  SIMPLE  httpbin.example.com  Secret istio-system/httpbin-credential  -     TLSV1_2-TLSV1_3
     * }</pre>
     *
     * @return the chains and clusters with TLS
     */
    Table tls();

    /**
     * The whole view as one JSON document: {@code pod}, {@code gateway}, then each table as an
     * array of row objects ({@link Table#toJson()}): {@code listeners}, {@code routes},
     * {@code clusters}, {@code endpoints}, {@code authorization}, {@code mutualTls}, {@code tls}.
     * Field names are stable and listed in {@code docs/json.md}.
     *
     * <pre>{@code
     * String json = mesh.proxyConfig("nginx").toJson();
     * // {"kind": "ProxyConfig", "schemaVersion": 1, "pod": "default/nginx", "gateway": false, "listeners": [...], ...}
     * }</pre>
     *
     * @return the JSON document
     */
    @API(status = EXPERIMENTAL, since = "0.6")
    default String toJson() {
        Json w = Json.pretty().beginObject()
                .name("kind").value("ProxyConfig")
                .name("schemaVersion").value(1)
                .name("pod").value(pod())
                .name("gateway").value(isGateway());
        w.name("listeners");
        listeners().write(w);
        w.name("routes");
        routes().write(w);
        w.name("clusters");
        clusters().write(w);
        w.name("endpoints");
        endpoints().write(w);
        w.name("authorization");
        authorization().write(w);
        w.name("mutualTls");
        mutualTls().write(w);
        w.name("tls");
        tls().write(w);
        return w.endObject().toString();
    }
}
