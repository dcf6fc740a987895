package dev.meshtest.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A spec is an immutable value: options make new specs, contradictions are refused whatever their order. */
class TrafficSpecTest {

    /** helloworld with {@code end-user: jason} to v2 and everyone else to v1. */
    private static Mesh jasonToV2() {
        return Fixtures.apply(Mesh.mesh(), "helloworld").withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: helloworld-v2}}]
                  - route: [{destination: {host: helloworld-v1}}]
                """);
    }

    @Test
    @DisplayName("a partly built spec reused after adding a header sends without it")
    void reusingAPartlyBuiltSpecLeaksNothing() {
        Mesh mesh = jasonToV2();
        TrafficSpec<TrafficResult> fromNginx = mesh.send(100).from("nginx");

        TrafficResult jason = fromNginx.header("end-user", "jason").to("helloworld:5000/hello");
        TrafficResult anyone = fromNginx.to("helloworld:5000/hello");
        TrafficResult again = fromNginx.cookie("user", "jason").to("helloworld:5000/hello");

        assertThat(jason.countByWorkload()).containsExactly(Map.entry("helloworld-v2", 100L));
        assertThat(anyone.countByWorkload()).containsExactly(Map.entry("helloworld-v1", 100L));
        assertThat(again.countByWorkload()).containsExactly(Map.entry("helloworld-v1", 100L));
        assertThat(fromNginx.headers()).isEmpty();
        assertThat(fromNginx.url()).isNull();
    }

    @Test
    @DisplayName("a spec sent twice sends the same requests twice")
    void sendingDoesNotChangeTheSpec() {
        Mesh mesh = jasonToV2();
        TrafficSpec<TrafficResult> jason = mesh.send(10).from("nginx").header("end-user", "jason");
        assertThat(jason.to("helloworld:5000/hello").countByWorkload()).containsExactly(Map.entry("helloworld-v2", 10L));
        assertThat(jason.to("helloworld:5000/hello").countByWorkload()).containsExactly(Map.entry("helloworld-v2", 10L));
    }

    @Test
    @DisplayName("concurrency and rate contradict each other whichever comes first, with one message")
    void concurrencyWithRate() {
        Mesh mesh = jasonToV2();
        String message = "concurrency(2) with rate(10.0): a rate is an open loop, it starts requests whatever the answers;"
                + " choose one";
        assertThatThrownBy(() -> mesh.send(10).concurrency(2).rate(10)).hasMessage(message);
        assertThatThrownBy(() -> mesh.send(10).rate(10).concurrency(2)).hasMessage(message);
        assertThat(mesh.send(10).rate(10).concurrency(1).rate()).isEqualTo(10.0);
    }

    @Test
    @DisplayName("think time and rate contradict each other whichever comes first (it used to be ignored)")
    void thinkTimeWithRate() {
        Mesh mesh = jasonToV2();
        String message = "thinkTime(250ms) with rate(10.0): a rate is an open loop, it starts requests whatever the"
                + " answers; choose one";
        assertThatThrownBy(() -> mesh.send(10).thinkTime(Duration.ofMillis(250)).rate(10)).hasMessage(message);
        assertThatThrownBy(() -> mesh.send(10).rate(10).thinkTime(Duration.ofMillis(250))).hasMessage(message);
        assertThat(mesh.send(10).rate(10).thinkTime(Duration.ZERO).rate()).isEqualTo(10.0);
    }

    @Test
    @DisplayName("from a pod and from outside contradict each other whichever comes first")
    void fromWithFromOutside() {
        Mesh mesh = jasonToV2();
        assertThatThrownBy(() -> mesh.send(10).from("nginx").fromOutside()).hasMessage(
                "from(\"nginx\") with fromOutside(): a request starts either at a pod or outside the cluster; choose one");
        assertThatThrownBy(() -> mesh.send(10).fromOutside().from("nginx")).hasMessage(
                "from(\"nginx\") with fromOutside(): a request starts either at a pod or outside the cluster; choose one");
        assertThatThrownBy(() -> mesh.send(10).fromOutside("gw").from("nginx")).hasMessage(
                "from(\"nginx\") with fromOutside(\"gw\"): a request starts either at a pod or outside the cluster;"
                        + " choose one");
    }

    @Test
    @DisplayName("explain() traces one request and refuses load options")
    void explainTakesNoLoadOptions() {
        Mesh mesh = jasonToV2();
        String tail = ": explain() traces one request on its own, so it takes no load option; explain(n) sends n "
                + "requests in that shape and explains the first that fails: mesh.explain(100).from(...).";
        assertThatThrownBy(() -> mesh.explain().concurrency(2)).hasMessage("concurrency(2)" + tail + "concurrency(2).to(...)");
        assertThatThrownBy(() -> mesh.explain().rate(5)).hasMessage("rate(5.0)" + tail + "rate(5.0).to(...)");
        assertThatThrownBy(() -> mesh.explain().thinkTime(Duration.ofSeconds(1)))
                .hasMessage("thinkTime(1s)" + tail + "thinkTime(1s).to(...)");
        assertThat(mesh.explain().from("nginx").header("end-user", "jason").to("helloworld:5000/hello").outcome()
                .workload()).contains("helloworld-v2");
    }

    @Test
    @DisplayName("cookies join into one header as curl joins -b; a repeated header replaces; per-request functions all apply")
    void repeatedOptionsCombineInCallOrder() {
        Mesh mesh = jasonToV2();
        TrafficSpec<TrafficResult> spec = mesh.send(3).cookie("a", "1").cookie("b", "2").header("x", "1").header("x", "2")
                .headers(i -> Map.of("n", "first" + i, "m", "kept")).headers(i -> Map.of("n", "second" + i));
        assertThat(spec.headers()).containsExactly(Map.entry("cookie", "a=1; b=2"), Map.entry("x", "2"));
        assertThat(spec.perRequestHeaders().apply(1)).containsOnly(Map.entry("n", "second1"), Map.entry("m", "kept"));
    }

    @Test
    @DisplayName("every option leaves the spec it was called on as it was")
    void everyOptionReturnsANewSpec() {
        TrafficSpec<TrafficResult> base = jasonToV2().send(10);
        Map<String, Supplier<TrafficSpec<TrafficResult>>> options = Map.of(
                "concurrency", () -> base.concurrency(3),
                "rate", () -> base.rate(7, TrafficSpec.Spacing.POISSON),
                "thinkTime", () -> base.thinkTime(Duration.ofSeconds(1)),
                "from", () -> base.from("nginx"),
                "fromOutside", base::fromOutside,
                "method", () -> base.method("POST"),
                "resolve", () -> base.resolve("10.96.0.3"));
        options.forEach((name, option) -> assertThat(option.get()).as(name).isNotSameAs(base));
        assertThat(base.concurrency()).isEqualTo(1);
        assertThat(base.rate()).isZero();
        assertThat(base.spacing()).isEqualTo(TrafficSpec.Spacing.FIXED);
        assertThat(base.thinkTime()).isZero();
        assertThat(base.client()).isNull();
        assertThat(base.fromOutsideCluster()).isFalse();
        assertThat(base.method()).isEqualTo("GET");
        assertThat(base.resolveAddress()).isNull();
    }

    @Test
    @DisplayName("what a result keeps is an option like the others: a new spec, refused by explain()")
    void recordingIsAnOption() {
        Mesh mesh = jasonToV2();
        TrafficSpec<TrafficResult> base = mesh.send(10).from("nginx");
        assertThat(base.recording()).isEqualTo(TrafficSpec.Recording.AUTOMATIC);
        assertThat(base.aggregate().recording()).isEqualTo(TrafficSpec.Recording.AGGREGATED);
        assertThat(base.aggregate().keepEveryRequest().recording()).isEqualTo(TrafficSpec.Recording.EVERY_REQUEST);
        assertThat(base.recording()).isEqualTo(TrafficSpec.Recording.AUTOMATIC);
        assertThat(base.aggregate().to("helloworld:5000/hello").aggregated()).isTrue();
        assertThatThrownBy(() -> mesh.explain().aggregate()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("aggregate(): explain() traces one request on its own, so it takes no load option");
    }
}
