package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * {@link NodeComposer} is SnakeYAML's {@link Composer} without comments: over every YAML file of
 * the tests, over random mutations of them and over anchors, aliases, tags and the limits, both
 * give the same documents node for node (kind, tag, value, style, marks, anchor, which nodes an
 * alias shares), or fail with the same problem at the same place after the same documents.
 */
class NodeComposerTest {

    private static final int MAX_ALIASES = 3;
    private static final int MAX_DEPTH = 5;

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setTagInspector(tag -> true);
        return options;
    }

    /** SnakeYAML's documents, described, then how it stopped; one composer per document as the reader uses it. */
    private static List<String> theirs(String yaml) {
        List<String> out = new ArrayList<>();
        LoaderOptions options = options();
        Parser parser = new ParserImpl(new WindowedReader(new StringReader(yaml)), options);
        ManifestReader.PlainScalars resolver = new ManifestReader.PlainScalars();
        try {
            while (true) {
                Composer composer = new Composer(parser, resolver, options);
                if (!composer.checkNode()) {
                    break;
                }
                out.add(describe(composer.getNode()));
            }
            out.add("end");
        } catch (YAMLException | IllegalArgumentException e) {
            out.add(failure(e));
        }
        return out;
    }

    private static List<String> ours(String yaml) {
        List<String> out = new ArrayList<>();
        Parser parser = new ParserImpl(new WindowedReader(new StringReader(yaml)), options());
        NodeComposer composer = new NodeComposer(parser, new ManifestReader.PlainScalars(), MAX_ALIASES, MAX_DEPTH);
        try {
            while (composer.hasDocument()) {
                out.add(describe(composer.nextDocument()));
            }
            out.add("end");
        } catch (YAMLException | IllegalArgumentException e) {
            out.add(failure(e));
        }
        return out;
    }

    private static String failure(RuntimeException e) {
        if (e instanceof MarkedYAMLException m) {
            return "failed: " + m.getContext() + " " + mark(m.getContextMark()) + " " + m.getProblem() + " "
                    + mark(m.getProblemMark());
        }
        return "failed: " + e.getMessage();
    }

    private static String describe(Node root) {
        StringBuilder sb = new StringBuilder();
        describe(root, new IdentityHashMap<>(), sb);
        return sb.toString();
    }

    /** A node as text; a node met again (an alias) as a reference to where it was first met. */
    private static void describe(Node node, Map<Node, Integer> seen, StringBuilder sb) {
        Integer first = seen.get(node);
        if (first != null) {
            sb.append("*").append(first);
            return;
        }
        seen.put(node, seen.size());
        sb.append('(').append(node.getNodeId()).append(' ').append(node.getTag()).append(' ')
                .append(mark(node.getStartMark())).append('-').append(mark(node.getEndMark()))
                .append(" &").append(node.getAnchor());
        if (node instanceof ScalarNode s) {
            sb.append(' ').append(s.getScalarStyle()).append(" '").append(s.getValue()).append('\'');
        } else if (node instanceof SequenceNode q) {
            sb.append(' ').append(q.getFlowStyle());
            for (Node item : q.getValue()) {
                sb.append(' ');
                describe(item, seen, sb);
            }
        } else if (node instanceof MappingNode m) {
            sb.append(' ').append(m.getFlowStyle()).append(" merged=").append(m.isMerged());
            for (NodeTuple t : m.getValue()) {
                sb.append(' ');
                describe(t.getKeyNode(), seen, sb);
                sb.append(':');
                describe(t.getValueNode(), seen, sb);
            }
        }
        sb.append(')');
    }

    private static String mark(Mark m) {
        return m == null ? "-" : m.getIndex() + "@" + m.getLine() + ":" + m.getColumn();
    }

    private static void sameAsSnakeYaml(String yaml) {
        assertThat(ours(yaml)).as("documents of:\n%s", yaml.length() > 2000 ? yaml.substring(0, 2000) + "..." : yaml)
                .isEqualTo(theirs(yaml));
    }


    @Test
    @DisplayName("every YAML file of the tests composes alike, alone and as one stream")
    void everyYamlFileOfTheTestsComposesAlike() {
        List<String> files = Mutations.testYamlFiles();
        assertThat(files).hasSizeGreaterThan(20);
        files.forEach(NodeComposerTest::sameAsSnakeYaml);
        sameAsSnakeYaml(String.join("\n---\n", files));
    }

    @Test
    @DisplayName("anchors, aliases, merge keys, tags and styles compose alike")
    void anchorsAliasesAndTagsComposeAlike() {
        sameAsSnakeYaml("a: &x 1\nb: *x\nc: &m {k: v}\nd: *m\ne: &s [1, *x]\nf: *s\n");
        sameAsSnakeYaml("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n");
        sameAsSnakeYaml("a: &x 1\nb: &x 2\nc: *x\n");                       // a later anchor replaces the earlier
        sameAsSnakeYaml("a: &r [1, *r]\n");                                 // an alias of a collection inside itself
        sameAsSnakeYaml("a: !!str 1\nb: !custom {x: 1}\nc: !!binary aGk=\nd: ! x\ne: !<tag:x> [1]\n");
        sameAsSnakeYaml("a: |\n  text\nb: >-\n  folded\nc: 'single'\nd: \"double\"\n? complex\n: key\n");
        sameAsSnakeYaml("--- &doc\na: 1\n...\n--- *doc\n");                // anchors do not outlive a document
        sameAsSnakeYaml("# only a comment\n");
        sameAsSnakeYaml("");
    }

    @Test
    @DisplayName("the limits fail alike: aliases of collections per document, nesting, undefined aliases")
    void limitsFailAlike() {
        String aliases = "a: &m {k: v}\nb: [*m, *m, *m]\n";
        sameAsSnakeYaml(aliases);                                           // three: at the limit
        sameAsSnakeYaml(aliases + "---\n" + aliases);                       // counted per document
        sameAsSnakeYaml("a: &m {k: v}\nb: [*m, *m, *m, *m]\n");             // four: over
        sameAsSnakeYaml("a: &s x\nb: [*s, *s, *s, *s, *s]\n");              // scalars do not count
        sameAsSnakeYaml("a: {b: {c: {d: 1}}}\n");
        sameAsSnakeYaml("a: {b: {c: {d: {e: {f: 1}}}}}\n");
        sameAsSnakeYaml("a: [[[[[[1]]]]]]\n");
        sameAsSnakeYaml("ok: 1\n---\na: *nowhere\n");
        sameAsSnakeYaml("a: !!%20 x\n");                                    // a tag SnakeYAML's Tag refuses
    }

    /** SnakeYAML's single document ({@code Composer.getSingleNode}), described, or how it failed. */
    private static String theirSingle(String yaml) {
        LoaderOptions options = options();
        Parser parser = new ParserImpl(new WindowedReader(new StringReader(yaml)), options);
        try {
            Node node = new Composer(parser, new ManifestReader.PlainScalars(), options).getSingleNode();
            return node == null ? "none" : describe(node);
        } catch (YAMLException | IllegalArgumentException e) {
            return failure(e);
        }
    }

    private static String ourSingle(String yaml) {
        Parser parser = new ParserImpl(new WindowedReader(new StringReader(yaml)), options());
        try {
            Node node = new NodeComposer(parser, new ManifestReader.PlainScalars(), MAX_ALIASES, MAX_DEPTH).singleDocument();
            return node == null ? "none" : describe(node);
        } catch (YAMLException | IllegalArgumentException e) {
            return failure(e);
        }
    }

    @Test
    @DisplayName("one document where one is expected: the same node, the same failure for none, two, or a second empty one")
    void singleDocumentAsSnakeYaml() {
        for (String yaml : List.of("a: 1\n", "", "# c\n", "---\na: 1\n...\n", "a: 1\n---\nb: 2\n", "---\n---\n",
                "a: 1\n---\n", "[1, 2]\n", "x\n", "a: *nowhere\n", "a: {b: {c: {d: {e: {f: 1}}}}}\n")) {
            assertThat(ourSingle(yaml)).as(yaml).isEqualTo(theirSingle(yaml));
        }
        assertThat(ourSingle("a: 1\n---\nb: 2\n")).startsWith("failed: expected a single document in the stream");
        for (String file : Mutations.testYamlFiles()) {
            assertThat(ourSingle(file)).isEqualTo(theirSingle(file));
        }
    }

    @RepeatedTest(10)
    @DisplayName("random mutations of the tests' YAML compose alike")
    void randomMutationsComposeAlike(RepetitionInfo rep) {
        List<String> files = Mutations.testYamlFiles();
        String alphabet = ":-[]{}&*!|>'\"#%@`,?<\t\n 0123456789~.abc";
        SplittableRandom random = new SplittableRandom(7_000_003L * rep.getCurrentRepetition());
        for (int round = 0; round < 60; round++) {
            String file = files.get(random.nextInt(files.size()));
            if (!file.isEmpty()) {
                sameAsSnakeYaml(Mutations.mutate(file, alphabet, 6, 40, random));
            }
        }
    }
}
