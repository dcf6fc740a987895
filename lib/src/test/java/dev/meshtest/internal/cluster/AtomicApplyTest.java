package dev.meshtest.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.yaml.ManifestReader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An apply or a delete that fails after it began changing the store (here: no pod address is
 * left for a new pod) changes nothing: the store holds what it held, in the same orders, with the
 * same counters (clock, sequences, next addresses), the state is the same snapshot, and the
 * cluster then behaves exactly as a twin that never saw the failed call.
 */
class AtomicApplyTest {

    private static final String SETUP = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web, version: v1}}
                spec: {containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: old, namespace: shop}
            spec: {selector: {app: old}, ports: [{name: http, port: 80}]}
            """;

    /** Replaces the Deployment's pods (a new template), adds a namespace, a Service and a config, then fails creating a pod. */
    private static final String FAILING = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: extra}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec: {selector: {app: web}, ports: [{name: http, port: 81, targetPort: 8080}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: web, namespace: shop}
            spec:
              hosts: [web]
              http: [{route: [{destination: {host: web}}]}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web, version: v2}}
                spec: {containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]}
            """;

    @Test
    void aFailingApplyLeavesTheClusterAsItWasAndAsATwinBehaves() {
        Cluster failed = Cluster.withIstio(5);
        Cluster twin = Cluster.withIstio(5);
        failed.apply(ManifestReader.read(SETUP));
        twin.apply(ManifestReader.read(SETUP));
        // Removes something before it fails too: the rollback puts it back in its place.
        List<Manifest> failing = ManifestReader.read(FAILING);
        IncrementalClusterStateTest.assertFailsAndChangesNothing(failed, () -> failed.apply(failing));
        IncrementalClusterStateTest.assertFailsAndChangesNothing(failed,
                () -> failed.delete(new ResourceRef("Pod", "shop", failed.state().workloadPods("shop", "web").get(0).name())));
        assertThat(failed.store().dump()).isEqualTo(twin.store().dump());

        // Later calls: same names, addresses, creation times and sequences as the twin's.
        for (Cluster c : List.of(failed, twin)) {
            c.apply(failing);
            c.delete(new ResourceRef("Service", "shop", "old"));
            c.setReady("shop", c.state().workloadPods("shop", "web").get(0).name(), false);
        }
        assertThat(StateDescription.describe(failed.state())).isEqualTo(StateDescription.describe(twin.state()));
        assertThat(failed.store().dump()).isEqualTo(twin.store().dump());
    }

    @Test
    @DisplayName("A batch of calls (a timeline's changes) in which one fails undoes them all; one that succeeds keeps each call's version")
    void aFailingBatchUndoesEveryCallOfIt() {
        Cluster failed = Cluster.withIstio(5);
        Cluster twin = Cluster.withIstio(5);
        failed.apply(ManifestReader.read(SETUP));
        twin.apply(ManifestReader.read(SETUP));
        ClusterState before = failed.state();
        String bad = """
                apiVersion: v1
                kind: Service
                metadata: {name: Bad_Name, namespace: shop}
                spec: {ports: [{port: 80}]}
                """;
        assertThatThrownBy(() -> failed.atomically(() -> {
            failed.apply(ManifestReader.read(FAILING.substring(0, FAILING.indexOf("---\napiVersion: apps/v1"))));
            failed.delete(new ResourceRef("Service", "shop", "old"));
            failed.apply(ManifestReader.read(FAILING.substring(0, FAILING.indexOf("---"))));   // unchanged: its own rollback
            return failed.apply(ManifestReader.read(bad));
        })).isInstanceOf(MeshConfigException.class);
        assertThat(failed.state()).isSameAs(before);
        assertThat(failed.store().dump()).isEqualTo(twin.store().dump());

        List<ClusterState> states = failed.atomically(() -> List.of(
                failed.apply(ManifestReader.read(FAILING)).state(),
                failed.delete(new ResourceRef("Service", "shop", "old")).state()));
        twin.apply(ManifestReader.read(FAILING));
        twin.delete(new ResourceRef("Service", "shop", "old"));
        assertThat(states.get(0).version()).isEqualTo(before.version() + 1);
        assertThat(states.get(1)).isSameAs(failed.state());
        assertThat(StateDescription.describe(failed.state())).isEqualTo(StateDescription.describe(twin.state()));
        assertThat(failed.store().dump()).isEqualTo(twin.store().dump());
    }
}
