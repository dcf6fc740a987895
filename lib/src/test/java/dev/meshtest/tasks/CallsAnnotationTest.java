package dev.meshtest.tasks;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.internal.sim.PodApps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code meshtest.dev/calls} pod annotation: its syntax maps exactly to {@link Call}, and bad values say where and why. */
class CallsAnnotationTest {

    private static final Call DETAILS = Call.to("http://details:9080/details/0").timeout(Duration.ofSeconds(3));
    private static final Call REVIEWS = Call.to("http://reviews:9080/reviews/0").timeout(Duration.ofSeconds(3)).retries(1)
            .forwarding("end-user", "cookie");

    @Test
    void eachOptionMapsToTheMethodOfTheSameName() {
        assertThat(Call.parse("http://reviews:9080/reviews/0")).isEqualTo(Call.to("http://reviews:9080/reviews/0"));
        assertThat(Call.parse("http://r:9080/ timeout=2500ms")).isEqualTo(Call.to("http://r:9080/").timeout(Duration.ofMillis(2500)));
        assertThat(Call.parse("http://r:9080/ retries=2")).isEqualTo(Call.to("http://r:9080/").retries(2));
        assertThat(Call.parse("http://r:9080/ forward=end-user")).isEqualTo(Call.to("http://r:9080/").forwarding("end-user"));
        assertThat(Call.parse("http://r:9080/ orFail=502")).isEqualTo(Call.to("http://r:9080/").orFail(502));
        assertThat(Call.parse("  http://r:9080/   orFail=502  timeout=1.5s retries=0 "))
                .isEqualTo(Call.to("http://r:9080/").orFail(502).timeout(Duration.ofMillis(1500)));
    }

    @Test
    void callsAreSeparatedBySemicolonsOrLinesInTheOrderTheAppMakesThem() {
        String oneLine = "http://details:9080/details/0 timeout=3s; http://reviews:9080/reviews/0 timeout=3s retries=1 forward=end-user,cookie";
        String block = """
                http://details:9080/details/0 timeout=3s

                http://reviews:9080/reviews/0 timeout=3s retries=1 forward=end-user,cookie
                """;
        assertThat(Call.parseAll(oneLine)).containsExactly(DETAILS, REVIEWS);
        assertThat(Call.parseAll(block)).containsExactly(DETAILS, REVIEWS);
        assertThat(Call.parseAll(oneLine + ";")).containsExactly(DETAILS, REVIEWS);
    }

    @Test
    void toStringWritesTheAnnotationSyntaxBack() {
        Call c = Call.to("http://ratings:9080/ratings/0").timeout(Duration.ofMillis(2500)).retries(1).forwarding("end-user", "cookie")
                .orFail(500);
        assertThat(c).hasToString("http://ratings:9080/ratings/0 timeout=2500ms retries=1 forward=end-user,cookie orFail=500");
        assertThat(Call.parse(c.toString())).isEqualTo(c);
        assertThat(REVIEWS).hasToString("http://reviews:9080/reviews/0 timeout=3s retries=1 forward=end-user,cookie");
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> Call.parseAll("http://a:1/ timeout=3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("call 1 \"http://a:1/ timeout=3\": duration \"3\" needs a unit: ns, us, ms, s, m or h");
        assertThatThrownBy(() -> Call.parseAll("http://a:1/; http://b:1/ timout=3s"))
                .hasMessage("call 2 \"http://b:1/ timout=3s\": unknown option \"timout\"; the options are timeout=<duration>, "
                        + "retries=<n>, forward=<header>[,<header>...], orFail=<status>");
        assertThatThrownBy(() -> Call.parse("http://a:1/ retries=1 retries=2")).hasMessage("option retries is given twice");
        assertThatThrownBy(() -> Call.parse("timeout=3s http://a:1/"))
                .hasMessage("a call starts with its URL, not with the option \"timeout=3s\"");
        assertThatThrownBy(() -> Call.parse("http://a:1/ 3s")).hasMessageStartingWith("\"3s\" is not an option; the options are");
        assertThatThrownBy(() -> Call.parse("http://a:1/ retries=-1")).hasMessage("retries=-1: must be in 0..100");
        assertThatThrownBy(() -> Call.parse("http://a:1/ retries=one")).hasMessage("retries=one: not a whole number");
        assertThatThrownBy(() -> Call.parse("http://a:1/ orFail=200x")).hasMessage("orFail=200x: not a whole number");
        assertThatThrownBy(() -> Call.parse("http://a:1/ orFail=700")).hasMessage("orFail=700: must be in 100..599");
        assertThatThrownBy(() -> Call.parse("http://a:1/ timeout=0s")).hasMessage("timeout=0s: an app's timeout must be more than 0");
        assertThatThrownBy(() -> Call.parse("http://a:1/ timeout=")).hasMessage("option timeout has no value");
        assertThatThrownBy(() -> Call.parse("http://a:1/ forward=end-user,")).hasMessageStartingWith(
                "forward=end-user,: \"\" is not a header name");
        assertThatThrownBy(() -> Call.parseAll(" ; \n ")).hasMessageStartingWith("no call:");
    }

