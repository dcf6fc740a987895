package dev.meshtest.internal.validate;

import dev.meshtest.config.istio.AuthorizationCondition;
import dev.meshtest.config.istio.AuthorizationOperation;
import dev.meshtest.config.istio.AuthorizationPolicy;
import dev.meshtest.config.istio.AuthorizationPolicyAction;
import dev.meshtest.config.istio.AuthorizationPolicySpec;
import dev.meshtest.config.istio.AuthorizationRule;
import dev.meshtest.config.istio.AuthorizationRuleFrom;
import dev.meshtest.config.istio.AuthorizationRuleTo;
import dev.meshtest.config.istio.AuthorizationSource;
import dev.meshtest.config.istio.PolicyTargetReference;
import dev.meshtest.internal.istio.AuthorizationAttributes;
import java.net.InetAddress;
import java.util.List;

/**
 * Istio's {@code ValidateAuthorizationPolicy} ({@code pkg/config/validation/validation.go}, with
 * {@code pkg/config/security}'s value checks) with its messages, after the AuthorizationPolicy
 * CRD's own rules, which the API server checks first.
 *
 * <pre>{@code
 * new AuthorizationPolicyValidator(findings).validate(policy);
 * }</pre>
 */
final class AuthorizationPolicyValidator {

    private final Findings f;

    AuthorizationPolicyValidator(Findings findings) {
        this.f = findings;
    }

    void validate(AuthorizationPolicy ap) {
        AuthorizationPolicySpec spec = ap.spec() == null ? new AuthorizationPolicySpec(null, null, null, null, null, null) : ap.spec();
        schema(spec);
        int selectors = (spec.selector() != null ? 1 : 0) + (spec.targetRef() != null ? 1 : 0) + (spec.targetRefs().isEmpty() ? 0 : 1);
        if (selectors > 1) {
            f.error("spec", "only one of targetRefs or workloadSelector can be set");
        }
        Values.typeWorkloadSelector(f, spec.selector(), "spec.selector");
        targetRefs(f, spec.targetRef(), spec.targetRefs());
        AuthorizationPolicyAction action = spec.action() == null ? AuthorizationPolicyAction.ALLOW : spec.action();
        if (action == AuthorizationPolicyAction.CUSTOM) {
            custom(spec);
        }
        if (spec.provider() != null && action != AuthorizationPolicyAction.CUSTOM) {
            f.error("spec.provider", "`provider` must not be with non CUSTOM action, found " + action);
        }
        if (action == AuthorizationPolicyAction.DENY && spec.rules().isEmpty()) {
            f.error("spec", "DENY action without `rules` is meaningless as it will never be triggered, add an empty rule "
                    + "`{}` if you want it be triggered for every request");
        }
        for (int i = 0; i < spec.rules().size(); i++) {
            rule(spec.rules().get(i), i, action);
        }
    }

    /** The CRD's rules, in the API server's words. */
    private void schema(AuthorizationPolicySpec spec) {
        int selectors = (spec.selector() != null ? 1 : 0) + (spec.targetRef() != null ? 1 : 0)
                + (f.has("spec.targetRefs", spec.targetRefs()) ? 1 : 0);
        if (selectors > 1) {
            Values.cel(f, "spec", "object", "only one of targetRefs or selector can be set");
        }
        if (spec.targetRef() != null && !Values.isEmpty(spec.targetRef().namespace())) {
            Values.cel(f, "spec.targetRef.namespace", "string", "cross namespace referencing is not currently supported");
        }
        for (int i = 0; i < spec.targetRefs().size(); i++) {
            PolicyTargetReference t = spec.targetRefs().get(i);
            if (t != null && !Values.isEmpty(t.namespace())) {
                Values.cel(f, "spec.targetRefs[" + i + "].namespace", "string",
                        "cross namespace referencing is not currently supported");
            }
        }
        for (int i = 0; i < spec.rules().size(); i++) {
            AuthorizationRule rule = spec.rules().get(i);
            for (int j = 0; rule != null && j < rule.from().size(); j++) {
                AuthorizationSource s = rule.from().get(j) == null ? null : rule.from().get(j).source();
                String sp = "spec.rules[" + i + "].from[" + j + "].source";
                if (s != null && (f.has(sp + ".serviceAccounts", s.serviceAccounts())
                        || f.has(sp + ".notServiceAccounts", s.notServiceAccounts()))
                        && (f.has(sp + ".principals", s.principals()) || f.has(sp + ".notPrincipals", s.notPrincipals())
                        || f.has(sp + ".namespaces", s.namespaces()) || f.has(sp + ".notNamespaces", s.notNamespaces()))) {
                    Values.cel(f, sp, "object", "Cannot set serviceAccounts with namespaces or principals");
                }
            }
        }
    }

