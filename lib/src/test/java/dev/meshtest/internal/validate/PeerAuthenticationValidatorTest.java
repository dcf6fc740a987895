package dev.meshtest.internal.validate;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the PeerAuthentication CRD's rules and Istio's {@code ValidatePeerAuthentication} reject,
 * and warn about, in their words, at the field's line.
 */
class PeerAuthenticationValidatorTest {

    private static String pa(String spec) {
        return "apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: {name: p}\nspec:\n" + spec.indent(2);
    }

    private static String rejected(String spec) {
        return assertThatThrownBy(() -> mesh().apply(pa(spec))).isInstanceOf(MeshConfigException.class)
                .actual().getMessage();
    }

    private static java.util.List<String> warnings(String spec) {
        Mesh mesh = mesh().apply(pa(spec));
        return mesh.lastApply().warnings().stream().map(w -> w.location().orElse("") + " " + w).toList();
    }

    @Test
    @DisplayName("portLevelMtls without a selector: the CRD's rule answers first, in the API server's words")
    void portLevelNeedsASelector() {
        assertThat(rejected("mtls: {mode: STRICT}\nportLevelMtls: {8080: {mode: DISABLE}}"))
                .isEqualTo("<string>:4:1: PeerAuthentication default/p: spec: Invalid value: \"object\": portLevelMtls requires selector");
    }

    @Test
    @DisplayName("portLevelMtls: {} is rejected by the CRD's minProperties, where leaving it out is fine")
    void emptyPortLevelMtls() {
        assertThat(rejected("selector: {matchLabels: {app: a}}\nportLevelMtls: {}"))
                .isEqualTo("<string>:6:3: PeerAuthentication default/p: spec.portLevelMtls: Invalid value: 0: "
                        + "spec.portLevelMtls in body should have at least 1 properties");
    }

    @Test
    @DisplayName("a port outside 1..65535 (or not a number) is rejected by the CRD")
    void portRange() {
        assertThat(rejected("selector: {matchLabels: {app: a}}\nportLevelMtls: {0: {mode: DISABLE}}"))
                .isEqualTo("<string>:6:3: PeerAuthentication default/p: spec.portLevelMtls: Invalid value: \"object\": port must be between 1-65535");
        assertThat(rejected("selector: {matchLabels: {app: a}}\nportLevelMtls: {http: {mode: DISABLE}}"))
                .contains("spec.portLevelMtls: Invalid value: \"object\": port must be between 1-65535");
    }

    @Test
    @DisplayName("selector labels: wildcards and empty keys rejected; an empty selector is a warning and means the namespace")
    void selector() {
        assertThat(rejected("selector: {matchLabels: {app: \"a*\"}}"))
                .isEqualTo("<string>:5:28: PeerAuthentication default/p: spec.selector.matchLabels.app: Invalid value: \"string\": wildcard not allowed in label value match");
        assertThat(warnings("selector: {matchLabels: {}}\nmtls: {mode: STRICT}"))
                .containsExactly("<string>:5:3 Warning: workload selector specified without labels");
        assertThat(warnings("selector: {matchLabels: {app: a}}\nmtls: {mode: STRICT}\nportLevelMtls: {8080: {mode: UNSET}}")).isEmpty();
    }

    @Test
    @DisplayName("an unknown mode is refused by the schema, naming the values it takes")
    void unknownMode() {
        assertThat(rejected("mtls: {mode: STRICTER}")).contains("spec.mtls.mode").contains("STRICT");
    }

    @Test
    @DisplayName("an empty spec is admitted: a mesh- or namespace-wide policy that inherits (PERMISSIVE)")
    void emptySpec() {
        assertThat(warnings("{}")).isEmpty();
    }
}
