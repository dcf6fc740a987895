package dev.meshtest.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.internal.text.ApiServerText;
import dev.meshtest.internal.yaml.ManifestReader;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The list and map sizes of Istio's CRDs, and their CEL rules' {@code has()} on lists written
 * empty, as the API server reports them (apiextensions-apiserver, crd-all.gen.yaml).
 */
class IstioSchemaTest {

    /** A Gateway with one HTTPS server, its {@code tls} to be added (at line 9). */
    private static final String HTTPS_GATEWAY = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: gw}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 443, name: https, protocol: HTTPS}
                hosts: ['*']
            """;

    private static List<String> review(String yaml) {
        return Admission.review(ManifestReader.read(yaml).get(0)).stream().map(Problem::toString).toList();
    }

    @Test
    @DisplayName("every entry of the tables names a component of an Istio record")
    void everyKeyNamesARecordComponent() throws ClassNotFoundException {
        List<String> keys = new java.util.ArrayList<>(IstioSchema.SIZES.keySet());
        keys.addAll(IstioSchema.RANGES.keySet());
        keys.addAll(dev.meshtest.internal.yaml.CrdIntegers.istio().keySet());
        keys.addAll(IstioSchema.STRINGS.keySet());
        for (String key : keys) {
            String type = key.substring(0, key.indexOf('.'));
            String field = key.substring(key.indexOf('.') + 1).replace("[]", "").replace("{}", "");
            Class<?> c = Class.forName("dev.meshtest.config.istio." + type);
            // The key as the walk makes it from the record's components, YAML names included.
            assertThat(SchemaComponents.of(c)).as(key).extracting(SchemaComponents.Component::key).contains(type + "." + field);
        }
    }

    @Test
    @DisplayName("a ServiceEntry of 257 hosts: Too many, and the CEL rules are not checked")
    void tooManyHostsBlocksTheRules() {
        String hosts = IntStream.range(0, 257).mapToObj(i -> "h" + i + ".example.com").collect(Collectors.joining(", "));
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: [%s]
                  ports: [{number: 80, name: http, protocol: HTTP}, {number: 80, name: http2, protocol: HTTP}]
                  resolution: DNS
                """.formatted(hosts))).containsExactly(
                "<string>:5:3: ServiceEntry default/se: spec.hosts: Too many: 257: must have at most 256 items",
                "<string>:1:1: ServiceEntry default/se: <nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    @DisplayName("an empty list written under a minimum: the API server's minItems, before the webhook")
    void emptyListUnderItsMinimum() {
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: []
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: DNS
                """)).containsExactly(
                "<string>:5:3: ServiceEntry default/se: spec.hosts: Invalid value: 0: spec.hosts in body should have at least 1 items");
    }

    @Test
    @DisplayName("credentialNames: [] next to credentialName: minItems and the CEL rule (has() is true for it)")
    void credentialNamesWrittenEmpty() {
        assertThat(review(HTTPS_GATEWAY + "    tls: {mode: SIMPLE, credentialName: a, credentialNames: []}\n")).containsExactly(
                "<string>:9:5: Gateway default/gw: spec.servers[0].tls: Invalid value: \"object\": only one of credentialName or "
                        + "credentialNames can be set",
                "<string>:9:44: Gateway default/gw: spec.servers[0].tls.credentialNames: Invalid value: 0: "
                        + "spec.servers[0].tls.credentialNames in body should have at least 1 items");
    }

    @Test
    @DisplayName("credentialNames: ~ next to credentialName is absent (the API server prunes the null): accepted")
    void credentialNamesWrittenNullIsAbsent() {
        for (String written : List.of("credentialNames: ~", "credentialNames: null", "credentialNames:")) {
            assertThat(review(HTTPS_GATEWAY + "    tls:\n      mode: SIMPLE\n      credentialName: a\n      " + written + "\n"))
                    .as(written).isEmpty();
        }
    }

    @Test
    @DisplayName("a Sidecar ingress listener's TLS has the Gateway server's CEL rules, checked before the webhook")
    void sidecarIngressTlsRules() {
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: sc}
                spec:
                  workloadSelector: {labels: {app: x}}
                  ingress:
                  - port: {number: 8443, name: https, protocol: HTTPS}
                    defaultEndpoint: 127.0.0.1:8080
                    tls: {mode: SIMPLE, credentialName: a, credentialNames: [b]}
                """)).containsExactly(
                "<string>:9:5: Sidecar default/sc: spec.ingress[0].tls: Invalid value: \"object\": only one of credentialName or "
                        + "credentialNames can be set");
    }

    @Test
    @DisplayName("has() on lists written empty: endpoints next to a workloadSelector, targetRefs next to a selector")
    void listsWrittenEmptyCountForHas() {
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: [a.example.com]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  workloadSelector: {labels: {app: x}}
                  endpoints: []
                """)).containsExactly(
                "<string>:4:1: ServiceEntry default/se: spec: Invalid value: \"object\": only one of WorkloadSelector or Endpoints "
                        + "can be set");
        assertThat(review("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: ap}
                spec:
                  selector: {matchLabels: {app: x}}
                  targetRefs: []
                """)).containsExactly(
                "<string>:4:1: AuthorizationPolicy default/ap: spec: Invalid value: \"object\": only one of targetRefs or selector "
                        + "can be set");
        assertThat(review("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: ap}
                spec:
                  rules:
                  - from:
                    - source: {serviceAccounts: [ns/sa], principals: []}
                """)).containsExactly(
                "<string>:7:7: AuthorizationPolicy default/ap: spec.rules[0].from[0].source: Invalid value: \"object\": Cannot set "
                        + "serviceAccounts with namespaces or principals");
    }

    @Test
    @DisplayName("an empty portLevelMtls: minProperties, and the CEL rule that wants a selector")
    void emptyPortLevelMtls() {
        assertThat(review("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: pa}
                spec:
                  portLevelMtls: {}
                """)).containsExactly(
                "<string>:4:1: PeerAuthentication default/pa: spec: Invalid value: \"object\": portLevelMtls requires selector",
                "<string>:5:3: PeerAuthentication default/pa: spec.portLevelMtls: Invalid value: 0: spec.portLevelMtls in body "
                        + "should have at least 1 properties");
    }

    @Test
    @DisplayName("maps over their maxProperties and nested lists over their maxItems")
    void nestedSizes() {
        String accounts = IntStream.range(0, 17).mapToObj(i -> "ns/sa" + i).collect(Collectors.joining(", "));
        assertThat(review("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: ap}
                spec:
                  rules:
                  - from:
                    - source: {serviceAccounts: [%s]}
                """.formatted(accounts))).containsExactly(
                "<string>:7:16: AuthorizationPolicy default/ap: spec.rules[0].from[0].source.serviceAccounts: Too many: 17: must "
                        + "have at most 16 items",
                "<string>:1:1: AuthorizationPolicy default/ap: <nil>: " + ApiServerText.NOT_CHECKED);
        String ports = IntStream.range(0, 129).mapToObj(i -> "p" + i + ": " + (1000 + i)).collect(Collectors.joining(", "));
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: [a.example.com]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: STATIC
                  endpoints: [{address: 10.0.0.1, ports: {%s}}]
                """.formatted(ports))).containsExactly(
                "<string>:8:35: ServiceEntry default/se: spec.endpoints[0].ports: Too many: 129: must have at most 128 items",
                "<string>:1:1: ServiceEntry default/se: <nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    @DisplayName("a uint32 below 0 and a code outside 100-599, in a subset too: the API server's minimum and maximum")
    void rangesInTheApiServersWords() {
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: v}
                spec:
                  hosts: [a]
                  http:
                  - route:
                    - destination: {host: a, port: {number: -1}}
                """)).containsExactly(
                "<string>:8:37: VirtualService default/v: spec.http[0].route[0].destination.port.number: Invalid value: -1: "
                        + "spec.http[0].route[0].destination.port.number in body should be greater than or equal to 0");
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: d}
                spec:
                  host: a
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy: {outlierDetection: {outlierDetectionHttpErrorCodes: [600]}}
                """)).containsExactly(
                "<string>:9:73: DestinationRule default/d: spec.subsets[0].trafficPolicy.outlierDetection"
                        + ".outlierDetectionHttpErrorCodes[0]: Invalid value: 600: spec.subsets[0].trafficPolicy.outlierDetection"
                        + ".outlierDetectionHttpErrorCodes[0] in body should be less than or equal to 599");
    }

    @Test
    @DisplayName("strings: an empty issuer, a kind off its pattern, an address over 64 characters (blocking)")
    void stringsInTheApiServersWords() {
        assertThat(review("""
                apiVersion: security.istio.io/v1
                kind: RequestAuthentication
                metadata: {name: r}
                spec:
                  jwtRules:
                  - issuer: ""
                """)).containsExactly(
                "<string>:6:5: RequestAuthentication default/r: spec.jwtRules[0].issuer: Invalid value: \"\": "
                        + "spec.jwtRules[0].issuer in body should be at least 1 chars long");
        assertThat(review("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: ap}
                spec:
                  targetRefs: [{kind: "Bad Kind", group: gateway.networking.k8s.io, name: gw}]
                """)).containsExactly(
                "<string>:5:17: AuthorizationPolicy default/ap: spec.targetRefs[0].kind: Invalid value: \"Bad Kind\": "
                        + "spec.targetRefs[0].kind in body should match '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$'");
        String address = "a".repeat(65);
        assertThat(review("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: [a.example.com]
                  addresses: [%s]
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  resolution: NONE
                """.formatted(address))).containsExactly(
                "<string>:6:15: ServiceEntry default/se: spec.addresses[0]: Too long: may not be more than 64 bytes",
                "<string>:1:1: ServiceEntry default/se: <nil>: " + ApiServerText.NOT_CHECKED);
    }
}
