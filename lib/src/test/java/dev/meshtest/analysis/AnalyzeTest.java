package dev.meshtest.analysis;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code mesh.analyze()}: each analyzer meshtest runs, with a case that reports and one that does
 * not, and Istio's exact texts.
 */
class AnalyzeTest {

    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx");
    }

    /** The messages, as istioctl prints them. */
    private static List<String> lines(Mesh mesh) {
        return mesh.analyze().messages().stream().map(AnalysisMessage::toString).toList();
    }

    private static String vs(String name, String spec) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name + "}\nspec:\n" + spec.indent(2);
    }

    private static final String SUBSETS = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: helloworld}
            spec:
              host: helloworld
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v3, labels: {version: v3}}
            """;

    @Test
    @DisplayName("a clean mesh: nothing, as istioctl leaves the kube-* namespaces and what is in them (kube-dns) out")
    void clean() {
        Mesh mesh = helloworld();
        assertThat(mesh.analyze().messages()).isEmpty();
        assertThat(mesh.analyze().toString())
                .isEqualTo("\u2714 No validation issues found when analyzing all namespaces.");
        assertThat(mesh.analyze().hasErrors()).isFalse();
    }

    @Test
    @DisplayName("IST0101: destination and mirror hosts, host:port and host+subset not found, with file lines")
    void referencedResourceNotFound() {
        Mesh mesh = helloworld().apply(SUBSETS).apply(vs("reviews", """
                hosts: [helloworld]
                http:
                - route:
                  - destination: {host: ratings2}
                    weight: 50
                  - destination: {host: helloworld, subset: v9}
                    weight: 50
                  mirror: {host: mirror-me}
                - route:
                  - destination: {host: helloworld, port: {number: 9999}}
                """));
        assertThat(lines(mesh)).containsExactly(
                // istioctl orders the messages of one resource by their text: ":10" before ":8"
                "Error [IST0101] (VirtualService default/reviews <string>:10) Referenced host+subset in destinationrule not found: \"helloworld+v9\"",
                "Error [IST0101] (VirtualService default/reviews <string>:12) Referenced mirror host not found: \"mirror-me\"",
                "Error [IST0101] (VirtualService default/reviews <string>:14) Referenced host:port not found: \"helloworld:9999\"",
                "Error [IST0101] (VirtualService default/reviews <string>:8) Referenced host not found: \"ratings2\"",
                "Error [IST0173] (DestinationRule default/helloworld <string>:8) The Subset v3 defined in the DestinationRule does not "
                        + "select any pods. Which may lead to 503 UH (NoHealthyUpstream).",
                "Warning [IST0130] (VirtualService default/reviews <string>:1) VirtualService rule #1 not used (only the last "
                        + "rule can have no matches).");
        assertThat(mesh.analyze().hasErrors()).isTrue();
    }

    @Test
    @DisplayName("IST0101 host: as istioctl, a dotted short name (helloworld.default) is not found, though routing finds it")
    void dottedShortName() {
        Mesh mesh = helloworld().apply(vs("to-full", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: helloworld.default}}]\n"));
        assertThat(lines(mesh)).containsExactly(
                "Error [IST0101] (VirtualService default/to-full <string>:7) Referenced host not found: \"helloworld.default\"");
        Mesh fqdn = helloworld().apply(vs("to-fqdn",
                "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: helloworld.default.svc.cluster.local}}]\n"));
        assertThat(lines(fqdn)).isEmpty();
    }

    @Test
    @DisplayName("IST0101 gateway and IST0132: a missing gateway, and a gateway that does not serve the VirtualService's host")
    void gateways() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: web}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: ["*.example.com"]
                """).apply(vs("in", "hosts: [helloworld.example.com, other.test]\ngateways: [web]\nhttp:\n- route: [{destination: {host: helloworld}}]\n"))
                .apply(vs("out", "hosts: [helloworld.test]\ngateways: [web, missing]\nhttp:\n- route: [{destination: {host: helloworld}}]\n"));
        assertThat(lines(mesh)).containsExactly(
                "Error [IST0101] (VirtualService default/out <string>:6) Referenced gateway not found: \"missing\"",
                "Warning [IST0132] (VirtualService default/out <string>:6) one or more host [helloworld.test] defined in "
                        + "VirtualService default/out not found in Gateway default/missing.",
                "Warning [IST0132] (VirtualService default/out <string>:6) one or more host [helloworld.test] defined in "
                        + "VirtualService default/out not found in Gateway default/web.");
    }

    @Test
    @DisplayName("IST0109: two VirtualServices for one host on the mesh gateway; one exported only to its namespace does not conflict with a gateway-bound one")
    void conflictingMeshGatewayHosts() {
        Mesh mesh = helloworld().apply(vs("a", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: helloworld}}]\n"))
                .apply(vs("b", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: helloworld}}]\n"));
        String text = "The VirtualServices default/a,default/b associated with mesh gateway define the same host "
                + "*/helloworld.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the "
                + "conflicting VirtualServices into a single resource.";
        assertThat(lines(mesh)).containsExactly(
                "Error [IST0109] (VirtualService default/a <string>:3) " + text,
                "Error [IST0109] (VirtualService default/b <string>:3) " + text);
        Mesh fine = helloworld().apply(vs("a", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: helloworld}}]\n"))
                .apply(vs("b", "hosts: [helloworld]\ngateways: [istio-system/ingress]\nhttp:\n- route: [{destination: {host: helloworld}}]\n"));
        assertThat(lines(fine)).noneMatch(l -> l.contains("IST0109"));
    }

    @Test
    @DisplayName("IST0112: no destination port for a Service with several ports")
    void portSelectorRequired() {
        Mesh mesh = helloworld().apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: two-ports}
                spec:
                  selector: {app: helloworld}
                  ports: [{name: http, port: 80, targetPort: 80}, {name: http-alt, port: 8080, targetPort: 8080}]
                """).apply(vs("two", "hosts: [two-ports]\nhttp:\n- route: [{destination: {host: two-ports}}]\n"))
                .apply(vs("two-ok", "hosts: [two-ports.x]\nhttp:\n- route: [{destination: {host: two-ports, port: {number: 80}}}]\n"));
        assertThat(lines(mesh)).containsExactly("Error [IST0112] (VirtualService default/two <string>:7) This VirtualService routes "
                + "to a service \"two-ports\" that exposes multiple ports [80 8080]. Specifying a port in the destination is "
                + "required to disambiguate.");
    }

    @Test
    @DisplayName("IST0118: a port name that gives no protocol; http-, grpc and appProtocol do")
    void portName() {
        Mesh mesh = helloworld().apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: sniffed}
                spec:
                  selector: {app: helloworld}
                  ports:
                  - {name: web, port: 80, targetPort: 80}
                  - {name: http-web, port: 81, targetPort: 81}
                  - {name: api, port: 82, targetPort: 82, appProtocol: http}
                """);
        assertThat(lines(mesh)).containsExactly("Info [IST0118] (Service default/sniffed <string>:7) Port name web (port: 80, "
                + "targetPort: 80) doesn't follow the naming convention of Istio port.");
    }

    @Test
    @DisplayName("IST0102 for a namespace without injection label, none for a labelled one; IST0103 for a pod without its proxy")
    void injection() {
        Mesh mesh = helloworld().withNamespace("shop", false).withNamespace("store", true);
        assertThat(mesh.analyze().messages()).extracting(AnalysisMessage::toString)
                .contains("Info [IST0102] (Namespace shop) The namespace is not enabled for Istio injection. Run 'kubectl label "
                        + "namespace shop istio-injection=enabled' to enable it, or 'kubectl label namespace shop "
                        + "istio-injection=disabled' to explicitly mark it as not needing injection.")
                .noneMatch(l -> l.contains("Namespace store") || l.contains("Namespace default") || l.contains("istio-system"));
        Mesh late = helloworld().withNamespace("shop", false).withPod("client", "shop").apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {istio-injection: enabled}}
                """);
        assertThat(lines(late)).containsExactly("Warning [IST0103] (Pod shop/client) The pod shop/client is missing the Istio "
                + "proxy. This can often be resolved by restarting or redeploying the workload.");
    }

    @Test
    @DisplayName("IST0101 selector and IST0162: a Gateway that selects no pod, and a server port its pods' Service does not offer")
    void gatewaySelectorAndPorts() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: nowhere}
                spec:
                  selector: {istio: egressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: odd-port}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}
                  - {port: {number: 8080, name: http-target, protocol: HTTP}, hosts: ["*"]}
                  - {port: {number: 9000, name: http-odd, protocol: HTTP}, hosts: ["*"]}
                """);
        assertThat(lines(mesh)).containsExactly(
                "Error [IST0101] (Gateway default/nowhere <string>:5) Referenced selector not found: \"istio=egressgateway\"",
                "Warning [IST0162] (Gateway default/odd-port <string>:12) The gateway is listening on a target port (port 9000) "
                        + "that is not defined in the Service associated with its workload instances (Pod selector "
                        + "istio=ingressgateway). If you need to access the gateway port through the gateway Service, it will not "
                        + "be available.");
    }

    @Test
    @DisplayName("IST0130 and IST0131: a rule after a catch-all, a match repeated in a later rule")
    void unreachableRules() {
        Mesh mesh = helloworld().apply(vs("rules", """
                hosts: [helloworld]
                http:
                - match: [{uri: {prefix: /a}}]
                  route: [{destination: {host: helloworld}}]
                - match: [{uri: {prefix: /a}}, {uri: {prefix: /b}}]
                  route: [{destination: {host: helloworld}}]
                - route: [{destination: {host: helloworld}}]
                - route: [{destination: {host: helloworld}}]
                """));
        assertThat(lines(mesh)).containsExactly(
                "Warning [IST0130] (VirtualService default/rules <string>:1) VirtualService rule #3 not used (only the last "
                        + "rule can have no matches).",
                "Info [IST0131] (VirtualService default/rules <string>:1) VirtualService rule #1 match #0 is not used "
                        + "(duplicate/overlapping match in rule #0).");
        assertThat(lines(helloworld().apply(vs("fine", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: helloworld}}]\n"))))
                .isEmpty();
    }

    @Test
    @DisplayName("IST0133: the webhook's other warnings, here a deprecated field of a DestinationRule")
    void schemaWarning() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: old-style}
                spec:
                  host: helloworld
                  trafficPolicy: {outlierDetection: {consecutiveErrors: 5}}
                """);
        assertThat(lines(mesh)).singleElement().asString().startsWith("Warning [IST0133] (DestinationRule default/old-style "
                + "<string>:1) Schema validation warning: outlier detection consecutive errors is deprecated");
    }

    @Test
    @DisplayName("IST0116 and IST0137: Services of one Deployment using a port with two protocols, or a target port behind two ports")
    void serviceAssociation() {
        Mesh mesh = helloworld().apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: hello-udp}
                spec:
                  selector: {app: helloworld, version: v1}
                  ports: [{name: udp-dns, port: 5000, targetPort: 5000, protocol: UDP}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: hello-80}
                spec:
                  selector: {app: helloworld, version: v2}
                  ports: [{name: http, port: 80, targetPort: 5000}]
                """);
        assertThat(lines(mesh)).containsExactly(
                "Warning [IST0116] (Deployment default/helloworld-v1 classpath:experiments/helloworld.yaml:17) This deployment "
                        + "helloworld-v1 is associated with multiple services using port 5000 but different protocols: "
                        + "[default/hello-udp default/helloworld]",
                "Warning [IST0137] (Deployment default/helloworld-v2 classpath:experiments/helloworld.yaml:39) This deployment "
                        + "helloworld-v2 is associated with multiple services [default/hello-80 default/helloworld] using "
                        + "targetPort \"5000\" but different ports: [80 5000].");
    }

    @Test
    @DisplayName("IST0107, IST0108, IST0135: a pod annotation on a Deployment, an unknown istio.io annotation, a deprecated one")
    void annotations() {
        Mesh mesh = helloworld().apply("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: typo
                  annotations: {networking.istio.io/exportto: ".", networking.istio.io/exportTo: "."}
                spec:
                  selector: {app: helloworld}
                  ports: [{name: http, port: 80, targetPort: 80}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: annotated
                  annotations: {proxy.istio.io/config: "{}"}
                spec:
                  selector: {matchLabels: {app: annotated}}
                  template:
                    metadata:
                      labels: {app: annotated}
                      annotations: {sidecar.istio.io/inject: "true"}
                    spec:
                      containers: [{name: app, image: app}]
                """);
        assertThat(lines(mesh)).containsExactly(
                "Warning [IST0107] (Deployment default/annotated <string>:14) Misplaced annotation: proxy.istio.io/config can "
                        + "only be applied to Pod",
                "Warning [IST0108] (Service default/typo <string>:5) Unknown annotation: networking.istio.io/exportto",
                "Info [IST0135] (Pod default/annotated-4794f77f5b-hkm5g) Annotation \"sidecar.istio.io/inject\" has been deprecated in favor of the "
                        + "\"sidecar.istio.io/inject\" label and may not work in future Istio versions.");
    }

    @Test
    @DisplayName("IST0145: two Gateways for the ingress pods serving one host on one port; another host or port does not conflict")
    void conflictingGateways() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: a}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com, a.example.com]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: b}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - {port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com]}
                  - {port: {number: 8080, name: http-alt, protocol: HTTP}, hosts: [a.example.com]}
                """);
        assertThat(lines(mesh)).containsExactly(
                "Error [IST0145] (Gateway default/a <string>:1) Conflict with gateways default/b (workload selector "
                        + "istio=ingressgateway, port 80, hosts shop.example.com,a.example.com).",
                "Error [IST0145] (Gateway default/b <string>:8) Conflict with gateways default/a (workload selector "
                        + "istio=ingressgateway, port 80, hosts shop.example.com).");
    }

    @Test
    @DisplayName("IST0110, IST0111 and IST0101 for Sidecars: two select one pod, two have no selector, one selects no pod")
    void sidecarSelectors() {
        Mesh mesh = helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: b-hello}
                spec:
                  workloadSelector: {labels: {app: helloworld}}
                  egress: [{hosts: ["./*"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: a-v1}
                spec:
                  workloadSelector: {labels: {app: helloworld, version: v1}}
                  egress: [{hosts: ["./*"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: ns-one}
                spec:
                  egress: [{hosts: ["*/*"]}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: ns-two}
                spec:
                  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
                ---
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: nobody}
                spec:
                  workloadSelector:
                    labels: {app: ratings}
                  egress: [{hosts: ["./*"]}]
                """);
        assertThat(lines(mesh)).containsExactly(
                "Error [IST0101] (Sidecar default/nobody <string>:32) Referenced selector not found: \"app=ratings\"",
                "Error [IST0110] (Sidecar default/a-v1 <string>:10) The Sidecars [a-v1 b-hello] in namespace \"default\" "
                        + "select the same workload pod \"helloworld-v1-774744c8c8-x9mqc\", which can lead to undefined behavior.",
                "Error [IST0110] (Sidecar default/b-hello <string>:3) The Sidecars [a-v1 b-hello] in namespace \"default\" "
                        + "select the same workload pod \"helloworld-v1-774744c8c8-x9mqc\", which can lead to undefined behavior.",
                "Error [IST0111] (Sidecar default/ns-one <string>:15) The Sidecars [ns-one ns-two] in namespace \"default\" "
                        + "have no workload selector, which can lead to undefined behavior.",
                "Error [IST0111] (Sidecar default/ns-two <string>:21) The Sidecars [ns-one ns-two] in namespace \"default\" "
                        + "have no workload selector, which can lead to undefined behavior.");
    }

    @Test
    @DisplayName("IST0128 and IST0129: TLS SIMPLE or MUTUAL without caCertificates; with them, or DISABLE, nothing")
    void caCertificates() {
        // TLS origination is not simulated (strict refuses it); istioctl analyze reads it all the same.
        Mesh mesh = mesh().lenient().apply("classpath:experiments/helloworld.yaml").withPod("nginx").apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: tls}
                spec:
                  host: helloworld
                  trafficPolicy:
                    tls: {mode: SIMPLE}
                    portLevelSettings:
                    - {port: {number: 443}, tls: {mode: MUTUAL, clientCertificate: /c, privateKey: /k}}
                    - {port: {number: 8443}, tls: {mode: SIMPLE, caCertificates: /ca.pem}}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: plain}
                spec:
                  host: helloworld-v1
                  trafficPolicy: {tls: {mode: DISABLE}}
                """);
        assertThat(lines(mesh)).containsExactly(
                "Warning [IST0128] (DestinationRule default/tls <string>:1) DestinationRule default/tls in namespace default has "
                        + "TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: helloworld",
                "Warning [IST0129] (DestinationRule default/tls <string>:1) DestinationRule default/tls in namespace default has "
                        + "TLS mode set to MUTUAL but no caCertificates are set to validate server identity for host: helloworld "
                        + "at port number:443");
    }

    @Test
    @DisplayName("assertThat(mesh).hasNoAnalyzerErrors() lists the errors; hasAnalyzerMessage finds a code")
    void assertions() {
        Mesh mesh = helloworld().apply(vs("r", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: ratings2}}]\n"));
        dev.meshtest.assertj.MeshAssertions.assertThat(mesh).hasAnalyzerMessage("IST0101");
        dev.meshtest.assertj.MeshAssertions.assertThat(helloworld()).hasNoAnalyzerErrors();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.meshtest.assertj.MeshAssertions.assertThat(mesh).hasNoAnalyzerErrors())
                .hasMessage("\nExpecting istioctl analyze to report no errors\nbut it reported 1:\n  Error [IST0101] "
                        + "(VirtualService default/r <string>:7) Referenced host not found: \"ratings2\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.meshtest.assertj.MeshAssertions.assertThat(helloworld())
                .hasAnalyzerMessage("IST0109")).hasMessage("\nExpecting istioctl analyze to report IST0109\nbut it reported nothing.");
    }

    @Test
    @DisplayName("soft assertions collect analyzer failures with the traffic's")
    void soft() {
        Mesh mesh = helloworld().apply(vs("r", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: ratings2}}]\n"));
        dev.meshtest.assertj.MeshSoftAssertions softly = new dev.meshtest.assertj.MeshSoftAssertions();
        softly.assertThat(mesh).hasNoAnalyzerErrors();
        softly.assertThat(mesh).hasAnalyzerMessage("IST0109");
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    @Test
    @DisplayName("JSON and YAML as istioctl -o json and -o yaml print them")
    void formats() {
        Analysis a = helloworld().apply(vs("r", "hosts: [helloworld]\nhttp:\n- route: [{destination: {host: ratings2}}]\n"))
                .analyze().suppress("IST0102", "*");
        assertThat(a.toJson()).isEqualTo("""
                [
                \t{
                \t\t"code": "IST0101",
                \t\t"documentationUrl": "https://istio.io/latest/docs/reference/config/analysis/ist0101/",
                \t\t"level": "Error",
                \t\t"message": "Referenced host not found: \\"ratings2\\"",
                \t\t"origin": "VirtualService default/r",
                \t\t"reference": "\\u003cstring\\u003e:7"
                \t}
                ]""");
        assertThat(a.toYaml()).isEqualTo("""
                - code: IST0101
                  documentationUrl: https://istio.io/latest/docs/reference/config/analysis/ist0101/
                  level: Error
                  message: 'Referenced host not found: "ratings2"'
                  origin: VirtualService default/r
                  reference: '<string>:7'
                """);
    }

    @Test
    @DisplayName("IST0127 for an AuthorizationPolicy that selects no workload, IST0101 for a namespace that does not exist")
    void authorizationPolicies() {
        Mesh mesh = helloworld().apply("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: nobody}
                spec:
                  selector: {matchLabels: {app: ratings}}
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: hello}
                spec:
                  selector: {matchLabels: {app: helloworld}}
                  rules:
                  - from: [{source: {namespaces: [default, "istio-*", prod]}}]
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: empty}
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: deny-all, namespace: empty}
                spec: {}
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: gateways, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: ingressgateway}}
                """);
        assertThat(lines(mesh)).filteredOn(l -> l.contains("AuthorizationPolicy")).containsExactly(
                "Error [IST0101] (AuthorizationPolicy default/hello <string>:13) Referenced namespace not found: \"prod\"",
                "Warning [IST0127] (AuthorizationPolicy empty/deny-all <string>:19) No matching workloads for this resource "
                        + "with the following labels: ",
                "Warning [IST0127] (AuthorizationPolicy default/nobody <string>:5) No matching workloads for this resource "
                        + "with the following labels: app=ratings");
    }
}
