package dev.meshtest.assertj;

import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;

/**
 * How an assertion makes the assertions it leads to ({@code reached(x)} a {@link ShareAssert},
 * {@code requestsWithHeader(..)} and {@code before(..)} a {@link TrafficResultAssert},
 * {@code latency()} a {@link LatencyAssert}, {@code percentile(p)} a {@link LatencyValueAssert}) and what it does with a failure it
 * must not throw. Plain assertions build them with {@code new} and throw; {@link MeshSoftAssertions}
 * builds soft proxies and collects, so a chain like {@code softly.assertThat(r).reached(x).withShare(p)}
 * stays soft all the way.
 */
interface Spawn {

    TrafficResultAssert traffic(TrafficResult result);

    ShareAssert share(Share share);

    StatusAssert status(Responses responses);

    LatencyAssert latency(TrafficResult result);

    LatencyValueAssert latencyValue(Duration value);

    /** A failure of a method that still returns the next assertion: thrown, or collected when soft. */
    void report(AssertionError failure);

    /** Plain (hard) assertions. */
    Spawn HARD = new Spawn() {
        @Override
        public TrafficResultAssert traffic(TrafficResult result) {
            return new TrafficResultAssert(result);
        }

        @Override
        public ShareAssert share(Share share) {
            return new ShareAssert(share);
        }

        @Override
        public StatusAssert status(Responses responses) {
            return new StatusAssert(responses);
        }

        @Override
        public LatencyAssert latency(TrafficResult result) {
            return new LatencyAssert(result);
        }

        @Override
        public LatencyValueAssert latencyValue(Duration value) {
            return new LatencyValueAssert(value);
        }

        @Override
        public void report(AssertionError failure) {
            throw failure;
        }
    };
}
