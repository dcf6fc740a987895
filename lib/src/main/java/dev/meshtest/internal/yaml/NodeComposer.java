package dev.meshtest.internal.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML's composer (YAML's "compose" step: parser events to a node tree) for a reader that
 * never keeps comments: the same nodes, tags, marks, anchors and errors as
 * {@code org.yaml.snakeyaml.composer.Composer} with {@code processComments} off, which
 * {@code NodeComposerTest} checks node for node against it. SnakeYAML's composer asks its comment
 * collectors around every node (two empty lists a scalar) and keeps the parents on the way down
 * in a hash set to mark recursive aliases, which only its constructors read: a third of
 * composing a large mesh. One composer reads one stream, a document at a time; the limits on
 * aliases of collections and on nesting count per document.
 *
 * <pre>{@code
 * NodeComposer composer = new NodeComposer(parser, resolver, 50, 64);
 * while (composer.hasDocument()) {
 *     Node root = composer.nextDocument();
 * }
 * }</pre>
 */
final class NodeComposer {
    private final Parser parser;
    private final Resolver resolver;
    private final int maxAliasesForCollections;
    private final int nestingDepthLimit;
    /** The anchors of the document so far; a later one of the same name replaces the earlier (as SnakeYAML's). */
    private final Map<String, Node> anchors = new HashMap<>();
    private int aliasesOfCollections;
    private int depth;

    NodeComposer(Parser parser, Resolver resolver, int maxAliasesForCollections, int nestingDepthLimit) {
        this.parser = parser;
        this.resolver = resolver;
        this.maxAliasesForCollections = maxAliasesForCollections;
        this.nestingDepthLimit = nestingDepthLimit;
    }

    /** Whether another document follows (the stream's start is passed on the first call). */
    boolean hasDocument() {
        if (parser.checkEvent(Event.ID.StreamStart)) {
            parser.getEvent();
        }
        return !parser.checkEvent(Event.ID.StreamEnd);
    }

    /** The next document's root node; call only after {@link #hasDocument()} answered true. */
    Node nextDocument() {
        parser.getEvent();   // DocumentStart
        Node root = node();
        parser.getEvent();   // DocumentEnd
        anchors.clear();
        aliasesOfCollections = 0;
        return root;
    }

    /**
     * The stream's only document, or {@code null} for an empty stream; a second document fails as
     * SnakeYAML's {@code Composer.getSingleNode} fails ({@code expected a single document in the
     * stream ... but found another document}). For YAML that is one object, not a manifest stream.
     */
    Node singleDocument() {
        Node root = hasDocument() ? nextDocument() : null;
        if (hasDocument()) {
            throw new NotSingle(root == null ? null : root.getStartMark(), parser.peekEvent().getStartMark());
        }
        return root;
    }

    private Node node() {
        if (parser.checkEvent(Event.ID.Alias)) {
            return alias((AliasEvent) parser.getEvent());
        }
        String anchor = ((NodeEvent) parser.peekEvent()).getAnchor();
        if (depth > nestingDepthLimit) {
            throw new YAMLException("Nesting Depth exceeded max " + nestingDepthLimit);
        }
        depth++;
        Node node;
        if (parser.checkEvent(Event.ID.Scalar)) {
            node = scalar((ScalarEvent) parser.getEvent(), anchor);
        } else if (parser.checkEvent(Event.ID.SequenceStart)) {
            node = sequence((SequenceStartEvent) parser.getEvent(), anchor);
        } else {
            node = mapping((MappingStartEvent) parser.getEvent(), anchor);
        }
        depth--;
        return node;
    }

    private Node alias(AliasEvent event) {
        Node node = anchors.get(event.getAnchor());
        if (node == null) {
            throw new UndefinedAlias("found undefined alias " + event.getAnchor(), event.getStartMark());
        }
        if (!(node instanceof ScalarNode) && ++aliasesOfCollections > maxAliasesForCollections) {
            throw new YAMLException("Number of aliases for non-scalar nodes exceeds the specified max="
                    + maxAliasesForCollections);
        }
        return node;
    }

    private Node scalar(ScalarEvent event, String anchor) {
        Tag tag = tag(event.getTag(), NodeId.scalar, event.getValue(), event.getImplicit().canOmitTagInPlainScalar());
        ScalarNode node = new ScalarNode(tag, resolved(event.getTag()), event.getValue(), event.getStartMark(),
                event.getEndMark(), event.getScalarStyle());
        anchor(anchor, node);
        return node;
    }

    private Node sequence(SequenceStartEvent start, String anchor) {
        Tag tag = tag(start.getTag(), NodeId.sequence, null, start.getImplicit());
        List<Node> items = new ArrayList<>();
        SequenceNode node = new SequenceNode(tag, resolved(start.getTag()), items, start.getStartMark(), null,
                start.getFlowStyle());
        anchor(anchor, node);
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            items.add(node());
        }
        node.setEndMark(parser.getEvent().getEndMark());
        return node;
    }

    private Node mapping(MappingStartEvent start, String anchor) {
        Tag tag = tag(start.getTag(), NodeId.mapping, null, start.getImplicit());
        List<NodeTuple> entries = new ArrayList<>();
        MappingNode node = new MappingNode(tag, resolved(start.getTag()), entries, start.getStartMark(), null,
                start.getFlowStyle());
        anchor(anchor, node);
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Node key = node();
            if (key.getTag().equals(Tag.MERGE)) {
                node.setMerged(true);
            }
            entries.add(new NodeTuple(key, node()));
        }
        node.setEndMark(parser.getEvent().getEndMark());
        return node;
    }

    /** Whether the node's tag is the resolver's: none written, or the non-specific {@code !}. */
    private static boolean resolved(String written) {
        return written == null || written.equals("!");
    }

    /** The node's tag: the resolver's for its kind (and a scalar's value), else the one written. */
    private Tag tag(String written, NodeId kind, String value, boolean implicit) {
        return resolved(written) ? resolver.resolve(kind, value, implicit) : new Tag(written);
    }

    /** Names a node by its anchor; a collection's is known before its children, so they may refer to it. */
    private void anchor(String anchor, Node node) {
        if (anchor != null) {
            node.setAnchor(anchor);
            anchors.put(anchor, node);
        }
    }

    /** SnakeYAML's error for a second document where one was expected (its constructors are protected). */
    private static final class NotSingle extends ComposerException {
        private static final long serialVersionUID = 1L;

        NotSingle(Mark first, Mark second) {
            super("expected a single document in the stream", first, "but found another document", second);
        }
    }

    /** SnakeYAML's error for an alias without anchor (its constructors are protected). */
    private static final class UndefinedAlias extends ComposerException {
        private static final long serialVersionUID = 1L;

        UndefinedAlias(String problem, Mark at) {
            super(problem, at);
        }
    }
}
