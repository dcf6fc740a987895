package dev.meshtest.internal.validate;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshtest.config.MeshConfigException;
import dev.meshtest.internal.text.ApiServerText;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A number too large for the Java type that holds a CRD's integer field fails as a cluster fails
 * it, in its words (the table {@code CrdIntegers}): an {@code int32} out of its range fails the
 * API server's format check (Kubernetes 1.36+; before it, Istio's webhook decoding, whose words
 * follow); a {@code uint32} over 4294967295 its {@code maximum}; a number past 64 bits, which
 * kubectl sends as a float64, the type; a {@code uint32} the API server accepts but an
 * {@code Integer} cannot hold fails in meshtest's words, as meshtest's limit.
 */
class IntegerRangeTest {

    private static final String WEIGHT = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\n"
            + "spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n      weight: ";
    private static final String PORT = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\n"
            + "spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, port: {number: ";
    private static final String ENDPOINT_PORT = "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se}\n"
            + "spec:\n  hosts: [a.example.com]\n  ports: [{number: 80, name: http, protocol: HTTP}]\n  resolution: STATIC\n"
            + "  endpoints:\n  - address: 10.0.0.1\n    ports: {http: ";
    private static final String RING = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\n"
            + "spec:\n  host: a\n  trafficPolicy:\n    loadBalancer:\n      consistentHash: {httpHeaderName: x, minimumRingSize: ";
    private static final String OUTLIER = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\n"
            + "spec:\n  host: a\n  trafficPolicy:\n    outlierDetection: {consecutive5xxErrors: ";
    private static final String BACKEND_WEIGHT = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: h}\n"
            + "spec:\n  rules:\n  - backendRefs:\n    - {name: a, port: 80, weight: ";

    private static final String NOT_CHECKED = "<string>:1:1: %s: <nil>: " + ApiServerText.NOT_CHECKED;

    private static List<String> problems(String yaml) {
        MeshConfigException e = catchThrowableOfType(MeshConfigException.class, () -> mesh().apply(yaml));
        assertThat(e).as("refused").isNotNull();
        return e.problems().stream().map(MeshConfigException.Problem::toString).toList();
    }

    @Test
    @DisplayName("a uint32 over 4294967295: the API server's maximum, at a field and at a map's value")
    void uint32OverItsMaximum() {
        assertThat(problems(PORT + "4294967296}}\n")).containsExactly("<string>:8:51: VirtualService default/r:"
                + " spec.http[0].route[0].destination.port.number: Invalid value: 4294967296:"
                + " spec.http[0].route[0].destination.port.number in body should be less than or equal to 4294967295");
        assertThat(problems(ENDPOINT_PORT + "4294967296}\n")).containsExactly("<string>:10:19: ServiceEntry default/se:"
                + " spec.endpoints[0].ports.http: Invalid value: 4294967296: spec.endpoints[0].ports.http in body should be"
                + " less than or equal to 4294967295");
        // under the int range: the minimum, 0
        assertThat(problems(PORT + "-2147483649}}\n")).containsExactly("<string>:8:51: VirtualService default/r:"
                + " spec.http[0].route[0].destination.port.number: Invalid value: -2147483649:"
                + " spec.http[0].route[0].destination.port.number in body should be greater than or equal to 0");
    }

    @Test
    @DisplayName("a uint32 in 2^31..2^32-1: the API server accepts it; meshtest cannot hold it, and says so")
    void uint32OverTheIntRange() {
        String limit = " is a uint32 the API server accepts (up to 4294967295), and Istio's webhook checks it next, but meshtest"
                + " holds this field as a Java int (at most 2147483647) and cannot simulate it";
        assertThat(problems(PORT + "3000000000}}\n")).containsExactly("<string>:8:51: VirtualService default/r:"
                + " spec.http[0].route[0].destination.port.number: the number 3000000000" + limit);
        assertThat(problems(OUTLIER + "4294967295}\n")).containsExactly("<string>:7:46: DestinationRule default/d:"
                + " spec.trafficPolicy.outlierDetection.consecutive5xxErrors: the number 4294967295" + limit);
        mesh().apply(OUTLIER + "2147483647}\n");
    }

    @Test
    @DisplayName("an int32 out of range: the API server's format check, then what the webhook said before Kubernetes 1.36")
    void int32OutOfRange() {
        for (String n : List.of("4294967296", "-2147483649", "2147483648")) {
            assertThat(problems(WEIGHT + n + "\n")).as(n).containsExactly("<string>:9:15: VirtualService default/r: <nil>:"
                    + " Invalid value: \"\": Checked value must be of type integer with format int32 in"
                    + " spec.http[0].route[0].weight; before Kubernetes 1.36 the API server accepts it and Istio's webhook"
                    + " refuses it: error decoding configuration: json: cannot unmarshal number " + n + " into Go value of"
                    + " type int32");
        }
        mesh().apply(WEIGHT + "2147483647\n");
    }

    @Test
    @DisplayName("a number past 64 bits, sent as a float64: the type, the format, and bounds as Go prints a float64")
    void pastSixtyFourBits() {
        assertThat(problems(WEIGHT + "18446744073709551616\n")).containsExactly(
                "<string>:9:15: VirtualService default/r: spec.http[0].route[0].weight: Invalid value: \"float64\":"
                        + " spec.http[0].route[0].weight in body must be of type int32: \"float64\"",
                "<string>:9:15: VirtualService default/r: <nil>: Invalid value: \"\": Checked value must be of type integer"
                        + " with format int32 in spec.http[0].route[0].weight",
                NOT_CHECKED.formatted("VirtualService default/r"));
        assertThat(problems(PORT + "-18446744073709551616}}\n")).containsExactly(
                "<string>:8:51: VirtualService default/r: spec.http[0].route[0].destination.port.number: Invalid value:"
                        + " \"number\": spec.http[0].route[0].destination.port.number in body must be of type integer: \"number\"",
                "<string>:8:51: VirtualService default/r: <nil>: Invalid value: \"\": Checked value must be of type integer"
                        + " (default format) in spec.http[0].route[0].destination.port.number",
                "<string>:8:51: VirtualService default/r: spec.http[0].route[0].destination.port.number: Invalid value:"
                        + " -1.8446744073709552e+19: spec.http[0].route[0].destination.port.number in body should be greater"
                        + " than or equal to 0",
                NOT_CHECKED.formatted("VirtualService default/r"));
        assertThat(problems(PORT + "1e30}}\n")).contains("<string>:8:51: VirtualService default/r:"
                + " spec.http[0].route[0].destination.port.number: Invalid value: 1e+30:"
                + " spec.http[0].route[0].destination.port.number in body should be less than or equal to 4.294967295e+09");
        // A uint64 is held in a long: past 2^63-1 the API server decodes a float64, which is no integer.
        assertThat(problems(RING + "9223372036854775808}\n")).containsExactly(
                "<string>:8:60: DestinationRule default/d: spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize:"
                        + " Invalid value: \"number\": spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize in body"
                        + " must be of type integer: \"number\"",
                "<string>:8:60: DestinationRule default/d: <nil>: Invalid value: \"\": Checked value must be of type integer"
                        + " (default format) in spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize",
                NOT_CHECKED.formatted("DestinationRule default/d"));
        mesh().apply(RING + "9223372036854775807}\n");
    }

    @Test
    @DisplayName("a Gateway API int32: the format check and the CRD's maximum, the same maximum the schema walk gives")
    void gatewayApiInt32() {
        assertThat(problems(BACKEND_WEIGHT + "4294967296}\n")).containsExactly(
                "<string>:7:35: HTTPRoute default/h: <nil>: Invalid value: \"\": Checked value must be of type integer with"
                        + " format int32 in spec.rules[0].backendRefs[0].weight",
                "<string>:7:35: HTTPRoute default/h: spec.rules[0].backendRefs[0].weight: Invalid value: 4294967296:"
                        + " spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000");
        assertThat(problems(BACKEND_WEIGHT + "1000001}\n")).containsExactly("<string>:7:27: HTTPRoute default/h:"
                + " spec.rules[0].backendRefs[0].weight: Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body"
                + " should be less than or equal to 1000000");
    }
}
