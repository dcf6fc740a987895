package dev.meshtest.internal.validate;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Istio's {@code ValidateSidecar}: what the webhook rejects in a Sidecar, and warns about, in its
 * words, at the field's line.
 */
class SidecarValidatorTest {

    private static String sidecar(String spec) {
        return "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: s}\nspec:\n" + spec.indent(2);
    }

    private static String rejected(String spec) {
        return assertThatThrownBy(() -> mesh().apply(sidecar(spec))).isInstanceOf(MeshConfigException.class)
                .actual().getMessage();
    }

    private static java.util.List<String> warnings(String spec) {
        Mesh mesh = mesh().apply(sidecar(spec));
        return mesh.lastApply().warnings().stream().map(w -> w.location().orElse("") + " " + w).toList();
    }

    @Test
    @DisplayName("an empty Sidecar is rejected; any one of egress, ingress, outboundTrafficPolicy or inboundConnectionPool is enough")
    void emptyConfiguration() {
        assertThat(rejected("{}")).isEqualTo("<string>:4:1: Sidecar default/s: spec: sidecar: empty configuration provided");
        assertThat(warnings("outboundTrafficPolicy: {mode: ALLOW_ANY}")).isEmpty();
    }

    @Test
    @DisplayName("egress hosts must be namespace/FQDN-or-wildcard: short names, missing namespaces and bad namespaces are rejected")
    void egressHosts() {
        assertThat(rejected("egress: [{hosts: [reviews]}]"))
                .isEqualTo("<string>:5:21: Sidecar default/s: spec.egress[0].hosts[0]: host must be of form namespace/dnsName");
        assertThat(rejected("egress: [{hosts: [./reviews]}]"))
                .isEqualTo("<string>:5:21: Sidecar default/s: spec.egress[0].hosts[0]: short names (non FQDN) are not allowed");
        assertThat(rejected("egress: [{hosts: [\"Bad_NS/*\"]}]"))
                .isEqualTo("<string>:5:21: Sidecar default/s: spec.egress[0].hosts[0]: invalid namespace value \"Bad_NS\" in sidecar");
        assertThat(rejected("egress: [{hosts: [\"./foo*.com\"]}]")).contains("spec.egress[0].hosts[0]: partial wildcard");
        assertThat(rejected("egress: [{hosts: []}]"))
                .isEqualTo("<string>:5:13: Sidecar default/s: spec.egress[0].hosts: sidecar: egress listener must contain at least one host");
        assertThat(warnings("egress: [{hosts: [\"./*\", \"~/*.internal.example.com\", \"istio-system/*\"]}]")).isEmpty();
    }

    @Test
    @DisplayName("duplicated egress hosts and */* beside others are warnings, not rejections")
    void duplicateHostWarnings() {
        assertThat(warnings("egress: [{hosts: [\"./*\", \"default/reviews.default.svc.cluster.local\"]}]"))
                .containsExactly("<string>:5:28 Warning: duplicated egress host: default/reviews.default.svc.cluster.local");
        assertThat(warnings("egress: [{hosts: [\"*/*\", \"./*\"]}]"))
                .containsExactly("<string>:5:13 Warning: `*/*` host select all resources, no other hosts can be added");
    }

    @Test
    @DisplayName("the catch-all egress listener comes last and once; ports are unique; targetPort has no effect and is rejected")
    void egressListeners() {
        assertThat(rejected("""
                egress:
                - hosts: ["./*"]
                - port: {number: 9080, protocol: HTTP, name: http}
                  hosts: ["./*"]
                """)).isEqualTo("<string>:6:5: Sidecar default/s: spec.egress[0]: sidecar: the egress listener with empty port "
                + "should be the last listener in the list");
        assertThat(rejected("""
                egress:
                - port: {number: 9080, protocol: HTTP, name: http}
                  hosts: ["./*"]
                - port: {number: 9080, protocol: HTTP, name: http2}
                  hosts: ["*/*"]
                """)).contains("spec.egress[1].port.number: sidecar: ports on IP bound listeners must be unique");
        assertThat(rejected("""
                egress:
                - port: {number: 9080, protocol: HTTP, name: http, targetPort: 8080}
                  hosts: ["./*"]
                """)).contains("spec.egress[0].port.targetPort: targetPort has no impact on Sidecars");
        assertThat(rejected("""
                egress:
                - port: {number: 9080, protocol: HTTQ, name: http}
                  hosts: ["./*"]
                """)).contains("spec.egress[0].port.protocol: unsupported protocol: HTTQ");
        assertThat(rejected("""
                egress:
                - port: {number: 9080, protocol: HTTP, name: http}
                  bind: 10.0.0.300
                  hosts: ["./*"]
                """)).contains("spec.egress[0].bind: 10.0.0.300 is not a valid IP");
    }

    @Test
    @DisplayName("ingress: ports unique, defaultEndpoint on a loopback or wildcard address, TLS options Istio does not support")
    void ingress() {
        assertThat(rejected("""
                ingress:
                - port: {number: 9080, protocol: HTTP, name: http}
                  defaultEndpoint: 10.1.1.1:8080
                """)).contains("spec.ingress[0].defaultEndpoint: sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,"
                + "0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset");
        assertThat(rejected("""
                ingress:
                - port: {number: 9080, protocol: HTTP, name: http}
                  defaultEndpoint: 127.0.0.1:http
                """)).contains("spec.ingress[0].defaultEndpoint: sidecar: defaultEndpoint port (http) is not a number");
        assertThat(rejected("""
                ingress:
                - port: {number: 9080, protocol: HTTP, name: http}
                  tls: {mode: ISTIO_MUTUAL}
                """)).contains("spec.ingress[0].tls.mode: configuration is invalid: cannot set mode to ISTIO_MUTUAL in sidecar ingress tls")
                .contains("spec.ingress[0].tls: server cannot have TLS settings for non HTTPS/TLS ports");
        assertThat(warnings("""
                ingress:
                - port: {number: 9080, protocol: TCP, name: tcp}
                  connectionPool: {http: {http1MaxPendingRequests: 1}}
                """)).containsExactly("<string>:7:22 Warning: sidecar: HTTP connection pool settings are configured for port 9080 "
                + "(\"tcp\") but its protocol is not HTTP (TCP); only TCP settings will apply");
    }

    @Test
    @DisplayName("a workloadSelector with a wildcard is rejected; one without labels applies to the namespace, with a warning")
    void workloadSelector() {
        assertThat(rejected("""
                workloadSelector: {labels: {app: "*"}}
                egress: [{hosts: ["./*"]}]
                """)).contains("spec.workloadSelector.labels.app: wildcard is not supported in selector: \"app=*\"");
        assertThat(warnings("""
                workloadSelector: {}
                egress: [{hosts: ["./*"]}]
                """)).containsExactly("<string>:5:3 Warning: sidecar: workload selector specified without labels, "
                + "will be applied to all services in namespace");
    }

    @Test
    @DisplayName("egressProxy needs ALLOW_ANY")
    void egressProxy() {
        assertThat(rejected("""
                outboundTrafficPolicy:
                  mode: REGISTRY_ONLY
                  egressProxy: {host: egress.example.com, port: {number: 80}}
                """)).contains("spec.outboundTrafficPolicy.egressProxy: sidecar: egress_proxy must be set only with ALLOW_ANY "
                + "outbound_traffic_policy mode");
    }
}
