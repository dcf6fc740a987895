package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StandardSoftAssertionsProvider;

/**
 * Soft assertions: AssertJ's {@code SoftAssertions} plus {@link #assertThat(TrafficResult)}. Each
 * failing assertion is collected and the test fails once, at the end, listing them all; chains such
 * as {@code reached(x).withShare(p)} stay soft all the way.
 *
 * <pre>{@code
 * MeshSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(result).allSucceeded();
 *     softly.assertThat(result).reached("helloworld-v1").withShare(0.2);
 *     softly.assertThat(result).latency().percentile(99).isLessThan(Duration.ofMillis(150));
 *     softly.assertThat(result).after(Duration.ofSeconds(5)).hasOverflowErrors();
 *     softly.assertThat(result.size()).isEqualTo(1000);
 * });
 * }</pre>
 *
 * <p>With JUnit 5, let AssertJ's extension inject and check it:
 *
 * <pre>{@code
 * @ExtendWith(SoftAssertionsExtension.class)
 * class CanaryTest {
 *     @InjectSoftAssertions MeshSoftAssertions softly;
 *
 *     @Test void splits() {
 *         softly.assertThat(result).reached("helloworld-v1").withShare(0.2);
 *         softly.assertThat(result).never("helloworld-v3");
 *     }
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class MeshSoftAssertions extends AbstractSoftAssertions implements StandardSoftAssertionsProvider {

    /** A fresh collector; call {@link #assertAll()} at the end, or let JUnit 5's {@code SoftAssertionsExtension} do it. */
    public MeshSoftAssertions() {
    }

    /**
     * Soft assertions on where the requests of {@code actual} went.
     *
     * <pre>{@code softly.assertThat(result).reached("helloworld-v1").withShare(0.2);}</pre>
     *
     * @param actual the traffic
     * @return soft assertions on it
     */
    public TrafficResultAssert assertThat(TrafficResult actual) {
        TrafficResultAssert a = proxy(TrafficResultAssert.class, TrafficResult.class, actual);
        a.spawn = new SoftSpawn();
        return a;
    }

    /**
     * Soft assertions on a mesh's configuration as {@code istioctl analyze} sees it.
     *
     * <pre>{@code softly.assertThat(mesh).hasNoAnalyzerErrors();}</pre>
     *
     * @param actual the mesh
     * @return soft assertions on it
     */
    public MeshAssert assertThat(dev.meshtest.Mesh actual) {
        return proxy(MeshAssert.class, dev.meshtest.Mesh.class, actual);
    }

    /**
     * Soft assertions on the status istiod writes on a route.
     *
     * <pre>{@code softly.assertThat(mesh.gatewayApiStatus().httpRoute("hello")).isAccepted();}</pre>
     *
     * @param actual the route's status
     * @return soft assertions on it
     */
    public RouteStatusAssert assertThat(dev.meshtest.status.RouteStatus actual) {
        return proxy(RouteStatusAssert.class, dev.meshtest.status.RouteStatus.class, actual);
    }

    /**
     * Soft assertions on the status istiod writes on a Gateway API Gateway.
     *
     * <pre>{@code softly.assertThat(mesh.gatewayApiStatus().gateway("web")).isProgrammed();}</pre>
     *
     * @param actual the Gateway's status
     * @return soft assertions on it
     */
    public GatewayStatusAssert assertThat(dev.meshtest.status.GatewayStatus actual) {
        return proxy(GatewayStatusAssert.class, dev.meshtest.status.GatewayStatus.class, actual);
    }

    /**
     * Runs {@code softly} and then fails with every assertion error it collected.
     *
     * <pre>{@code MeshSoftAssertions.assertSoftly(softly -> softly.assertThat(result).allSucceeded());}</pre>
     *
     * @param softly the assertions to collect
     */
    public static void assertSoftly(Consumer<MeshSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(MeshSoftAssertions.class, softly);
    }

    /** Follow-up assertions are soft proxies; failures that must not end the chain are collected. */
    private final class SoftSpawn implements Spawn {
        @Override
        public TrafficResultAssert traffic(TrafficResult result) {
            TrafficResultAssert a = proxy(TrafficResultAssert.class, TrafficResult.class, result);
            a.spawn = this;
            return a;
        }

        @Override
        public ShareAssert share(Share share) {
            return proxy(ShareAssert.class, Share.class, share);
        }

        @Override
        public StatusAssert status(Responses responses) {
            return proxy(StatusAssert.class, Responses.class, responses);
        }

        @Override
        public LatencyAssert latency(TrafficResult result) {
            LatencyAssert a = proxy(LatencyAssert.class, TrafficResult.class, result);
            a.spawn = this;
            return a;
        }

        @Override
        public LatencyValueAssert latencyValue(Duration value) {
            return proxy(LatencyValueAssert.class, Duration.class, value);
        }

        @Override
        public void report(AssertionError failure) {
            collectAssertionError(failure);
        }
    }
}
