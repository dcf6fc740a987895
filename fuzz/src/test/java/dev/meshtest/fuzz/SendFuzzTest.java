package dev.meshtest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import dev.meshtest.traffic.TrafficSpec;
import java.time.Duration;

/**
 * {@code apply} of any text, then a send shaped by the input (count, concurrency, rate, think
 * time, method, header, path): every request sent has exactly one outcome, and the only
 * exceptions are meshtest's own, with a message ({@code IllegalArgumentException} for a spec
 * meshtest refuses).
 */
class SendFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void everyRequestHasOneOutcome(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 300);
        int concurrency = data.consumeInt(1, 16);
        boolean paced = data.consumeBoolean();
        double rate = data.consumeDouble();
        long think = data.consumeLong(0, 2_000);
        String method = data.consumeString(8);
        String header = data.consumeString(20);
        String path = data.consumeString(40);
        String yaml = data.consumeRemainingAsString();
        Mesh mesh = Base.mesh();
        Base.apply(mesh, yaml);
        TrafficResult r;
        try {
            TrafficSpec<TrafficResult> spec = mesh.send(count).from("nginx").concurrency(concurrency)
                    .thinkTime(Duration.ofMillis(think)).method(method).header("end-user", header);
            if (paced) {
                spec = spec.rate(rate);
            }
            r = spec.to("http://helloworld:5000/" + path);
        } catch (IllegalArgumentException | IllegalStateException e) {
            assertThat(e.getMessage()).as("message of %s", e).isNotBlank();
            assertThat(e.getStackTrace()[0].getClassName()).as("thrown by meshtest").startsWith("dev.meshtest.");
            return;
        }
        assertThat(r.size()).isEqualTo(count);
        assertThat(r.outcomeCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
    }
}
