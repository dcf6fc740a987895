package dev.meshtest.internal.proxy;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpRouteDestination;
import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.istio.VirtualServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Delegate VirtualServices (istio-rules §5.4): a root VirtualService's {@code http} rule with a
 * {@code delegate} is replaced by the delegate's rules, each merged with it, as istiod's
 * {@code mergeVirtualServices} and {@code MergeHTTPRoutes} (pilot/pkg/model) do before anything
 * else sees the root. A delegate is a VirtualService without {@code hosts}; it is never routed on
 * its own.
 *
 * <pre>{@code
 * Delegation.Merged m = Delegation.merge(root, delegates, List.of());
 * m.virtualService().spec().http();   // the root's rules with each delegating rule replaced
 * m.origins().get(0);                  // where merged rule 0 came from
 * }</pre>
 */
final class Delegation {

    private Delegation() {
    }

    /**
     * Where one merged rule came from.
     *
     * @param rootRule the index of the root's rule
     * @param delegate the delegate VirtualService, or {@code null} for a rule of the root itself
     * @param delegateRule the index of the delegate's rule, or -1
     */
    record Origin(int rootRule, ResourceRef delegate, int delegateRule) {
    }

    /**
     * A root VirtualService with its delegations merged in.
     *
     * @param virtualService the root, its {@code http} rules merged
     * @param origins where each of its rules came from, in order
     */
    record Merged(VirtualService virtualService, List<Origin> origins) {
    }

    /** Whether a VirtualService is a delegate: one without hosts. */
    static boolean isDelegate(VirtualService vs) {
        return vs.spec().hosts().isEmpty();
    }

    /** Whether a VirtualService delegates any rule ({@code isRootVs}). */
    static boolean isRoot(VirtualService vs) {
        return vs.spec().http().stream().anyMatch(r -> r != null && r.delegate() != null);
    }

