package dev.meshtest.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.StringMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The match merge of delegation, on the cases of Istio's {@code TestMergeHTTPMatchRequests} and {@code TestHasConflict}. */
class DelegationMergeTest {

    private static StringMatch sm(String kind, String value) {
        return switch (kind) {
            case "exact" -> new StringMatch(value, null, null);
            case "prefix" -> new StringMatch(null, value, null);
            case "regex" -> new StringMatch(null, null, value);
            default -> null;
        };
    }

    private static HttpMatchRequest uri(StringMatch uri) {
        return new HttpMatchRequest(null, uri, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static HttpMatchRequest header(String name, StringMatch value) {
        return new HttpMatchRequest(null, null, null, null, null, Map.of(name, value), null, null, null, null, null, null, null, null);
    }

    @ParameterizedTest(name = "root {0} {1}, delegate {2} {3}: conflict {4}")
    @DisplayName("stringMatchConflict: regex against anything, exact against exact, prefix against a longer prefix or exact")
    @CsvSource({
            "regex, ^/productpage, none, , false",
            "regex, ^/productpage, prefix, /productpage, true",
            "none, , regex, ^/p, false",
            "prefix, /p, regex, ^/p, true",
            "exact, /productpage, exact, /productpage, false",
            "exact, /productpage, exact, /reviews, true",
            "exact, /productpage, prefix, /productpage, true",
            "prefix, /productpage, exact, /productpage/v1, false",
            "prefix, /productpage, prefix, /productpage/v1, false",
            "prefix, /productpage/v1, prefix, /productpage, true",
            "prefix, /productpage, exact, /reviews, true"})
    void conflict(String rootKind, String rootValue, String leafKind, String leafValue, boolean conflict) {
        assertThat(Delegation.conflict(sm(rootKind, rootValue), sm(leafKind, leafValue))).isEqualTo(conflict);
    }

    @Test
    @DisplayName("multi url match: each delegate match merges with the root match it fits")
    void multiUrl() {
        List<HttpMatchRequest> root = List.of(uri(sm("prefix", "/productpage")), uri(sm("prefix", "/reviews")));
        List<HttpMatchRequest> delegate = List.of(uri(sm("exact", "/productpage/v1")), uri(sm("exact", "/reviews/v1")));
        assertThat(Delegation.mergeMatches(root, delegate)).extracting(HttpMatchRequest::uri)
                .containsExactly(sm("exact", "/productpage/v1"), sm("exact", "/reviews/v1"));
    }

    @Test
    @DisplayName("one delegate match that fits no root match makes the whole rule conflict")
    void oneMisfitConflicts() {
        List<HttpMatchRequest> root = List.of(uri(sm("prefix", "/productpage")));
        assertThat(Delegation.mergeMatches(root, List.of(uri(sm("exact", "/productpage/v1")), uri(sm("exact", "/reviews"))))).isNull();
    }

    @Test
    @DisplayName("headers: another name joins; the same name with another exact value conflicts")
    void headers() {
        List<HttpMatchRequest> root = List.of(header("header", sm("exact", "h1")));
        assertThat(Delegation.mergeMatches(root, List.of(header("header-2", sm("exact", "h2")))).get(0).headers())
                .containsOnly(Map.entry("header", sm("exact", "h1")), Map.entry("header-2", sm("exact", "h2")));
        assertThat(Delegation.mergeMatches(root, List.of(header("header", sm("exact", "h2"))))).isNull();
        assertThat(Delegation.mergeMatches(root, List.of())).isEqualTo(root);
    }

    @Test
    @DisplayName("hasConflict: ports, sourceNamespace and gateways")
    void otherConditions() {
        HttpMatchRequest port80 = new HttpMatchRequest(null, null, null, null, null, null, 80, null, null, null, null, null, null, null);
        HttpMatchRequest port90 = new HttpMatchRequest(null, null, null, null, null, null, 90, null, null, null, null, null, null, null);
        HttpMatchRequest none = uri(null);
        assertThat(Delegation.hasConflict(port80, port90)).isTrue();
        assertThat(Delegation.hasConflict(port80, none)).isFalse();
        HttpMatchRequest fromA = new HttpMatchRequest(null, null, null, null, null, null, null, null, null, null, null, null, "a", null);
        assertThat(Delegation.hasConflict(fromA, none)).isTrue();   // the delegate must repeat the root's sourceNamespace
        assertThat(Delegation.hasConflict(none, fromA)).isFalse();
        HttpMatchRequest gwA = new HttpMatchRequest(null, null, null, null, null, null, null, null, List.of("a"), null, null, null, null, null);
        HttpMatchRequest gwAB = new HttpMatchRequest(null, null, null, null, null, null, null, null, List.of("a", "b"), null, null, null,
                null, null);
        assertThat(Delegation.hasConflict(gwA, gwAB)).isTrue();
        assertThat(Delegation.hasConflict(gwAB, gwA)).isFalse();
    }
}
