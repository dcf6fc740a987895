package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Values.isEmpty;
import static dev.meshtest.internal.validate.Values.orZero;
import static dev.meshtest.internal.validate.Values.quote;

import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.config.istio.VirtualServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code analyzeUnreachableHTTPRules}, {@code analyzeUnreachableTCPRules},
 * {@code analyzeUnreachableTLSRules} and the prefix-overlap check ({@code genMatchHTTPRoutes},
 * {@code coveredValidation}) in {@code pkg/config/validation/validation.go}: the webhook's warnings
 * about VirtualService rules and matches that can never be reached.
 *
 * <pre>{@code
 * new UnreachableRules(findings).analyze(spec);
 * // warning at spec.http[1]: virtualService rule #1 not used (only the last rule can have no matches)
 * }</pre>
 */
final class UnreachableRules {

    private final Findings f;

    UnreachableRules(Findings f) {
        this.f = f;
    }

    void analyze(VirtualServiceSpec spec) {
        http(spec.http());
        l4("spec.tcp", spec.tcp().stream().map(r -> r == null ? null : r.match()).toList());
        l4("spec.tls", spec.tls().stream().map(r -> r == null ? null : r.match()).toList());
    }

    private void unused(String path, String rule, String reason) {
        f.warn(path, "virtualService rule " + rule + " not used (" + reason + ")");
    }

    private void ineffective(String path, String rule, String match, String dup) {
        f.warn(path, "virtualService rule " + rule + " match " + match + " is not used (duplicate/overlapping match in rule " + dup + ")");
    }

    private static String routeName(HttpRoute r, int n) {
        return r != null && !isEmpty(r.name()) ? quote(r.name()) : "#" + n;
    }

    private static String requestName(HttpMatchRequest m, int n) {
        return m != null && !isEmpty(m.name()) ? quote(m.name()) : "#" + n;
    }

