package dev.meshtest.config.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.RecordConventions;
import dev.meshtest.config.kube.IntOrString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reader binds YAML to these records by reflection; this checks the contract it relies on for
 * every record reachable from the four simulated kinds.
 */
class IstioRecordConventionsTest {

    /** What components may be besides enums and the package's records, lists and maps of them. */
    private static final Set<Class<?>> ALLOWED = Set.of(String.class, Integer.class, Long.class,
            Double.class, Boolean.class, Duration.class, Instant.class, IntOrString.class, Object.class, ObjectMeta.class);

    @Test
    void everyComponentHasAnAllowedType() {
        assertThat(RecordConventions.componentsOfOtherTypes(reachableRecords(), ALLOWED)).isEmpty();
    }

    @Test
    void listsAndMapsAreNeverNull() throws Exception {
        assertThat(RecordConventions.nullListsAndMaps(reachableRecords())).isEmpty();
    }

    @Test
    void everyRecordOfThePackageIsReachableFromAKind() throws Exception {
        // Guards the walk above (it must see the deepest types) and catches orphaned records.
        Set<Class<?>> inPackage = RecordConventions.recordsInPackageOf(VirtualService.class);
        assertThat(reachableRecords()).containsExactlyInAnyOrderElementsOf(inPackage).hasSizeGreaterThan(50);
    }

    @Test
    void registryNamesEachKindByItsRecord() {
        IstioKinds.SIMULATED.forEach((kind, type) -> assertThat(type.getSimpleName()).isEqualTo(kind));
        assertThat(IstioKinds.SIMULATED.keySet())
                .containsExactly("VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "Sidecar", "PeerAuthentication",
                        "AuthorizationPolicy", "RequestAuthentication");
        assertThat(IstioKinds.NOT_SIMULATED).doesNotContainKeys("VirtualService", "DestinationRule",
                "Gateway", "ServiceEntry", "Sidecar", "PeerAuthentication", "AuthorizationPolicy", "RequestAuthentication");
        assertThat(IstioKinds.apiVersions("PeerAuthentication"))
                .containsExactly("security.istio.io/v1", "security.istio.io/v1beta1");
        assertThat(IstioKinds.apiVersions("Sidecar")).isEqualTo(IstioKinds.NETWORKING_API_VERSIONS);
    }

    private static Set<Class<?>> reachableRecords() {
        // The kinds, plus MeshConfig: not a Kubernetes object, read with ManifestReader.readObject.
        List<Class<?>> roots = new ArrayList<>(IstioKinds.SIMULATED.values());
        roots.add(MeshConfig.class);
        return RecordConventions.reachable(roots);
    }

}
