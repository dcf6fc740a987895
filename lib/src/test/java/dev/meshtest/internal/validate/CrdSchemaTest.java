package dev.meshtest.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.gateway.HttpRouteTimeouts;
import dev.meshtest.internal.gatewayapi.GatewayApiManifests;
import java.time.Duration;
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
}
