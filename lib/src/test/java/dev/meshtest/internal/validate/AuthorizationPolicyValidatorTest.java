package dev.meshtest.internal.validate;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the AuthorizationPolicy CRD's rules and Istio's {@code ValidateAuthorizationPolicy} reject,
 * and warn about, in their words, at the field's line.
 */
class AuthorizationPolicyValidatorTest {

    private static String ap(String spec) {
        return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p}\nspec:\n" + spec.indent(2);
    }

    private static String rejected(String spec) {
        return assertThatThrownBy(() -> mesh().apply(ap(spec))).isInstanceOf(MeshConfigException.class)
                .actual().getMessage();
    }

    private static java.util.List<String> warnings(String spec) {
        Mesh mesh = mesh().apply(ap(spec));
        return mesh.lastApply().warnings().stream().map(w -> w.location().orElse("") + " " + w).toList();
    }

    @Test
    @DisplayName("a DENY policy without rules is meaningless and rejected; an ALLOW one without rules denies all and is admitted")
    void denyWithoutRules() {
        assertThat(rejected("action: DENY")).isEqualTo("<string>:4:1: AuthorizationPolicy default/p: spec: DENY action without "
                + "`rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for "
                + "every request");
        assertThat(warnings("{}")).isEmpty();
    }

    @Test
    @DisplayName("empty from.source and to.operation, and empty values, are rejected")
    void emptyParts() {
        assertThat(rejected("rules: [{from: [{source: {}}]}]")).endsWith("spec.rules[0].from[0].source: `from.source` must not be "
                + "empty, found at rule 0");
        assertThat(rejected("rules: [{to: [{operation: {}}]}]")).endsWith("spec.rules[0].to[0].operation: `to.operation` must not "
                + "be empty, found at rule 0");
        assertThat(rejected("rules: [{to: [{operation: {methods: [\"\"]}}]}]"))
                .endsWith("spec.rules[0].to[0].operation.methods: empty value not allowed, found in Methods");
    }

    @Test
    @DisplayName("serviceAccounts with principals or namespaces: the CRD's rule answers first")
    void serviceAccountsWithNamespaces() {
        assertThat(rejected("rules: [{from: [{source: {serviceAccounts: [sleep], namespaces: [foo]}}]}]"))
                .endsWith("spec.rules[0].from[0].source: Invalid value: \"object\": Cannot set serviceAccounts with namespaces or principals");
        assertThat(rejected("rules: [{from: [{source: {serviceAccounts: [\"a/b/c\"]}}]}]"))
                .endsWith("expected format 'serviceAccount' or 'namespace/serviceAccount', found \"a/b/c\" in ServiceAccounts");
    }

    @Test
    @DisplayName("addresses, ports and when keys are checked as Istio checks them")
    void values() {
        assertThat(rejected("rules: [{from: [{source: {ipBlocks: [\"10.0.0.0/33\"]}}]}]"))
                .endsWith("spec.rules[0].from[0].source.ipBlocks: bad CIDR range (10.0.0.0/33)");
        assertThat(rejected("rules: [{from: [{source: {ipBlocks: [\"not-an-ip\"]}}]}]")).endsWith("bad IP address (not-an-ip)");
        assertThat(rejected("rules: [{to: [{operation: {ports: [\"http\"]}}]}]"))
                .endsWith("spec.rules[0].to[0].operation.ports: bad port (http)");
        assertThat(rejected("rules: [{when: [{key: request.host, values: [a]}]}]"))
                .endsWith("spec.rules[0].when[0].values: invalid `value` for `key` request.host: unknown attribute: request.host");
        assertThat(rejected("rules: [{when: [{key: \"request.headers\", values: [a]}]}]"))
                .endsWith("invalid `value` for `key` request.headers: bad key (request.headers): should have format a[b]");
        assertThat(rejected("rules: [{when: [{key: source.ip}]}]"))
                .endsWith("spec.rules[0].when[0]: at least one of `values` or `notValues` must be set for key source.ip");
        assertThat(rejected("rules: [{when: [{key: destination.namespace, values: [a]}]}]"))
                .endsWith("attribute destination.namespace is replaced by the metadata.namespace");
    }

    @Test
    @DisplayName("path templates: {**} last, no braces elsewhere")
    void pathTemplates() {
        assertThat(rejected("rules: [{to: [{operation: {paths: [\"/a/{**}/b/{*}\"]}}]}]"))
                .endsWith("invalid or unsupported path a/{**}/b/{*}, found in Paths. {**} is not the last operator");
        assertThat(rejected("rules: [{to: [{operation: {paths: [\"/a/{x}\"]}}]}]"))
                .endsWith("invalid or unsupported path a/{x}, found in Paths. Contains '{' or '}' beyond a supported path template");
    }

    @Test
    @DisplayName("CUSTOM needs a provider and rules; a provider without CUSTOM is rejected; selector and targetRefs exclude each other")
    void actionsAndSelectors() {
        assertThat(rejected("action: CUSTOM\nrules: [{}]")).endsWith("spec.provider: `provider.name` must not be empty");
        assertThat(rejected("provider: {name: x}\nrules: [{}]")).endsWith("spec.provider: `provider` must not be with non CUSTOM "
                + "action, found ALLOW");
        assertThat(rejected("selector: {matchLabels: {app: a}}\ntargetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: g}]"))
                .isEqualTo("<string>:4:1: AuthorizationPolicy default/p: spec: Invalid value: \"object\": only one of targetRefs or selector can be set");
        assertThat(rejected("targetRefs: [{kind: Deployment, group: apps, name: g}]"))
                .contains("targetRef must be to one of").endsWith("but was apps/Deployment");
    }

    @Test
    @DisplayName("a DENY rule with only HTTP attributes warns that it denies all TCP traffic")
    void httpOnlyDenyWarns() {
        assertThat(warnings("action: DENY\nrules: [{to: [{operation: {methods: [POST]}}]}]"))
                .containsExactly("<string>:6:11 Warning: configured AuthorizationPolicy will deny all traffic to TCP ports under its "
                        + "scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port");
        assertThat(warnings("action: DENY\nrules: [{to: [{operation: {methods: [POST], ports: [\"8080\"]}}]}]")).isEmpty();
    }

    @Test
    @DisplayName("istio.io/dry-run is accepted on an AuthorizationPolicy (and only there)")
    void dryRun() {
        assertThat(mesh().apply("apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: p\n"
                + "  annotations: {istio.io/dry-run: \"true\"}\nspec: {}\n").lastApply().warnings()).isEmpty();
    }
}
