package dev.meshtest;

import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ProxyKind;
import dev.meshtest.internal.sim.Simulation;
import dev.meshtest.traffic.Edge;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficRecorder;
import dev.meshtest.traffic.TrafficSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A send's call graph as its proxies see it (Kiali's edges): every hop a proxy ends, recorded on
 * the edge from its workload to the cluster's service, each edge a {@link TrafficRecorder} of its
 * own (so a big send's edges are aggregated as its result is).
 *
 * <pre>{@code
 * CallGraph graph = new CallGraph(TrafficSpec.Recording.AUTOMATIC, seed, startedAt);
 * sim.reportHops(graph);
 * ...
 * List<Edge> edges = graph.edges();
 * }</pre>
 */
final class CallGraph implements Simulation.HopSink {

    private final TrafficSpec.Recording recording;
    private final long seed;
    private final long startedAt;
    private final Map<String, Recorded> byKey = new LinkedHashMap<>();
    /**
     * The edges recorded lately, by their proxy's and destination's objects (compared by reference):
     * a send's hops cycle through a few edges (bookinfo's four), and looking an edge up by its text
     * key at every hop cost more than the rest of recording it.
     */
    private static final int RECENT = 8;
    private final ClusterPod[] recentProxy = new ClusterPod[RECENT];
    private final String[] recentDestination = new String[RECENT];
    private final Recorded[] recent = new Recorded[RECENT];
    private int nextRecent;

    /** One edge being recorded. */
    private static final class Recorded {
        final String namespace;
        final String workload;
        final boolean gateway;
        final String destination;
        final TrafficRecorder recorder;
        int count;
        long firstStart = Long.MAX_VALUE;

        Recorded(String namespace, String workload, boolean gateway, String destination, TrafficRecorder recorder) {
            this.namespace = namespace;
            this.workload = workload;
            this.gateway = gateway;
            this.destination = destination;
            this.recorder = recorder;
        }
    }

    CallGraph(TrafficSpec.Recording recording, long seed, long startedAt) {
        this.recording = recording;
        this.seed = seed;
        this.startedAt = startedAt;
    }

    @Override
    public void hop(ClusterPod proxy, String destination, Outcome outcome, long startNanos, long latencyNanos, int attempts) {
        Recorded r = null;
        for (int i = 0; i < RECENT; i++) {
            if (recentProxy[i] == proxy && recentDestination[i] == destination) {
                r = recent[i];
                break;
            }
        }
        if (r == null) {
            String key = proxy.namespace() + "/" + proxy.workload() + " " + destination;
            r = byKey.get(key);
            if (r == null) {
                r = new Recorded(proxy.namespace(), proxy.workload(), proxy.proxy() == ProxyKind.GATEWAY, destination,
                        new TrafficRecorder(recording, seed, Map.of(), false, 0));
                byKey.put(key, r);
            }
            recentProxy[nextRecent] = proxy;
            recentDestination[nextRecent] = destination;
            recent[nextRecent] = r;
            nextRecent = (nextRecent + 1) % RECENT;
        }
        r.firstStart = Math.min(r.firstStart, startNanos);
        r.recorder.answered(r.count++, outcome, startNanos - startedAt, latencyNanos, attempts);
    }

    /** The edges, in the order their first hop started (then the order their first hop ended). */
    List<Edge> edges() {
        List<Recorded> inOrder = new ArrayList<>(byKey.values());
        inOrder.sort(java.util.Comparator.comparingLong(r -> r.firstStart));   // stable: ties keep the order of ending
        List<Edge> out = new ArrayList<>(inOrder.size());
        for (Recorded r : inOrder) {
            out.add(new Edge(r.namespace, r.workload, r.gateway, r.destination, r.recorder.result(r.count + " requests from " + r.namespace
                    + "/" + r.workload + " to " + r.destination, startedAt, 0)));
        }
        return out;
    }
}
