package dev.meshtest.internal.cluster;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.proxyconfig.ProxyConfigView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mesh that got its objects through a random sequence of applies, updates, deletes and readiness
 * changes compiles the same proxy config as a fresh mesh given only the objects that remain (with
 * as many pods not ready per workload): nothing the store keeps from one apply to the next
 * (indexes of pods by label and by workload, the objects map the cluster state shares, the data
 * plane's clusters, allocated addresses) leaks a deleted or an old object.
 *
 * <p>Services pin their ClusterIPs so both meshes agree on addresses; pod IPs and names, which
 * depend on how many pods were ever created, are replaced by the pod's workload, and rows are
 * compared as sorted lists (endpoint order follows pod creation order, which a history changes).
 */
class IncrementalStatePropertyTest {

    /** One object of the generated mesh, as YAML, with the key it is tracked by. */
    private record Doc(String key, String yaml) {
    }

    private static Doc service(int k) {
        return new Doc("Service/svc" + k, "apiVersion: v1\nkind: Service\nmetadata: {name: svc" + k + "}\nspec: {clusterIP: 10.96.200."
                + (10 + k) + ", ports: [{port: 8080, name: http}], selector: {app: svc" + k + "}}\n");
    }

    private static Doc deployment(int k, int v, int replicas) {
        String name = "svc" + k + "-v" + v;
        return new Doc("Deployment/" + name, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\nspec:\n  replicas: "
                + replicas + "\n  selector: {matchLabels: {app: svc" + k + ", version: v" + v + "}}\n  template:\n    metadata: {labels: {app: svc"
                + k + ", version: v" + v + "}}\n    spec: {containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]}\n");
    }

    private static Doc virtualService(int k, int w, SplittableRandom g) {
        String header = g.nextBoolean() ? "  - match: [{headers: {end-user: {exact: jason}}}]\n    route: [{destination: {host: svc" + k
                + ", subset: v1}}]\n" : "";
        return new Doc("VirtualService/svc" + k, "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: svc" + k
                + "}\nspec:\n  hosts: [svc" + k + "]\n  http:\n" + header + "  - route:\n    - {destination: {host: svc" + k
                + ", subset: v0}, weight: " + w + "}\n    - {destination: {host: svc" + k + ", subset: v1}, weight: " + (100 - w) + "}\n");
    }

    private static Doc destinationRule(int k, SplittableRandom g) {
        return new Doc("DestinationRule/svc" + k, "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: svc" + k
                + "}\nspec:\n  host: svc" + k + "\n  trafficPolicy: {connectionPool: {http: {http2MaxRequests: " + (1 + g.nextInt(9))
                + "}}}\n  subsets:\n  - {name: v0, labels: {version: v0}}\n  - {name: v1, labels: {version: v1}}\n");
    }

    private static Doc random(SplittableRandom g) {
        int k = g.nextInt(4);
        return switch (g.nextInt(4)) {
            case 0 -> service(k);
            case 1 -> deployment(k, g.nextInt(2), 1 + g.nextInt(3));
            case 2 -> virtualService(k, g.nextInt(101), g);
            default -> destinationRule(k, g);
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void aHistoryOfAppliesAndDeletesCompilesAsTheObjectsThatRemain(long seed) {
        SplittableRandom g = new SplittableRandom(seed);
        Mesh incremental = mesh().seed(seed).withPod("client");
        // The objects that remain, in the order they were created (an update keeps its place, as
        // Kubernetes keeps creationTimestamp).
        Map<String, Doc> remaining = new LinkedHashMap<>();
        for (int step = 0; step < 12; step++) {
            if (!remaining.isEmpty() && g.nextInt(4) == 0) {
                List<String> keys = new ArrayList<>(remaining.keySet());
                Doc gone = remaining.remove(keys.get(g.nextInt(keys.size())));
                incremental.delete(gone.yaml());
            } else {
                StringBuilder batch = new StringBuilder();
                Map<String, Doc> applied = new LinkedHashMap<>();
                for (int n = 1 + g.nextInt(4); n > 0; n--) {
                    Doc d = random(g);
                    applied.put(d.key(), d);   // one object per key in an apply
                }
                applied.values().forEach(d -> batch.append("---\n").append(d.yaml()));
                incremental.apply(batch.toString());
                applied.forEach((key, d) -> {
                    if (remaining.containsKey(key)) {
                        remaining.put(key, d);   // an update: same place
                    } else {
                        remaining.put(key, d);
                    }
                });
            }
            if (g.nextInt(3) == 0) {
                // Readiness changes replace pods in place: endpoints must follow.
                List<ClusterPod> pods = Internals.state(incremental).pods().stream().filter(p -> p.name().startsWith("svc")).toList();
                if (!pods.isEmpty()) {
                    ClusterPod p = pods.get(g.nextInt(pods.size()));
                    incremental.setReady(p.name(), g.nextBoolean());
                }
            }
            // Ask for the config between steps too, so the caches of earlier versions exist.
            incremental.proxyConfig("client").clusters();
        }
        Mesh fresh = mesh().seed(seed).withPod("client");
        if (!remaining.isEmpty()) {
            StringBuilder all = new StringBuilder();
            remaining.values().forEach(d -> all.append("---\n").append(d.yaml()));
            fresh.apply(all.toString());
        }
        // The same number of pods not ready per workload (a history may have named the pods
        // otherwise: a Deployment scaled down and up gets pods of new names, as in Kubernetes).
        Map<String, Long> notReady = new TreeMap<>();
        Internals.state(incremental).pods().stream().filter(p -> !p.ready()).forEach(p -> notReady.merge(p.workload(), 1L, Long::sum));
        notReady.forEach((workload, n) -> Internals.state(fresh).pods().stream().filter(p -> p.workload().equals(workload))
                .map(ClusterPod::name).sorted().limit(n).toList().forEach(name -> fresh.setReady(name, false)));
        assertThat(normalized(incremental, "client")).isEqualTo(normalized(fresh, "client"));
        assertThat(Internals.state(incremental).pods().stream().map(p -> p.namespace() + "/" + p.workload()).sorted().toList())
                .isEqualTo(Internals.state(fresh).pods().stream().map(p -> p.namespace() + "/" + p.workload()).sorted().toList());
    }

    /** The proxy's listeners, routes, clusters and endpoints as sorted lines, pod IPs replaced by pod names. */
    private static Map<String, List<String>> normalized(Mesh mesh, String pod) {
        ProxyConfigView pc = mesh.proxyConfig(pod);
        // Pod IPs and names depend on the history (how many pods were ever made): a pod is named by its workload.
        Map<String, String> ipToPod = new TreeMap<>();
        Internals.state(mesh).pods().forEach(p -> {
            ipToPod.put(p.ip(), "pod:" + p.namespace() + "/" + p.workload());
            ipToPod.put(p.name(), "pod-of-" + p.workload());
        });
        Map<String, List<String>> out = new TreeMap<>();
        out.put("listeners", lines(pc.listeners().toString(), ipToPod));
        out.put("routes", lines(pc.routes().toString(), ipToPod));
        out.put("clusters", lines(pc.clusters().toString(), ipToPod));
        out.put("endpoints", lines(pc.endpoints().toString(), ipToPod));
        return out;
    }

    private static List<String> lines(String table, Map<String, String> ipToPod) {
        List<String> out = new ArrayList<>();
        for (String line : table.split("\n")) {
            String l = line;
            for (Map.Entry<String, String> e : ipToPod.entrySet()) {
                l = l.replaceAll("\\b" + java.util.regex.Pattern.quote(e.getKey()) + "\\b", e.getValue());
            }
            out.add(l.replaceAll("\\s+", " ").trim());
        }
        String[] sorted = out.toArray(new String[0]);
        Arrays.sort(sorted);
        return List.of(sorted);
    }
}