    /**
     * {@code mergeVirtualServices} for one root: each delegating rule becomes the delegate's rules
     * merged with it; a delegate that does not exist, or is not exported to the root's namespace,
     * drops the rule; a delegate rule whose matches conflict with the root rule's is dropped.
     *
     * @param root the root VirtualService
     * @param delegates the delegates by namespace and name
     * @param defaultExportTo MeshConfig's {@code defaultVirtualServiceExportTo}
     */
    static Merged merge(VirtualService root, Map<ResourceRef, VirtualService> delegates, List<String> defaultExportTo) {
        List<HttpRoute> rules = root.spec().http();
        List<HttpRoute> merged = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            HttpRoute rule = rules.get(i);
            if (rule == null || rule.delegate() == null) {
                merged.add(rule);
                origins.add(new Origin(i, null, -1));
                continue;
            }
            String ns = rule.delegate().namespace() == null || rule.delegate().namespace().isEmpty()
                    ? root.namespace() : rule.delegate().namespace();
            VirtualService delegate = delegates.get(new ResourceRef("VirtualService", ns, rule.delegate().name()));
            if (delegate == null) {
                continue;   // "delegate virtual service ... not found": only this rule is dropped
            }
            List<String> exportTo = MeshSettings.ExportToDefaults.effective(delegate.spec().exportTo(), defaultExportTo);
            if (!ExportTo.visible(exportTo, delegate.namespace(), root.namespace())) {
                continue;   // "... is not exported to <root namespace>"
            }
            List<HttpRoute> own = delegate.spec().http();
            for (int j = 0; j < own.size(); j++) {
                if (own.get(j) == null) {
                    continue;
                }
                HttpRoute m = mergeHttpRoute(rule, resolveShortNames(own.get(j), delegate.namespace()));
                if (m != null) {
                    merged.add(m);
                    origins.add(new Origin(i, delegate.ref(), j));
                }
            }
        }
        VirtualServiceSpec s = root.spec();
        VirtualServiceSpec spec = new VirtualServiceSpec(s.hosts(), s.gateways(), merged, s.tls(), s.tcp(), s.exportTo());
        return new Merged(new VirtualService(root.apiVersion(), root.kind(), root.metadata(), spec), origins);
    }

    /**
     * {@code ResolveVirtualServiceShortnames} on a delegate's rule: its destination and mirror
     * hosts, and its matches' gateways, are read in the delegate's namespace, not the root's.
     */
    private static HttpRoute resolveShortNames(HttpRoute r, String ns) {
        List<HttpRouteDestination> route = new ArrayList<>();
        for (HttpRouteDestination d : r.route()) {
            route.add(d == null || d.destination() == null ? d
                    : new HttpRouteDestination(resolve(d.destination(), ns), d.weight(), d.headers()));
        }
        List<HttpMirrorPolicy> mirrors = new ArrayList<>();
        for (HttpMirrorPolicy m : r.mirrors()) {
            mirrors.add(m == null || m.destination() == null ? m : new HttpMirrorPolicy(resolve(m.destination(), ns), m.percentage()));
        }
        List<HttpMatchRequest> match = new ArrayList<>();
        for (HttpMatchRequest m : r.match()) {
            if (m == null || m.gateways().isEmpty()) {
                match.add(m);
                continue;
            }
            List<String> gateways = new ArrayList<>();
            for (String g : m.gateways()) {
                gateways.add(VirtualServices.resolveGatewayName(g, ns));
            }
            match.add(new HttpMatchRequest(m.name(), m.uri(), m.scheme(), m.method(), m.authority(), m.headers(), m.port(),
                    m.sourceLabels(), gateways, m.queryParams(), m.ignoreUriCase(), m.withoutHeaders(), m.sourceNamespace(),
                    m.statPrefix()));
        }
        Destination mirror = r.mirror() == null ? null : resolve(r.mirror(), ns);
        return new HttpRoute(r.name(), match, route, r.redirect(), r.directResponse(), r.delegate(), r.rewrite(), r.timeout(),
                r.retries(), r.fault(), mirror, mirrors, r.mirrorPercent(), r.mirror_percent(), r.mirrorPercentage(),
                r.corsPolicy(), r.headers());
    }

    private static Destination resolve(Destination d, String ns) {
        return d.host() == null ? d : new Destination(Hosts.resolveShortName(d.host(), ns), d.subset(), d.port());
    }

    /**
     * {@code mergeHTTPRoute}: the delegate's rule with the root rule's matches intersected into
     * its own and the root's settings where it has none; {@code null} when the matches conflict.
     */
    static HttpRoute mergeHttpRoute(HttpRoute root, HttpRoute delegate) {
        List<HttpMatchRequest> match = mergeMatches(root.match(), delegate.match());
        if (match == null) {
            return null;
        }
        String name = delegate.name() == null || delegate.name().isEmpty() ? root.name()
                : root.name() == null || root.name().isEmpty() ? delegate.name() : root.name() + "-" + delegate.name();
        return new HttpRoute(name, match, delegate.route(), delegate.redirect(),
                or(delegate.directResponse(), root.directResponse()), null, or(delegate.rewrite(), root.rewrite()),
                or(delegate.timeout(), root.timeout()), or(delegate.retries(), root.retries()), or(delegate.fault(), root.fault()),
                or(delegate.mirror(), root.mirror()), delegate.mirrors().isEmpty() ? root.mirrors() : delegate.mirrors(),
                or(delegate.mirrorPercent(), root.mirrorPercent()), or(delegate.mirror_percent(), root.mirror_percent()),
                or(delegate.mirrorPercentage(), root.mirrorPercentage()), or(delegate.corsPolicy(), root.corsPolicy()),
                or(delegate.headers(), root.headers()));
    }

    private static <T> T or(T own, T inherited) {
        return own != null ? own : inherited;
    }

    /**
     * {@code mergeHTTPMatchRequests}: every delegate match is merged with each root match it does
     * not conflict with; a delegate match that fits no root match, or nothing merged at all, is a
     * conflict ({@code null}).
     */
    static List<HttpMatchRequest> mergeMatches(List<HttpMatchRequest> root, List<HttpMatchRequest> delegate) {
        if (root.isEmpty()) {
            return delegate;
        }
        if (delegate.isEmpty()) {
            return root;
        }
        List<HttpMatchRequest> out = new ArrayList<>();
        for (HttpMatchRequest sub : delegate) {
            boolean found = false;
            for (HttpMatchRequest r : root) {
                if (hasConflict(r, sub)) {
                    continue;
                }
                out.add(mergeMatch(r, sub));
                found = true;
            }
            if (!found) {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** {@code mergeHTTPMatchRequest}: the delegate's match, the root's conditions where it has none. */
    private static HttpMatchRequest mergeMatch(HttpMatchRequest root, HttpMatchRequest delegate) {
        String name = delegate.name() == null || delegate.name().isEmpty() ? root.name()
                : root.name() == null || root.name().isEmpty() ? delegate.name() : root.name() + "-" + delegate.name();
        Integer port = delegate.port() == null || delegate.port() == 0 ? root.port() : delegate.port();
        String sourceNamespace = delegate.sourceNamespace() == null || delegate.sourceNamespace().isEmpty()
                ? root.sourceNamespace() : delegate.sourceNamespace();
        String statPrefix = delegate.statPrefix() == null || delegate.statPrefix().isEmpty() ? root.statPrefix() : delegate.statPrefix();
        return new HttpMatchRequest(name, or(delegate.uri(), root.uri()), or(delegate.scheme(), root.scheme()),
                or(delegate.method(), root.method()), or(delegate.authority(), root.authority()),
                union(root.headers(), delegate.headers()), port, union(root.sourceLabels(), delegate.sourceLabels()),
                delegate.gateways().isEmpty() ? root.gateways() : delegate.gateways(),
                union(root.queryParams(), delegate.queryParams()), delegate.ignoreUriCase(),
                union(root.withoutHeaders(), delegate.withoutHeaders()), sourceNamespace, statPrefix);
    }

    /** {@code maps.MergeCopy}: the root's entries, the delegate's over them. */
    private static <V> Map<String, V> union(Map<String, V> root, Map<String, V> delegate) {
        if (delegate.isEmpty()) {
            return root;
        }
        if (root.isEmpty()) {
            return delegate;
        }
        Map<String, V> out = new LinkedHashMap<>(root);
        out.putAll(delegate);
        return out;
    }

    /** {@code hasConflict}: whether a delegate match cannot narrow a root match. */
    static boolean hasConflict(HttpMatchRequest root, HttpMatchRequest leaf) {
        if (conflict(root.uri(), leaf.uri()) || conflict(root.scheme(), leaf.scheme()) || conflict(root.method(), leaf.method())
                || conflict(root.authority(), leaf.authority())) {
            return true;
        }
        for (Map.Entry<String, StringMatch> e : leaf.headers().entrySet()) {
            if (conflict(root.headers().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        for (Map.Entry<String, StringMatch> e : leaf.withoutHeaders().entrySet()) {
            if (conflict(root.withoutHeaders().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        for (Map.Entry<String, StringMatch> e : leaf.queryParams().entrySet()) {
            if (conflict(root.queryParams().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        if (Boolean.TRUE.equals(root.ignoreUriCase()) != Boolean.TRUE.equals(leaf.ignoreUriCase())) {
            return true;
        }
        int rootPort = root.port() == null ? 0 : root.port();
        int leafPort = leaf.port() == null ? 0 : leaf.port();
        if (rootPort > 0 && leafPort > 0 && rootPort != leafPort) {
            return true;
        }
        String rootNs = root.sourceNamespace() == null ? "" : root.sourceNamespace();
        String leafNs = leaf.sourceNamespace() == null ? "" : leaf.sourceNamespace();
        if (!rootNs.isEmpty() && !leafNs.equals(rootNs)) {
            return true;
        }
        for (Map.Entry<String, String> e : leaf.sourceLabels().entrySet()) {
            String v = root.sourceLabels().get(e.getKey());
            if (v != null && !v.equals(e.getValue())) {
                return true;
            }
        }
        if (!root.gateways().isEmpty() && !leaf.gateways().isEmpty()) {
            if (root.gateways().size() < leaf.gateways().size()) {
                return true;
            }
            for (String g : leaf.gateways()) {
                if (!root.gateways().contains(g)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code stringMatchConflict}: no conflict when either side is absent; a regex on either side
     * conflicts with any match on the other; an exact root admits only the same exact; a prefix
     * root admits a longer prefix or an exact under it.
     */
    static boolean conflict(StringMatch root, StringMatch leaf) {
        if (root == null || leaf == null) {
            return false;
        }
        String rootExact = text(root.exact());
        String rootPrefix = text(root.prefix());
        String rootRegex = text(root.regex());
        String leafExact = text(leaf.exact());
        String leafPrefix = text(leaf.prefix());
        String leafRegex = text(leaf.regex());
        if (!rootRegex.isEmpty() && (!leafRegex.isEmpty() || !leafPrefix.isEmpty() || !leafExact.isEmpty())) {
            return true;
        }
        if (!leafRegex.isEmpty() && (!rootRegex.isEmpty() || !rootPrefix.isEmpty() || !rootExact.isEmpty())) {
            return true;
        }
        if (!rootExact.isEmpty()) {
            return !leafPrefix.isEmpty() || !leafExact.equals(rootExact);
        }
        if (!rootPrefix.isEmpty()) {
            if (!leafPrefix.isEmpty()) {
                return !leafPrefix.startsWith(rootPrefix);
            }
            if (!leafExact.isEmpty()) {
                return !leafExact.startsWith(rootPrefix);
            }
        }
        return true;
    }

    private static String text(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
