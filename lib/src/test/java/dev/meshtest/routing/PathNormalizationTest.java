package dev.meshtest.routing;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.routing.Routing.one;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Paths as Envoy sees them (docs/routing.md): every proxy's connection manager normalizes the
 * path before it matches routes and forwards it, per MeshConfig {@code pathNormalization}.
 */
class PathNormalizationTest {

    /** {@code /v1/hello} exactly to v2, everything else to v1. */
    private static Mesh exactToV2() {
        return MatchTest.withRules("- match: [{uri: {exact: /v1/hello}}]\n" + MatchTest.TO_V2 + "-" + MatchTest.TO_V1.substring(1));
    }

    private static Mesh withNormalization(String normalization) {
        return exactToV2().withMeshConfig("pathNormalization: {normalization: " + normalization + "}");
    }

    @Test
    @DisplayName("Istio's default: dot segments (also %2e) are resolved before the match, and the app receives the result")
    void defaultResolvesDotSegments() {
        Mesh mesh = exactToV2();
        TrafficResult r = mesh.send(3).from("nginx").pathAsIs().to("helloworld:5000/x/../v1/hello?a=../b");
        assertThat(Routing.where(r)).isEqualTo("v2");
        assertThat(r).receivedPath("/v1/hello?a=../b");
        assertThat(one(mesh, "helloworld:5000/v1/x/%2e%2E/hello")).isEqualTo("v2");
        assertThat(one(mesh, "helloworld:5000/v1/%68ello")).isEqualTo("v2");
        // Slashes are not merged by default.
        assertThat(one(mesh, "helloworld:5000/v1//hello")).isEqualTo("v1");
    }

    @Test
    @DisplayName("NONE: the path is matched and forwarded as sent (with --path-as-is: curl itself removes ../ otherwise)")
    void none() {
        Mesh mesh = withNormalization("NONE");
        TrafficResult r = mesh.send(1).from("nginx").pathAsIs().to("helloworld:5000/x/../v1/hello");
        assertThat(Routing.where(r)).isEqualTo("v1");
        assertThat(r).receivedPath("/x/../v1/hello");
        TrafficResult curl = mesh.send(1).from("nginx").to("helloworld:5000/x/../v1/hello");
        assertThat(Routing.where(curl)).isEqualTo("v2");
        assertThat(curl).receivedPath("/v1/hello");
        // curl decodes nothing: %2e%2e reaches the proxy, which under NONE leaves it.
        assertThat(one(mesh, "helloworld:5000/x/%2e%2e/v1/hello")).isEqualTo("v1");
    }

    @Test
    @DisplayName("the client as curl: dot segments removed from the path only, the fragment never sent")
    void clientAsCurl() {
        Mesh mesh = withNormalization("NONE");
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/a/./b/../../v1/hello?q=/../x#frag"))
                .receivedPath("/v1/hello?q=/../x");
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/../..")).receivedPath("/");
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/a/b/..")).receivedPath("/a/");
        assertThat(mesh.send(1).from("nginx").to("helloworld:5000/a/.b/c..")).receivedPath("/a/.b/c..");
    }

    @Test
    @DisplayName("MERGE_SLASHES and DECODE_AND_MERGE_SLASHES: runs of slashes merged; %2F decoded only by the latter")
    void mergeAndDecode() {
        assertThat(one(withNormalization("MERGE_SLASHES"), "helloworld:5000//v1///hello")).isEqualTo("v2");
        assertThat(one(withNormalization("MERGE_SLASHES"), "helloworld:5000/v1%2Fhello")).isEqualTo("v1");
        Mesh decode = withNormalization("DECODE_AND_MERGE_SLASHES");
        TrafficResult r = decode.send(1).from("nginx").to("helloworld:5000/v1%2Fhello");
        assertThat(Routing.where(r)).isEqualTo("v2");
        assertThat(r).receivedPath("/v1/hello");
    }

    @Test
    @DisplayName("a path holding an escaped NUL: the client's sidecar answers 400 without routing, and explain says why")
    void invalidPath() {
        Mesh mesh = exactToV2();
        assertThat(one(mesh, "helloworld:5000/v1/%00hello")).isEqualTo("400 -");
        assertThat(mesh.explain().from("nginx").to("helloworld:5000/v1/%00hello").steps())
                .anyMatch(s -> s.contains("sidecar of nginx: path /v1/%00hello cannot be normalized: 400 (path_normalization_failed)"));
    }

    @Test
    @DisplayName("a client without a sidecar: the server's sidecar normalizes what its app receives")
    void inboundSidecarNormalizes() {
        Mesh mesh = exactToV2().apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: plain}\n").withPod("curl", "plain");
        TrafficResult r = mesh.send(1).from("plain/curl").pathAsIs().to("helloworld.default:5000/a/./b/../hello");
        assertThat(r).receivedPath("/a/hello");
    }

    @Test
    @DisplayName("a misspelt normalization is refused with the values Istio accepts")
    void unknownNormalization() {
        assertThatThrownBy(() -> exactToV2().withMeshConfig("pathNormalization: {normalization: MERGE}"))
                .isInstanceOf(dev.meshtest.config.MeshConfigException.class)
                .hasMessageContaining("pathNormalization.normalization");
    }

    @Test
    @DisplayName("a gateway normalizes before it matches, too")
    void gateway() {
        Mesh mesh = Routing.helloworld().withGateway(Routing.GATEWAY_ALL_HOSTS).withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: in}
                spec:
                  hosts: ["*"]
                  gateways: [gw]
                  http:
                  - match: [{uri: {prefix: /api}}]
                    route: [{destination: {host: helloworld, subset: v2, port: {number: 5000}}}]
                """);
        assertThat(Routing.where(mesh.send(1).fromOutside().pathAsIs().to("http://1.2.3.4/static/../api/x")))
                .isEqualTo("v2");
        assertThat(Routing.where(mesh.send(1).fromOutside().pathAsIs().to("http://1.2.3.4/api/../static")))
                .isEqualTo("404 NR");
    }
}
