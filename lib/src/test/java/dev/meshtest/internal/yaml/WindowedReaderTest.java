package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Scanner;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * {@link WindowedReader} is SnakeYAML's {@link StreamReader} in linear time: over every YAML file
 * of the tests, and over random mutations of them, the scanner reads the same tokens with the
 * same marks through either, and fails with the same problem at the same place.
 */
class WindowedReaderTest {

    /** What the scanner read: each token with its kind, value and marks, then how it stopped. */
    private static List<String> scan(StreamReader reader) {
        List<String> out = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        try {
            Scanner scanner = new ScannerImpl(reader, options);
            while (!scanner.checkToken(Token.ID.StreamEnd)) {
                Token t = scanner.getToken();
                out.add(t.getTokenId() + (t instanceof ScalarToken s ? " " + s.getValue() + " " + s.getStyle() : "")
                        + " " + mark(t.getStartMark()) + "-" + mark(t.getEndMark()));
            }
            out.add("end " + mark(reader.getMark()) + " doc " + reader.getDocumentIndex());
        } catch (MarkedYAMLException e) {
            // Problem, context and their marks; not the message's snippets of the text around a
            // mark, which show as much as the reader's window held (meshtest's messages have none).
            out.add(e.getClass().getSimpleName() + ": " + e.getContext() + " " + mark(e.getContextMark()) + " "
                    + e.getProblem() + " " + mark(e.getProblemMark()));
        } catch (YAMLException e) {
            out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return out;
    }

    private static String mark(Mark m) {
        return m == null ? "-" : m.getIndex() + "@" + m.getLine() + ":" + m.getColumn();
    }

    private static void sameAsSnakeYaml(String yaml) {
        assertThat(scan(new WindowedReader(new StringReader(yaml))))
                .as("tokens of:\n%s", yaml.length() > 2000 ? yaml.substring(0, 2000) + "..." : yaml)
                .isEqualTo(scan(new StreamReader(new StringReader(yaml))));
    }


    @Test
    void everyYamlFileOfTheTestsScansAlike() {
        List<String> files = Mutations.testYamlFiles();
        assertThat(files).hasSizeGreaterThan(20);
        files.forEach(WindowedReaderTest::sameAsSnakeYaml);
        sameAsSnakeYaml(String.join("\n---\n", files));   // windows across many chunks
    }

    @Test
    void longRunsSurrogatesAndForbiddenCharactersScanAlike() {
        sameAsSnakeYaml("a: " + "x".repeat(5000) + "\nb: \"" + "y".repeat(3000) + "\"\n");
        sameAsSnakeYaml("k: " + "\uD83D\uDE00".repeat(1500) + "\n");                  // pairs across chunk ends
        sameAsSnakeYaml("k: " + "x".repeat(1020) + "\uD83D\uDE00 tail\n");
        sameAsSnakeYaml("k: " + "x".repeat(1019) + "\uD83D");                        // a high surrogate at the end
        sameAsSnakeYaml("k: " + "x".repeat(2500) + "\u0001 v\n");                    // not allowed in YAML
        sameAsSnakeYaml("a: 1\r\nb: 2\rc: 3\n\uFEFFd: 4\u2028e: 5\u0085\n");
        sameAsSnakeYaml("");
    }

    @RepeatedTest(10)
    void randomMutationsScanAlike(RepetitionInfo rep) {
        List<String> files = Mutations.testYamlFiles();
        String alphabet = ":-[]{}&*!|>'\"#%@`,?\t\n\r 0123456789~<=.abc\\\u0000\u00e9\u2028\uD83D\uDE00\uFEFF";
        SplittableRandom random = new SplittableRandom(4_000_037L * rep.getCurrentRepetition());
        for (int round = 0; round < 60; round++) {
            String file = files.get(random.nextInt(files.size()));
            if (!file.isEmpty()) {
                sameAsSnakeYaml(Mutations.mutate(file, alphabet, 6, 3000, random));
            }
        }
    }

    @Test
    void aRunOfMillionsOfCharactersReadsInLinearTime() {
        String yaml = "a: " + "x".repeat(3_000_000) + "\n";
        // A guard against quadratic time, not a measurement: generous for a busy machine.
        List<String> tokens = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> scan(new WindowedReader(new StringReader(yaml))));
        assertThat(tokens).hasSize(8).last().isEqualTo("end 3000004@1:0 doc 3000004");
    }
}
