package dev.meshtest.internal.yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Random edits of a YAML text, for the reader's robustness and equivalence properties. */
final class Mutations {

    private Mutations() {
    }

    /** Every YAML file of the tests ({@code src/test/resources}), in path order: the texts the edits start from. */
    static List<String> testYamlFiles() {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .map(p -> {
                        try {
                            return Files.readString(p, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code text} with 1 to {@code maxEdits} edits at random places: a character of
     * {@code alphabet} replaced, inserted, or deleted, and when {@code longestRun > 0} also a run of
     * up to that many copies of one inserted (long runs reach past the reader's chunks).
     */
    static String mutate(String text, String alphabet, int maxEdits, int longestRun, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(maxEdits);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            int op = random.nextInt(longestRun > 0 ? 4 : 3);
            if (op == 0) {
                sb.setCharAt(at, c);
            } else if (op == 1) {
                sb.insert(at, c);
            } else if (op == 2 && longestRun > 0) {
                sb.insert(at, String.valueOf(c).repeat(random.nextInt(longestRun)));
            } else {
                sb.deleteCharAt(at);
            }
        }
        return sb.toString();
    }
}
