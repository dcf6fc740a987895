package dev.meshtest.internal.yaml;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns SnakeYAML's exceptions into problems in plain words, with the line and column, using
 * go-yaml's (so kubectl's) wording where it has one. No SnakeYAML exception leaves the reader.
 */
final class SyntaxErrors {

    private SyntaxErrors() {
    }

    /**
     * SnakeYAML's {@code Tag} refuses a tag whose %-escapes decode to a blank ({@code !!%20}) with an
     * {@code IllegalArgumentException} rather than a {@code YAMLException}: the parse cannot go on.
     */
    static void report(IllegalArgumentException e, Problems problems, int document) {
        problems.add(null, null, null, "YAML syntax error in document " + Math.max(document, 1)
                + ": the tag's %-escapes decode to a blank at its start or end (" + e.getMessage() + ")");
    }

    static void report(YAMLException e, Problems problems, int document) {
        if (e instanceof MarkedYAMLException m) {
            marked(m, problems);
            return;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        Throwable cause = e.getCause();
        if (cause instanceof CharacterCodingException) {
            problems.addUnlocated("cannot read " + problems.source() + ": the input is not valid UTF-8 text");
        } else if (cause instanceof IOException io) {
            problems.addUnlocated("cannot read " + problems.source() + ": " + io.getMessage());
        } else if (e instanceof ReaderException r) {
            problems.add(null, null, null, "YAML syntax error: the input contains the character "
                    + String.format("U+%04X", r.getCodePoint()) + ", which YAML does not allow (at character "
                    + (r.getPosition() + 1) + ")");
        } else if (message.startsWith("Number of aliases for non-scalar nodes exceeds")) {
            problems.add(null, null, null, "document " + document + " has more than "
                    + ManifestReader.MAX_ALIASES_FOR_COLLECTIONS
                    + " aliases of lists or maps (is it a \"billion laughs\" YAML bomb?)");
        } else if (message.startsWith("Nesting Depth exceeded")) {
            problems.add(null, null, null, "document " + document + " nests deeper than "
                    + ManifestReader.MAX_DEPTH + " levels");
        } else if (message.startsWith("The incoming YAML document exceeds the limit")) {
            problems.add(null, null, null, "document " + document + " is larger than "
                    + ManifestReader.MAX_DOCUMENT_CODE_POINTS + " characters (3 MiB, the size of the largest "
                    + "request the Kubernetes API server accepts)");
        } else {
            problems.add(null, null, null, "cannot read YAML: " + message.strip());
        }
    }

    private static void marked(MarkedYAMLException e, Problems problems) {
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : e.getContext().strip();
        Mark at = e.getProblemMark();
        Mark contextMark = e.getContextMark();
        String where = contextMark == null ? "" : " at line " + (contextMark.getLine() + 1) + ", column "
                + (contextMark.getColumn() + 1);
        String reason;
        if (context.equals("while scanning a quoted scalar") && problem.startsWith("found unexpected end of stream")) {
            reason = "this quoted string is never closed";
            at = contextMark;
        } else if (problem.startsWith("found character '\\t(TAB)'")) {
            reason = "found a tab character that cannot start any token (YAML indents with spaces, never tabs)";
        } else if (problem.startsWith("found character")) {
            reason = problem.replaceFirst("\\. \\(Do not use .* for indentation\\)$", "")
                    + " (quote the value)";
        } else if (problem.equals("mapping values are not allowed here")) {
            reason = "mapping values are not allowed in this context (is the indentation right? "
                    + "a value that contains \": \" must be quoted)";
        } else if (context.equals("while parsing a block mapping") && problem.startsWith("expected <block end>")) {
            reason = "did not find expected key (is the indentation right? the map starts" + where + ")";
        } else if (context.startsWith("while parsing a block collection") && problem.startsWith("expected <block end>")) {
            reason = "did not find expected '-' indicator (is the indentation right? the list starts" + where + ")";
        } else if (context.equals("while parsing a flow sequence")) {
            reason = "did not find expected ',' or ']' (the list that starts" + where + " is not closed)";
        } else if (context.equals("while parsing a flow mapping")) {
            reason = "did not find expected ',' or '}' (the map that starts" + where + " is not closed)";
        } else if (problem.startsWith("found undefined alias")) {
            String name = problem.substring("found undefined alias".length()).strip();
            reason = "unknown alias *" + name + " (no anchor &" + name + " before it)";
        } else {
            reason = problem + (context.isEmpty() ? "" : " (" + context + where + ")");
        }
        problems.add(at, null, null, "YAML syntax error: " + reason);
    }
}
