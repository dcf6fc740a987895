package dev.meshtest.gatewayapi;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.meshtest.Mesh;
import dev.meshtest.assertj.MeshSoftAssertions;
import dev.meshtest.status.Condition;
import dev.meshtest.status.GatewayApiStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The status istiod writes on Gateway API objects, readable from the mesh and assertable. */
class GatewayApiStatusTest {

    /** A Gateway and three routes: one fine, one to a Service that does not exist, one from a namespace the listener refuses. */
    private static Mesh mesh() {
        return WebGateway.withWebGateway("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: other}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: missing}
                spec:
                  parentRefs: [{name: web}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /missing}}]
                    backendRefs: [{name: nosuch, port: 5000}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: elsewhere, namespace: other}
                spec:
                  parentRefs: [{name: web, namespace: default}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /elsewhere}}]
                    backendRefs: [{name: helloworld, port: 5000, namespace: default}]
                """);
    }

    private static String where(Mesh mesh, String path) {
        return WebGateway.where(mesh, "http://web-istio" + path);
    }

    @Test
    @DisplayName("the status reads like kubectl get, one line per object, parent and listener")
    void printsLikeKubectlGet() {
        assertThat(mesh().gatewayApiStatus()).hasToString("""
                KIND          NAME             PARENT / LISTENER    CONDITIONS
                GatewayClass  istio                                 Accepted
                Gateway       default/web                           Accepted Programmed ResolvedRefs
                                               http (2 routes)      Accepted Conflicted=False(NoConflicts) Programmed ResolvedRefs
                HTTPRoute     default/hello    Gateway web          Accepted ResolvedRefs
                HTTPRoute     default/missing  Gateway web          Accepted ResolvedRefs=False(BackendNotFound)
                HTTPRoute     other/elsewhere  Gateway default/web  Accepted=False(NotAllowedByListeners) ResolvedRefs=False(RefNotPermitted)
                """);
    }

    @Test
    @DisplayName("an accepted route routes; a missing backend answers 500; a route the listener refuses does not route")
    void conditionsAndTrafficAgree() {
        Mesh mesh = mesh();
        GatewayApiStatus status = mesh.gatewayApiStatus();

        assertThat(status.gateway("web")).isAccepted().isProgrammed().hasAttachedRoutes("http", 2)
                .hasListenerCondition("http", "Conflicted", Condition.Status.FALSE, "NoConflicts");
        assertThat(status.httpRoute("hello")).isAccepted().hasResolvedRefs();
        assertThat(where(mesh, "/hello")).isEqualTo("200 helloworld-v2");

        assertThat(status.httpRoute("missing")).isAccepted().hasUnresolvedRefs("BackendNotFound");
        assertThat(status.httpRoute("missing").parents().get(0).condition("ResolvedRefs").orElseThrow().message())
                .isEqualTo("backend(nosuch.default.svc.cluster.local) not found");
        assertThat(where(mesh, "/missing")).isEqualTo("500 NC");

        assertThat(status.httpRoute("other/elsewhere")).parent("web").isNotAccepted("NotAllowedByListeners")
                .hasUnresolvedRefs("RefNotPermitted");
        assertThat(where(mesh, "/elsewhere")).isEqualTo("404 NR");
        assertThat(status.gatewayClass("istio")).extracting(Condition::toString)
                .containsExactly("Accepted=True (Accepted): Handled by Istio controller");
    }

    @Test
    @DisplayName("a failed status assertion says what was expected, what the condition is, and the whole status")
    void failureMessagesShowTheStatus() {
        GatewayApiStatus status = mesh().gatewayApiStatus();

        assertThatThrownBy(() -> assertThat(status.httpRoute("missing")).hasResolvedRefs()).hasMessage("""
                
                Expecting HTTPRoute default/missing to be ResolvedRefs=True for Gateway web
                but it is ResolvedRefs=False (BackendNotFound): backend(nosuch.default.svc.cluster.local) not found
                its status:
                  parent Gateway web:
                    Accepted=True (Accepted): Route was valid
                    ResolvedRefs=False (BackendNotFound): backend(nosuch.default.svc.cluster.local) not found""");
        assertThatThrownBy(() -> assertThat(status.gateway("web")).hasAttachedRoutes("http", 3))
                .hasMessageStartingWith("\nExpecting listener http of Gateway.gateway.networking.k8s.io default/web to have 3 "
                        + "attached route(s)\nbut it has 2\n");
        assertThatThrownBy(() -> assertThat(status.httpRoute("hello")).parent("nosuch"))
                .hasMessageContaining("to have a status for parent nosuch");
    }

    @Test
    @DisplayName("soft assertions collect status failures, narrowed to a parent too")
    void softAssertionsCollect() {
        GatewayApiStatus status = mesh().gatewayApiStatus();
        MeshSoftAssertions softly = new MeshSoftAssertions();
        softly.assertThat(status.httpRoute("missing")).hasResolvedRefs();
        softly.assertThat(status.httpRoute("other/elsewhere")).parent("web").isAccepted();
        softly.assertThat(status.gateway("web")).isNotProgrammed("Invalid");

        assertThat(softly.assertionErrorsCollected()).hasSize(3);
    }

    @Test
    @DisplayName("asking for an object Istio wrote no status on names those it did")
    void unknownObjectsAreNamed() {
        GatewayApiStatus status = mesh().gatewayApiStatus();

        assertThatThrownBy(() -> status.httpRoute("helo")).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "no status for HTTPRoute default/helo: it does not exist, or Istio handles none of its parents; "
                        + "HTTPRoutes with a status: default/hello, default/missing, other/elsewhere");
        assertThatThrownBy(() -> status.gateway("other/web")).hasMessage("no status for Gateway other/web: it does not "
                + "exist, or Istio handles none of its class; Gateways with a status: default/web");
        assertThatCode(() -> status.route("HTTPRoute", "default/hello")).doesNotThrowAnyException();
        assertThat(status.routes()).extracting(r -> r.route().toString())
                .containsExactly("HTTPRoute default/hello", "HTTPRoute default/missing", "HTTPRoute other/elsewhere");
    }

    @Test
    @DisplayName("a mesh without Gateway API objects has the built-in class istio and nothing else")
    void emptyWithoutGatewayApiObjects() {
        GatewayApiStatus status = Mesh.mesh().gatewayApiStatus();

        assertThat(status.gateways()).isEmpty();
        assertThat(status.routes()).isEmpty();
        assertThat(status.gatewayClasses()).containsOnlyKeys("istio");
        assertThat(List.of(status.toString().split("\n"))).hasSize(2);
    }
}
