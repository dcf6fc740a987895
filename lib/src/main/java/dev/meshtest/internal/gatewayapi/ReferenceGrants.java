package dev.meshtest.internal.gatewayapi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.gateway.ReferenceGrant;
import dev.meshtest.config.gateway.ReferenceGrantFrom;
import dev.meshtest.config.gateway.ReferenceGrantTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What the ReferenceGrants of a cluster allow ({@code gatewaycommon ReferenceGrantsCollection},
 * {@code BackendAllowed}, {@code SecretAllowed}): a route's backend or a Gateway's certificate in
 * another namespace. Only the kinds Istio reads count: from Gateway, the route kinds and ListenerSet
 * of {@code gateway.networking.k8s.io}, to core Service, Secret and ConfigMap. The translation asks
 * it, and so does the gateway's SDS for {@code kubernetes-gateway://} credentials.
 *
 * <pre>{@code
 * ReferenceGrants grants = ReferenceGrants.of(referenceGrants);
 * grants.allows("Gateway", "istio-ingress", "Secret", "certs", "web-cert");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class ReferenceGrants {

    private static final Set<String> FROM_KINDS = Set.of("Gateway", "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "ListenerSet");
    private static final Set<String> TO_KINDS = Set.of("Service", "Secret", "ConfigMap");

    private record Grant(String fromKind, String fromNamespace, String toKind, String toNamespace, String name) {
    }

    private final List<Grant> grants;

    private ReferenceGrants(List<Grant> grants) {
        this.grants = grants;
    }

    /**
     * The grants of these objects.
     *
     * @param referenceGrants the ReferenceGrants stored
     * @return what they allow
     */
    public static ReferenceGrants of(List<ReferenceGrant> referenceGrants) {
        List<Grant> out = new ArrayList<>();
        for (ReferenceGrant g : referenceGrants) {
            if (g.spec() == null) {
                continue;
            }
            for (ReferenceGrantFrom from : g.spec().from()) {
                if (!GatewayApiTranslator.GROUP.equals(from.group()) || !FROM_KINDS.contains(from.kind())) {
                    continue;
                }
                for (ReferenceGrantTo to : g.spec().to()) {
                    if ("".equals(to.group()) && TO_KINDS.contains(to.kind())) {
                        out.add(new Grant(from.kind(), from.namespace(), to.kind(), g.namespace(), to.name()));
                    }
                }
            }
        }
        return new ReferenceGrants(List.copyOf(out));
    }

    /**
     * Whether an object of {@code fromKind} in {@code fromNamespace} may refer to the
     * {@code toKind} {@code name} in {@code toNamespace}.
     *
     * @param fromKind such as {@code HTTPRoute} or {@code Gateway}
     * @param fromNamespace the referring object's namespace
     * @param toKind {@code Service}, {@code Secret} or {@code ConfigMap}
     * @param toNamespace the referred object's namespace
     * @param name the referred object's name
     * @return whether a grant in {@code toNamespace} allows it
     */
    public boolean allows(String fromKind, String fromNamespace, String toKind, String toNamespace, String name) {
        for (Grant g : grants) {
            if (g.fromKind().equals(fromKind) && g.fromNamespace().equals(fromNamespace) && g.toKind().equals(toKind)
                    && g.toNamespace().equals(toNamespace) && (g.name() == null || g.name().equals(name))) {
                return true;
            }
        }
        return false;
    }
}
