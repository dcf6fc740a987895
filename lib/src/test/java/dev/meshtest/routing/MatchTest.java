package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static dev.meshtest.routing.Routing.one;
import static dev.meshtest.routing.Routing.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.Replies;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every HTTPMatchRequest field (istio-rules §4.1; Istio's {@code TranslateRouteMatch},
 * {@code sourceMatchHTTP}, {@code BuildHTTPRoutesForVirtualService}). Matching rules send to
 * subset v2, so "v2" means "matched"; a VirtualService without a catch-all answers 404 NR otherwise.
 */
class MatchTest {

    /** helloworld with a VirtualService whose {@code http} list is {@code rules} (YAML, list items at column 0). */
    static Mesh withRules(String rules) {
        return helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                """ + rules.indent(2));
    }

    static final String TO_V2 = "  route: [{destination: {host: helloworld, subset: v2}}]\n";
    static final String TO_V1 = "  route: [{destination: {host: helloworld, subset: v1}}]\n";

    @Test
    @DisplayName("uri exact: the whole path, query excluded, case-sensitive")
    void uriExact() {
        Mesh mesh = withRules("- match: [{uri: {exact: /hello}}]\n" + TO_V2);
        assertThat(one(mesh, "helloworld:5000/hello")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/hello?x=1")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/hello/")).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/Hello")).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("uri prefix is a plain string prefix: /api matches /apiv2")
    void uriPrefix() {
        Mesh mesh = withRules("- match: [{uri: {prefix: /api}}]\n" + TO_V2);
        assertThat(one(mesh, "helloworld:5000/api")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/api/users")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/apiv2")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/ap")).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/API")).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("uri regex must match the whole path, without the query")
    void uriRegex() {
        Mesh mesh = withRules("- match: [{uri: {regex: \"/hel+o\"}}]\n" + TO_V2);
        assertThat(one(mesh, "helloworld:5000/hellllo")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/hello?q=1")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/hello/x")).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/x/hello")).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("ignoreUriCase applies to exact and prefix, not to regex")
    void ignoreUriCase() {
        Mesh mesh = withRules("""
                - match: [{uri: {exact: /hello}, ignoreUriCase: true}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{uri: {prefix: /API}, ignoreUriCase: true}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{uri: {regex: "/re[a-z]+"}, ignoreUriCase: true}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        assertThat(one(mesh, "helloworld:5000/HeLLo")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/api/x")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/rex")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/REX")).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("headers exact, prefix, regex (whole value): values are case-sensitive, names are not")
    void headerValues() {
        Mesh mesh = withRules("""
                - match: [{headers: {end-user: {exact: jason}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{headers: {x-prefix: {prefix: can}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{headers: {x-regex: {regex: "v[0-9]"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        assertThat(where(mesh.send(1).from("nginx").header("end-user", "jason").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("End-User", "jason").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("end-user", "Jason").to("helloworld:5000/"))).isEqualTo("404 NR");
        assertThat(where(mesh.send(1).from("nginx").header("x-prefix", "canary").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("x-prefix", "ca").to("helloworld:5000/"))).isEqualTo("404 NR");
        assertThat(where(mesh.send(1).from("nginx").header("x-regex", "v7").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("x-regex", "v77").to("helloworld:5000/"))).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("headers {} means present, even with an empty value; regex \"*\" is rejected by the webhook")
    void headerPresence() {
        Mesh mesh = withRules("""
                - match: [{headers: {x-a: {}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        assertThat(where(mesh.send(1).from("nginx").header("x-a", "").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("x-c", "1").to("helloworld:5000/"))).isEqualTo("404 NR");
        // Istio's translation would read "*" as "present" (canBeConvertedToPresentMatch), but its webhook
        // compiles header regexes first (validateStringMatchRegexp) and "*" is not a valid RE2 expression.
        refusing("""
                - match: [{headers: {x-b: {regex: "*"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """).hasMessageContaining("spec.http[0].match[0].headers.x-b: \"headers\": error parsing regexp: "
                        + "missing argument to repetition operator: `*`");
    }

    @Test
    @DisplayName("regexes are RE2's, as Envoy matches them: [[:alpha:]] is letters, \\p{L}, (?P<n>...) and a{,3} work")
    void regexesAreRe2() {
        Mesh mesh = withRules("""
                - match: [{headers: {end-user: {regex: "[[:alpha:]]+"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{headers: {x-name: {regex: '(?P<first>\\p{L}+) \\p{L}+'}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{headers: {x-count: {regex: "a{,3}"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        // Java's engine would read [[:alpha:]] as the characters ':', 'a', 'l', 'p', 'h': jason would miss.
        assertThat(where(mesh.send(1).from("nginx").header("end-user", "jason").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("end-user", "jason7").to("helloworld:5000/"))).isEqualTo("404 NR");
        assertThat(where(mesh.send(1).from("nginx").header("x-name", "Zoë Ådahl").to("helloworld:5000/"))).isEqualTo("v2");
        // a{,3} is no repetition in RE2: the literal text "a{,3}" (a header: in a path Envoy would escape the braces).
        assertThat(where(mesh.send(1).from("nginx").header("x-count", "a{,3}").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("x-count", "aaa").to("helloworld:5000/"))).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("what RE2 lacks is refused as Istio's webhook refuses it, in Go's words: \\Z, (?x), an unmatched )")
    void notRe2IsRefused() {
        refusing("""
                - match: [{uri: {regex: '/v1\\Z'}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """).hasMessageContaining("spec.http[0].match[0].uri: \"uri\": error parsing regexp: invalid escape sequence: "
                        + "`\\Z`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)");
        refusing("""
                - match: [{uri: {regex: "(?x) /v1"}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """).hasMessageContaining("\"uri\": error parsing regexp: invalid or unsupported Perl syntax: `(?x`");
        // RE2/J itself says "internal error: stack underflow" here; Go's regexp, which Istio runs, says this.
        refusing("""
                - match: [{uri: {regex: "/v1)"}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """).hasMessageContaining("\"uri\": error parsing regexp: unexpected ): `/v1)`;");
    }

    /** The rules refused by the webhook, to check its message. */
    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> refusing(String rules) {
        return org.assertj.core.api.Assertions.assertThatThrownBy(() -> withRules(rules))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class);
    }

    @Test
    @DisplayName("withoutHeaders: {} means absent; a value matcher holds when the header is absent or differs")
    void withoutHeaders() {
        Mesh mesh = withRules("""
                - match: [{uri: {prefix: /absent}, withoutHeaders: {x-debug: {}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{uri: {prefix: /notjason}, withoutHeaders: {end-user: {exact: jason}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        assertThat(one(mesh, "helloworld:5000/absent")).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("x-debug", "1").to("helloworld:5000/absent"))).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/notjason")).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("end-user", "mary").to("helloworld:5000/notjason"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("end-user", "jason").to("helloworld:5000/notjason"))).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("withoutHeaders treats a missing header as empty (TreatMissingHeaderAsEmpty): regex .* excludes requests without it")
    void withoutHeadersMissingIsEmpty() {
        Mesh mesh = withRules("""
                - match: [{withoutHeaders: {x-tenant: {regex: ".*"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - route: [{destination: {host: helloworld, subset: v1}}]
                """);
        // Missing header = "" which matches .*, inverted: the first rule does not match.
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v1");
        assertThat(where(mesh.send(1).from("nginx").header("x-tenant", "a").to("helloworld:5000/"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("queryParams exact, prefix, regex, present ({}), and exact \"\" for ?key and ?key=")
    void queryParams() {
        Mesh mesh = withRules("""
                - match: [{queryParams: {a: {exact: "1"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{queryParams: {b: {prefix: "x"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{queryParams: {c: {regex: "[0-9]+"}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{queryParams: {d: {}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{queryParams: {e: {exact: ""}}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        assertThat(one(mesh, "helloworld:5000/?a=1")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?z=0&a=1")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?a=12")).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/?b=xyz")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?c=123")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?c=12a")).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/?d=anything")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?d")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?e")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?e=")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/?e=1")).isEqualTo("404 NR");
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("404 NR");
    }

    @Test
    @DisplayName("method and scheme match the :method and :scheme pseudo-headers")
    void methodAndScheme() {
        Mesh mesh = withRules("""
                - match: [{method: {exact: POST}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{scheme: {exact: https}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - route: [{destination: {host: helloworld, subset: v1}}]
                """);
        assertThat(where(mesh.send(1).from("nginx").method("POST").to("helloworld:5000/"))).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").method("GET").to("helloworld:5000/"))).isEqualTo("v1");
        assertThat(one(mesh, "http://helloworld:5000/")).isEqualTo("v1");
    }

    @Test
    @DisplayName("authority sees the Host header with its port, though vhost choice ignores the port")
    void authority() {
        Mesh mesh = withRules("""
                - match: [{authority: {exact: "helloworld:5000"}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - route: [{destination: {host: helloworld, subset: v1}}]
                """);
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld.default:5000/")).isEqualTo("v1");
        assertThat(where(mesh.send(1).from("nginx").header("Host", "helloworld").to("helloworld:5000/"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("port is a config-time filter: a rule for another port does not exist on this listener")
    void port() {
        Mesh mesh = withRules("""
                - match: [{port: 9999}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{port: 5000, uri: {prefix: /p}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - route: [{destination: {host: helloworld, subset: v1}}]
                """);
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v1");
        assertThat(one(mesh, "helloworld:5000/p")).isEqualTo("v2");
        assertThat(mesh.proxyConfig("nginx").routes().rows()).filteredOn(r -> r.get(0).equals("5000")
                && r.get(1).startsWith("helloworld.")).hasSize(2);
    }

    @Test
    @DisplayName("when every rule is filtered out for a client, the VirtualService vanishes and default routing returns")
    void allRulesFilteredOut() {
        TrafficResult r = withRules("- match: [{port: 9999}]\n" + TO_V2).send(400).from("nginx").to("helloworld:5000/");
        assertThat(r.countByCluster()).containsExactly(Map.entry("outbound|5000||helloworld.default.svc.cluster.local", 400L));
        assertThat(r.countByVersion()).containsOnlyKeys("v1", "v2");
    }

    @Test
    @DisplayName("sourceLabels keeps a rule only for clients carrying the labels")
    void sourceLabels() {
        Mesh mesh = withRules("""
                - match: [{sourceLabels: {run: nginx}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - route: [{destination: {host: helloworld, subset: v1}}]
                """).withPod("sleep");
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v2");
        assertThat(where(mesh.send(5).from("sleep").to("helloworld:5000/"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("sourceNamespace keeps a rule only for clients in that namespace")
    void sourceNamespace() {
        Mesh mesh = withRules("""
                - match: [{sourceNamespace: shop}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                - route: [{destination: {host: helloworld, subset: v1}}]
                """).apply(Routing.injectedNamespace("shop")).withPod("sleep", "shop");
        assertThat(where(mesh.send(5).from("shop/sleep").to("helloworld.default:5000/"))).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/")).isEqualTo("v1");
    }

    @Test
    @DisplayName("match gateways override the VirtualService's: [mesh] keeps the rule on sidecars, and then sourceLabels are ignored")
    void matchGatewaysOnSidecars() {
        Mesh mesh = helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  gateways: [mesh, istio-system/echo]
                  http:
                  - match: [{uri: {prefix: /gw}, gateways: [istio-system/echo]}]
                    route: [{destination: {host: helloworld, subset: v2}}]
                  - match: [{uri: {prefix: /mesh}, gateways: [mesh], sourceLabels: {run: nobody}}]
                    route: [{destination: {host: helloworld, subset: v2}}]
                  - route: [{destination: {host: helloworld, subset: v1}}]
                """);
        assertThat(one(mesh, "helloworld:5000/gw")).isEqualTo("v1");
        assertThat(one(mesh, "helloworld:5000/mesh")).isEqualTo("v2");
    }

    @Test
    @DisplayName("rules in order, first match wins; match blocks of a rule are ORed, conditions of a block ANDed")
    void orderOrAnd() {
        Mesh mesh = withRules("""
                - match:
                  - {uri: {prefix: /a}, headers: {x: {exact: "1"}}}
                  - {uri: {prefix: /b}}
                  route: [{destination: {host: helloworld, subset: v2}}]
                - match: [{uri: {prefix: /}}]
                  route: [{destination: {host: helloworld, subset: v1}}]
                - match: [{uri: {prefix: /b}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        assertThat(where(mesh.send(1).from("nginx").header("x", "1").to("helloworld:5000/a"))).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/a")).isEqualTo("v1");
        assertThat(one(mesh, "helloworld:5000/b")).isEqualTo("v2");
        assertThat(where(mesh.send(1).from("nginx").header("x", "1").to("helloworld:5000/c"))).isEqualTo("v1");
    }

    @Test
    @DisplayName("a catch-all stops route generation: later match blocks and rules are dropped")
    void catchAllStops() {
        Mesh mesh = withRules("""
                - match: [{uri: {prefix: /x}}, {uri: {prefix: /}}, {uri: {prefix: /y}}]
                  route: [{destination: {host: helloworld, subset: v1}}]
                - match: [{uri: {prefix: /z}}]
                  route: [{destination: {host: helloworld, subset: v2}}]
                """);
        assertThat(one(mesh, "helloworld:5000/z")).isEqualTo("v1");
        assertThat(mesh.proxyConfig("nginx").routes().rows()).filteredOn(r -> r.get(0).equals("5000") && r.get(1).startsWith("helloworld."))
                .extracting(r -> r.get(3)).containsExactly("/x*", "/*");
    }

    @Test
    @DisplayName("a rule without match is a catch-all too: later rules never exist")
    void ruleWithoutMatchStops() {
        Mesh mesh = withRules(TO_V1.replaceFirst(" ", "-") + "- match: [{uri: {prefix: /z}}]\n" + TO_V2);
        assertThat(one(mesh, "helloworld:5000/z")).isEqualTo("v1");
    }

    @Test
    @DisplayName("no route matches: 404 NR, empty body, no cluster, no pod")
    void noMatch() {
        TrafficResult r = withRules("- match: [{uri: {exact: /only}}]\n" + TO_V2).send(3).from("nginx").to("helloworld:5000/other");
        Outcome o = r.outcomes().get(0);
        assertThat(o).isEqualTo(Replies.sidecar("", 404, "", ResponseFlag.NO_ROUTE_FOUND));
        assertThat(r.countByStatus()).containsExactly(Map.entry(404, 3L));
    }
}
