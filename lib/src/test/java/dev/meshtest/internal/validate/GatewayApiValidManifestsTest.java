package dev.meshtest.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.internal.gatewayapi.GatewayApiManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    /** The translator tests' text blocks, named {@code File.java#n}. */
    private static Map<String, String> texts() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(TESTS)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = TEXT_BLOCK.matcher(Files.readString(file));
                int block = 0;
                while (m.find()) {
                    block++;
                    out.put(file.getFileName() + "#" + block, m.group(1).stripIndent().replaceAll("%[sd]", "x"));
                }
            }
        }
        return out;
    }

    /** The Gateway API objects of {@code yaml}, or none when it does not read (fragments, expected output). */
    private static List<Manifest> gatewayApiObjects(String yaml, String source) {
        try {
            return GatewayApiManifests.read(yaml, source).stream().filter(d -> GatewayApiValidator.handles(d.resource())).toList();
        } catch (MeshConfigException notAManifest) {
            return List.of();
        }
    }

    private static List<Manifest> manifests() throws IOException {
        List<Manifest> out = new ArrayList<>();
        texts().forEach((source, yaml) -> out.addAll(gatewayApiObjects(yaml, source)));
        return out;
    }

    @Test
    void validationNeverThrowsOnMutatedManifests() throws IOException {
        List<String> yamls = texts().values().stream().filter(y -> !gatewayApiObjects(y, "x").isEmpty()).toList();
        Random random = new Random(18);
        int reviewed = 0;
        int refused = 0;
        for (int i = 0; i < 1500; i++) {
            List<String> lines = new ArrayList<>(List.of(yamls.get(random.nextInt(yamls.size())).split("\n")));
            int at = random.nextInt(lines.size());
            switch (random.nextInt(4)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> lines.set(at, lines.get(at).replaceAll("[0-9]+", String.valueOf(random.nextInt(200_000) - 100)));
                default -> lines.set(at, lines.get(at).replaceFirst(": ([^ {\\[]+)", ": \"" + "*/.A_%2f#".charAt(random.nextInt(9)) + "$1\""));
            }
            for (Manifest doc : gatewayApiObjects(String.join("\n", lines), "mutant" + i)) {
                List<MeshConfigException.Problem> problems = GatewayApiValidator.review(doc);
                problems.forEach(p -> assertThat(p.toString()).isNotBlank());
                reviewed++;
                refused += problems.isEmpty() ? 0 : 1;
            }
        }
        assertThat(reviewed).isGreaterThan(500);
        assertThat(refused).as("mutants refused").isGreaterThan(50);
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
                // CORS origin "https://example.*": the CRD's origin pattern allows "*" only as a whole host or first label
                "GatewaysAndGrpcTest.java#9 spec.rules[0].filters[0].cors.allowOrigins[1]",
                // listener conflicts: two HTTP listeners with one port and hostname
                "GatewaysAndGrpcTest.java#11 spec.listeners",
                // the robustness seed: allowOrigins with "*" beside other origins
                "TranslationRobustnessTest.java#1 spec.rules[0].filters[3].cors.allowOrigins");
    }
}
