package dev.meshtest.internal.proxy;

import static dev.meshtest.internal.proxy.Proxies.HELLOWORLD;
import static dev.meshtest.internal.proxy.Proxies.forward;
import static dev.meshtest.internal.proxy.Proxies.helloworld;
import static dev.meshtest.internal.proxy.Proxies.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A VirtualService rule's {@code fault} (istio-rules §4.5, TranslateFault) and mirrors (istio-rules §4.8, MirrorPercent, MirrorPercentByPolicy). */
class FaultAndMirrorTest {

    private static Fault fault(String fault) {
        return forward(helloworld().withVirtualService(virtualService("""
                route: [{destination: {host: helloworld}}]
                fault: %s""".formatted(fault)))).fault();
    }

    @Test
    @DisplayName("delay with a percentage: that share, per million")
    void delayWithPercentage() {
        assertThat(fault("{delay: {fixedDelay: 7s, percentage: {value: 100}}}"))
                .isEqualTo(new Fault(Duration.ofSeconds(7), 100, null, 0, null));
        assertThat(fault("{delay: {fixedDelay: 500ms, percentage: {value: 0.1}}}").delayPercent()).isEqualTo(0.1);
    }

    @Test
    @DisplayName("delay without a percentage: the deprecated integer percent, else 0 (never delays)")
    void delayWithoutPercentage() {
        assertThat(fault("{delay: {fixedDelay: 7s}}")).isEqualTo(new Fault(Duration.ofSeconds(7), 0, null, 0, null));
        assertThat(fault("{delay: {fixedDelay: 7s, percent: 40}}").delayPercent()).isEqualTo(40);
        // percentage wins over percent
        assertThat(fault("{delay: {fixedDelay: 7s, percent: 40, percentage: {value: 5}}}").delayPercent()).isEqualTo(5);
    }

    @Test
    @DisplayName("abort with a percentage; without one it never aborts")
    void abort() {
        assertThat(fault("{abort: {httpStatus: 500, percentage: {value: 10}}}"))
                .isEqualTo(new Fault(null, 0, 500, 10, null));
        assertThat(fault("{abort: {httpStatus: 418}}")).isEqualTo(new Fault(null, 0, 418, 0, null));
    }

    @Test
    @DisplayName("delay and abort together, each with its own share")
    void delayAndAbort() {
        assertThat(fault("{delay: {fixedDelay: 2s, percentage: {value: 50}}, abort: {httpStatus: 503, percentage: {value: 25}}}"))
                .isEqualTo(new Fault(Duration.ofSeconds(2), 50, 503, 25, null));
    }

    @Test
    @DisplayName("a gRPC abort is Envoy's local reply: HTTP 200 carrying the gRPC code (UNAVAILABLE = 14)")
    void grpcAbort() {
        assertThat(fault("{abort: {grpcStatus: UNAVAILABLE, percentage: {value: 100}}}"))
                .isEqualTo(new Fault(null, 0, 200, 100, 14));
    }

    @Test
    @DisplayName("percentages keep Envoy's per-million precision, truncated")
    void perMillionTruncation() {
        assertThat(fault("{abort: {httpStatus: 500, percentage: {value: 33.333333}}}").abortPercent()).isEqualTo(33.3333);
    }

    @Test
    @DisplayName("no fault block: no fault")
    void none() {
        assertThat(forward(helloworld().withVirtualService(virtualService("route: [{destination: {host: helloworld}}]"))).fault())
                .isNull();
    }

    // ---------------------------------------------------------------- mirrors

    private static List<Mirror> mirrors(Mesh mesh, String path) {
        VirtualHost vh = Internals.proxyConfig(mesh, "nginx").routeConfiguration("5000").virtualHost("helloworld:5000");
        Route r = vh.route(HttpRequest.get("helloworld:5000", path, java.util.Map.of()));
        return ((RouteAction.Forward) r.action()).mirrors();
    }

    private static Mesh mirrorMesh() {
        return helloworld().apply("classpath:proxy/mirrors.yaml");
    }

    private static final String V2 = "outbound|5000|v2|" + HELLOWORLD;

    @Test
    @DisplayName("mirror without a percentage: 100%, cluster on the port the client called")
    void mirrorUnset() {
        assertThat(mirrors(mirrorMesh(), "/unset")).containsExactly(new Mirror(V2, 100));
    }

    @Test
    @DisplayName("mirrorPercentage: that share, per million")
    void mirrorPercentage() {
        assertThat(mirrors(mirrorMesh(), "/percentage")).containsExactly(new Mirror(V2, 33.3333));
    }

    @Test
    @DisplayName("an explicit 0 mirrors nothing (mirrorPercentage and the deprecated mirror_percent alike)")
    void mirrorZero() {
        assertThat(mirrors(mirrorMesh(), "/zero")).isEmpty();
        assertThat(mirrors(mirrorMesh(), "/snake")).isEmpty();
    }

    @Test
    @DisplayName("the deprecated integer mirrorPercent")
    void mirrorPercent() {
        assertThat(mirrors(mirrorMesh(), "/percent")).containsExactly(new Mirror(V2, 25));
    }

    @Test
    @DisplayName("mirrors: each its own percentage (unset 100, 0 dropped), in order, ports as in istio-rules §4.2")
    void mirrorsList() {
        assertThat(mirrors(mirrorMesh(), "/mirrors")).containsExactly(
                new Mirror(V2, 50),
                new Mirror("outbound|9000|v1|" + HELLOWORLD, 100),
                new Mirror("outbound|5000||other.example.com", 0.5));
    }
}
