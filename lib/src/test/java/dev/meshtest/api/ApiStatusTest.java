package dev.meshtest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every public type says what users may rely on, with apiguardian's {@code @API} as JUnit does:
 * STABLE or EXPERIMENTAL in the exported packages, INTERNAL under {@code dev.meshtest.internal}.
 * {@code @API} is kept in class files only, so the sources are read.
 */
class ApiStatusTest {

    private static final Pattern TYPE = Pattern.compile(
            "^public (?:final |abstract |sealed |non-sealed )*(?:class|record|interface|enum|@interface) (\\w+)", Pattern.MULTILINE);
    private static final Pattern API = Pattern.compile("@API\\(status = (\\w+), since = \"([^\"]+)\"\\)");

    /**
     * Exported types that are INTERNAL on purpose: the reader's marker annotations on config records,
     * and the recorder that builds a result's aggregated form, which lives beside the result's
     * package-private parts.
     */
    private static final Set<String> INTERNAL_IN_EXPORTED = Set.of("dev.meshtest.config.AcceptedFields", "dev.meshtest.config.ExperimentalFields",
            "dev.meshtest.config.Required", "dev.meshtest.config.TextPattern", "dev.meshtest.config.YamlName", "dev.meshtest.traffic.TrafficRecorder",
            "dev.meshtest.traffic.LiveRecorder");

    /** Each public top-level type's status, by fully qualified name; "none" when it has no {@code @API}. */
    private static Map<String, String> statuses() throws IOException {
        Path root = Path.of("src", "main", "java");
        Map<String, String> statuses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (name.equals("package-info.java") || name.equals("module-info.java")) {
                    continue;
                }
                String text = Files.readString(f);
                Matcher type = TYPE.matcher(text);
                if (!type.find()) {
                    continue;
                }
                String pkg = root.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".");
                Matcher api = API.matcher(text.substring(0, type.start()));
                String status = "none";
                while (api.find()) {
                    status = api.group(1) + (api.group(2).isBlank() ? " without since" : "");
                }
                statuses.put(pkg + "." + type.group(1), status);
            }
        }
        return statuses;
    }

    @Test
    @DisplayName("every public type has @API with a since; internal packages say INTERNAL, exported ones do not")
    void everyPublicTypeDeclaresItsStatus() throws IOException {
        Map<String, String> statuses = statuses();
        assertThat(statuses).hasSizeGreaterThan(150);
        Set<String> wrong = new TreeSet<>();
        statuses.forEach((type, status) -> {
            boolean internal = type.startsWith("dev.meshtest.internal.") || INTERNAL_IN_EXPORTED.contains(type);
            boolean ok = internal ? status.equals("INTERNAL") : status.equals("STABLE") || status.equals("EXPERIMENTAL");
            if (!ok) {
                wrong.add(type + ": " + status);
            }
        });
        assertThat(wrong).as("types whose @API status is missing or wrong").isEmpty();
    }
}
