package dev.meshtest.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.internal.text.JsonParser;
import dev.meshtest.traffic.TrafficResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TCP connections in JSON: the spec says connections, each outcome how its connection ended. */
class ConnectJsonTest {

    @Test
    @DisplayName("an accepted connection and a refused one: connectionEnd, status 0, the spec's connections")
    @SuppressWarnings("unchecked")
    void connections() {
        Mesh mesh = TcpRoutesTest.echo();
        TrafficResult accepted = mesh.connect(2).from("sleep").to("tcp-echo:9000");
        Map<String, Object> json = (Map<String, Object>) JsonParser.parse(accepted.toJson(true));
        assertThat(((Map<String, Object>) json.get("spec")).get("connections")).isEqualTo(true);
        assertThat(json.get("succeeded")).isEqualTo(2L);
        assertThat(json.get("byStatus")).isEqualTo(Map.of("0", 2L));
        Map<String, Object> outcome = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) json.get("requests")).get(0))
                .get("outcome");
        assertThat(outcome.get("connectionEnd")).isEqualTo("ACCEPTED");
        assertThat(outcome.get("workload")).isEqualTo(accepted.outcomes().get(0).workload().orElseThrow());
        assertThat(outcome.get("curlExitCode")).isNull();

        TrafficResult refused = mesh.connect(1).fromOutside().to("192.0.2.80:80");
        Map<String, Object> r = (Map<String, Object>) JsonParser.parse(refused.toJson(true));
        Map<String, Object> o = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) r.get("requests")).get(0)).get("outcome");
        assertThat(o.get("connectionEnd")).isEqualTo("REFUSED");
        assertThat(o.get("body")).isEqualTo("connection refused");
        assertThat(r.get("failed")).isEqualTo(1L);
        assertThat(((Map<String, Object>) r.get("spec")).get("fromOutside")).isEqualTo(true);
        assertThat(((Map<String, Object>) r.get("spec")).get("clientAddress")).isEqualTo("172.18.0.1");
    }
}
