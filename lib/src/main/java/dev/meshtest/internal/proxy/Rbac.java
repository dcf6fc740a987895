package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The RBAC filters Istio puts in a workload's HTTP connection manager for its AuthorizationPolicies
 * ({@code pilot/pkg/security/authz/builder}): a DENY filter, then an ALLOW filter, each a set of
 * named policies ({@code ns[<ns>]-policy[<name>]-rule[<i>]}), each policy a list of permissions
 * (what is asked) and principals (who asks), either list matching when any of its entries does
 * (Envoy's {@code RBAC} filter, {@code source/extensions/filters/common/rbac}). Built by
 * {@link AuthorizationPolicies}; AUDIT and dry-run policies change nothing and are left out.
 *
 * <pre>{@code
 * Rbac rbac = proxyConfigs.rbac(pod);
 * Rbac.Verdict v = rbac.evaluate(new Rbac.Request(peer, "10.244.0.5", "10.244.0.5", "10.244.0.7", 8080, request));
 * v.allowed();   // false: 403 RBAC: access denied
 * }</pre>
 *
 * @param deny the DENY filter's policies; a request any of them matches is denied
 * @param allow the ALLOW filter's policies, or {@code null} when no ALLOW policy selects the
 *              workload (no filter: everything not denied passes); an empty list denies every request
 */
@API(status = INTERNAL, since = "0.4")
public record Rbac(List<Policy> deny, List<Policy> allow) {

    /** No policy selects the workload: no RBAC filter at all. */
    public static final Rbac NONE = new Rbac(List.of(), null);

    public Rbac {
        deny = List.copyOf(deny);
        allow = allow == null ? null : List.copyOf(allow);
    }

    /** Whether the workload has RBAC filters at all. */
    public boolean isEmpty() {
        return deny.isEmpty() && allow == null;
    }

    /**
     * What the filters see of one request at the receiving proxy.
     *
     * @param peerIdentity the client's certificate identity ({@code spiffe://...}) over mutual TLS, else {@code null}
     * @param sourceIp the address of the connection's peer (the client pod, or the gateway that forwarded
     *                 it): {@code direct_remote_ip}
     * @param remoteIp the address the proxy trusts as the original client's ({@link ForwardedFor}): {@code remote_ip}
     * @param destinationIp the address the connection was made to (the pod's)
     * @param destinationPort the port it was made to (the container port at a sidecar)
     * @param request the request after path normalization
     * @param requestPrincipal {@code iss/sub} of the JWT the proxy's jwt_authn filter accepted, or {@code null}
     * @param claims that JWT's claims, or an empty map
     */
    public record Request(String peerIdentity, String sourceIp, String remoteIp, String destinationIp, int destinationPort,
                          HttpRequest request, String requestPrincipal, java.util.Map<String, Object> claims) {
        public Request {
            Objects.requireNonNull(request, "request");
            claims = claims == null ? java.util.Map.of() : claims;
        }

        /** A request without a JWT. */
        public Request(String peerIdentity, String sourceIp, String remoteIp, String destinationIp, int destinationPort,
                       HttpRequest request) {
            this(peerIdentity, sourceIp, remoteIp, destinationIp, destinationPort, request, null, java.util.Map.of());
        }
    }

    /**
     * The filters' answer.
     *
     * @param allowed whether the request goes on
     * @param policy the DENY policy that matched, or the ALLOW policy that let it through; {@code null}
     *               when no policy matched (denied by the ALLOW filter: {@code matched_policy[none]}, or no filter)
     * @param ref the AuthorizationPolicy of {@code policy}, or {@code null}
     */
    public record Verdict(boolean allowed, String policy, ResourceRef ref) {
    }

    /** Envoy's RBAC filters in order: DENY first, then ALLOW. */
    public Verdict evaluate(Request r) {
        for (Policy p : deny) {
            if (p.matches(r)) {
                return new Verdict(false, p.name(), p.ref());
            }
        }
        if (allow == null) {
            return new Verdict(true, null, null);
        }
        for (Policy p : allow) {
            if (p.matches(r)) {
                return new Verdict(true, p.name(), p.ref());
            }
        }
        return new Verdict(false, null, null);
    }

    /**
     * One Envoy RBAC policy, from one rule of an AuthorizationPolicy.
     *
     * @param name {@code ns[<ns>]-policy[<name>]-rule[<i>]}
     * @param ref the AuthorizationPolicy
     * @param permissions what is asked: one of them must match (each an AND of conditions); empty: never
     * @param principals who asks: one of them must match; empty: never
     */
    public record Policy(String name, ResourceRef ref, List<Condition> permissions, List<Condition> principals) {
        public Policy {
            permissions = List.copyOf(permissions);
            principals = List.copyOf(principals);
        }

        boolean matches(Request r) {
            return any(permissions, r) && any(principals, r);
        }

        private static boolean any(List<Condition> cs, Request r) {
            for (Condition c : cs) {
                if (c.test(r)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A condition on a request; conditions combine with and, or and not, as Envoy's permission and principal trees do. */
    @FunctionalInterface
    public interface Condition {
        boolean test(Request r);

        /** Matches everything (Envoy's {@code any: true}). */
        Condition ANY = r -> true;

        static Condition and(List<Condition> all) {
            List<Condition> cs = List.copyOf(all);
            return r -> {
                for (Condition c : cs) {
                    if (!c.test(r)) {
                        return false;
                    }
                }
                return true;
            };
        }

        static Condition or(List<Condition> any) {
            List<Condition> cs = List.copyOf(any);
            return r -> {
                for (Condition c : cs) {
                    if (c.test(r)) {
                        return true;
                    }
                }
                return false;
            };
        }

        static Condition not(Condition c) {
            return r -> !c.test(r);
        }
    }
}
