package dev.meshtest.routing;

import static dev.meshtest.routing.Routing.helloworld;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Requests that get no HTTP response say why, as curl would, in the outcome and in the printed table. */
class NoResponseTest {

    @Test
    @DisplayName("a client without sidecar to a Service with no ready pod: connection refused at the ClusterIP")
    void connectionRefused() {
        Mesh mesh = helloworld().withNamespace("plain", false).withPod("curl", "plain")
                .setReady("helloworld-v1", false).setReady("helloworld-v2", false);
        TrafficResult r = mesh.send(2).from("plain/curl").to("http://helloworld.default:5000/hello");
        Outcome o = r.outcomes().get(0);
        assertThat(o.status()).isZero();
        assertThat(o.responseHeaders()).isEmpty();
        assertThat(o.body()).matches("curl: \\(7\\) Failed to connect to 10\\.96\\.0\\.\\d+ port 5000: Connection refused");
        assertThat(r.toString()).contains("\n" + o.body() + "  0");
    }

    @Test
    @DisplayName("REGISTRY_ONLY and a port no listener knows: the black hole closes the connection, an empty reply")
    void blackHole() {
        Mesh mesh = helloworld().withMeshConfig("outboundTrafficPolicy: {mode: REGISTRY_ONLY}");
        Outcome o = mesh.send(1).from("nginx").to("http://api.example.com:8443/x").outcomes().get(0);
        assertThat(o.status()).isZero();
        assertThat(o.body()).isEqualTo("curl: (52) Empty reply from server");
        assertThat(o.where()).isEqualTo("curl: (52) Empty reply from server");
    }

    @Test
    @DisplayName("a trailing dot makes a name absolute: helloworld. is not searched and does not resolve, the full name does")
    void trailingDotIsAbsolute() {
        Mesh mesh = helloworld();
        Outcome shortName = mesh.send(1).from("nginx").to("http://helloworld.:5000/hello").outcomes().get(0);
        assertThat(shortName.where()).isEqualTo("curl: (6) Could not resolve host: helloworld.");
        Outcome fullName = mesh.send(1).from("nginx").to("http://helloworld.default.svc.cluster.local.:5000/hello")
                .outcomes().get(0);
        assertThat(fullName.status()).isEqualTo(200);
        assertThat(mesh.explain().from("nginx").to("http://helloworld.:5000/hello").steps())
                .containsExactly("DNS in namespace default: no Service answers to helloworld.");
    }

    @Test
    @DisplayName("a host no DNS knows: curl cannot resolve it")
    void unresolvable() {
        Outcome o = helloworld().send(1).from("nginx").to("http://nosuchservice:5000/").outcomes().get(0);
        assertThat(o.where()).isEqualTo("curl: (6) Could not resolve host: nosuchservice");
    }
}
