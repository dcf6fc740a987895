package dev.meshtest.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.yaml.ManifestReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state a cluster derives from its previous state and what an apply, a delete or a readiness
 * change touched ({@link ClusterState#next}) is the state computed from scratch for the same store
 * ({@link ClusterState#of}): same contents and orders through every public accessor, after every
 * step of random seeded histories: Services with and without selectors, by number and by named
 * targetPort, headless; Deployments whose replicas and labels change; bare pods relabelled; a
 * StatefulSet; namespaces created, relabelled and deleted; Endpoints and EndpointSlices written by
 * hand (some at pods' addresses); pods made ready and not ready; applies refused by validation;
 * and applies and deletes that fail half-way (pod addresses exhausted) and must leave the store and
 * the state exactly as they were. The previous snapshot, which the new one shares most of its
 * structure with, must not change either.
 */
class IncrementalClusterStateTest {

    private static final List<String> NAMESPACES = List.of("default", "ns-a", "ns-b");
    private static final int POD_IPS_EXHAUSTED = 65535;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void theDerivedStateIsTheStateFromScratchAfterEveryStep(long seed) {
        SplittableRandom g = new SplittableRandom(seed);
        Cluster c = Cluster.withIstio(seed);
        ClusterState earlier = c.state();
        List<String> earlierDescribed = StateDescription.describe(earlier);
        for (int step = 0; step < 60; step++) {
            int what = g.nextInt(20);
            if (what < 10) {
                applyOrRefused(c, batch(g, c));
            } else if (what < 13) {
                delete(g, c);
            } else if (what < 16) {
                List<ClusterPod> pods = c.state().pods();
                ClusterPod p = pods.get(g.nextInt(pods.size()));
                c.setReady(p.namespace(), p.name(), g.nextBoolean());
            } else if (what < 18) {
                failHalfWay(c, batch(g, c), step);
            } else {
                failDeleteHalfWay(g, c);
            }
            // Ask the derived state for some kinds only, so kinds' lists are carried over from states
            // that had them, and computed fresh in states that did not.
            if (g.nextBoolean()) {
                c.state().configs(StateDescription.KINDS.get(g.nextInt(StateDescription.KINDS.size())));
            }
            assertThat(StateDescription.describe(c.state()))
                    .as("seed %d, step %d", seed, step)
                    .isEqualTo(StateDescription.describe(ClusterState.of(c.store())));
            // A snapshot never changes: the next one shares its tries' nodes and never writes them.
            assertThat(StateDescription.describe(earlier)).as("seed %d, step %d: the previous snapshot", seed, step)
                    .isEqualTo(earlierDescribed);
            earlier = c.state();
            earlierDescribed = StateDescription.describe(earlier);
        }
    }

    private static void applyOrRefused(Cluster c, List<Manifest> batch) {
        ClusterState before = c.state();
        try {
            c.apply(batch);
        } catch (MeshConfigException refused) {
            // An immutable field changed, say: nothing was applied.
            assertThat(c.state()).isSameAs(before);
        }
    }

    /** An apply that fails after changing the store: a new Deployment's pod finds no address left. */
    private static void failHalfWay(Cluster c, List<Manifest> batch, int step) {
        List<Manifest> failing = new ArrayList<>(batch);
        failing.addAll(ManifestReader.read(deployment("boom" + step, "default", 0, 0, 1, "web")));
        assertFailsAndChangesNothing(c, () -> c.apply(failing));
    }

    /** A delete of a Deployment's pod, whose ReplicaSet finds no address for its replacement. */
    private static void failDeleteHalfWay(SplittableRandom g, Cluster c) {
        List<ClusterPod> owned = c.state().pods().stream()
                .filter(p -> c.state().config(new ResourceRef("Deployment", p.namespace(), p.workload())).isPresent()).toList();
        if (owned.isEmpty()) {
            return;
        }
        ClusterPod p = owned.get(g.nextInt(owned.size()));
        assertFailsAndChangesNothing(c, () -> c.delete(new ResourceRef("Pod", p.namespace(), p.name())));
    }

    static void assertFailsAndChangesNothing(Cluster c, Runnable call) {
        ClusterState state = c.state();
        String store = c.store().dump();
        int nextPodIp = c.store().nextPodIp;
        c.store().nextPodIp = POD_IPS_EXHAUSTED;
        try {
            assertThatThrownBy(call::run).isInstanceOfAny(IllegalStateException.class, MeshConfigException.class);
        } finally {
            c.store().nextPodIp = nextPodIp;
        }
        assertThat(c.state()).isSameAs(state);
        assertThat(c.store().dump()).isEqualTo(store);
    }

    private static void delete(SplittableRandom g, Cluster c) {
        List<ResourceRef> deletable = new ArrayList<>();
        for (StoredConfig<Resource> s : c.state().configs(Resource.class)) {
            ResourceRef r = s.ref();
            boolean mine = r.kind().equals("Namespace") ? r.name().startsWith("ns-") : NAMESPACES.contains(r.namespace());
            if (mine && !r.name().equals("kubernetes")) {
                deletable.add(r);
            }
        }
        for (ClusterPod p : c.state().pods()) {
            if (NAMESPACES.contains(p.namespace()) && g.nextInt(4) == 0) {
                deletable.add(new ResourceRef("Pod", p.namespace(), p.name()));
            }
        }
        if (!deletable.isEmpty()) {
            c.delete(deletable.get(g.nextInt(deletable.size())));
        }
    }

    /** One to five random objects, one per name, with the Namespaces they need. */
    private static List<Manifest> batch(SplittableRandom g, Cluster c) {
        Map<String, String> docs = new LinkedHashMap<>();
        for (int n = 1 + g.nextInt(5); n > 0; n--) {
            String ns = NAMESPACES.get(g.nextInt(NAMESPACES.size()));
            if (!ns.equals("default") && (c.state().namespace(ns).isEmpty() || g.nextInt(4) == 0)) {
                docs.put("Namespace/" + ns, "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + ns
                        + (g.nextBoolean() ? ", labels: {istio-injection: enabled}" : "") + "}\n");
            }
            int k = g.nextInt(3);
            switch (g.nextInt(8)) {
                case 0, 1 -> docs.put(ns + "/Service/svc" + k, service(g, "svc" + k, ns));
                case 2, 3 -> docs.put(ns + "/Deployment/d" + k, deployment("d" + k, ns, k, g.nextInt(2), g.nextInt(4),
                        g.nextBoolean() ? "web" : "metrics"));
                case 4 -> docs.put(ns + "/Pod/p" + k, "apiVersion: v1\nkind: Pod\nmetadata: {name: p" + k + ", namespace: " + ns
                        + ", labels: {app: a" + g.nextInt(3) + ", version: v" + g.nextInt(2) + "}}\n"
                        + "spec: {containers: [{name: app, image: app, ports: [{name: web, containerPort: 8080}]}]}\n");
                case 5 -> docs.put(ns + "/Endpoints/svc" + k, "apiVersion: v1\nkind: Endpoints\nmetadata: {name: svc" + k
                        + ", namespace: " + ns + "}\nsubsets:\n- addresses: [{ip: " + address(g, c)
                        + "}]\n  notReadyAddresses: [{ip: " + address(g, c) + "}]\n  ports: [{name: http, port: 8080}]\n");
                case 6 -> docs.put(ns + "/EndpointSlice/svc" + k + "-x", "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
                        + "metadata: {name: svc" + k + "-x, namespace: " + ns + ", labels: {kubernetes.io/service-name: svc"
                        + g.nextInt(3) + "}}\naddressType: IPv4\nendpoints:\n- addresses: [" + address(g, c) + "]\n"
                        + "  conditions: {ready: " + g.nextBoolean() + "}\nports: [{name: http, port: 8080}]\n");
                default -> docs.put(ns + "/StatefulSet/st", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: st, namespace: "
                        + ns + "}\nspec:\n  serviceName: svc0\n  replicas: " + g.nextInt(3)
                        + "\n  selector: {matchLabels: {app: a0}}\n  template:\n    metadata: {labels: {app: a0, version: v"
                        + g.nextInt(2) + "}}\n    spec: {containers: [{name: app, image: app, ports: [{name: web, containerPort: 8080}]}]}\n");
            }
        }
        return ManifestReader.read(String.join("---\n", docs.values()));
    }

    /** A pod's address, or one outside the cluster. */
    private static String address(SplittableRandom g, Cluster c) {
        List<ClusterPod> pods = c.state().pods();
        return g.nextBoolean() && !pods.isEmpty() ? pods.get(g.nextInt(pods.size())).ip() : "1.2.3." + (1 + g.nextInt(3));
    }

    private static String service(SplittableRandom g, String name, String ns) {
        String selector = switch (g.nextInt(4)) {
            case 0 -> "";
            case 1 -> "  selector: {app: a" + g.nextInt(3) + "}\n";
            case 2 -> "  selector: {app: a" + g.nextInt(3) + ", version: v" + g.nextInt(2) + "}\n";
            default -> "  selector: {version: v" + g.nextInt(2) + "}\n";
        };
        String target = switch (g.nextInt(3)) {
            case 0 -> "";
            case 1 -> ", targetPort: 8080";
            default -> ", targetPort: web";
        };
        String second = g.nextBoolean() ? ", {name: grpc-metrics, port: 9090, targetPort: metrics}" : "";
        // Headless or not may change between applies: the API server refuses that, and nothing is applied.
        String headless = g.nextInt(4) == 0 ? "  clusterIP: None\n" : "";
        return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: " + ns + "}\nspec:\n" + selector + headless
                + "  ports: [{name: http, port: 80" + target + "}" + second + "]\n";
    }

    private static String deployment(String name, String ns, int app, int version, int replicas, String portName) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + ", namespace: " + ns + "}\nspec:\n  replicas: "
                + replicas + "\n  selector: {matchLabels: {app: a" + app + "}}\n  template:\n    metadata: {labels: {app: a" + app
                + ", version: v" + version + "}}\n    spec: {containers: [{name: app, image: app, ports: [{name: " + portName
                + ", containerPort: 8080}, {name: metrics, containerPort: 9090}]}]}\n";
    }
}
