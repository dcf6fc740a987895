package dev.meshtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/architecture.md}'s package table is true: every package of the library has a row, a
 * package refers (by import or by name, comments aside) only to the packages its row's "Uses"
 * names, and a row names only rows above it, so the arrows point one way. {@code internal.text} is
 * the leaf every package may use.
 */
class ArchitectureTableTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/meshtest");
    private static final String ROOT = "root";
    private static final String EVERYWHERE = "internal.text";
    private static final Pattern PACKAGE = Pattern.compile("`([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*(?:\\.\\*)?)`");
    private static final Pattern REFERENCE = Pattern.compile(
            "\\bdev\\.meshtest\\.(?:([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.)?(?:[A-Z]|\\*)");

    /** The table's rows in order: package, then the packages its row says it uses. */
    private static Map<String, Set<String>> table(Set<String> packages) throws IOException {
        String doc = Files.readString(Path.of("../docs/architecture.md"));
        int start = doc.indexOf("| Package | Holds | Uses |");
        assertThat(start).as("the package table").isNotNegative();
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        for (String line : doc.substring(start).split("\n")) {
            if (line.isBlank()) {
                break;
            }
            if (line.startsWith("| Package") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split(" \\| ");
            String name = cells[0].substring(1).trim().replace("`", "");
            String uses = cells[cells.length - 1].replaceAll("\\|\\s*$", "").trim();
            Set<String> used = new TreeSet<>();
            if (uses.equals("all of the above")) {
                used.addAll(rows.keySet());
            }
            if (uses.startsWith("root")) {
                used.add(ROOT);
            }
            // A package named in a parenthesis is an example, not a use: "`traffic` (`Outcome`, ...)" names classes only.
            Matcher m = PACKAGE.matcher(uses.replaceAll("\\([^()]*\\)", ""));
            while (m.find()) {
                String p = m.group(1);
                if (p.endsWith(".*")) {
                    String prefix = p.substring(0, p.length() - 2);
                    packages.stream().filter(q -> q.equals(prefix) || q.startsWith(prefix + ".")).forEach(used::add);
                } else {
                    used.add(p);
                }
            }
            rows.put(name, used);
        }
        return rows;
    }

    /** Every package of the library and the packages its classes refer to, comments left out. */
    private static Map<String, Set<String>> references() throws IOException {
        Map<String, Set<String>> refs = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path dir = SOURCES.relativize(f.getParent());
                String pkg = dir.toString().isEmpty() ? ROOT : dir.toString().replace('/', '.');
                Set<String> to = refs.computeIfAbsent(pkg, k -> new TreeSet<>());
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String p = m.group(1) == null ? ROOT : m.group(1);
                    if (!p.equals(pkg) && !p.equals(EVERYWHERE)) {
                        to.add(p);
                    }
                }
            }
        }
        return refs;
    }

    @Test
    void everyPackageUsesOnlyWhatItsRowSaysAndRowsOnlyNameRowsAboveThem() throws IOException {
        Map<String, Set<String>> refs = references();
        Map<String, Set<String>> rows = table(refs.keySet());
        assertThat(rows.keySet()).as("packages with a row").containsExactlyInAnyOrderElementsOf(refs.keySet());
        List<String> wrong = new ArrayList<>();
        List<String> above = new ArrayList<>();
        rows.forEach((pkg, uses) -> {
            for (String used : refs.get(pkg)) {
                if (!uses.contains(used)) {
                    wrong.add(pkg + " uses " + used + ", which its row does not name");
                }
            }
            for (String used : uses) {
                if (!above.contains(used)) {
                    wrong.add(pkg + "'s row names " + used + ", which is not a row above it");
                }
            }
            above.add(pkg);
        });
        assertThat(wrong).isEmpty();
    }
}
