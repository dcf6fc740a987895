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
 * meshtest refuses). {@link #bookinfoAnswersEveryPathOnce} sends any method, headers and path to
 * Bookinfo's apps, whose routes (Werkzeug's, WEBrick's, JAX-RS', httpdispatcher's) and calls run.
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
            refusedByMeshtest(e);
            return;
        }
        oneOutcomeEach(r, count);
    }

    /** A fresh mesh per input: Bookinfo's fixture and the client pod {@code sleep}, seed 1. */
    private static Mesh bookinfo() {
        return Mesh.mesh().seed(1).apply("classpath:dev/meshtest/fixtures/bookinfo.yaml")
                .apply("classpath:dev/meshtest/fixtures/sleep.yaml");
    }

    private static final String[] BOOKINFO = {"productpage", "details", "reviews", "ratings"};

    @FuzzTest(maxDuration = "5m")
    void bookinfoAnswersEveryPathOnce(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 20);
        String service = BOOKINFO[data.consumeInt(0, BOOKINFO.length - 1)];
        String method = data.consumeString(8);
        String headerName = data.consumeString(12);
        String headerValue = data.consumeString(20);
        // A session cookie productpage reads (FlaskSession): its own login's, or anything.
        String cookie = data.consumeBoolean() ? "session=" + data.consumeString(80) : data.consumeString(80);
        String path = data.consumeRemainingAsString();
        Mesh mesh = bookinfo();
        TrafficResult r;
        try {
            TrafficSpec<TrafficResult> spec = mesh.send(count).from("sleep").method(method).header("end-user", headerValue)
                    .header("cookie", cookie);
            if (!headerName.isEmpty()) {
                spec = spec.header(headerName, headerValue);
            }
            r = spec.to("http://" + service + ":9080/" + path);
        } catch (IllegalArgumentException | IllegalStateException e) {
            refusedByMeshtest(e);
            return;
        }
        oneOutcomeEach(r, count);
    }

    /** A refusal a user may see: meshtest's own, with a message. */
    private static void refusedByMeshtest(RuntimeException e) {
        assertThat(e.getMessage()).as("message of %s", e).isNotBlank();
        assertThat(e.getStackTrace()[0].getClassName()).as("thrown by meshtest").startsWith("dev.meshtest.");
    }

    /** Every request sent has exactly one outcome. */
    private static void oneOutcomeEach(TrafficResult r, int count) {
        assertThat(r.size()).isEqualTo(count);
        assertThat(r.outcomeCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
    }
}
