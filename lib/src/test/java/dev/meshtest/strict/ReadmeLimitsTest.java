package dev.meshtest.strict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.validate.NotSimulated;
import dev.meshtest.internal.yaml.Kinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's lists of what is refused and what is accepted quietly are the code's own tables. */
class ReadmeLimitsTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** The backticked names of the bullet that starts with {@code label} in the README section {@code heading}. */
    private static Set<String> bullet(String heading, String label) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n### " + heading + "\n");
        assertThat(start).as("README section %s", heading).isNotNegative();
        String section = readme.substring(start + 1);
        section = section.substring(0, section.indexOf("\n#", 1));
        int b = section.indexOf("\n- " + label + ":");
        assertThat(b).as("bullet %s in %s", label, heading).isNotNegative();
        int end = section.indexOf("\n- ", b + 1);
        String text = section.substring(b, end < 0 ? section.length() : end);
        Set<String> names = new LinkedHashSet<>();
        Matcher m = CODE.matcher(text.replace("\n  ", " "));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    @DisplayName("the README's refused kinds, fields and MeshConfig fields are exactly NotSimulated's, in its order")
    void refused() throws IOException {
        assertThat(bullet("Refused unless the mesh is lenient", "Kinds")).containsExactlyElementsOf(NotSimulated.KINDS.keySet());
        assertThat(bullet("Refused unless the mesh is lenient", "Fields")).containsExactlyElementsOf(NotSimulated.FIELDS.keySet());
        assertThat(bullet("Refused unless the mesh is lenient", "MeshConfig"))
                .containsExactlyElementsOf(NotSimulated.MESH_CONFIG_FIELDS.keySet());
    }

    @Test
    @DisplayName("the README's quietly accepted kinds are the reader's ignored kinds that strict mode does not refuse")
    void quiet() throws IOException {
        Set<String> quiet = new TreeSet<>(Kinds.standard().ignoredKinds());
        quiet.removeAll(NotSimulated.KINDS.keySet());
        assertThat(bullet("Accepted quietly", "Kinds")).containsExactlyElementsOf(quiet);
    }

    @Test
    @DisplayName("the README's apply limits are the reader's")
    void applyLimits() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("\n### What one apply may hold\n"));
        section = section.substring(0, section.indexOf("\n#", 1)).replace("\n", " ");
        var reader = dev.meshtest.internal.yaml.ManifestReader.class;
        assertThat(section).contains("up to " + dev.meshtest.internal.yaml.ManifestReader.MAX_SOURCE_CHARACTERS / (1024 * 1024)
                + " MiB of YAML");
        assertThat(section).contains("up to " + dev.meshtest.internal.yaml.ManifestReader.MAX_DOCUMENT_CODE_POINTS / (1024 * 1024)
                + " MiB");
        assertThat(section).contains("nest " + dev.meshtest.internal.yaml.ManifestReader.MAX_DEPTH + " levels");
        assertThat(section).contains("at most " + dev.meshtest.internal.yaml.ManifestReader.MAX_ALIASES_FOR_COLLECTIONS
                + " aliases");
        assertThat(dev.meshtest.internal.yaml.ManifestReader.MAX_NODES_PER_DOCUMENT).as(reader.getSimpleName())
                .isEqualTo(1_000_000);
        assertThat(section).contains("a million nodes");
        assertThat(section).contains("more than " + dev.meshtest.internal.text.Shown.MAX + " characters by its first 64");
        assertThat(dev.meshtest.internal.text.Shown.value("x".repeat(101))).startsWith("x".repeat(64) + "...");
    }
}