    /** {@code validatePolicyTargetReference(s)} for a policy's {@code targetRef} and {@code targetRefs}. */
    static void targetRefs(Findings f, PolicyTargetReference one, List<PolicyTargetReference> many) {
        targetRef(f, one, "spec.targetRef");
        for (int i = 0; i < many.size(); i++) {
            targetRef(f, many.get(i), "spec.targetRefs[" + i + "]");
        }
    }

    /** {@code validatePolicyTargetReference}. */
    private static void targetRef(Findings f, PolicyTargetReference t, String p) {
        if (t == null) {
            return;
        }
        if (Values.isEmpty(t.name())) {
            f.error(p + ".name", "targetRef name must be set");
        }
        if (!Values.isEmpty(t.namespace())) {
            f.error(p + ".namespace", "targetRef namespace must not be set; cross namespace referencing is not supported");
        }
        String group = Values.isEmpty(t.group()) ? "core" : t.group();
        boolean allowed = ("gateway.networking.k8s.io".equals(group) && ("Gateway".equals(t.kind()) || "GatewayClass".equals(t.kind())))
                || ("core".equals(group) && "Service".equals(t.kind()))
                || ("networking.istio.io".equals(group) && "ServiceEntry".equals(t.kind()));
        if (!allowed) {
            f.error(p + ".kind", "targetRef must be to one of [gateway.networking.k8s.io/v1/Gateway "
                    + "gateway.networking.k8s.io/v1/GatewayClass core/v1/Service networking.istio.io/v1/ServiceEntry] but was "
                    + (t.group() == null ? "" : t.group()) + "/" + t.kind());
        }
    }

    private void custom(AuthorizationPolicySpec spec) {
        if (spec.rules().isEmpty()) {
            f.error("spec", "CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule "
                    + "`{}` if you want it be triggered for every request");
        } else if (spec.provider() == null || Values.isEmpty(spec.provider().name())) {
            f.error("spec.provider", "`provider.name` must not be empty");
        }
        for (int i = 0; i < spec.rules().size(); i++) {
            AuthorizationRule rule = spec.rules().get(i);
            if (rule == null) {
                continue;
            }
            for (int j = 0; j < rule.from().size(); j++) {
                AuthorizationSource s = rule.from().get(j) == null ? null : rule.from().get(j).source();
                if (s == null) {
                    continue;
                }
                String p = "spec.rules[" + i + "].from[" + j + "].source";
                unsupportedWithCustom(p, "From.Namespaces", s.namespaces());
                unsupportedWithCustom(p, "From.NotNamespaces", s.notNamespaces());
                unsupportedWithCustom(p, "From.ServiceAccounts", s.serviceAccounts());
                unsupportedWithCustom(p, "From.NotServiceAccounts", s.notServiceAccounts());
                unsupportedWithCustom(p, "From.TrustDomains", s.trustDomains());
                unsupportedWithCustom(p, "From.NotTrustDomains", s.notTrustDomains());
                unsupportedWithCustom(p, "From.Principals", s.principals());
                unsupportedWithCustom(p, "From.NotPrincipals", s.notPrincipals());
                unsupportedWithCustom(p, "From.RequestPrincipals", s.requestPrincipals());
                unsupportedWithCustom(p, "From.NotRequestPrincipals", s.notRequestPrincipals());
            }
            for (int j = 0; j < rule.when().size(); j++) {
                AuthorizationCondition c = rule.when().get(j);
                if (c == null) {
                    f.error("spec.rules[" + i + "].when[" + j + "]", "when field cannot be nil");
                } else if (c.key() != null && (c.key().equals("source.namespace") || c.key().equals("source.serviceAccount")
                        || c.key().equals("source.trustDomain") || c.key().equals("source.principal")
                        || c.key().startsWith("request.auth."))) {
                    f.error("spec.rules[" + i + "].when[" + j + "].key", c.key() + " is currently not supported with CUSTOM action");
                }
            }
        }
    }

    private void unsupportedWithCustom(String p, String name, List<String> values) {
        if (!values.isEmpty()) {
            f.error(p, name + " is currently not supported with CUSTOM action");
        }
    }

