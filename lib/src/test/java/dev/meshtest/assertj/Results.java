package dev.meshtest.assertj;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Hand-built results: outcomes as the simulation would report them, without a mesh. */
final class Results {

    static final String DESCRIPTION = "1000 x GET http://helloworld:5000/hello from default/nginx";
    static final String CLUSTER = "outbound|5000||helloworld.default.svc.cluster.local";

    static final Outcome V1 = Outcome.of(200).withPod("default", "helloworld-v1-6d5d8c7f9-k8x2p", "helloworld-v1", "v1").withCluster(CLUSTER).withBody("Hello version: v1, instance: helloworld-v1-6d5d8c7f9-k8x2p\n");
    static final Outcome V2 = Outcome.of(200).withPod("default", "helloworld-v2-7f8b9c6d5-q4w7z", "helloworld-v2", "v2").withCluster(CLUSTER).withBody("Hello version: v2, instance: helloworld-v2-7f8b9c6d5-q4w7z\n");
    static final Outcome V2_OTHER_POD = Outcome.of(200).withPod("default", "helloworld-v2-7f8b9c6d5-zz9x1", "helloworld-v2", "v2").withCluster(CLUSTER).withBody("Hello version: v2, instance: helloworld-v2-7f8b9c6d5-zz9x1\n");
    static final Outcome OVERFLOW = Outcome.of(503).withCluster(CLUSTER).withFlags(ResponseFlag.parse("UO")).withBody(TrafficResultAssert.OVERFLOW_BODY);
    static final Outcome NO_CONNECTION = Outcome.of(503).withCluster(CLUSTER).withFlags(ResponseFlag.parse("NC"));
    static final Outcome NO_ROUTE = Outcome.of(404).withFlags(ResponseFlag.parse("NR"));
    static final Outcome TIMEOUT = Outcome.of(504).withCluster(CLUSTER).withFlags(ResponseFlag.parse("UT")).withBody("upstream request timeout");
    static final Outcome PER_TRY_TIMEOUTS = Outcome.of(504).withCluster(CLUSTER).withFlags(ResponseFlag.parse("UT,URX")).withBody("upstream request timeout");
    static final Outcome ABORT_418 = Outcome.of(418).withFlags(ResponseFlag.parse("FI")).withBody("fault filter abort");
    static final Outcome DELAYED_V1 = Outcome.of(200).withPod("default", "helloworld-v1-6d5d8c7f9-k8x2p", "helloworld-v1", "v1").withCluster(CLUSTER).withFlags(ResponseFlag.parse("DI")).withBody("Hello version: v1, instance: helloworld-v1-6d5d8c7f9-k8x2p\n");
    static final Outcome V1_503_URX = Outcome.of(503).withPod("default", "helloworld-v1-6d5d8c7f9-k8x2p", "helloworld-v1", "v1").withCluster(CLUSTER).withFlags(ResponseFlag.parse("URX"));
    static final Outcome NO_HEALTHY = Outcome.of(503).withCluster(CLUSTER).withFlags(ResponseFlag.parse("UH")).withBody("no healthy upstream");

    private Results() {
    }

    /** {@code n1} x {@code o1}, then {@code n2} x {@code o2}, ... (alternating arguments), seed 42. */
    static TrafficResult of(Object... countsAndOutcomes) {
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < countsAndOutcomes.length; i += 2) {
            int n = (Integer) countsAndOutcomes[i];
            for (int k = 0; k < n; k++) {
                out.add((Outcome) countsAndOutcomes[i + 1]);
            }
        }
        return new TrafficResult(out.size() + " x GET http://helloworld:5000/hello from default/nginx", 42, out.toArray(Outcome[]::new),
                Map.of(), null);
    }

    /**
     * A result with virtual times, built request by request: each {@link #add} appends requests that
     * start at a given time and take a given latency with a number of attempts, seed 42.
     */
    static final class Timed {
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<long[]> times = new ArrayList<>();

        /** {@code n} requests of {@code o}, the first starting at {@code start}, each {@code every} after the last. */
        Timed add(int n, Outcome o, Duration start, Duration every, Duration latency, int attempts) {
            for (int k = 0; k < n; k++) {
                outcomes.add(o);
                times.add(new long[] {start.plus(every.multipliedBy(k)).toNanos(), latency.toNanos(), attempts});
            }
            return this;
        }

        /** Requests one after the other, as one client loop sends them: each starts when the last answered. */
        Timed sequential(int n, Outcome o, Duration latency, int attempts) {
            Duration start = outcomes.isEmpty() ? Duration.ZERO
                    : Duration.ofNanos(times.get(times.size() - 1)[0] + times.get(times.size() - 1)[1]);
            return add(n, o, start, latency, latency, attempts);
        }

        TrafficResult build() {
            int n = outcomes.size();
            long[] start = new long[n];
            long[] latency = new long[n];
            int[] attempts = new int[n];
            for (int i = 0; i < n; i++) {
                start[i] = times.get(i)[0];
                latency[i] = times.get(i)[1];
                attempts[i] = (int) times.get(i)[2];
            }
            return new TrafficResult(n + " x GET http://helloworld:5000/hello from default/nginx", 42, outcomes.toArray(Outcome[]::new),
                    Map.of(), null, new TrafficResult.Timing(0, start, latency, attempts, 0));
        }
    }

    static Timed timed() {
        return new Timed();
    }

    /** {@code n} requests, each reaching v1 with probability {@code p1} and v2 otherwise: a binomial sample. */
    static TrafficResult binomial(long seed, int n, double p1) {
        SplittableRandom random = new SplittableRandom(seed);
        Outcome[] out = new Outcome[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() < p1 ? V1 : V2;
        }
        return new TrafficResult(n + " x GET http://helloworld:5000/hello from default/nginx", seed, out, Map.of(), null);
    }

    /** {@code n} requests over three workloads with probabilities {@code p}. */
    static TrafficResult multinomial(long seed, int n, double... p) {
        Outcome[] kinds = {V1, V2, Outcome.of(200).withPod("default", "helloworld-v3-5c4d3b2a1-m3n4b", "helloworld-v3", "v3").withCluster(CLUSTER)};
        SplittableRandom random = new SplittableRandom(seed);
        Outcome[] out = new Outcome[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            while (k < p.length - 1 && u >= p[k]) {
                u -= p[k];
                k++;
            }
            out[i] = kinds[k];
        }
        return new TrafficResult(n + " x GET http://helloworld:5000/hello from default/nginx", seed, out, Map.of(), null);
    }
}
