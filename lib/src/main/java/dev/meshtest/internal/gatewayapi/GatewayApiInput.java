package dev.meshtest.internal.gatewayapi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Resource;
import dev.meshtest.config.gateway.Gateway;
import dev.meshtest.config.gateway.GatewayClass;
import dev.meshtest.config.gateway.GrpcRoute;
import dev.meshtest.config.gateway.HttpRoute;
import dev.meshtest.config.gateway.ReferenceGrant;
import dev.meshtest.config.gateway.TcpRoute;
import dev.meshtest.config.gateway.TlsRoute;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Secret;
import dev.meshtest.config.kube.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the translation reads: the Gateway API objects, and what it needs of the cluster (Services
 * and their ports, Namespaces and their labels, Secrets for listener certificates).
 *
 * <pre>{@code
 * GatewayApiInput in = GatewayApiInput.of(resources);            // sorted out by kind
 * GatewayApiOutput out = GatewayApiTranslator.translate(in);
 * }</pre>
 *
 * @param gatewayClasses GatewayClasses; {@code istio} and {@code istio-waypoint} need not be listed
 *     (istiod creates them)
 * @param gateways Gateways of every class; those of other controllers are left alone
 * @param httpRoutes HTTPRoutes
 * @param grpcRoutes GRPCRoutes
 * @param tcpRoutes TCPRoutes
 * @param tlsRoutes TLSRoutes
 * @param referenceGrants ReferenceGrants
 * @param services Services: backends, mesh parents and the gateways' own Services
 * @param namespaces Namespaces, for {@code allowedRoutes} selectors
 * @param secrets Secrets, for listener certificates
 * @param domainSuffix the cluster's DNS suffix, {@code cluster.local}
 * @param created when the API server created an object (istiod's oldest-first ties); by default
 *     its manifest's {@code creationTimestamp}, but a cluster passes the times it stamped, since the
 *     API server sets them whatever a manifest says
 */
@API(status = INTERNAL, since = "0.7")
public record GatewayApiInput(
        List<GatewayClass> gatewayClasses,
        List<Gateway> gateways,
        List<HttpRoute> httpRoutes,
        List<GrpcRoute> grpcRoutes,
        List<TcpRoute> tcpRoutes,
        List<TlsRoute> tlsRoutes,
        List<ReferenceGrant> referenceGrants,
        List<Service> services,
        List<Namespace> namespaces,
        List<Secret> secrets,
        String domainSuffix,
        java.util.function.Function<? super Resource, java.time.Instant> created) {

    /** The DNS suffix of a cluster that sets none. */
    public static final String CLUSTER_LOCAL = "cluster.local";

    /** Copies the lists, reading {@code null} as empty and a {@code null} suffix as {@value #CLUSTER_LOCAL}. */
    public GatewayApiInput {
        gatewayClasses = gatewayClasses == null ? List.of() : List.copyOf(gatewayClasses);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        httpRoutes = httpRoutes == null ? List.of() : List.copyOf(httpRoutes);
        grpcRoutes = grpcRoutes == null ? List.of() : List.copyOf(grpcRoutes);
        tcpRoutes = tcpRoutes == null ? List.of() : List.copyOf(tcpRoutes);
        tlsRoutes = tlsRoutes == null ? List.of() : List.copyOf(tlsRoutes);
        referenceGrants = referenceGrants == null ? List.of() : List.copyOf(referenceGrants);
        services = services == null ? List.of() : List.copyOf(services);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        domainSuffix = domainSuffix == null ? CLUSTER_LOCAL : domainSuffix;
        created = created == null ? r -> r.metadata().creationTimestamp() : created;
    }

    /**
     * This input with the creation times a cluster stamped.
     *
     * @param times when each object was created
     * @return the input
     */
    public GatewayApiInput withCreationTimes(java.util.function.Function<? super Resource, java.time.Instant> times) {
        return new GatewayApiInput(gatewayClasses, gateways, httpRoutes, grpcRoutes, tcpRoutes, tlsRoutes, referenceGrants,
                services, namespaces, secrets, domainSuffix, times);
    }

    /**
     * Sorts resources out by kind; kinds the translation does not read are skipped.
     *
     * @param resources any resources, as read from manifests
     * @return the input, with the {@value #CLUSTER_LOCAL} suffix
     */
    public static GatewayApiInput of(Collection<? extends Resource> resources) {
        Objects.requireNonNull(resources, "resources");
        List<GatewayClass> classes = new ArrayList<>();
        List<Gateway> gateways = new ArrayList<>();
        List<HttpRoute> http = new ArrayList<>();
        List<GrpcRoute> grpc = new ArrayList<>();
        List<TcpRoute> tcp = new ArrayList<>();
        List<TlsRoute> tls = new ArrayList<>();
        List<ReferenceGrant> grants = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<Namespace> namespaces = new ArrayList<>();
        List<Secret> secrets = new ArrayList<>();
        for (Resource r : resources) {
            if (r instanceof GatewayClass c) {
                classes.add(c);
            } else if (r instanceof Gateway g) {
                gateways.add(g);
            } else if (r instanceof HttpRoute h) {
                http.add(h);
            } else if (r instanceof GrpcRoute g) {
                grpc.add(g);
            } else if (r instanceof TcpRoute t) {
                tcp.add(t);
            } else if (r instanceof TlsRoute t) {
                tls.add(t);
            } else if (r instanceof ReferenceGrant g) {
                grants.add(g);
            } else if (r instanceof Service s) {
                services.add(s);
            } else if (r instanceof Namespace n) {
                namespaces.add(n);
            } else if (r instanceof Secret s) {
                secrets.add(s);
            }
        }
        return new GatewayApiInput(classes, gateways, http, grpc, tcp, tls, grants, services, namespaces, secrets, CLUSTER_LOCAL,
                null);
    }
}