    private void rule(AuthorizationRule rule, int i, AuthorizationPolicyAction action) {
        String p = "spec.rules[" + i + "]";
        if (rule == null) {
            f.error(p, "`rule` must not be nil, found at rule " + i);
            return;
        }
        boolean tcpInFrom = false;
        boolean tcpInTo = false;
        boolean fromExists = false;
        boolean toExists = false;
        for (int j = 0; j < rule.from().size(); j++) {
            AuthorizationRuleFrom from = rule.from().get(j);
            String fp = p + ".from[" + j + "]";
            if (from == null) {
                f.error(fp, "`from` must not be nil, found at rule " + i);
                continue;
            }
            AuthorizationSource s = from.source();
            if (s == null) {
                f.error(fp, "`from.source` must not be nil, found at rule " + i);
                continue;
            }
            fromExists = true;
            String sp = fp + ".source";
            if (!(s.principals().isEmpty() && s.notPrincipals().isEmpty() && s.namespaces().isEmpty() && s.notNamespaces().isEmpty())
                    && !(s.serviceAccounts().isEmpty() && s.notServiceAccounts().isEmpty())) {
                f.error(sp, "cannot set serviceAccounts with namespaces or principals, found at rule " + i);
            }
            if (s.principals().isEmpty() && s.requestPrincipals().isEmpty() && s.namespaces().isEmpty() && s.ipBlocks().isEmpty()
                    && s.remoteIpBlocks().isEmpty() && s.notPrincipals().isEmpty() && s.notRequestPrincipals().isEmpty()
                    && s.notNamespaces().isEmpty() && s.notIpBlocks().isEmpty() && s.notRemoteIpBlocks().isEmpty()
                    && s.serviceAccounts().isEmpty() && s.notServiceAccounts().isEmpty() && s.trustDomains().isEmpty()
                    && s.notTrustDomains().isEmpty()) {
                f.error(sp, "`from.source` must not be empty, found at rule " + i);
            }
            ips(sp + ".ipBlocks", s.ipBlocks());
            ips(sp + ".notIpBlocks", s.notIpBlocks());
            ips(sp + ".remoteIpBlocks", s.remoteIpBlocks());
            ips(sp + ".notRemoteIpBlocks", s.notRemoteIpBlocks());
            empty(sp + ".principals", "Principals", s.principals());
            empty(sp + ".requestPrincipals", "RequestPrincipals", s.requestPrincipals());
            empty(sp + ".namespaces", "Namespaces", s.namespaces());
            serviceAccounts(sp + ".serviceAccounts", "ServiceAccounts", s.serviceAccounts());
            trustDomains(sp + ".trustDomains", "TrustDomains", s.trustDomains());
            empty(sp + ".ipBlocks", "IpBlocks", s.ipBlocks());
            empty(sp + ".remoteIpBlocks", "RemoteIpBlocks", s.remoteIpBlocks());
            empty(sp + ".notPrincipals", "NotPrincipals", s.notPrincipals());
            empty(sp + ".notRequestPrincipals", "NotRequestPrincipals", s.notRequestPrincipals());
            empty(sp + ".notNamespaces", "NotNamespaces", s.notNamespaces());
            serviceAccounts(sp + ".notServiceAccounts", "NotServiceAccounts", s.notServiceAccounts());
            trustDomains(sp + ".notTrustDomains", "NotTrustDomains", s.notTrustDomains());
            empty(sp + ".notIpBlocks", "NotIpBlocks", s.notIpBlocks());
            empty(sp + ".notRemoteIpBlocks", "NotRemoteIpBlocks", s.notRemoteIpBlocks());
            tcpInFrom |= !(s.principals().isEmpty() && s.notPrincipals().isEmpty() && s.ipBlocks().isEmpty()
                    && s.notIpBlocks().isEmpty() && s.namespaces().isEmpty() && s.notNamespaces().isEmpty()
                    && s.remoteIpBlocks().isEmpty() && s.notRemoteIpBlocks().isEmpty() && s.serviceAccounts().isEmpty()
                    && s.notServiceAccounts().isEmpty());
        }
        for (int j = 0; j < rule.to().size(); j++) {
            AuthorizationRuleTo to = rule.to().get(j);
            String tp = p + ".to[" + j + "]";
            if (to == null) {
                f.error(tp, "`to` must not be nil, found at rule " + i);
                continue;
            }
            AuthorizationOperation o = to.operation();
            if (o == null) {
                f.error(tp, "`to.operation` must not be nil, found at rule " + i);
                continue;
            }
            toExists = true;
            String op = tp + ".operation";
            if (o.ports().isEmpty() && o.methods().isEmpty() && o.paths().isEmpty() && o.hosts().isEmpty() && o.notPorts().isEmpty()
                    && o.notMethods().isEmpty() && o.notPaths().isEmpty() && o.notHosts().isEmpty()) {
                f.error(op, "`to.operation` must not be empty, found at rule " + i);
            }
            ports(op + ".ports", o.ports());
            ports(op + ".notPorts", o.notPorts());
            empty(op + ".ports", "Ports", o.ports());
            empty(op + ".methods", "Methods", o.methods());
            empty(op + ".paths", "Paths", o.paths());
            empty(op + ".hosts", "Hosts", o.hosts());
            empty(op + ".notPorts", "NotPorts", o.notPorts());
            empty(op + ".notMethods", "NotMethods", o.notMethods());
            empty(op + ".notPaths", "NotPaths", o.notPaths());
            empty(op + ".notHosts", "NotHosts", o.notHosts());
            pathTemplates(op + ".paths", "Paths", o.paths());
            pathTemplates(op + ".notPaths", "NotPaths", o.notPaths());
            tcpInTo |= !(o.ports().isEmpty() && o.notPorts().isEmpty());
        }
        for (int j = 0; j < rule.when().size(); j++) {
            AuthorizationCondition c = rule.when().get(j);
            String wp = p + ".when[" + j + "]";
            if (c == null) {
                continue;
            }
            if (Values.isEmpty(c.key())) {
                f.error(wp + ".key", "`key` must not be empty");
            } else if (c.values().isEmpty() && c.notValues().isEmpty()) {
                f.error(wp, "at least one of `values` or `notValues` must be set for key " + c.key());
            } else {
                String bad = attribute(c.key(), c.values());
                if (bad != null) {
                    f.error(wp + ".values", "invalid `value` for `key` " + c.key() + ": " + bad);
                }
                bad = attribute(c.key(), c.notValues());
                if (bad != null) {
                    f.error(wp + ".notValues", "invalid `notValue` for `key` " + c.key() + ": " + bad);
                }
            }
        }
        if (((fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo)) && action == AuthorizationPolicyAction.DENY) {
            f.warn(p, "configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of "
                    + "only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port");
        }
    }