    private void http(List<HttpRoute> routes) {
        Map<Object, Integer> seen = new HashMap<>();
        int emptyMatchAt = -1;
        List<PrefixMatch> prefixes = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            HttpRoute r = routes.get(i);
            if (r == null) {
                continue;
            }
            String rp = "spec.http[" + i + "]";
            if (r.match().isEmpty()) {
                if (emptyMatchAt >= 0) {
                    unused(rp, routeName(r, i), "only the last rule can have no matches");
                }
                emptyMatchAt = i;
                continue;
            }
            int duplicates = 0;
            for (int j = 0; j < r.match().size(); j++) {
                HttpMatchRequest m = r.match().get(j);
                if (emptyMatchAt >= 0) {
                    unused(rp, routeName(r, i), "route without matches defined before");
                    continue;
                }
                Object key = canonical(m);
                Integer dup = seen.get(key);
                if (dup != null) {
                    ineffective(rp + ".match[" + j + "]", routeName(r, i), requestName(m, j), routeName(routes.get(dup), dup));
                    duplicates++;
                    continue;
                }
                seen.put(key, i);
                PrefixMatch pm = PrefixMatch.of(r, i, m, j);
                if (pm != null) {
                    prefixes.add(pm);
                }
            }
            if (duplicates == r.match().size()) {
                unused(rp, routeName(r, i), "all matches used by prior rules");
            }
        }
        for (int a = 0; a < prefixes.size(); a++) {
            PrefixMatch earlier = prefixes.get(a);
            for (int b = a + 1; b < prefixes.size(); b++) {
                PrefixMatch later = prefixes.get(b);
                if (later.prefix.equals(earlier.prefix)) {
                    continue;
                }
                if (earlier.covers(later)) {
                    ineffective(later.path, later.routeStr, later.matchStr + " of prefix " + later.prefix,
                            earlier.matchStr + " of prefix " + earlier.prefix + " on " + earlier.routeStr);
                }
            }
        }
    }

    /** A match's routing content, without its name, comparable the way Istio compares JSON forms. */
    private static Object canonical(HttpMatchRequest m) {
        if (m == null) {
            return "null";
        }
        return List.of(
                String.valueOf(m.uri()), String.valueOf(m.scheme()), String.valueOf(m.method()),
                String.valueOf(m.authority()), new TreeMap<>(m.headers()).toString(),
                String.valueOf(orZero(m.port())), new TreeMap<>(m.sourceLabels()).toString(),
                m.gateways().toString(), new TreeMap<>(m.queryParams()).toString(),
                String.valueOf(Boolean.TRUE.equals(m.ignoreUriCase())),
                new TreeMap<>(m.withoutHeaders()).toString(),
                Objects.requireNonNullElse(m.sourceNamespace(), ""),
                Objects.requireNonNullElse(m.statPrefix(), ""));
    }

    private void l4(String base, List<? extends List<?>> matchesPerRule) {
        Map<Object, Integer> seen = new HashMap<>();
        int emptyMatchAt = -1;
        for (int i = 0; i < matchesPerRule.size(); i++) {
            List<?> matches = matchesPerRule.get(i);
            if (matches == null) {
                continue;
            }
            String rp = base + "[" + i + "]";
            if (matches.isEmpty()) {
                if (emptyMatchAt >= 0) {
                    unused(rp, "#" + i, "only the last rule can have no matches");
                }
                emptyMatchAt = i;
                continue;
            }
            int duplicates = 0;
            for (int j = 0; j < matches.size(); j++) {
                if (emptyMatchAt >= 0) {
                    unused(rp, "#" + i, "route without matches defined before");
                    continue;
                }
                Object key = String.valueOf(matches.get(j));
                Integer dup = seen.get(key);
                if (dup != null) {
                    ineffective(rp + ".match[" + j + "]", "#" + i, "#" + j, "#" + dup);
                    duplicates++;
                } else {
                    seen.put(key, i);
                }
            }
            if (duplicates == matches.size()) {
                unused(rp, "#" + i, "all matches used by prior rules");
            }
        }
    }

    /** {@code OverlappingMatchValidationForHTTPRoute}: a match with a non-empty URI prefix. */
    private record PrefixMatch(String path, String routeStr, String matchStr, String prefix, int port,
                               String method, String authority, Map<String, String> headers,
                               Map<String, String> queryParams, Map<String, String> withoutHeaders) {

        static PrefixMatch of(HttpRoute r, int i, HttpMatchRequest m, int j) {
            if (m == null || m.uri() == null || isEmpty(m.uri().prefix())) {
                return null;
            }
            String method = exactOrPrefix(m.method());
            return new PrefixMatch("spec.http[" + i + "].match[" + j + "]", routeName(r, i), requestName(m, j),
                    m.uri().prefix(), orZero(m.port()), method.isEmpty() ? "exact:GET" : method,
                    exactOrPrefix(m.authority()), flatten(m.headers()), flatten(m.queryParams()),
                    flatten(m.withoutHeaders()));
        }

        private static String exactOrPrefix(StringMatch sm) {
            if (sm == null) {
                return "";
            }
            if (!isEmpty(sm.exact())) {
                return "exact:" + sm.exact();
            }
            return isEmpty(sm.prefix()) ? "" : "prefix:" + sm.prefix();
        }

        private static Map<String, String> flatten(Map<String, StringMatch> matches) {
            Map<String, String> out = new HashMap<>();
            matches.forEach((k, v) -> out.put(k, exactOrPrefix(v)));
            return out;
        }

        /** {@code coveredValidation}: this earlier match catches everything {@code b} would. */
        boolean covers(PrefixMatch b) {
            if (!b.prefix.startsWith(prefix) || b.port != port) {
                return false;
            }
            if (!method.equals(b.method) && !method.startsWith(b.method)) {
                return false;
            }
            if (!authority.equals(b.authority) && !authority.startsWith(b.authority)) {
                return false;
            }
            return mapCovers(headers, b.headers) && mapCovers(queryParams, b.queryParams)
                    && mapCovers(withoutHeaders, b.withoutHeaders);
        }

        private static boolean mapCovers(Map<String, String> a, Map<String, String> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, String> e : a.entrySet()) {
                String bv = b.get(e.getKey());
                if (bv == null || (!e.getValue().equals(bv) && !e.getValue().startsWith(bv))) {
                    return false;
                }
            }
            return true;
        }
    }
}
