package dev.meshtest.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.internal.gatewayapi.GatewayApiManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No false rejections: every Gateway API object in the YAML the translator's tests use (Istio's
 * Gateway API tasks, the conformance scenarios, TCP/TLS, gateways and GRPCRoute) passes the API
 * server's validation, except the few that a cluster with the CRDs would refuse, listed with the
 * rule they break.
 */
class GatewayApiValidManifestsTest {

    private static final Path TESTS = Path.of("src/test/java/dev/meshtest/internal/gatewayapi");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL);

    /** The translator tests' text blocks that read as manifests with at least one Gateway API object. */
    private static List<Manifest> manifests() throws IOException {
        List<Manifest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(TESTS)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = TEXT_BLOCK.matcher(Files.readString(file));
                int block = 0;
                while (m.find()) {
                    block++;
                    String yaml = m.group(1).stripIndent().replaceAll("%[sd]", "x");
                    try {
                        for (Manifest doc : GatewayApiManifests.read(yaml, file.getFileName() + "#" + block)) {
                            if (GatewayApiValidator.handles(doc.resource())) {
                                out.add(doc);
                            }
                        }
                    } catch (MeshConfigException notAManifest) {
                        // fragments, expected output and deliberately unreadable input
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyGatewayApiObjectOfTheTranslatorTestsIsAdmitted() throws IOException {
        List<Manifest> docs = manifests();
        assertThat(docs).as("objects found").hasSizeGreaterThan(40);
        List<String> rejected = new ArrayList<>();
        for (Manifest doc : docs) {
            GatewayApiValidator.review(doc).forEach(p -> rejected.add(doc.origin().source() + " " + p.fieldPath()));
        }
        // The translator's tests also feed istiod objects that a cluster with the standard CRDs refuses
        // (istiod must cope with them, e.g. after a CRD downgrade); these are those, each for a real rule:
        assertThat(rejected).containsExactlyInAnyOrder(
                // a parent named once with sectionName and once with port only: v1.6's standard rule wants sectionName
                "ConformanceTest.java#33 spec.parentRefs",
                // a binding test: URLRewrite ReplacePrefixMatch on an Exact match
                "GatewayApiManifestsTest.java#1 spec.rules[0]",
                // a binding test: an HTTPRoute without spec (required), so the CEL rules are not checked
                "GatewayApiManifestsTest.java#3 spec",
                "GatewayApiManifestsTest.java#3 <nil>",
                // CORS origin "https://example.*": the CRD's origin pattern allows "*" only as a whole host or first label
                "GatewaysAndGrpcTest.java#9 spec.rules[0].filters[0].cors.allowOrigins[1]",
                // listener conflicts: two HTTP listeners with one port and hostname
                "GatewaysAndGrpcTest.java#11 spec.listeners",
                // the robustness seed: allowOrigins with "*" beside other origins
                "TranslationRobustnessTest.java#1 spec.rules[0].filters[3].cors.allowOrigins");
    }
}
