package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.google.re2j.Pattern;
import dev.meshtest.config.istio.AuthorizationCondition;
import dev.meshtest.config.istio.AuthorizationOperation;
import dev.meshtest.config.istio.AuthorizationPolicy;
import dev.meshtest.config.istio.AuthorizationPolicyAction;
import dev.meshtest.config.istio.AuthorizationPolicySpec;
import dev.meshtest.config.istio.AuthorizationRule;
import dev.meshtest.config.istio.AuthorizationRuleFrom;
import dev.meshtest.config.istio.AuthorizationRuleTo;
import dev.meshtest.config.istio.AuthorizationSource;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.CreationOrder;
import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.internal.cluster.StoredConfig;
import dev.meshtest.internal.istio.AuthorizationAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Istio's AuthorizationPolicy rules for HTTP, in one place (docs/security.md, "Authorization"):
 * which policies apply to a workload ({@code ListAuthorizationPolicies},
 * {@code pilot/pkg/model/authorization.go}: its own namespace's and the root namespace's, oldest
 * first, whose selector its labels carry; a policy with {@code targetRef(s)} attaches only to
 * Gateway API gateways and waypoints, which meshtest does not have), and how each rule becomes an
 * Envoy RBAC policy ({@code authzmodel.New} and {@code Generate}, {@code model.go}; the value
 * matchers of {@code generator.go} and {@code matcher/}): a rule's {@code from} entries are
 * alternative principals, its {@code to} entries alternative permissions, each an AND over its
 * fields with the rule's {@code when} conditions appended; a field's values are ORed, its
 * {@code not} values excluded. A policy without rules matches nothing (so an ALLOW one denies
 * everything); AUDIT and {@code istio.io/dry-run} policies do not enforce.
 *
 * <pre>{@code
 * AuthorizationPolicies ap = AuthorizationPolicies.of(state, "istio-system", "cluster.local");
 * Rbac rbac = ap.forWorkload(productpagePod);
 * }</pre>
 */
@API(status = INTERNAL, since = "0.4")
public final class AuthorizationPolicies {

    /** The annotation that makes a policy dry-run: evaluated into shadow rules, never enforced. */
    public static final String DRY_RUN = "istio.io/dry-run";

    private final String rootNamespace;
    private final String trustDomain;
    /** Per namespace, its policies oldest first. */
    private final Map<String, List<AuthorizationPolicy>> byNamespace;

    private AuthorizationPolicies(String rootNamespace, String trustDomain, Map<String, List<AuthorizationPolicy>> byNamespace) {
        this.rootNamespace = rootNamespace;
        this.trustDomain = trustDomain;
        this.byNamespace = byNamespace;
    }

    /** The policies of a cluster state. */
    public static AuthorizationPolicies of(ClusterState state, String rootNamespace, String trustDomain) {
        List<StoredConfig<AuthorizationPolicy>> stored = new ArrayList<>(state.configs(AuthorizationPolicy.class));
        stored.sort(CreationOrder.CONFIGS);
        Map<String, List<AuthorizationPolicy>> byNamespace = new TreeMap<>();
        for (StoredConfig<AuthorizationPolicy> c : stored) {
            byNamespace.computeIfAbsent(c.resource().namespace(), k -> new ArrayList<>()).add(c.resource());
        }
        return new AuthorizationPolicies(rootNamespace, trustDomain, byNamespace);
    }

    /** The RBAC filters of a workload's proxy (a sidecar's inbound side, or a gateway): its HTTP filters. */
    public Rbac forWorkload(ClusterPod pod) {
        return forWorkload(pod, false);
    }

    /**
     * The network RBAC filters of a workload's TCP filter chains ({@code Generate(forTCP)},
     * {@code checkError}): an ALLOW rule that names an HTTP-only field (hosts, methods, paths,
     * request principals, request headers and JWT claims in {@code when}) is left out, so it allows
     * nothing; in a DENY rule such a field is left out, so it denies more.
     */
    public Rbac forWorkloadTcp(ClusterPod pod) {
        return forWorkload(pod, true);
    }

