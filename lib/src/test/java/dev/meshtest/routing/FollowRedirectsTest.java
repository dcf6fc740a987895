package dev.meshtest.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.Redirect;
import dev.meshtest.traffic.TrafficResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code send(...).followRedirects()}: the client follows redirects as {@code curl -L} does. */
class FollowRedirectsTest {

    private static final String RULES = """
            - match: [{uri: {exact: /old}}]
              redirect: {uri: /new}
            - match: [{uri: {exact: /a}}]
              redirect: {uri: /b, redirectCode: 302}
            - match: [{uri: {exact: /b}}]
              redirect: {uri: /new, redirectCode: 307}
            - match: [{uri: {exact: /loop}}]
              redirect: {uri: /loop}
            - match: [{uri: {exact: /elsewhere}}]
              redirect: {authority: "helloworld.default:5000", uri: /new}
            - match: [{uri: {exact: /new}}]
              route: [{destination: {host: helloworld, subset: v2}}]
            """;

    private static Outcome first(TrafficResult r) {
        return r.outcomes().get(0);
    }

    @Test
    @DisplayName("without it the 301 is the answer; with it the last request's answer, listing the redirects followed")
    void followsAndSaysWhich() {
        Mesh mesh = MatchTest.withRules(RULES);
        assertThat(first(mesh.send(1).from("nginx").to("helloworld:5000/old")).status()).isEqualTo(301);
        Outcome o = first(mesh.send(1).from("nginx").followRedirects().to("helloworld:5000/old?q=1"));
        assertThat(o.version()).contains("v2");
        assertThat(o.redirects()).containsExactly(new Redirect(301, "http://helloworld:5000/new?q=1"));
        assertThat(o.received().orElseThrow().path()).isEqualTo("/new?q=1");
        Outcome chain = first(mesh.send(1).from("nginx").followRedirects().to("helloworld:5000/a"));
        assertThat(chain.redirects()).extracting(Redirect::status).containsExactly(302, 307);
        assertThat(chain.version()).contains("v2");
    }

    @Test
    @DisplayName("curl's limit: after 50 redirects curl gives up with error 47")
    void maxRedirects() {
        Outcome o = first(MatchTest.withRules(RULES).send(1).from("nginx").followRedirects().to("helloworld:5000/loop"));
        assertThat(o.status()).isZero();
        assertThat(o.body()).isEqualTo("curl: (47) Maximum (50) redirects followed");
        assertThat(o.redirects()).hasSize(50);
    }

    @Test
    @DisplayName("methods as curl changes them: POST becomes GET after 301 and 302, stays POST after 307")
    void methods() {
        Mesh mesh = MatchTest.withRules(RULES);
        assertThat(first(mesh.send(1).from("nginx").method("POST").followRedirects().to("helloworld:5000/old"))
                .received().orElseThrow().method()).isEqualTo("GET");
        Outcome viaPermanent = first(mesh.send(1).from("nginx").method("POST").followRedirects().to("helloworld:5000/b"));
        assertThat(viaPermanent.received().orElseThrow().method()).isEqualTo("POST");
        assertThat(first(mesh.send(1).from("nginx").method("PUT").followRedirects().to("helloworld:5000/old"))
                .received().orElseThrow().method()).isEqualTo("PUT");
    }

    @Test
    @DisplayName("credentials are not sent to another host; the chain's latency is the whole chain's")
    void credentialsAndLatency() {
        Mesh mesh = MatchTest.withRules(RULES);
        Outcome moved = first(mesh.send(1).from("nginx").header("authorization", "Bearer x").followRedirects()
                .to("helloworld:5000/elsewhere"));
        assertThat(moved.redirects()).containsExactly(new Redirect(301, "http://helloworld.default:5000/new"));
        assertThat(moved.received().orElseThrow().headers()).doesNotContainKey("authorization");
        Outcome same = first(mesh.send(1).from("nginx").header("authorization", "Bearer x").followRedirects()
                .to("helloworld:5000/old"));
        assertThat(same.received().orElseThrow().headers()).containsKey("authorization");
        TrafficResult direct = mesh.send(1).from("nginx").to("helloworld:5000/new");
        TrafficResult chained = mesh.send(1).from("nginx").followRedirects().to("helloworld:5000/a");
        assertThat(chained.latencyOf(0)).isGreaterThan(direct.latencyOf(0));
    }

    @Test
    @DisplayName("a custom Host header goes along only to the host the URL named, as curl -L sends it")
    void customHostOnlyToTheFirstHost() {
        Mesh mesh = MatchTest.withRules(RULES);
        // The redirect names the URL's own host: curl keeps the custom Host header.
        Outcome kept = first(mesh.send(1).from("nginx").header("Host", "helloworld:5000").followRedirects()
                .to("helloworld.default:5000/elsewhere"));
        assertThat(kept.redirects()).containsExactly(new Redirect(301, "http://helloworld.default:5000/new"));
        assertThat(kept.received().orElseThrow().authority()).isEqualTo("helloworld:5000");
        // The redirect names another host: curl sends that host's name.
        Outcome dropped = first(mesh.send(1).from("nginx").header("Host", "helloworld.default.svc.cluster.local:5000")
                .followRedirects().to("helloworld:5000/elsewhere"));
        assertThat(dropped.received().orElseThrow().authority()).isEqualTo("helloworld.default:5000");
    }

    @Test
    @DisplayName("a redirect to https cannot be followed while TLS is not simulated: refused, not guessed")
    void httpsFollowedIntoAHandshake() {
        Mesh mesh = MatchTest.withRules("""
                - redirect: {scheme: https}
                """);
        assertThat(first(mesh.send(1).from("nginx").to("helloworld:5000/x")).responseHeader("location"))
                .contains("https://helloworld:5000/x");
        // curl -L makes the TLS handshake on the same HTTP port: the client's own sidecar answers its ClientHello in plain text.
        Outcome followed = first(mesh.send(1).from("nginx").followRedirects().to("helloworld:5000/x"));
        assertThat(followed.status()).isZero();
        assertThat(followed.body()).isEqualTo("curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number");
        assertThat(followed.redirects()).extracting(r -> r.location()).containsExactly("https://helloworld:5000/x");
        List<String> steps = MatchTest.withRules(RULES).explain().from("nginx").followRedirects().to("helloworld:5000/old").steps();
        assertThat(steps).anyMatch(d -> d.contains("curl -L follows 301 to http://helloworld:5000/new"));
    }
}
