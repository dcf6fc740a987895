package dev.meshtest.internal.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.gateway.FromNamespaces;
import dev.meshtest.config.gateway.GatewayApiKinds;
import dev.meshtest.config.gateway.Gateway;
import dev.meshtest.config.gateway.HttpRoute;
import dev.meshtest.config.gateway.HttpRouteSpec;
import dev.meshtest.config.gateway.HttpRouteFilterType;
import dev.meshtest.config.gateway.PathMatchType;
import dev.meshtest.config.gateway.ReferenceGrant;
import dev.meshtest.internal.yaml.Kinds;
import dev.meshtest.internal.yaml.ManifestReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gateway API manifests bind to the records strictly, and the standard reader still refuses them. */
class GatewayApiManifestsTest {

    @Test
    void bindsAGatewayAndAnHttpRouteFieldForField() {
        List<Manifest> docs = GatewayApiManifests.read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: istio-ingress}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - name: https
                    hostname: "*.example.com"
                    port: 443
                    protocol: HTTPS
                    tls:
                      certificateRefs: [{name: cert}]
                    allowedRoutes:
                      namespaces: {from: Selector, selector: {matchLabels: {shared: "true"}}}
                  tls:
                    frontend:
                      default:
                        validation:
                          caCertificateRefs: [{group: "", kind: ConfigMap, name: ca}]
                ---
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{name: gw, namespace: istio-ingress, sectionName: https}]
                  hostnames: [a.example.com]
                  rules:
                  - matches: [{path: {type: Exact, value: /x}, method: GET}]
                    filters:
                    - type: URLRewrite
                      urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /y}}
                    backendRefs: [{name: svc, port: 80, weight: 3}]
                    timeouts: {request: 10s, backendRequest: 500ms}
                status:
                  parents: []
                ---
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: g, namespace: backend}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
                  to: [{group: "", kind: Service}]
                """, "gw.yaml");

        Gateway gw = (Gateway) docs.get(0).resource();
        assertThat(gw.spec().listeners().get(0).hostname()).isEqualTo("*.example.com");
        assertThat(gw.spec().listeners().get(0).allowedRoutes().namespaces().from()).isEqualTo(FromNamespaces.Selector);
        assertThat(gw.spec().listeners().get(0).allowedRoutes().namespaces().selector().matchLabels())
                .containsEntry("shared", "true");
        assertThat(gw.spec().tls().frontend().defaultConfig().validation().caCertificateRefs().get(0).name()).isEqualTo("ca");
        assertThat(docs.get(0).origin().locate("spec.tls.frontend.default.validation")).isEqualTo("gw.yaml:18:9");

        HttpRoute route = (HttpRoute) docs.get(1).resource();
        assertThat(route.apiVersion()).isEqualTo("gateway.networking.k8s.io/v1beta1");
        var rule = route.spec().rules().get(0);
        assertThat(rule.matches().get(0).path().type()).isEqualTo(PathMatchType.Exact);
        assertThat(rule.filters().get(0).type()).isEqualTo(HttpRouteFilterType.URLRewrite);
        assertThat(rule.backendRefs().get(0).weight()).isEqualTo(3);
        assertThat(rule.timeouts().request()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rule.timeouts().backendRequest()).isEqualTo(Duration.ofMillis(500));

        assertThat(((ReferenceGrant) docs.get(2).resource()).spec().to().get(0).name()).isNull();
    }

    @Test
    void unknownFieldsWrongEnumValuesAndMissingRequiredFieldsAreLocatedErrors() {
        assertThatThrownBy(() -> GatewayApiManifests.read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  rules:
                  - matches: [{path: {type: Prefix, value: /x}}]
                    retry: {attempts: 2}
                    backendRefs: [{port: 80}]
                """, "r.yaml"))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("r.yaml:6:")
                .hasMessageContaining("spec.rules[0].matches[0].path.type")
                .hasMessageContaining("Prefix")
                .hasMessageContaining("spec.rules[0].retry")
                .hasMessageContaining("spec.rules[0].backendRefs[0].name");
    }

    @Test
    void theStandardReaderReadsEveryKindAtEveryVersionItIsServedUnder() {
        GatewayApiKinds.KINDS.keySet().forEach(kind -> GatewayApiKinds.apiVersions(kind).forEach(apiVersion ->
                assertThat(Kinds.standard().resolve(apiVersion, kind)).as(apiVersion + " " + kind)
                        .isEqualTo(new Kinds.Simulated(GatewayApiKinds.KINDS.get(kind)))));
    }

    @Test
    void recordsBuiltInCodeAreCheckedAsReadOnesAre() {
        HttpRoute route = new HttpRoute("gateway.networking.k8s.io/v1", "HTTPRoute", ObjectMeta.of("reviews", null),
                new HttpRouteSpec(null, null, null));
        assertThat(Mesh.emptyCluster().apply(route).lastApply().changes()).extracting(Object::toString)
                .containsExactly("httproute.gateway.networking.k8s.io/reviews created");
        // under a wrong apiVersion, refused rather than stored and ignored
        HttpRoute misnamed = new HttpRoute("example.com/v1", "HTTPRoute", ObjectMeta.of("reviews", null),
                new HttpRouteSpec(null, null, null));
        assertThatThrownBy(() -> Mesh.emptyCluster().apply(misnamed))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("HTTPRoute default/reviews")
                .hasMessageContaining("no matches for kind \"HTTPRoute\" in version \"example.com/v1\"");
        // Istio's Gateway record under the Gateway API's apiVersion would be stored as one and routed as the other
        var istioGateway = new dev.meshtest.config.istio.Gateway("gateway.networking.k8s.io/v1", "Gateway",
                ObjectMeta.of("web", null), null);
        assertThatThrownBy(() -> Mesh.emptyCluster().apply(istioGateway))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("a dev.meshtest.config.istio.Gateway may not be applied as gateway.networking.k8s.io/v1 Gateway, "
                        + "which is read as a dev.meshtest.config.gateway.Gateway");
    }

    @Test
    void experimentalChannelFieldsAreUnknownWithTheReason() {
        assertThatThrownBy(() -> GatewayApiManifests.read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  rules:
                  - retry: {attempts: 3}
                    backendRefs: [{name: svc, port: 80}]
                """, "route.yaml"))
                .isInstanceOf(MeshConfigException.class)
                .hasMessage("route.yaml:6:5: HTTPRoute default/r: spec.rules[0].retry: unknown field (a field of the Gateway "
                        + "API's experimental channel: meshtest reads the standard channel of v1.6, as a cluster with its CRDs does)");
        assertThatThrownBy(() -> GatewayApiManifests.read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  retyr: {}
                """, "route.yaml"))
                .hasMessage("route.yaml:5:3: HTTPRoute default/r: spec.retyr: unknown field");
    }
}