    /** {@code CheckEmptyValues}. */
    private void empty(String p, String key, List<String> values) {
        String bad = emptyValue(key, values);
        if (bad != null) {
            f.error(p, bad);
        }
    }

    private static String emptyValue(String key, List<String> values) {
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                return "empty value not allowed, found in " + key;
            }
        }
        return null;
    }

    /** {@code ValidateIPs}. */
    private void ips(String p, List<String> values) {
        String bad = badIps(values);
        if (bad != null) {
            f.error(p, bad);
        }
    }

    private static String badIps(List<String> values) {
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                continue;
            }
            if (v.contains("/")) {
                String addr = v.substring(0, v.indexOf('/'));
                String len = v.substring(v.indexOf('/') + 1);
                int max = addr.contains(":") ? 128 : 32;
                if (!ipLiteral(addr) || !len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max) {
                    return "bad CIDR range (" + v + ")";
                }
            } else if (!ipLiteral(v)) {
                return "bad IP address (" + v + ")";
            }
        }
        return null;
    }

    private static boolean ipLiteral(String s) {
        if (s.contains(":")) {
            if (!s.matches("[0-9a-fA-F:.]+")) {
                return false;
            }
        } else if (!s.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return false;
        }
        try {
            InetAddress.getByName(s);   // a literal: parsed, never looked up
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** {@code ValidatePorts}. */
    private void ports(String p, List<String> ports) {
        String bad = badPorts(ports);
        if (bad != null) {
            f.error(p, bad);
        }
    }

    private static String badPorts(List<String> ports) {
        for (String port : ports) {
            if (port == null || !port.matches("[0-9]{1,10}") || Long.parseLong(port) > 65535) {
                return "bad port (" + port + ")";
            }
        }
        return null;
    }

    /** {@code CheckServiceAccount}. */
    private void serviceAccounts(String p, String key, List<String> values) {
        String bad = badServiceAccounts(key, values);
        if (bad != null) {
            f.error(p, bad);
        }
    }

    private static String badServiceAccounts(String key, List<String> values) {
        if (values.size() > 16) {
            return "may not have more than 16 values";
        }
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                return "empty value not allowed, found in " + key;
            }
            if (v.contains("*")) {
                return "wildcard not allowed, found in " + key;
            }
            long slashes = v.chars().filter(c -> c == '/').count();
            if (slashes > 1) {
                return "expected format 'serviceAccount' or 'namespace/serviceAccount', found " + Values.quote(v) + " in " + key;
            }
            if (v.length() > 320) {
                return "value cannot exceed 320 characters, found " + Values.quote(v) + " in " + key;
            }
            int slash = v.indexOf('/');
            if (slash == 0) {
                return "expected format 'serviceAccount' or 'namespace/serviceAccount', found empty namespace " + Values.quote(v)
                        + " in " + key;
            }
            if (slash == v.length() - 1) {
                return "expected format 'serviceAccount' or 'namespace/serviceAccount', found empty serviceAccount "
                        + Values.quote(v) + " in " + key;
            }
        }
        return null;
    }

    /** {@code CheckTrustDomainValues}. */
    private void trustDomains(String p, String key, List<String> values) {
        String bad = wildcards(key, values);
        if (bad == null) {
            for (String v : values) {
                if (v.contains("/")) {
                    bad = "trust domain must not contain '/', found in " + key + ": " + Values.quote(v);
                    break;
                }
            }
        }
        if (bad != null) {
            f.error(p, bad);
        }
    }

    /** {@code CheckWildcardValues}. */
    private static String wildcards(String key, List<String> values) {
        String empty = emptyValue(key, values);
        if (empty != null) {
            return empty;
        }
        for (String v : values) {
            long stars = v.chars().filter(c -> c == '*').count();
            if (stars > 1) {
                return "at most one wildcard is allowed, found in " + key + ": " + Values.quote(v);
            }
            if (stars == 1 && !v.equals("*") && !v.startsWith("*") && !v.endsWith("*")) {
                return "wildcard is only allowed at the start or end, found in " + key + ": " + Values.quote(v);
            }
        }
        return null;
    }

    /** {@code CheckValidPathTemplate}. */
    private void pathTemplates(String p, String key, List<String> paths) {
        for (String path : paths) {
            if (path == null) {
                continue;
            }
            boolean template = AuthorizationAttributes.pathTemplate(path);
            boolean matchAny = false;
            String trimmed = path.replaceAll("^/+|/+$", "");
            for (String glob : trimmed.split("/", -1)) {
                if (glob.equals("{*}") && !matchAny) {
                    continue;
                } else if (glob.equals("{**}") && !matchAny) {
                    matchAny = true;
                    continue;
                } else if ((glob.equals("{**}") || glob.equals("{*}")) && matchAny) {
                    f.error(p, "invalid or unsupported path " + trimmed + ", found in " + key + ". {**} is not the last operator");
                    return;
                }
                if (glob.contains("{") || glob.contains("}")) {
                    f.error(p, "invalid or unsupported path " + trimmed + ", found in " + key
                            + ". Contains '{' or '}' beyond a supported path template");
                    return;
                }
                if (template && !glob.matches("[a-zA-Z0-9-._~%!$&'()+,;:@=]+")) {
                    f.error(p, "invalid or unsupported path " + trimmed + ", found in " + key + ". Contains segment " + glob
                            + " with invalid string literal");
                    return;
                }
            }
        }
    }

    /** {@code ValidateAttribute}: the problem with a condition's values, or {@code null}. */
    private static String attribute(String key, List<String> values) {
        String empty = emptyValue(key, values);
        if (empty != null) {
            return empty;
        }
        if (key.startsWith(AuthorizationAttributes.REQUEST_HEADERS) || key.startsWith(AuthorizationAttributes.REQUEST_CLAIMS)
                || key.startsWith(AuthorizationAttributes.EXPERIMENTAL)) {
            return mapKey(key);
        }
        return switch (key) {
            case "source.ip", "remote.ip", "destination.ip" -> badIps(values);
            case "source.serviceAccount" -> badServiceAccounts(key, values);
            case "source.trustDomain" -> wildcards(key, values);
            case "destination.port" -> badPorts(values);
            case "source.namespace", "source.principal", "request.auth.principal", "request.auth.audiences",
                 "request.auth.presenter", "connection.sni" -> null;
            case "destination.namespace" -> "attribute " + key + " is replaced by the metadata.namespace";
            case "destination.name", "destination.user" -> "deprecated attribute " + key + ": only supported in v1alpha1";
            default -> key.startsWith("destination.labels") ? "attribute " + key + " is replaced by the workload selector"
                    : "unknown attribute: " + key;
        };
    }

    /** {@code validateMapKey}: {@code a[b]}. */
    private static String mapKey(String key) {
        int open = key.indexOf('[');
        if (key.endsWith("]") && open > 0 && open < key.length() - 2) {
            return null;
        }
        return "bad key (" + key + "): should have format a[b]";
    }
}
