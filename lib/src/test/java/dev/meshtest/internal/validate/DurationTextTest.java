package dev.meshtest.internal.validate;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshtest.config.MeshConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A duration's text fails where a cluster fails it, in its words: Go reads every Istio duration
 * ({@code time.ParseDuration}); a field whose CRD carries {@code duration(self) >= duration('1ms')}
 * fails in the API server (the rule cannot convert the text, or its value is under 1ms, negatives
 * and {@code 0} included); a field without the rule fails only in the webhook's decoding.
 */
class DurationTextTest {

    private static final String VS = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\n"
            + "spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n    timeout: ";
    private static final String DR = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\n"
            + "spec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      tcp: {idleTimeout: ";
    private static final String COOKIE = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\n"
            + "spec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      consistentHash: {httpCookie: {name: u, ttl: ";

    private static List<String> problems(String yaml) {
        MeshConfigException e = catchThrowableOfType(MeshConfigException.class, () -> mesh().apply(yaml));
        assertThat(e).as("refused").isNotNull();
        return e.problems().stream().map(MeshConfigException.Problem::toString).toList();
    }

    @Test
    void textTheRuleCannotConvertFailsInTheApiServer() {
        assertThat(problems(VS + "1d\n")).containsExactly("<string>:9:14: VirtualService default/r: spec.http[0].timeout:"
                + " Invalid value: \"string\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating"
                + " rule: must be a valid duration greater than 1ms; time: unknown unit \"d\" in duration \"1d\" (use h, m, s,"
                + " ms, us or ns)");
        assertThat(problems(VS + "\"10\"\n")).containsExactly("<string>:9:14: VirtualService default/r: spec.http[0].timeout:"
                + " Invalid value: \"string\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating"
                + " rule: must be a valid duration greater than 1ms; time: missing unit in duration \"10\" (write 10s, 10ms,"
                + " 10m or 10h)");
    }

    @Test
    void whatGoReadsButIsUnderOneMillisecondFailsTheRule() {
        for (String text : List.of("\"0\"", "-1s", "0.5ms", "\"+0\"")) {
            assertThat(problems(VS + text + "\n")).as(text).containsExactly("<string>:9:5: VirtualService default/r:"
                    + " spec.http[0].timeout: Invalid value: \"string\": must be a valid duration greater than 1ms");
        }
        mesh().apply(VS + ".5s\n").apply(VS + "1h30m\n").apply(VS + "+5s\n");   // what Go reads, and 1ms or more
    }

    @Test
    void aDurationWithoutTheRuleFailsInTheWebhooksDecoding() {
        assertThat(problems(DR + "1d}\n")).containsExactly("<string>:8:26: DestinationRule default/r:"
                + " spec.trafficPolicy.connectionPool.tcp.idleTimeout: error decoding configuration: bad Duration: time:"
                + " unknown unit \"d\" in duration \"1d\"; use h, m, s, ms, us or ns");
        assertThat(problems(COOKIE + "1d}}\n")).containsExactly("<string>:8:51: DestinationRule default/r:"
                + " spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl: error decoding configuration: bad Duration:"
                + " time: unknown unit \"d\" in duration \"1d\"; use h, m, s, ms, us or ns");
    }

    @Test
    void aTcpIdleTimeoutOfZeroDisablesItAsOnACluster() {
        // No CEL rule on it, and the webhook skips a value of 0 ms (Go's Milliseconds, truncated).
        mesh().apply(DR + "\"0\"}\n").apply(DR + "0s}\n").apply(DR + "0.5ms}\n");
        assertThat(problems(DR + "-2ms}\n")).containsExactly("<string>:8:13: DestinationRule default/r:"
                + " spec.trafficPolicy.connectionPool.tcp.idleTimeout: duration must be greater than 1ms");
    }

    @Test
    void theRuleHoldsWhereverTheCrdPutsItASidecarsInboundPoolToo() {
        // One schema walk applies the rule to every duration that carries it (Kinds.durationRuleOn),
        // so a Sidecar's pools are checked as a DestinationRule's are.
        assertThat(problems("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: s}
                spec:
                  inboundConnectionPool:
                    http: {idleTimeout: 0.5ms}
                    tcp: {connectTimeout: "0"}
                """)).containsExactly(
                "<string>:6:12: Sidecar default/s: spec.inboundConnectionPool.http.idleTimeout: Invalid value: \"string\":"
                        + " must be a valid duration greater than 1ms",
                "<string>:7:11: Sidecar default/s: spec.inboundConnectionPool.tcp.connectTimeout: Invalid value: \"string\":"
                        + " must be a valid duration greater than 1ms");
    }
}
