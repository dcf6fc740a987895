package dev.meshtest.strict;

import static dev.meshtest.Mesh.mesh;
import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.internal.validate.NotSimulated;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strict by default: what changes traffic on a cluster and is not simulated is refused, in words
 * that say what the cluster would do; lenient simulates without it and says so with every result.
 */
class StrictModeTest {

    private static final String LUA = """
            apiVersion: networking.istio.io/v1alpha3
            kind: EnvoyFilter
            metadata: {name: lua}
            spec:
              configPatches: []
            """;

    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx");
    }

    @Test
    @DisplayName("an EnvoyFilter is refused: it can change any routing decision on a cluster, and nothing is applied")
    void envoyFilterIsRefused() {
        Mesh mesh = helloworld();
        assertThatThrownBy(() -> mesh.apply(LUA + "---\n" + """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                """)).isInstanceOf(MeshConfigException.class)
                .hasMessage("<string>:1:1: EnvoyFilter default/lua: meshtest does not simulate EnvoyFilter yet: "
                        + "on a cluster it patches the Envoy configuration Istio generates, which can change any routing "
                        + "decision; a test here could pass where the cluster fails. To go on, remove it from what the test "
                        + "applies, or call mesh().lenient() (@MeshTest(lenient = true)) to simulate without it and have every "
                        + "result say so");
        assertThat(mesh.notes()).isEmpty();
    }

    @Test
    @DisplayName("lenient: the policy is applied and ignored, and every result and assertion failure says so")
    void lenientNotesTheGap() {
        Mesh mesh = helloworld().lenient().apply(LUA);
        String note = "lenient: EnvoyFilter default/lua (<string>:1:1), EnvoyFilter, is not simulated; "
                + "on a cluster " + NotSimulated.KINDS.get("EnvoyFilter");
        assertThat(mesh.notes()).containsExactly(note);
        TrafficResult r = mesh.send(10).from("nginx").to("helloworld:5000/hello");
        assertThat(r.notes()).containsExactly(note);
        assertThat(r.toString()).endsWith(note + "\n");
        assertThat(r.between(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1)).notes()).containsExactly(note);
        assertThatThrownBy(() -> assertThat(r).never("helloworld-v1")).hasMessageEndingWith("\n" + note);
    }

    @Test
    @DisplayName("outlierDetectionHttpErrorCodes is refused at the field, top level, port level or in a subset")
    void outlierErrorCodes() {
        String dr = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: codes}
                spec:
                  host: helloworld
                  trafficPolicy:
                    portLevelSettings:
                    - port: {number: 5000}
                      outlierDetection: {consecutive5xxErrors: 1, outlierDetectionHttpErrorCodes: [500]}
                """;
        assertThatThrownBy(() -> helloworld().apply(dr)).hasMessageContaining("DestinationRule default/codes: "
                + "spec.trafficPolicy.portLevelSettings[0].outlierDetection.outlierDetectionHttpErrorCodes: meshtest does not "
                + "simulate outlierDetectionHttpErrorCodes yet: on a cluster the proxies then match each response against those "
                + "status codes");
        assertThat(helloworld().lenient().apply(dr).notes()).singleElement().asString().contains("outlierDetectionHttpErrorCodes");
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: codes}
                spec:
                  host: helloworld
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy: {outlierDetection: {outlierDetectionHttpErrorCodes: [502, 503]}}
                """)).hasMessageContaining("spec.subsets[0].trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes");
    }

    @Test
    @DisplayName("a DestinationRule's proxyProtocol and tunnel are refused at the field, also in a subset")
    void proxyProtocolAndTunnel() {
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: pp}
                spec:
                  host: helloworld
                  trafficPolicy: {proxyProtocol: {version: V1}}
                """)).hasMessageContaining("DestinationRule default/pp: spec.trafficPolicy.proxyProtocol: meshtest does not "
                + "simulate a DestinationRule's proxyProtocol yet: on a cluster the proxies send a PROXY protocol header first");
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: tunnel}
                spec:
                  host: helloworld
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy: {tunnel: {protocol: CONNECT, targetHost: example.com, targetPort: 443}}
                """)).hasMessageContaining("spec.subsets[0].trafficPolicy.tunnel: meshtest does not simulate a DestinationRule's "
                + "tunnel yet");
    }

    @Test
    @DisplayName("A DestinationRule's TLS origination from files in the proxy's pod is refused at the field with what a "
            + "cluster does with it; a Sidecar and a PeerAuthentication are simulated, a Sidecar's captureMode NONE refused at the field")
    void otherKinds() {
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: tls}
                spec:
                  host: helloworld
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy: {tls: {mode: SIMPLE, caCertificates: /etc/certs/ca.pem}}
                """)).hasMessageContaining("<string>:9:41: DestinationRule default/tls: spec.subsets[0].trafficPolicy.tls."
                + "caCertificates: meshtest does not simulate TLS origination with caCertificates from a file (/etc/certs/ca.pem) "
                + "yet: on a cluster the proxy originates TLS with certificates from files mounted in its pod");
        assertThat(helloworld().apply("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: istio-system}
                spec: {mtls: {mode: STRICT}}
                """).notes()).isEmpty();
        assertThat(helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default}
                spec: {egress: [{hosts: ["./*"]}]}
                """).notes()).isEmpty();
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default}
                spec:
                  egress:
                  - port: {number: 9080, protocol: HTTP, name: http}
                    bind: 127.0.0.1
                    captureMode: NONE
                    hosts: ["./*"]
                """)).hasMessageContaining("<string>:8:5: Sidecar default/default: spec.egress[0].captureMode: meshtest does not "
                + "simulate a Sidecar egress listener with captureMode: NONE yet: on a cluster the listener is an address the "
                + "application connects to itself");
    }

    @Test
    @DisplayName("lenient: a Sidecar's egressProxy is noted with where it is and what a cluster does")
    void lenientSidecar() {
        Mesh mesh = helloworld().lenient().apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default}
                spec:
                  outboundTrafficPolicy:
                    mode: ALLOW_ANY
                    egressProxy: {host: egress.istio-system.svc.cluster.local, port: {number: 80}}
                """);
        assertThat(mesh.notes()).containsExactly(
                "lenient: Sidecar default/default spec.outboundTrafficPolicy.egressProxy (<string>:7:5), a Sidecar's egressProxy, "
                        + "is not simulated; on a cluster requests to hosts the sidecar does not know go to the egress proxy "
                        + "instead of their own destination");
        assertThat(mesh.send(3).from("nginx").to("helloworld:5000/hello").notes()).hasSize(1);
    }

    @Test
    @DisplayName("Service fields that change endpoints are refused by value: publishNotReadyAddresses true, internalTrafficPolicy Local; the defaults are fine")
    void serviceFields() {
        String svc = """
                apiVersion: v1
                kind: Service
                metadata: {name: hello-local}
                spec:
                  selector: {app: helloworld}
                  ports: [{name: http, port: 5000}]
                """;
        assertThatThrownBy(() -> helloworld().apply(svc + "  internalTrafficPolicy: Local\n  publishNotReadyAddresses: true\n"))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("<string>:8:3: Service default/hello-local: spec.publishNotReadyAddresses: meshtest does not "
                        + "simulate publishNotReadyAddresses yet: on a cluster pods that are not ready are endpoints too and get traffic")
                .hasMessageContaining("<string>:7:3: Service default/hello-local: spec.internalTrafficPolicy: meshtest does not "
                        + "simulate internalTrafficPolicy: Local yet: on a cluster a client only reaches endpoints on its own node");
        Mesh exported = helloworld().apply(svc + "  internalTrafficPolicy: Cluster\n  publishNotReadyAddresses: false\n");
        assertThat(exported.notes()).isEmpty();
        assertThatThrownBy(() -> helloworld().apply(svc.replace("metadata: {name: hello-local}",
                "metadata: {name: hello-local, annotations: {networking.istio.io/traffic-distribution: PreferClose}}")))
                .hasMessageContaining("Service default/hello-local: metadata.annotations: meshtest does not simulate the "
                        + "networking.istio.io/traffic-distribution annotation yet: on a cluster proxies prefer endpoints in the "
                        + "client's zone");
    }

    @Test
    @DisplayName("annotations that take traffic out of the sidecar's capture are refused in a Pod and any workload's "
            + "template; their defaults are fine")
    void captureAnnotations() {
        String statefulSet = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata:
                      labels: {app: db}
                      annotations: {ANNOTATIONS}
                    spec:
                      containers: [{name: db, image: db}]
                """;
        assertThatThrownBy(() -> helloworld().apply(statefulSet.replace("ANNOTATIONS",
                "traffic.sidecar.istio.io/excludeOutboundIPRanges: 10.96.0.0/12")))
                .hasMessageContaining("StatefulSet default/db: spec.template.metadata.annotations.traffic.sidecar.istio.io/"
                        + "excludeOutboundIPRanges: meshtest does not simulate the traffic.sidecar.istio.io/excludeOutboundIPRanges "
                        + "annotation yet: on a cluster the sidecar's iptables rules then leave some of the pod's traffic");
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: raw, annotations: {traffic.sidecar.istio.io/includeInboundPorts: "",                 sidecar.istio.io/interceptionMode: TPROXY}}
                spec: {containers: [{name: app, image: app}]}
                """))
                .hasMessageContaining("Pod default/raw: metadata.annotations.sidecar.istio.io/interceptionMode: meshtest does "
                        + "not simulate the sidecar.istio.io/interceptionMode annotation yet")
                .hasMessageContaining("Pod default/raw: metadata.annotations.traffic.sidecar.istio.io/includeInboundPorts: "
                        + "meshtest does not simulate");
        assertThat(helloworld().apply(statefulSet.replace("ANNOTATIONS", "traffic.sidecar.istio.io/includeOutboundIPRanges: "
                + "\"*\", traffic.sidecar.istio.io/excludeOutboundPorts: \"\", sidecar.istio.io/interceptionMode: REDIRECT")).notes())
                .isEmpty();
        assertThat(helloworld().lenient().apply(statefulSet.replace("ANNOTATIONS",
                "traffic.sidecar.istio.io/excludeInboundPorts: \"8080\"")).notes()).hasSize(1);
    }

    @Test
    @DisplayName("a gateway asking for the PROXY protocol in proxy.istio.io/config is refused; numTrustedProxies alone is fine")
    void proxyProtocolAnnotation() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: edge, namespace: istio-system}
                spec:
                  selector: {matchLabels: {istio: edge}}
                  template:
                    metadata:
                      labels: {istio: edge}
                      annotations: {proxy.istio.io/config: 'CONFIG'}
                    spec:
                      containers: [{name: istio-proxy, image: auto}]
                """;
        assertThatThrownBy(() -> helloworld().apply(deployment.replace("CONFIG", "{gatewayTopology: {proxyProtocol: {}}}")))
                .hasMessageContaining("<string>:9:21: Deployment istio-system/edge: spec.template.metadata.annotations.proxy.istio.io/config: meshtest "
                        + "does not simulate gatewayTopology.proxyProtocol in proxy.istio.io/config yet: on a cluster the gateway "
                        + "then expects a PROXY protocol header on every connection");
        assertThat(helloworld().apply(deployment.replace("CONFIG", "{gatewayTopology: {numTrustedProxies: 2}}")).notes()).isEmpty();
        assertThatThrownBy(() -> helloworld().apply(deployment.replace("CONFIG", "{proxyHeaders: {server: {disabled: true}}}")))
                .hasMessageContaining("meshtest does not simulate proxyHeaders in proxy.istio.io/config yet: on a cluster it "
                        + "changes the headers the pod's proxy adds");
    }

    @Test
    @DisplayName("a pod's dnsPolicy None or Default and any dnsConfig are refused, in a Pod or a Deployment's template; ClusterFirst is fine")
    void podDns() {
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: resolver}
                spec:
                  dnsPolicy: Default
                  containers: [{name: app, image: app}]
                """)).hasMessageContaining("<string>:5:3: Pod default/resolver: spec.dnsPolicy: meshtest does not simulate "
                + "dnsPolicy: Default yet: on a cluster the pod resolves names with the node's resolver (Default)");
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ndots}
                spec:
                  selector: {matchLabels: {app: ndots}}
                  template:
                    metadata: {labels: {app: ndots}}
                    spec:
                      dnsConfig: {options: [{name: ndots, value: "1"}]}
                      containers: [{name: app, image: app}]
                """)).hasMessageContaining("<string>:9:7: Deployment default/ndots: spec.template.spec.dnsConfig: meshtest does "
                + "not simulate dnsConfig yet: on a cluster its name servers, search domains and options (ndots) change how");
        assertThatThrownBy(() -> helloworld().apply("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      dnsPolicy: Default
                      containers: [{name: app, image: app}]
                """)).hasMessageContaining("DaemonSet default/agent: spec.template.spec.dnsPolicy: meshtest does not simulate "
                + "dnsPolicy: Default yet");
        assertThat(helloworld().apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: plain}
                spec:
                  dnsPolicy: ClusterFirst
                  containers: [{name: app, image: app}]
                """).notes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"connectTimeout: 1s",
            "localityLbSetting: {enabled: true}", "h2UpgradePolicy: UPGRADE",
            "discoverySelectors: [{matchLabels: {env: prod}}]", "defaultTrafficPolicy: {}",
            "defaultConfig: {proxyHeaders: {server: {disabled: true}}}",
            "defaultConfig: {gatewayTopology: {proxyProtocol: {}}}"})
    @DisplayName("each MeshConfig field that changes traffic is refused by name; lenient notes it")
    void meshConfigFields(String yaml) {
        String field = yaml.startsWith("defaultConfig: {proxyHeaders") ? "defaultConfig.proxyHeaders"
                : yaml.startsWith("defaultConfig") ? "defaultConfig.gatewayTopology.proxyProtocol" : yaml.substring(0, yaml.indexOf(':'));
        assertThatThrownBy(() -> helloworld().withMeshConfig(yaml)).isInstanceOf(MeshConfigException.class)
                .hasMessage("<meshConfig>: " + field + ": meshtest does not simulate MeshConfig " + field + " yet: on a cluster "
                        + NotSimulated.MESH_CONFIG_FIELDS.get(field) + "; a test here could pass where the cluster fails. "
                        + "To go on, remove it from what the test applies, or call mesh().lenient() (@MeshTest(lenient = true)) "
                        + "to simulate without it and have every result say so");
        assertThat(helloworld().lenient().withMeshConfig(yaml).notes())
                .containsExactly("lenient: MeshConfig " + field + " is not simulated; on a cluster "
                        + NotSimulated.MESH_CONFIG_FIELDS.get(field));
    }

    @Test
    @DisplayName("what does not change traffic is accepted quietly: ConfigMap, Telemetry, access logs, tracing")
    void quiet() {
        Mesh mesh = helloworld().apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                ---
                apiVersion: telemetry.istio.io/v1
                kind: Telemetry
                metadata: {name: mesh-default, namespace: istio-system}
                spec: {accessLogging: [{providers: [{name: envoy}]}]}
                """).withMeshConfig("{accessLogFile: /dev/stdout, enableTracing: true, defaultConfig: {holdApplicationUntilProxyStarts: true}}");
        assertThat(mesh.notes()).isEmpty();
        assertThat(mesh.send(10).from("nginx").to("helloworld:5000/hello")).allSucceeded();
    }
}
