package dev.meshtest.config.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.RecordConventions;
import dev.meshtest.config.kube.LabelSelector;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reader binds YAML to these records by reflection; this checks the contract it relies on for
 * every record reachable from the Gateway API kinds, as {@code IstioRecordConventionsTest} does for Istio's.
 */
class GatewayRecordConventionsTest {

    /** What components may be besides enums and the package's records, lists and maps of them. */
    private static final Set<Class<?>> ALLOWED = Set.of(String.class, Integer.class, Boolean.class, Duration.class,
            ObjectMeta.class, LabelSelector.class);

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
        Set<Class<?>> inPackage = RecordConventions.recordsInPackageOf(HttpRoute.class);
        assertThat(reachableRecords()).containsExactlyInAnyOrderElementsOf(inPackage).hasSizeGreaterThan(45);
    }

    @Test
    void theRegistryNamesEachKindAndItsServedVersions() {
        assertThat(GatewayApiKinds.KINDS.keySet())
                .containsExactly("GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "ReferenceGrant");
        assertThat(GatewayApiKinds.KINDS.get("HTTPRoute")).isEqualTo(HttpRoute.class);
        assertThat(GatewayApiKinds.KINDS.get("GRPCRoute")).isEqualTo(GrpcRoute.class);
        assertThat(GatewayApiKinds.apiVersions("Gateway"))
                .containsExactly("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1");
        assertThat(GatewayApiKinds.apiVersions("GRPCRoute")).containsExactly("gateway.networking.k8s.io/v1");
        assertThat(GatewayApiKinds.apiVersions("ReferenceGrant"))
                .containsExactly("gateway.networking.k8s.io/v1beta1", "gateway.networking.k8s.io/v1");
        assertThat(GatewayApiKinds.apiVersions("TLSRoute")).containsExactly("gateway.networking.k8s.io/v1");
        assertThatThrownBy(() -> GatewayApiKinds.apiVersions("UDPRoute"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Gateway API kind meshtest knows: UDPRoute");
    }

    private static Set<Class<?>> reachableRecords() {
        return RecordConventions.reachable(GatewayApiKinds.KINDS.values());
    }

}
