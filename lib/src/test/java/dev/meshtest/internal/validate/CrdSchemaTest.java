package dev.meshtest.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.gateway.HttpRouteTimeouts;
import dev.meshtest.internal.gatewayapi.GatewayApiManifests;
import dev.meshtest.config.istio.OutlierDetection;
import dev.meshtest.internal.text.ApiServerText;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The walk of a CRD's OpenAPI constraints on records made in code, which the reader never sees
 * (YAML is checked end to end in {@link IstioSchemaTest} and {@link GatewayApiValidationTest}).
 */
class CrdSchemaTest {

    private static final String RT = "HTTPRoute default/r: ";

    @Test
    void aDurationMadeInCodeIsCheckedByWhatTextCouldWriteIt() {
        Manifest m = GatewayApiManifests.read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  rules: [{timeouts: {request: 1s}}]
                """, "gw.yaml").get(0);
        Findings f = new Findings(m);
        f.withoutCelRules();
        CrdSchema.GATEWAY_API.check(new HttpRouteTimeouts(Duration.ofNanos(1_500_000), Duration.ofHours(100_000)),
                "spec.rules[0].timeouts", f);
        // Each is reported where the YAML had it, else at its nearest ancestor (the timeouts).
        assertThat(f.rejections()).extracting(Problem::toString).containsExactly(
                "gw.yaml:5:12: " + RT + "spec.rules[0].timeouts.backendRequest: Invalid value: \"100000h0m0s\":"
                        + " spec.rules[0].timeouts.backendRequest in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'",
                "gw.yaml:5:23: " + RT + "spec.rules[0].timeouts.request: Invalid value: \"1.5ms\":"
                        + " spec.rules[0].timeouts.request in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'");
    }

    @Test
    void anIstioObjectMadeInCodeGetsTheApiServersWordsForANullItem() {
        // Each null is refused with its list's item type, as the API server refuses a JSON null.
        var vs = Fixtures.vs("v", Fixtures.vsSpec(Arrays.asList("reviews", null), null, Fixtures.routeTo(Fixtures.dest("reviews", null))));
        assertThat(Admission.review(Fixtures.at(vs, "vs.yaml", "spec.hosts", 5, 10)).stream().map(Problem::toString)).containsExactly(
                "vs.yaml:5:10: VirtualService default/v: spec.hosts[1]: Invalid value: \"null\": spec.hosts[1] in body must be of"
                        + " type string: \"null\"",
                "vs.yaml:1:1: VirtualService default/v: <nil>: " + ApiServerText.NOT_CHECKED);
        var outlier = new OutlierDetection(null, null, null, null, 5, null, null, null, null, Arrays.asList(503, null));
        var dr = Fixtures.dr("d", Fixtures.drSpec("reviews", Fixtures.tp(null, null, outlier)));
        assertThat(Admission.review(Fixtures.at(dr, "dr.yaml", "spec", 4, 1)).stream().map(Problem::toString)).containsExactly(
                "dr.yaml:4:1: DestinationRule default/d: spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes[1]:"
                        + " Invalid value: \"null\": spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes[1] in body"
                        + " must be of type integer: \"null\"",
                "dr.yaml:1:1: DestinationRule default/d: <nil>: " + ApiServerText.NOT_CHECKED);
    }
}
