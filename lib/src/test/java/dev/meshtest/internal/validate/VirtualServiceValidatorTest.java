package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Fixtures.at;
import static dev.meshtest.internal.validate.Fixtures.dest;
import static dev.meshtest.internal.validate.Fixtures.exact;
import static dev.meshtest.internal.validate.Fixtures.headers;
import static dev.meshtest.internal.validate.Fixtures.http;
import static dev.meshtest.internal.validate.Fixtures.inFile;
import static dev.meshtest.internal.validate.Fixtures.prefix;
import static dev.meshtest.internal.validate.Fixtures.regex;
import static dev.meshtest.internal.validate.Fixtures.routeTo;
import static dev.meshtest.internal.validate.Fixtures.uri;
import static dev.meshtest.internal.validate.Fixtures.vs;
import static dev.meshtest.internal.validate.Fixtures.vsSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.Position;
import dev.meshtest.config.istio.CorsPolicy;
import dev.meshtest.config.istio.Delegate;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.HeaderOperations;
import dev.meshtest.config.istio.Headers;
import dev.meshtest.config.istio.HttpDirectResponse;
import dev.meshtest.config.istio.HttpFaultInjection;
import dev.meshtest.config.istio.HttpFaultInjectionAbort;
import dev.meshtest.config.istio.HttpFaultInjectionDelay;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRedirect;
import dev.meshtest.config.istio.HttpRetry;
import dev.meshtest.config.istio.HttpRewrite;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.Percent;
import dev.meshtest.config.istio.RegexRewrite;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.istio.VirtualServiceSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualServiceValidatorTest {

    private static final String HOST = "helloworld.default.svc.cluster.local";

    /** Reviews {@code vs} with {@code path} at 9:17 and returns each problem's text. */
    private static List<String> review(VirtualService vs, String path) {
        return Admission.review(at(vs, "vs.yaml", path, 9, 17)).stream().map(Problem::toString).toList();
    }

    private static String rejected(String path, String reason) {
        return "vs.yaml:9:17: VirtualService default/helloworld-vs: " + path + ": " + reason;
    }

    private static VirtualService oneRule(HttpRoute rule) {
        return vs("helloworld-vs", vsSpec(List.of(HOST), null, rule));
    }

    private static void assertRejects(HttpRoute rule, String path, String reason) {
        assertRejects(rule, path, path, reason);
    }

    /** As above, for a problem the API server reports at {@code reportedPath} (its {@code <nil>}), located at {@code path}. */
    private static void assertRejects(HttpRoute rule, String path, String reportedPath, String reason) {
        assertThat(review(oneRule(rule), path)).containsExactly(rejected(reportedPath, reason));
    }

    @Test
    void negativeWeight() {
        VirtualService v = oneRule(routeTo(dest("helloworld-v1", 20), dest("helloworld-v2", -5)));
        assertThat(review(v, "spec.http[0].route[1].weight"))
                .containsExactly("vs.yaml:9:17: VirtualService default/helloworld-vs: spec.http[0].route[1].weight: weight -5 < 0");
    }

    @Test
    void totalWeightZero() {
        assertRejects(routeTo(dest("a", null), dest("b", 0)), "spec.http[0].route", "total destination weight = 0");
    }

    @Test
    void weightsNeedNotSumTo100() {
        assertThat(review(oneRule(routeTo(dest("a", 1), dest("b", 2))), "spec")).isEmpty();
    }

    @Test
    void wildcardHostOnMeshIsRejected_E3() {
        VirtualService v = vs("helloworld-gateway-vs", vsSpec(List.of("*"), null,
                routeTo(dest("helloworld-v1.default.svc.cluster.local", null, 5000, 70),
                        dest("helloworld-v2.default.svc.cluster.local", null, 5000, 30))));
        assertThat(Admission.review(at(v, "vs.yaml", "spec.hosts[0]", 5, 12)).stream().map(Problem::toString))
                .containsExactly("vs.yaml:5:12: VirtualService default/helloworld-gateway-vs: spec.hosts[0]: "
                        + "wildcard host * is not allowed for virtual services bound to the mesh gateway");
    }

    @Test
    void wildcardHostBoundToGatewayIsAccepted_E3() {
        VirtualService v = vs("helloworld-gateway-vs", vsSpec(List.of("*"), List.of("helloworld-gateway"),
                routeTo(dest("helloworld-v1.default.svc.cluster.local", null, 5000, 70),
                        dest("helloworld-v2.default.svc.cluster.local", null, 5000, 30))));
        assertThat(Admission.review(Manifest.inCode(v))).isEmpty();
        assertThat(Admission.warnings(Manifest.inCode(v))).isEmpty();
    }

    @Test
    void wildcardHostWithMeshListedIsRejected() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of("*"), List.of("gw", "mesh"), routeTo(dest("a", null))));
        assertThat(review(v, "spec.hosts[0]")).containsExactly(rejected("spec.hosts[0]",
                "wildcard host * is not allowed for virtual services bound to the mesh gateway"));
    }

    @Test
    void duplicateHosts() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of("*.foo.com", "a.foo.com"), null, routeTo(dest("a", null))));
        assertThat(review(v, "spec.hosts[1]"))
                .containsExactly(rejected("spec.hosts[1]", "duplicate hosts in virtual service: *.foo.com & a.foo.com"));
    }

    @Test
    void badHostName() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of("foo_bar.com"), null, routeTo(dest("a", null))));
        assertThat(review(v, "spec.hosts[0]"))
                .containsExactly(rejected("spec.hosts[0]", "domain name \"foo_bar.com\" invalid (label \"foo_bar\" invalid)"));
    }

    @Test
    void emptyHostName() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(""), null, routeTo(dest("a", null))));
        assertThat(review(v, "spec.hosts[0]")).containsExactly(rejected("spec.hosts[0]", "empty domain name not allowed"));
    }

    @Test
    void noRoutes() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), null));
        assertThat(review(v, "spec")).containsExactly(rejected("spec", "http, tcp or tls must be provided in virtual service"));
    }

    @Test
    void ruleWithoutAction() {
        assertRejects(http().match(uri(prefix("/a"))).build(), "spec.http[0]",
                "HTTP route, redirect or direct_response is required");
    }

    @Test
    void routeAndRedirect() {
        Fixtures.Http h = http().route(dest("a", null));
        h.redirect = new HttpRedirect("/b", null, null, null, null, null, null);
        assertRejects(h.build(), "spec.http[0].redirect", "HTTP route cannot contain both route and redirect");
    }

    @Test
    void routeAndDirectResponse() {
        Fixtures.Http h = http().route(dest("a", null));
        h.directResponse = new HttpDirectResponse(200, null);
        assertRejects(h.build(), "spec.http[0].directResponse", "HTTP route cannot contain both route and direct_response");
    }

    @Test
    void faultAndRedirect() {
        Fixtures.Http h = http();
        h.redirect = new HttpRedirect("/b", null, null, null, null, null, null);
        h.fault = new HttpFaultInjection(null, new HttpFaultInjectionAbort(500, null, null, new Percent(10.0)));
        assertRejects(h.build(), "spec.http[0].fault", "HTTP route cannot contain both fault and redirect");
    }

    @Test
    void faultAndDirectResponse() {
        Fixtures.Http h = http();
        h.directResponse = new HttpDirectResponse(200, null);
        h.fault = new HttpFaultInjection(null, new HttpFaultInjectionAbort(500, null, null, new Percent(10.0)));
        assertRejects(h.build(), "spec.http[0].fault", "HTTP route cannot contain both fault and direct_response");
    }

    @Test
    void rewriteAndRedirect() {
        Fixtures.Http h = http();
        h.redirect = new HttpRedirect("/b", null, null, null, null, null, null);
        h.rewrite = new HttpRewrite("/c", null, null);
        assertRejects(h.build(), "spec.http[0].rewrite", "HTTP route rule cannot contain both rewrite and redirect");
    }

    @Test
    void rewriteAndDirectResponse() {
        Fixtures.Http h = http();
        h.directResponse = new HttpDirectResponse(200, null);
        h.rewrite = new HttpRewrite("/c", null, null);
        assertRejects(h.build(), "spec.http[0].rewrite", "HTTP route rule cannot contain both rewrite and direct_response");
    }

    @Test
    void mirrorAndMirrors() {
        Fixtures.Http h = http().route(dest("a", null));
        h.mirror = new Destination("b", null, null);
        h.mirrors.add(new HttpMirrorPolicy(new Destination("c", null, null), null));
        assertRejects(h.build(), "spec.http[0].mirrors", "HTTP route cannot contain both mirror and mirrors");
    }

    @Test
    void destinationRequired() {
        // The CRD requires it, so the API server refuses first, in its words, and the webhook's
        // "destination is required" is never reached, not even for an object built in code.
        HttpRoute r = http().route(new dev.meshtest.config.istio.HttpRouteDestination(null, null, null)).build();
        assertThat(review(oneRule(r), "spec.http[0].route[0].destination")).containsExactly(
                rejected("spec.http[0].route[0].destination", "Required value"),
                "vs.yaml:1:1: VirtualService default/helloworld-vs: <nil>: " + dev.meshtest.internal.text.ApiServerText.NOT_CHECKED);
    }

    @Test
    void destinationHostWildcard() {
        assertRejects(routeTo(dest("*", null)), "spec.http[0].route[0].destination.host", "invalid destination host *");
    }

    @Test
    void badSubsetName() {
        assertRejects(routeTo(dest("a", "V_1", null, null)), "spec.http[0].route[0].destination.subset",
                "subset name is invalid: V_1");
    }

    @Test
    void badPort() {
        assertRejects(routeTo(dest("a", null, 70000, null)), "spec.http[0].route[0].destination.port.number",
                "port number 70000 must be in the range 1..65535");
    }

    @Test
    void faultWithoutAbortOrDelay() {
        Fixtures.Http h = http().route(dest("a", null));
        h.fault = new HttpFaultInjection(null, null);
        assertRejects(h.build(), "spec.http[0].fault", "HTTP fault injection must have an abort and/or a delay");
    }

    @Test
    void faultPercentage() {
        Fixtures.Http h = http().route(dest("a", null));
        h.fault = new HttpFaultInjection(null, new HttpFaultInjectionAbort(503, null, null, new Percent(150.0)));
        assertRejects(h.build(), "spec.http[0].fault.abort.percentage.value",
                "percentage 150 is neither 0.0, nor in range [0.0001, 100.0]");
    }

    @Test
    void abortStatus() {
        Fixtures.Http h = http().route(dest("a", null));
        h.fault = new HttpFaultInjection(null, new HttpFaultInjectionAbort(100, null, null, new Percent(50.0)));
        assertRejects(h.build(), "spec.http[0].fault.abort.httpStatus", "HTTP status 100 is not in range 200-599");
    }

    @Test
    void directResponseStatus() {
        Fixtures.Http h = http();
        h.directResponse = new HttpDirectResponse(700, null);
        assertRejects(h.build(), "spec.http[0].directResponse.status", "HTTP status 700 is not in range 200-599");
    }

    @Test
    void exponentialDelay() {
        Fixtures.Http h = http().route(dest("a", null));
        h.fault = new HttpFaultInjection(new HttpFaultInjectionDelay(null, null, Duration.ofSeconds(1), new Percent(10.0)), null);
        assertRejects(h.build(), "spec.http[0].fault.delay.exponentialDelay", "exponentialDelay not supported yet");
    }

    @Test
    void timeoutBelowOneMillisecondIsRejectedByTheCrdsCelRule() {
        Fixtures.Http h = http().route(dest("a", null));
        h.timeout = Duration.ofNanos(500_000);
        assertRejects(h.build(), "spec.http[0].timeout", "Invalid value: \"string\": must be a valid duration greater than 1ms");
    }

    @Test
    void timeoutWithSubMillisecondPrecision() {
        Fixtures.Http h = http().route(dest("a", null));
        h.timeout = Duration.ofNanos(1_500_000);
        assertRejects(h.build(), "spec.http[0].timeout", "only durations to ms precision are supported");
    }

    @Test
    void retriesNegativeAttempts() {
        Fixtures.Http h = http().route(dest("a", null));
        h.retries = new HttpRetry(-1, null, null, null, null, null);
        assertRejects(h.build(), "spec.http[0].retries.attempts", "attempts cannot be negative");
    }

    @Test
    void retriesConfiguredWithZeroAttempts() {
        Fixtures.Http h = http().route(dest("a", null));
        h.retries = new HttpRetry(0, Duration.ofSeconds(1), null, null, null, null);
        assertRejects(h.build(), "spec.http[0].retries.attempts",
                "http retry policy configured when attempts are set to 0 (disabled)");
    }

    @Test
    void retryOnPolicy() {
        Fixtures.Http h = http().route(dest("a", null));
        h.retries = new HttpRetry(3, null, "5xx,503,bogus", null, null, null);
        assertRejects(h.build(), "spec.http[0].retries.retryOn", "\"bogus\" is not a valid retryOn policy");
    }

    @Test
    void mirrorPercentage() {
        Fixtures.Http h = http().route(dest("a", null));
        h.mirror = new Destination("b", null, null);
        h.mirrorPercentage = new Percent(150.0);
        assertRejects(h.build(), "spec.http[0].mirrorPercentage.value",
                "mirror_percentage must have a max value of 100 (it has 150.000000)");
    }

    @Test
    void redirectWithNothing() {
        Fixtures.Http h = http();
        h.redirect = new HttpRedirect(null, null, null, null, null, 301, null);
        assertRejects(h.build(), "spec.http[0].redirect", "redirect must specify URI, authority, scheme, or port");
    }

    @Test
    void redirectCode() {
        Fixtures.Http h = http();
        h.redirect = new HttpRedirect("/b", null, null, null, null, 200, null);
        assertRejects(h.build(), "spec.http[0].redirect.redirectCode", "200 is not a valid redirect code, must be 3xx");
    }

    @Test
    void redirectUriAndPrefixRewrite() {
        Fixtures.Http h = http();
        h.redirect = new HttpRedirect("/b", null, null, null, null, null, "/c");
        assertRejects(h.build(), "spec.http[0].redirect", "redirect may only specify one of uri or prefix_rewrite");
    }

    @Test
    void rewriteUriAndRegex() {
        Fixtures.Http h = http().route(dest("a", null));
        h.rewrite = new HttpRewrite("/b", null, new RegexRewrite("^/x", "/y"));
        assertRejects(h.build(), "spec.http[0].rewrite", "rewrite may only contain one of URI or UriRegexRewrite");
    }

    @Test
    void invalidUriRegex() {
        HttpRoute r = http().match(uri(regex("(abc"))).route(dest("a", null)).build();
        assertRejects(r, "spec.http[0].match[0].uri", "\"uri\": error parsing regexp: missing closing ): `(abc`; "
                + "Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)");
    }

    @Test
    void lookaheadIsNotRe2() {
        HttpRoute r = http().match(uri(regex("/a(?=b)"))).route(dest("a", null)).build();
        assertRejects(r, "spec.http[0].match[0].uri", "\"uri\": error parsing regexp: invalid or unsupported Perl syntax: "
                + "`(?=`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)");
    }

    @Test
    void regexTooLong() {
        HttpRoute r = http().match(uri(regex("a".repeat(1025)))).route(dest("a", null)).build();
        assertRejects(r, "spec.http[0].match[0].uri", "\"uri\": regex is too large, max length allowed is 1024");
    }

    @Test
    void emptyHeaderPrefix() {
        HttpRoute r = http().match(headers(Map.of("end-user", prefix("")))).route(dest("a", null)).build();
        assertRejects(r, "spec.http[0].match[0].headers.end-user", "\"headers\": prefix string match should not be empty");
    }

    @Test
    void stringMatchOneOfIsASchemaError() {
        HttpRoute r = http().match(uri(new dev.meshtest.config.istio.StringMatch("/a", "/b", null)))
                .route(dest("a", null)).build();
        // kube-openapi's composite error: at no field, the path in the message (the YAML line is the field's).
        assertRejects(r, "spec.http[0].match[0].uri", "<nil>",
                "Invalid value: \"\": \"spec.http[0].match[0].uri\" must validate one and only one schema (oneOf). Found 2 "
                        + "valid alternatives");
    }

    @Test
    void gatewayNamespaceInvalid() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), List.of("Bad_NS/gw"), routeTo(dest("a", null))));
        assertThat(review(v, "spec.gateways[0]"))
                .containsExactly(rejected("spec.gateways[0]", "invalid value for namespace: \"Bad_NS\""));
    }

    @Test
    void legacyGatewayNameWarns() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), List.of("my-gateway.istio-system"), routeTo(dest("a", null))));
        Manifest m = at(v, "vs.yaml", "spec.gateways[0]", 9, 17);
        assertThat(Admission.review(m)).isEmpty();
        assertThat(Admission.warnings(m).stream().map(Problem::toString)).containsExactly(rejected("spec.gateways[0]",
                "using legacy gatewayName format \"my-gateway.istio-system\"; prefer the <namespace>/<name> format: "
                        + "\"istio-system/my-gateway\""));
    }

    @Test
    void delegateWithGateways() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(), List.of("gw"), routeTo(dest("a", null))));
        assertThat(review(v, "spec.gateways"))
                .containsExactly(rejected("spec.gateways", "delegate virtual service must have no gateways specified"));
    }

    @Test
    void rootRouteWithRoute() {
        Fixtures.Http h = http().route(dest("a", null));
        h.name = "root";
        h.delegate = new Delegate("child", "default");
        assertRejects(h.build(), "spec.http[0].route", "root HTTP route root must not specify route");
    }

    @Test
    void jwtClaimOnMesh() {
        HttpRoute r = http().match(headers(Map.of("@request.auth.claims.group", exact("admin"))))
                .route(dest("a", null)).build();
        assertRejects(r, "spec.http[0].match[0].headers.@request.auth.claims.group",
                "JWT claim based routing (key: @request.auth.claims.group) is only supported for gateway, found no gateways: []");
    }

    @Test
    void authoritySetTwice() {
        Fixtures.Http h = http().route(dest("a", null));
        h.rewrite = new HttpRewrite(null, "foo.com", null);
        h.headers = new Headers(new HeaderOperations(Map.of("host", "bar.com"), null, null), null);
        assertRejects(h.build(), "spec.http[0].headers.request.set.host",
                "authority header cannot be set multiple times: have \"foo.com\", attempting to set \"bar.com\"");
    }

    @Test
    void corsMethod() {
        Fixtures.Http h = http().route(dest("a", null));
        h.corsPolicy = new CorsPolicy(null, null, List.of("GET", "FETCH"), null, null, null, null, null);
        assertRejects(h.build(), "spec.http[0].corsPolicy.allowMethods[1]", "\"FETCH\" is not a supported HTTP method");
    }

    @Test
    void everyProblemIsReportedInFieldOrder() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), null,
                routeTo(dest("*", -1), dest("b", null, 0, null))));
        Map<String, Position> positions = new LinkedHashMap<>();
        positions.put("", new Position(1, 1));
        positions.put("spec.http[0].route[0].destination.host", new Position(8, 22));
        positions.put("spec.http[0].route[0].weight", new Position(9, 15));
        positions.put("spec.http[0].route[1].destination.port.number", new Position(11, 31));
        assertThat(Admission.review(inFile(v, "vs.yaml", positions)).stream().map(Problem::toString)).containsExactly(
                "vs.yaml:8:22: VirtualService default/helloworld-vs: spec.http[0].route[0].destination.host: invalid destination host *",
                "vs.yaml:9:15: VirtualService default/helloworld-vs: spec.http[0].route[0].weight: weight -1 < 0",
                "vs.yaml:11:31: VirtualService default/helloworld-vs: spec.http[0].route[1].destination.port.number: "
                        + "port number 0 must be in the range 1..65535");
    }

    // ---- warnings ----

    private static List<String> warnings(VirtualService v, String path) {
        return Admission.warnings(at(v, "vs.yaml", path, 9, 17)).stream().map(Problem::toString).toList();
    }

    @Test
    void ruleAfterCatchAllIsNotUsed() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), null, routeTo(dest("a", null)), routeTo(dest("b", null))));
        assertThat(review(v, "spec.http[1]")).isEmpty();
        assertThat(warnings(v, "spec.http[1]")).containsExactly(
                rejected("spec.http[1]", "virtualService rule #1 not used (only the last rule can have no matches)"));
    }

    @Test
    void matchAfterCatchAllIsNotUsed() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), null, routeTo(dest("a", null)),
                http().match(uri(prefix("/x"))).route(dest("b", null)).build()));
        assertThat(warnings(v, "spec.http[1]")).containsExactly(
                rejected("spec.http[1]", "virtualService rule #1 not used (route without matches defined before)"));
    }

    @Test
    void duplicateMatchIsNotUsed() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), null,
                http().match(uri(exact("/x"))).route(dest("a", null)).build(),
                http().match(uri(exact("/x"))).route(dest("b", null)).build()));
        Map<String, Position> positions = Map.of("", new Position(1, 1),
                "spec.http[1]", new Position(12, 5), "spec.http[1].match[0]", new Position(13, 7));
        assertThat(Admission.warnings(inFile(v, "vs.yaml", positions)).stream().map(Problem::toString)).containsExactly(
                "vs.yaml:12:5: VirtualService default/helloworld-vs: spec.http[1]: "
                        + "virtualService rule #1 not used (all matches used by prior rules)",
                "vs.yaml:13:7: VirtualService default/helloworld-vs: spec.http[1].match[0]: "
                        + "virtualService rule #1 match #0 is not used (duplicate/overlapping match in rule #0)");
    }

    @Test
    void overlappingPrefixIsNotUsed() {
        VirtualService v = vs("helloworld-vs", vsSpec(List.of(HOST), null,
                http().match(uri(prefix("/debug"))).route(dest("a", null)).build(),
                http().match(uri(prefix("/debugs"))).route(dest("b", null)).build()));
        assertThat(warnings(v, "spec.http[1].match[0]")).containsExactly(rejected("spec.http[1].match[0]",
                "virtualService rule #1 match #0 of prefix /debugs is not used "
                        + "(duplicate/overlapping match in rule #0 of prefix /debug on #0)"));
    }

    @Test
    void specWithNothingIsSafe() {
        VirtualService v = vs("x", new VirtualServiceSpec(null, null, null, null, null, null));
        assertThat(Admission.review(Manifest.inCode(v)).stream().map(Problem::reason))
                .containsExactly("http, tcp or tls must be provided in virtual service");
        VirtualService noSpec = vs("x", null);
        assertThat(Admission.review(Manifest.inCode(noSpec))).isNotEmpty();
    }
}