    @Test
    void anAppReadsItsCallsFromThePodAnnotation() {
        App app = PodApps.forPod(Map.of("app", "productpage"), Map.of(Call.ANNOTATION, "http://details:9080/details/0 timeout=3s\n"
                + "http://reviews:9080/reviews/0 timeout=3s retries=1 forward=end-user,cookie\n", App.SERVICE_TIME_ANNOTATION, "5ms"),
                List.of(), "pod default/p");
        assertThat(app.calls()).containsExactly(DETAILS, REVIEWS);
        assertThat(app.serviceTime()).hasToString("5ms");
    }

    @Test
    void aBadAnnotationNamesThePodAndTheAnnotation() {
        Mesh mesh = mesh().withPod("sleep").withDeployment("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: front}
                spec:
                  selector: {matchLabels: {app: front}}
                  template:
                    metadata:
                      labels: {app: front}
                      annotations:
                        meshtest.dev/calls: "http://back:80/; http://back:80/ timeout=3"
                    spec: {containers: [{name: front, image: front, ports: [{containerPort: 80}]}]}
                """).withService("""
                apiVersion: v1
                kind: Service
                metadata: {name: front}
                spec: {selector: {app: front}, ports: [{port: 80, name: http}]}
                """);
        assertThatThrownBy(() -> mesh.send(1).from("sleep").to("http://front/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("pod default/front-[a-z0-9]+-[a-z0-9]{5}: bad meshtest\\.dev annotation meshtest\\.dev/calls: "
                        + "call 2 \"http://back:80/ timeout=3\": duration \"3\" needs a unit: ns, us, ms, s, m or h");
    }

    @Test
    void everyAnnotationIsNamedTheSameWay() {
        assertThatThrownBy(() -> PodApps.forPod(Map.of(), Map.of(App.SERVICE_TIME_ANNOTATION, "fast"), List.of(), "pod default/p"))
                .hasMessageStartingWith("pod default/p: bad meshtest.dev annotation meshtest.dev/service-time: latency \"fast\"");
        assertThatThrownBy(() -> PodApps.forPod(Map.of(), Map.of(App.ERROR_RATE_ANNOTATION, "2"), List.of(), "pod default/p"))
                .hasMessageStartingWith("pod default/p: bad meshtest.dev annotation meshtest.dev/error-rate: ");
        assertThatThrownBy(() -> PodApps.forPod(Map.of(), Map.of(App.STATUS_ANNOTATION, "ok"), List.of(), "pod default/p"))
                .hasMessageStartingWith("pod default/p: bad meshtest.dev annotation meshtest.dev/status: ");
        assertThat(List.of(PodApps.forPod(Map.of(), Map.of(), List.of(), "pod default/p").calls())).containsExactly(List.of());
    }
}
