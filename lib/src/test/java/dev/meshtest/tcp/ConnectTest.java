package dev.meshtest.tcp;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.Outcome.ConnectionEnd;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code mesh.connect(n)}: TCP connections as nc opens them, each outcome the workload that
 * accepted it or how it ended.
 */
class ConnectTest {

    private static Outcome one(TrafficResult r) {
        return r.outcomes().get(0);
    }

    @Test
    @DisplayName("connections are accepted by tcp-echo's pods, split 80/20 by the tcp route, per connection")
    void accepted() {
        Mesh mesh = TcpRoutesTest.echo().withVirtualService(TcpRoutesTest.shift(80, 20, ""));
        TrafficResult r = mesh.connect(1000).from("sleep").to("tcp-echo:9000");
        assertThat(r.countByWorkload()).containsExactly(Map.entry("tcp-echo-v1", 803L), Map.entry("tcp-echo-v2", 197L));
        assertThat(r).reached("tcp-echo-v2").withShare(0.2);
        Outcome o = one(r);
        assertThat(o.status()).isZero();
        assertThat(o.connectionEnd()).contains(ConnectionEnd.ACCEPTED);
        assertThat(o.succeeded()).isTrue();
        assertThat(o.cluster()).get().asString().startsWith("outbound|9000|v");
        assertThat(o.responseHeaders()).isEmpty();
        assertThat(r.toString()).contains("1000 x TCP connection to tcp-echo:9000 from default/sleep");
    }

    @Test
    @DisplayName("an HTTP port cannot read a TCP connection: the server's sidecar closes it; the gateway's HTTP port too")
    void httpPortsClose() {
        Mesh mesh = TcpRoutesTest.echo().apply("classpath:experiments/helloworld.yaml");
        Outcome o = one(mesh.connect(1).from("sleep").to("helloworld:5000"));
        assertThat(o.connectionEnd()).contains(ConnectionEnd.CLOSED);
        assertThat(o.succeeded()).isFalse();
        assertThat(mesh.explainConnection().from("sleep").to("helloworld:5000").toString())
                .startsWith("TCP connection to helloworld:5000 from default/sleep")
                .contains("listener 0.0.0.0_5000 matches only plain-text HTTP: a TCP connection that is not HTTP takes its "
                        + "fallthrough chain, PassthroughCluster")
                .contains("inbound port 5000 is HTTP: it cannot read the TCP connection and closes it")
                .contains("connection closed");
        // No Gateway server on 80: nothing listens on the gateway pod's 8080, the connection is refused.
        assertThat(one(mesh.connect(1).fromOutside().to("192.0.2.80:80")).connectionEnd()).contains(ConnectionEnd.REFUSED);
        mesh.withGateway("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
                """);
        assertThat(one(mesh.connect(1).fromOutside().to("192.0.2.80:80")).connectionEnd()).contains(ConnectionEnd.CLOSED);
    }

    @Test
    @DisplayName("an overflow of the connection pool closes the connection with UO")
    void overflow() {
        Mesh mesh = TcpRoutesTest.echo().withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: tcp-echo-destination}
                spec:
                  host: tcp-echo
                  trafficPolicy: {connectionPool: {tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}}
                """);
        TrafficResult r = mesh.connect(30).from("sleep").concurrency(3).to("tcp-echo:9000");
        Outcome overflowed = r.outcomes().stream().filter(x -> !x.succeeded()).findFirst().orElseThrow();
        assertThat(overflowed.connectionEnd()).contains(ConnectionEnd.CLOSED_BY_PROXY);
        assertThat(overflowed.flags()).containsExactly(ResponseFlag.UPSTREAM_OVERFLOW);
        assertThat(overflowed.body()).isEqualTo("connection closed by the proxy");
    }

    @Test
    @DisplayName("HTTP and TLS options are refused; a target needs host:port")
    void refusedOptions() {
        Mesh mesh = TcpRoutesTest.echo();
        assertThatThrownBy(() -> mesh.connect(1).from("sleep").header("x", "y").to("tcp-echo:9000"))
                .hasMessageContaining("connect(n) opens plain TCP connections: HTTP options");
        assertThatThrownBy(() -> mesh.connect(1).from("sleep").to("http://tcp-echo:9000/"))
                .hasMessageContaining("to(\"http://tcp-echo:9000/\"): connect(n) opens TCP connections to host:port");
        assertThatThrownBy(() -> mesh.connect(1).from("sleep").to("tcp-echo"))
                .hasMessageContaining("connect(n) opens TCP connections to host:port, for example \"tcp-echo:9000\"");
    }
}
