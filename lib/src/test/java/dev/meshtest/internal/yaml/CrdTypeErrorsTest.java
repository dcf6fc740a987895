package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.internal.gatewayapi.GatewayApiManifests;
import dev.meshtest.internal.text.ApiServerText;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Wrong types, required fields and values not supported in the fields of Istio's and the Gateway
 * API's kinds: in the API server's words (kube-openapi's {@code InvalidType} as apiextensions
 * reports it, {@code field.TypeInvalid}), each a blocking failure that ends the object's problems
 * with {@link ApiServerText#NOT_CHECKED} when the CRD has CEL rules. Built-in kinds and every
 * kind's {@code metadata} keep meshtest's words.
 */
class CrdTypeErrorsTest {

    private static final String VS = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\nspec:\n";
    private static final String NOT_CHECKED = "<nil>: " + ApiServerText.NOT_CHECKED;

    private static List<String> problems(String yaml) {
        MeshConfigException e = catchThrowableOfType(MeshConfigException.class, () -> ManifestReader.read(yaml, "vs.yaml"));
        assertThat(e).as("expected a MeshConfigException").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static List<String> gatewayApiProblems(String yaml) {
        MeshConfigException e = catchThrowableOfType(MeshConfigException.class, () -> GatewayApiManifests.read(yaml, "gw.yaml"));
        assertThat(e).as("expected a MeshConfigException").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    @DisplayName("each OpenAPI type by its name: integer, number, string, object, array; the hint after \"; \"")
    void everyTypeName() {
        assertThat(problems(VS + """
                  hosts: [1, ~]
                  http:
                  - timeout: 10
                    route:
                    - destination: {host: a}
                      weight: "25"
                    - destination: x
                    fault: {abort: {httpStatus: 500, percentage: {value: "x"}}}
                """)).containsExactly(
                "vs.yaml:5:11: VirtualService default/vs: spec.hosts[0]: Invalid value: \"integer\": spec.hosts[0] in body"
                        + " must be of type string: \"integer\"; quote it: \"1\"",
                "vs.yaml:5:14: VirtualService default/vs: spec.hosts[1]: Invalid value: \"null\": spec.hosts[1] in body"
                        + " must be of type string: \"null\"; write \"\" for an empty string",
                "vs.yaml:7:14: VirtualService default/vs: spec.http[0].timeout: Invalid value: \"integer\":"
                        + " spec.http[0].timeout in body must be of type string: \"integer\"; a duration needs a unit:"
                        + " write 10s, 10ms, 10m or 10h",
                "vs.yaml:10:15: VirtualService default/vs: spec.http[0].route[0].weight: Invalid value: \"string\":"
                        + " spec.http[0].route[0].weight in body must be of type integer: \"string\"; remove the quotes",
                "vs.yaml:11:20: VirtualService default/vs: spec.http[0].route[1].destination: Invalid value: \"string\":"
                        + " spec.http[0].route[1].destination in body must be of type object: \"string\"",
                "vs.yaml:12:58: VirtualService default/vs: spec.http[0].fault.abort.percentage.value: Invalid value:"
                        + " \"string\": spec.http[0].fault.abort.percentage.value in body must be of type number: \"string\"",
                "vs.yaml:1:1: VirtualService default/vs: " + NOT_CHECKED);
        assertThat(problems(VS + "  hosts: a.example.com\n")).containsExactly(
                "vs.yaml:5:10: VirtualService default/vs: spec.hosts: Invalid value: \"string\": spec.hosts in body must"
                        + " be of type array: \"string\"",
                "vs.yaml:1:1: VirtualService default/vs: " + NOT_CHECKED);
    }

    @Test
    @DisplayName("boolean: a quoted true in a DestinationRule")
    void booleanTypeName() {
        assertThat(problems("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: dr}
                spec:
                  host: a
                  trafficPolicy: {tls: {mode: SIMPLE, insecureSkipVerify: "true"}}
                """)).containsExactly(
                "vs.yaml:6:59: DestinationRule default/dr: spec.trafficPolicy.tls.insecureSkipVerify: Invalid value:"
                        + " \"string\": spec.trafficPolicy.tls.insecureSkipVerify in body must be of type boolean:"
                        + " \"string\"; remove the quotes",
                "vs.yaml:1:1: DestinationRule default/dr: " + NOT_CHECKED);
    }

    @Test
    @DisplayName("a number for an enum fails the type and the enum, the value printed as Go prints it")
    void numberForAnEnum() {
        String supported = "supported values: \"PASSTHROUGH\", \"SIMPLE\", \"MUTUAL\", \"AUTO_PASSTHROUGH\", \"ISTIO_MUTUAL\","
                + " \"OPTIONAL_MUTUAL\"";
        assertThat(problems("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: g}
                spec:
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: ['*']
                    tls: {mode: 1}
                  - port: {number: 444, name: https2, protocol: HTTPS}
                    hosts: ['*']
                    tls: {mode: 1.5e-7}
                  - port: {number: 445, name: https3, protocol: HTTPS}
                    hosts: ['*']
                    tls: {mode: simple}
                """)).containsExactly(
                "vs.yaml:8:17: Gateway default/g: spec.servers[0].tls.mode: Invalid value: \"integer\":"
                        + " spec.servers[0].tls.mode in body must be of type string: \"integer\"",
                "vs.yaml:8:17: Gateway default/g: spec.servers[0].tls.mode: Unsupported value: 1: " + supported,
                "vs.yaml:11:17: Gateway default/g: spec.servers[1].tls.mode: Invalid value: \"number\":"
                        + " spec.servers[1].tls.mode in body must be of type string: \"number\"",
                "vs.yaml:11:17: Gateway default/g: spec.servers[1].tls.mode: Unsupported value: 1.5e-07: " + supported,
                "vs.yaml:14:17: Gateway default/g: spec.servers[2].tls.mode: Unsupported value: \"simple\": " + supported,
                "vs.yaml:1:1: Gateway default/g: " + NOT_CHECKED);
    }

    @Test
    @DisplayName("a required field missing is blocking too")
    void requiredValueIsBlocking() {
        assertThat(problems("""
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se}
                spec:
                  hosts: [a.example.com]
                  ports: [{name: http}]
                """)).containsExactly(
                "vs.yaml:6:11: ServiceEntry default/se: spec.ports[0].number: Required value",
                "vs.yaml:1:1: ServiceEntry default/se: " + NOT_CHECKED);
    }

    @Test
    @DisplayName("built-in kinds keep meshtest's words; the <nil> line closes its own object's problems, once")
    void builtInKindsKeepTheirWordsAndTheLineClosesEachObject() {
        assertThat(problems("""
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  ports: [{port: http}]
                ---
                """ + VS + """
                  hosts: [a]
                  http: [{route: [{destination: {host: a}, weight: "25"}, {destination: {host: b}, weight: "75"}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: t}
                spec:
                  ports: [{port: "80"}]
                """)).containsExactly(
                "vs.yaml:5:18: Service default/s: spec.ports[0].port: expected an integer, found the string \"http\"",
                "vs.yaml:12:52: VirtualService default/vs: spec.http[0].route[0].weight: Invalid value: \"string\":"
                        + " spec.http[0].route[0].weight in body must be of type integer: \"string\"; remove the quotes",
                "vs.yaml:12:92: VirtualService default/vs: spec.http[0].route[1].weight: Invalid value: \"string\":"
                        + " spec.http[0].route[1].weight in body must be of type integer: \"string\"; remove the quotes",
                "vs.yaml:7:1: VirtualService default/vs: " + NOT_CHECKED,
                "vs.yaml:18:18: Service default/t: spec.ports[0].port: expected an integer, found the string \"80\";"
                        + " remove the quotes");
    }

    @Test
    @DisplayName("a custom resource's metadata is decoded as a built-in kind's: meshtest's words, no <nil> line")
    void metadataOfACustomResourceKeepsMeshtestsWords() {
        assertThat(problems("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs, labels: {version: 1.0}}
                spec:
                  hosts: [a]
                """)).containsExactly(
                "vs.yaml:3:40: VirtualService default/vs: metadata.labels.version: Kubernetes requires a string here,"
                        + " found the number 1.0; quote it: version: \"1.0\"");
    }

    @Test
    @DisplayName("each item of a kind: List is an object of its own, with its own <nil> line")
    void itemsOfAListEachCloseTheirOwnProblems() {
        String item = VS.replace("\n", "\n  ");
        assertThat(problems("apiVersion: v1\nkind: List\nitems:\n- " + item + "  hosts: 5\n- " + item + "  hosts: 6\n"))
                .containsExactly(
                        "vs.yaml:8:12: VirtualService default/vs: spec.hosts: Invalid value: \"integer\": spec.hosts in"
                                + " body must be of type array: \"integer\"",
                        "vs.yaml:4:3: VirtualService default/vs: " + NOT_CHECKED,
                        "vs.yaml:13:12: VirtualService default/vs: spec.hosts: Invalid value: \"integer\": spec.hosts in"
                                + " body must be of type array: \"integer\"",
                        "vs.yaml:9:3: VirtualService default/vs: " + NOT_CHECKED);
    }

    @Test
    @DisplayName("Gateway API: an HTTPRoute's CRD has CEL rules, a ReferenceGrant's has none (no <nil> line)")
    void gatewayApiKindsWithAndWithoutCelRules() {
        assertThat(gatewayApiProblems("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  hostnames: x
                """)).containsExactly(
                "gw.yaml:5:14: HTTPRoute default/r: spec.hostnames: Invalid value: \"string\": spec.hostnames in body"
                        + " must be of type array: \"string\"",
                "gw.yaml:1:1: HTTPRoute default/r: " + NOT_CHECKED);
        assertThat(gatewayApiProblems("""
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: rg}
                spec:
                  from: x
                  to: [{group: "", kind: Service}]
                """)).containsExactly(
                "gw.yaml:5:9: ReferenceGrant default/rg: spec.from: Invalid value: \"string\": spec.from in body must be"
                        + " of type array: \"string\"");
    }

    @Test
    @DisplayName("which kinds are custom resources, and whose CRDs have CEL rules")
    void fieldChecksByKind() {
        assertThat(Kinds.fieldChecks(dev.meshtest.config.istio.VirtualService.class))
                .isEqualTo(Kinds.FieldChecks.CRD_SCHEMA_AND_CEL);
        assertThat(Kinds.fieldChecks(dev.meshtest.config.gateway.HttpRoute.class))
                .isEqualTo(Kinds.FieldChecks.CRD_SCHEMA_AND_CEL);
        assertThat(Kinds.fieldChecks(dev.meshtest.config.gateway.ReferenceGrant.class))
                .isEqualTo(Kinds.FieldChecks.CRD_SCHEMA);
        assertThat(Kinds.fieldChecks(dev.meshtest.config.kube.Service.class)).isEqualTo(Kinds.FieldChecks.DECODED);
    }
}