    private Rbac forWorkload(ClusterPod pod, boolean tcp) {
        List<Rbac.Policy> deny = new ArrayList<>();
        List<Rbac.Policy> allow = null;
        List<String> lookIn = pod.namespace().equals(rootNamespace) ? List.of(rootNamespace) : List.of(rootNamespace, pod.namespace());
        for (String ns : lookIn) {
            for (AuthorizationPolicy ap : byNamespace.getOrDefault(ns, List.of())) {
                AuthorizationPolicySpec spec = spec(ap);
                if (!selects(spec, pod)) {
                    continue;
                }
                if (!enforces(ap)) {
                    continue;
                }
                AuthorizationPolicyAction action = spec.action() == null ? AuthorizationPolicyAction.ALLOW : spec.action();
                List<Rbac.Policy> into;
                if (action == AuthorizationPolicyAction.DENY) {
                    into = deny;
                } else {
                    allow = allow == null ? new ArrayList<>() : allow;
                    into = allow;
                }
                into.addAll(policies(ap, tcp, action == AuthorizationPolicyAction.DENY));
            }
        }
        return deny.isEmpty() && allow == null ? Rbac.NONE : new Rbac(deny, allow);
    }

    /** {@code ShouldAttachPolicy} for a sidecar or an Istio gateway: no targetRefs, and a selector the pod's labels carry. */
    private static boolean selects(AuthorizationPolicySpec spec, ClusterPod pod) {
        if (spec.targetRef() != null || !spec.targetRefs().isEmpty()) {
            return false;
        }
        return spec.selector() == null || LabelSelector.matches(spec.selector().matchLabels(), pod.labels());
    }

    /** Whether the policy is enforced: AUDIT only logs, CUSTOM is refused unless lenient (NotSimulated), dry-run only counts. */
    private static boolean enforces(AuthorizationPolicy ap) {
        AuthorizationPolicyAction action = spec(ap).action() == null ? AuthorizationPolicyAction.ALLOW : spec(ap).action();
        return action != AuthorizationPolicyAction.AUDIT && action != AuthorizationPolicyAction.CUSTOM && !dryRun(ap);
    }

    private static boolean dryRun(AuthorizationPolicy ap) {
        return ap.metadata() != null && "true".equalsIgnoreCase(ap.metadata().annotations().getOrDefault(DRY_RUN, ""));
    }

    private static AuthorizationPolicySpec spec(AuthorizationPolicy ap) {
        return ap.spec() == null ? new AuthorizationPolicySpec(null, null, null, null, null, null) : ap.spec();
    }

    /** One Envoy policy per rule; a policy without rules is one that never matches ({@code rbacPolicyMatchNever}). */
    private List<Rbac.Policy> policies(AuthorizationPolicy ap, boolean tcp, boolean deny) {
        List<AuthorizationRule> rules = spec(ap).rules();
        List<Rbac.Policy> out = new ArrayList<>();
        if (rules.isEmpty()) {
            out.add(new Rbac.Policy(name(ap, 0), ap.ref(), List.of(), List.of()));
            return out;
        }
        for (int i = 0; i < rules.size(); i++) {
            AuthorizationRule rule = rules.get(i);
            if (rule != null && !(tcp && !deny && httpOnly(rule))) {
                out.add(policy(ap, i, rule, tcp));
            }
        }
        return out;
    }

    /** {@code when} keys no TCP filter chain can match: request headers and what a JWT says. */
    private static boolean httpOnlyKey(String key) {
        return key.startsWith(AuthorizationAttributes.REQUEST_HEADERS) || key.startsWith("request.auth.");
    }

