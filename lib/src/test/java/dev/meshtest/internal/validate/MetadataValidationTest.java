package dev.meshtest.internal.validate;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.meshtest.config.MeshConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server's checks of an object's metadata beyond its name (apimachinery's
 * {@code ValidateObjectMeta}: labels, annotations), with its messages, and values
 * of any length refused in time linear in them, quoted by their start only.
 */
class MetadataValidationTest {

    private static final String QUALIFIED = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
            + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is"
            + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private static String service(String metadata) {
        return "apiVersion: v1\nkind: Service\nmetadata: " + metadata + "\nspec: {ports: [{port: 80, name: http}]}\n";
    }

    private static List<String> problems(String yaml) {
        MeshConfigException e = catchThrowableOfType(MeshConfigException.class, () -> mesh().apply(yaml));
        assertThat(e).as("refused").isNotNull();
        return e.problems().stream().map(MeshConfigException.Problem::toString).toList();
    }

    @Test
    void labelKeysAndValuesAsTheApiServerChecksThem() {
        assertThat(problems(service("{name: web, labels: {app: web-, version: v1}}"))).containsExactly(
                "<string>:3:32: Service default/web: metadata.labels: Invalid value: \"web-\": a valid label must be an empty"
                        + " string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
                        + " alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
                        + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        assertThat(problems(service("{name: web, labels: {-app: v1, example.com/: v2, Example.com/a: v3, a/b/c: v4}}")))
                .containsExactly(
                        "<string>:3:32: Service default/web: metadata.labels: Invalid value: \"-app\": name part " + QUALIFIED,
                        "<string>:3:42: Service default/web: metadata.labels: Invalid value: \"example.com/\": name part must"
                                + " be non-empty",
                        "<string>:3:42: Service default/web: metadata.labels: Invalid value: \"example.com/\": name part "
                                + QUALIFIED,
                        "<string>:3:60: Service default/web: metadata.labels: Invalid value: \"Example.com/a\": prefix part a"
                                + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
                                + " '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
                                + " used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                        "<string>:3:79: Service default/web: metadata.labels: Invalid value: \"a/b/c\": a qualified name "
                                + QUALIFIED + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }

    @Test
    void selectorsAndPodTemplatesAreCheckedLikeMetadata() {
        assertThat(problems("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}], selector: {app: -x}}\n"))
                .containsExactly("<string>:4:40: Service default/web: spec.selector: Invalid value: \"-x\": a valid label must"
                        + " be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end"
                        + " with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for"
                        + " validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        List<String> deployment = problems("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
                + "  selector: {matchLabels: {'a b': x}}\n"
                + "  template:\n    metadata: {labels: {'a b': x}, annotations: {'c d': z}}\n"
                + "    spec: {containers: [{name: web, image: web}]}\n");
        assertThat(deployment).containsExactly(
                "<string>:5:28: Deployment default/web: spec.selector.matchLabels: Invalid value: \"a b\": name part " + QUALIFIED,
                "<string>:7:25: Deployment default/web: spec.template.metadata.labels: Invalid value: \"a b\": name part "
                        + QUALIFIED,
                "<string>:7:50: Deployment default/web: spec.template.metadata.annotations: Invalid value: \"c d\": name part "
                        + QUALIFIED);
    }

    @Test
    void anEmptyLabelValueIsFineAndSixtyFourCharactersAreNot() {
        mesh().apply(service("{name: web, labels: {app: ''}}"));
        assertThat(problems(service("{name: web, labels: {app: " + "a".repeat(64) + "}}"))).containsExactly(
                "<string>:3:32: Service default/web: metadata.labels: Invalid value: \"" + "a".repeat(64)
                        + "\": must be no more than 63 characters");
    }

    @Test
    void lengthsAreBytesOfUtf8AsGoCountsThem() {
        String value = "\u00e9".repeat(40);   // 40 characters, 80 bytes
        assertThat(problems(service("{name: web, labels: {app: " + value + "}}"))).hasSize(2)
                .first().asString().endsWith("\"" + value + "\": must be no more than 63 characters");
    }

    @Test
    void annotationKeysIgnoreCaseAndAllTogetherHoldAtMost256KiB() {
        mesh().apply(service("{name: web, annotations: {Example.com/Owner: team-a}}"));
        assertThat(problems(service("{name: web, annotations: {'a b': x}}"))).containsExactly(
                "<string>:3:37: Service default/web: metadata.annotations: Invalid value: \"a b\": name part " + QUALIFIED);
        String big = "x".repeat(200_000);
        assertThat(problems(service("{name: web, annotations: {a: " + big + ", b: " + big + "}}"))).containsExactly(
                "<string>:3:23: Service default/web: metadata.annotations: Too long: must have at most 262144 bytes");
    }

    @Test
    void aLabelOfMillionsOfCharactersIsRefusedQuicklyAndQuotedByItsStart() {
        String value = "a".repeat(2_900_000);
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> problems(service("{name: web, labels: {app: " + value + "}}")));
        assertThat(problems).containsExactly("<string>:3:32: Service default/web: metadata.labels: Invalid value: \""
                + "a".repeat(64) + "\"... (2900000 characters): must be no more than 63 characters");
    }

    @Test
    void aKindOfMillionsOfCharactersIsRefusedQuicklyWithNoSuggestion() {
        String kind = "VirtualServic" + "e".repeat(2_000_000);
        MeshConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                MeshConfigException.class, () -> mesh().apply("apiVersion: v1\nkind: " + kind + "\nmetadata: {name: x}\n")));
        assertThat(e.getMessage()).hasSizeLessThan(1000).contains("no matches for kind \"VirtualServiceeeee")
                .contains("\"... (2000013 characters) in version \"v1\"").doesNotContain("did you mean");
    }

    @Test
    void aFieldNameOfAMillionCharactersIsReportedByItsStart() {
        String key = "k".repeat(1_000_000);
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems(
                "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n  ? " + key + "\n  : 1\n"));
        assertThat(problems).containsExactly("<string>:6:5: Service default/web: spec." + "k".repeat(59)
                + "... (1000005 characters): unknown field");
    }

    @Test
    void aNameOfMillionsOfDotsIsRefusedWithoutOverflowingTheStack() {
        String name = "a.".repeat(1_000_000) + "a";
        List<String> problems = problems("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\n"
                + "spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers:"
                + " [{name: a, image: a}]}}}\n");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).endsWith(": metadata.name: Invalid value: \"" + "a.".repeat(32)
                + "\"... (2000001 characters): must be no more than 253 characters");
    }
}