    /** Whether a rule names a field only an HTTP filter can match ({@code ... is HTTP only} in the model's generators). */
    private static boolean httpOnly(AuthorizationRule rule) {
        for (AuthorizationCondition when : rule.when()) {
            if (when != null && httpOnlyKey(when.key())) {
                return true;
            }
        }
        for (AuthorizationRuleFrom from : rule.from()) {
            AuthorizationSource s = from == null ? null : from.source();
            if (s != null && (!s.requestPrincipals().isEmpty() || !s.notRequestPrincipals().isEmpty())) {
                return true;
            }
        }
        for (AuthorizationRuleTo to : rule.to()) {
            AuthorizationOperation o = to == null ? null : to.operation();
            if (o != null && (!o.hosts().isEmpty() || !o.notHosts().isEmpty() || !o.methods().isEmpty() || !o.notMethods().isEmpty()
                    || !o.paths().isEmpty() || !o.notPaths().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private static String name(AuthorizationPolicy ap, int rule) {
        return "ns[" + ap.namespace() + "]-policy[" + ap.name() + "]-rule[" + rule + "]";
    }

    /** {@code authzmodel.New} then {@code Generate}: for HTTP, or for TCP without the HTTP-only fields (a DENY rule's). */
    private Rbac.Policy policy(AuthorizationPolicy ap, int index, AuthorizationRule rule, boolean tcp) {
        List<Rbac.Condition> basePermission = new ArrayList<>();
        List<Rbac.Condition> basePrincipal = new ArrayList<>();
        for (AuthorizationCondition when : rule.when()) {
            if (when == null) {
                continue;
            }
            String k = when.key();
            if (AuthorizationAttributes.notSimulated(k) || tcp && httpOnlyKey(k)) {
                continue;   // refused unless lenient (NotSimulated); lenient simulates without it. On TCP: ignored.
            }
            if (k.equals("destination.ip")) {
                field(basePermission, when.values(), when.notValues(), AuthorizationPolicies::destinationIp);
            } else if (k.equals("destination.port")) {
                field(basePermission, when.values(), when.notValues(), AuthorizationPolicies::destinationPort);
            } else {
                field(basePrincipal, when.values(), when.notValues(), v -> whenPrincipal(ap, k, v));
            }
        }
        List<Rbac.Condition> principals = new ArrayList<>();
        for (AuthorizationRuleFrom from : rule.from()) {
            List<Rbac.Condition> merged = new ArrayList<>();
            AuthorizationSource s = from == null ? null : from.source();
            if (s != null) {
                // insertFront in the order model.go inserts (the order of an AND does not change its answer).
                field(merged, s.principals(), s.notPrincipals(), this::principal);
                if (!tcp) {
                    field(merged, s.requestPrincipals(), s.notRequestPrincipals(), AuthorizationPolicies::requestPrincipal);
                }
                field(merged, s.serviceAccounts(), s.notServiceAccounts(), v -> serviceAccount(ap.namespace(), v));
                field(merged, s.trustDomains(), s.notTrustDomains(), AuthorizationPolicies::trustDomain);
                field(merged, s.namespaces(), s.notNamespaces(), AuthorizationPolicies::namespace);
                field(merged, s.ipBlocks(), s.notIpBlocks(), AuthorizationPolicies::sourceIp);
                field(merged, s.remoteIpBlocks(), s.notRemoteIpBlocks(), AuthorizationPolicies::remoteIp);
            }
            merged.addAll(basePrincipal);
            principals.add(merged.isEmpty() ? Rbac.Condition.ANY : Rbac.Condition.and(merged));
        }
        if (rule.from().isEmpty()) {
            principals.add(basePrincipal.isEmpty() ? Rbac.Condition.ANY : Rbac.Condition.and(basePrincipal));
        }
        List<Rbac.Condition> permissions = new ArrayList<>();
        for (AuthorizationRuleTo to : rule.to()) {
            List<Rbac.Condition> merged = new ArrayList<>();
            AuthorizationOperation o = to == null ? null : to.operation();
            if (o != null) {
                if (!tcp) {
                    field(merged, o.hosts(), o.notHosts(), AuthorizationPolicies::host);
                    field(merged, o.methods(), o.notMethods(), v -> r -> r.request().method().equals(v));
                    // A path template Envoy's parser rejects is refused unless lenient, which simulates without it.
                    field(merged, parsed(o.paths()), parsed(o.notPaths()), AuthorizationPolicies::path);
                }
                field(merged, o.ports(), o.notPorts(), AuthorizationPolicies::destinationPort);
            }
            merged.addAll(basePermission);
            permissions.add(merged.isEmpty() ? Rbac.Condition.ANY : Rbac.Condition.and(merged));
        }
        if (rule.to().isEmpty()) {
            permissions.add(basePermission.isEmpty() ? Rbac.Condition.ANY : Rbac.Condition.and(basePermission));
        }
        return new Rbac.Policy(name(ap, index), ap.ref(), permissions, principals);
    }

    private static List<String> parsed(List<String> paths) {
        return paths.stream().filter(p -> !AuthorizationAttributes.pathTemplate(p)
                || AuthorizationAttributes.pathTemplateRegex(p) != null).toList();
    }

    /** A field's values ORed, and its {@code not} values ORed and negated ({@code rule.principal}, {@code rule.permission}). */
    private static void field(List<Rbac.Condition> into, List<String> values, List<String> notValues,
                              java.util.function.Function<String, Rbac.Condition> matcher) {
        if (!values.isEmpty()) {
            into.add(Rbac.Condition.or(values.stream().map(matcher).toList()));
        }
        if (!notValues.isEmpty()) {
            into.add(Rbac.Condition.not(Rbac.Condition.or(notValues.stream().map(matcher).toList())));
        }
    }

    /** The {@code when} keys that are principals (model.go New); unknown keys are rejected by the webhook. */
    private Rbac.Condition whenPrincipal(AuthorizationPolicy ap, String key, String value) {
        if (key.equals("source.ip")) {
            return sourceIp(value);
        }
        if (key.equals("remote.ip")) {
            return remoteIp(value);
        }
        if (key.equals("source.namespace")) {
            return namespace(value);
        }
        if (key.equals("source.trustDomain")) {
            return trustDomain(value);
        }
        if (key.equals("source.serviceAccount")) {
            return serviceAccount(ap.namespace(), value);
        }
        if (key.equals("source.principal")) {
            return principal(value);
        }
        if (key.startsWith("request.headers")) {
            String header = key.substring(key.indexOf('[') + 1, key.length() - 1).toLowerCase(Locale.ROOT);
            return r -> matchesHeader(header(r, header), value, false);
        }
        if (key.equals("request.auth.principal")) {
            return requestPrincipal(value);
        }
        if (key.equals("request.auth.audiences")) {
            return claim(List.of("aud"), value);
        }
        if (key.equals("request.auth.presenter")) {
            return claim(List.of("azp"), value);
        }
        if (key.startsWith("request.auth.claims")) {
            return claim(claimPath(key.substring("request.auth.claims".length())), value);
        }
        return r -> false;   // refused by the webhook (unknown attribute)
    }

    /**
     * {@code requestPrincipalGenerator}: the accepted JWT's {@code iss} and {@code sub}, the value
     * split at its last {@code /}; {@code *} any, a leading or trailing {@code *} a suffix or prefix.
     */
    private static Rbac.Condition requestPrincipal(String value) {
        int slash = value.lastIndexOf('/');
        boolean found = slash >= 0;
        String iss = found ? value.substring(0, slash) : value;
        String sub = found ? value.substring(slash + 1) : "";
        java.util.function.BiPredicate<String, String> m;
        if (value.equals("*")) {
            m = (i, s) -> !i.isEmpty() && !s.isEmpty();
        } else if (value.startsWith("*")) {
            m = found ? (i, s) -> (iss.equals("*") ? !i.isEmpty() : i.endsWith(iss.substring(1))) && s.equals(sub)
                    : (i, s) -> !i.isEmpty() && s.endsWith(value.substring(1));
        } else if (value.endsWith("*")) {
            m = found ? (i, s) -> i.equals(iss) && (sub.equals("*") ? !s.isEmpty() : s.startsWith(sub.substring(0, sub.length() - 1)))
                    : (i, s) -> i.startsWith(value.substring(0, value.length() - 1)) && !s.isEmpty();
        } else {
            m = (i, s) -> i.equals(iss) && s.equals(sub);
        }
        return r -> {
            if (r.requestPrincipal() == null) {
                return false;
            }
            Object i = r.claims().get("iss");
            Object s = r.claims().get("sub");
            return i instanceof String is && s instanceof String ss && m.test(is, ss);
        };
    }

    /** {@code request.auth.claims[a][b]}: the names in brackets. */
    private static List<String> claimPath(String brackets) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < brackets.length() && brackets.charAt(i) == '[') {
            int end = brackets.indexOf(']', i);
            if (end < 0) {
                break;
            }
            names.add(brackets.substring(i + 1, end));
            i = end + 1;
        }
        return names;
    }

    /**
     * {@code MetadataListValueMatcherForJWTClaims}: a claim (nested by path) that is a string
     * matching the value, or a list one of whose strings matches it ({@code StringMatcher}: exact,
     * prefix, suffix, {@code *} non-empty).
     */
    private static Rbac.Condition claim(List<String> path, String value) {
        return r -> {
            Object v = r.claims();
            for (String name : path) {
                if (!(v instanceof Map<?, ?> m)) {
                    return false;
                }
                v = m.get(name);
            }
            if (v instanceof String s) {
                return matchesWithPrefix(s, value, "");
            }
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof String s && matchesWithPrefix(s, value, "")) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static String header(Rbac.Request r, String name) {
        return switch (name) {
            case ":method" -> r.request().method();
            case ":authority", "host" -> r.request().authority();
            case ":path" -> r.request().pathAndQuery();
            default -> r.request().header(name);
        };
    }

    /** {@code srcPrincipalGenerator}: the peer certificate's URI, {@code spiffe://} before the value (trust domain aliases applied). */
    private Rbac.Condition principal(String value) {
        String v = localTrustDomain(value);
        return r -> r.peerIdentity() != null && matchesWithPrefix(r.peerIdentity(), v, "spiffe://");
    }

    /** {@code ReplaceTrustDomainAliases}: a principal in {@code cluster.local} (or the mesh's domain) names the mesh's trust domain. */
    private String localTrustDomain(String principal) {
        if (principal.equals("*") || principal.startsWith("*")) {
            return principal;
        }
        int slash = principal.indexOf('/');
        if (slash < 0) {
            return principal;
        }
        String td = principal.substring(0, slash);
        return td.equals("cluster.local") || td.equals(trustDomain) ? trustDomain + principal.substring(slash) : principal;
    }

    /** {@code StringMatcherWithPrefix}: {@code *} any (non-empty), {@code *x} suffix, {@code x*} prefix, else exact. */
    static boolean matchesWithPrefix(String actual, String v, String prefix) {
        if (v.equals("*")) {
            return !actual.isEmpty();
        }
        if (v.startsWith("*")) {
            return actual.startsWith(prefix) && actual.endsWith(v.substring(1));
        }
        if (v.endsWith("*")) {
            return actual.startsWith(prefix + v.substring(0, v.length() - 1));
        }
        return actual.equals(prefix + v);
    }

    /** {@code srcNamespaceGenerator}: the regex {@code .*\/ns/<ns>/.*} on the peer's identity, {@code *} as {@code .*}. */
    private static Rbac.Condition namespace(String value) {
        StringBuilder regex = new StringBuilder(".*/ns/");
        String[] parts = value.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append(".*");
            }
        }
        Pattern p = Pattern.compile(regex.append("/.*").toString());
        return r -> r.peerIdentity() != null && p.matches(r.peerIdentity());
    }

    /** {@code serviceAccountRegex}: {@code sa} in the policy's namespace, or {@code ns/sa}. */
    private static Rbac.Condition serviceAccount(String policyNamespace, String value) {
        int slash = value.indexOf('/');
        String ns = slash < 0 ? policyNamespace : value.substring(0, slash);
        String sa = slash < 0 ? value : value.substring(slash + 1);
        Pattern p = Pattern.compile("spiffe://.+/ns/" + Pattern.quote(ns) + "/(.+/|)sa/" + Pattern.quote(sa) + "(/.+)?");
        return r -> r.peerIdentity() != null && p.matches(r.peerIdentity());
    }

    /** {@code srcTrustDomainGenerator}. */
    private static Rbac.Condition trustDomain(String value) {
        if (value.equals("*")) {
            return r -> r.peerIdentity() != null && r.peerIdentity().startsWith("spiffe://");
        }
        if (!value.contains("*")) {
            return r -> r.peerIdentity() != null && r.peerIdentity().startsWith("spiffe://" + value + "/");
        }
        int star = value.indexOf('*');
        Pattern p = Pattern.compile("spiffe://" + Pattern.quote(value.substring(0, star)) + "[^/]*"
                + Pattern.quote(value.substring(star + 1)) + "/.*");
        return r -> r.peerIdentity() != null && p.matches(r.peerIdentity());
    }

    /** {@code HostMatcher}: the Host header, case-insensitive: {@code *} present, {@code *x} suffix, {@code x*} prefix, else exact. */
    private static Rbac.Condition host(String value) {
        return r -> matchesHeader(r.request().authority(), value, true);
    }

    /** {@code HeaderMatcher} (case-sensitive) and {@code HostMatcher} (case-insensitive). */
    static boolean matchesHeader(String actual, String v, boolean ignoreCase) {
        if (actual == null) {
            return false;
        }
        if (v.equals("*")) {
            return true;
        }
        String a = ignoreCase ? actual.toLowerCase(Locale.ROOT) : actual;
        String w = ignoreCase ? v.toLowerCase(Locale.ROOT) : v;
        if (w.startsWith("*")) {
            return a.endsWith(w.substring(1));
        }
        if (w.endsWith("*")) {
            return a.startsWith(w.substring(0, w.length() - 1));
        }
        return a.equals(w);
    }

    /**
     * {@code pathGenerator.permission}: a path with {@code {*}} or {@code {**}} is a URI template
     * ({@code PathTemplateMatcher}, matched in full by {@link AuthorizationAttributes#pathTemplateRegex});
     * otherwise {@code PathMatcher}: the path without its query, {@code *} any non-empty,
     * {@code *x} suffix, {@code x*} prefix, else exact.
     */
    private static Rbac.Condition path(String value) {
        if (AuthorizationAttributes.pathTemplate(value)) {
            Pattern template = Pattern.compile(AuthorizationAttributes.pathTemplateRegex(value));
            return r -> template.matcher(r.request().path()).matches();
        }
        return r -> matchesWithPrefix(r.request().path(), value, "");
    }

    private static Rbac.Condition destinationPort(String value) {
        int port = Integer.parseInt(value.trim());
        return r -> r.destinationPort() == port;
    }

    private static Rbac.Condition destinationIp(String value) {
        Cidr c = Cidr.parse(value);
        return r -> c.contains(r.destinationIp());
    }

    /** {@code source.ip} ({@code direct_remote_ip}): the connection's peer. */
    private static Rbac.Condition sourceIp(String value) {
        Cidr c = Cidr.parse(value);
        return r -> c.contains(r.sourceIp());
    }

    /** {@code remote.ip} ({@code remote_ip}): the address the proxy trusts as the original client's ({@link ForwardedFor}). */
    private static Rbac.Condition remoteIp(String value) {
        Cidr c = Cidr.parse(value);
        return r -> c.contains(r.remoteIp());
    }
}
