package dev.meshtest.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Origin;
import dev.meshtest.config.Position;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.text.ApiServerText;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads Kubernetes and Istio manifests, the YAML you would {@code kubectl apply}, into
 * {@link Manifest}s: one per object, in document order, each with its source and the line and
 * column of every field.
 *
 * <pre>{@code
 * List<Manifest> docs = ManifestReader.read(Path.of("k8s/helloworld.yaml"));
 * List<Manifest> same = ManifestReader.readClasspath("classpath:helloworld.yaml");
 * List<Manifest> one  = ManifestReader.read("""
 *         apiVersion: v1
 *         kind: Service
 *         metadata: {name: helloworld}
 *         spec:
 *           selector: {app: helloworld}
 *           ports: [{name: http, port: 5000}]
 *         """);
 * Service svc = (Service) one.get(0).resource();
 * one.get(0).origin().locate("spec.ports[0].port");   // "<string>:6:24"
 * }</pre>
 *
 * <h2>Strict, like {@code kubectl apply}</h2>
 * Reading is as strict as {@code kubectl apply} with strict field validation (its default): an
 * unknown field, a value of the wrong type, a missing required field or an unknown kind is an
 * error. Strings are never coerced: {@code version: 1.0} or {@code canary: yes} in labels is an
 * error that says to quote the value. Documents may be separated by {@code ---}; empty documents
 * are skipped; a {@code kind: List} yields its {@code items}.
 *
 * <h2>Errors</h2>
 * Every problem of every document is collected, then thrown as one {@link MeshConfigException}
 * that lists them in source order, each with {@code source:line:column}, the object, the field
 * path and the reason, in Kubernetes' words where it has them: an Istio or Gateway API kind's
 * fields as its CRD's schema reports them on the API server, ending with the API server's
 * {@code <nil>} line about the CEL rules it did not check; a built-in kind's (whose real message
 * is Go's JSON decoding error) and every {@code metadata} in meshtest's words:
 *
 * <pre>
 * 4 problems:
 *   vs.yaml:9:9: Service default/helloworld: spec.ports[0].port: expected an integer, found the string "http"
 *   vs.yaml:14:7: Deployment default/helloworld-v1: metadata.labels.version: Kubernetes requires a string here, found the number 1.0; quote it: version: "1.0"
 *   vs.yaml:35:15: VirtualService default/helloworld: spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"; remove the quotes
 *   vs.yaml:24:1: VirtualService default/helloworld: &lt;nil&gt;: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation
 * </pre>
 *
 * <h2>Safe</h2>
 * The reader only composes YAML into a node tree and binds that tree to records; it never lets
 * SnakeYAML construct Java objects, so no tag can instantiate a class, and tags other than plain
 * YAML's are rejected. Input is bounded by the limits below. No SnakeYAML exception escapes.
 *
 * <p>All methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ManifestReader {

    /** The most characters (code points) one document may have: 3 MiB, about the Kubernetes API server's request limit. */
    public static final int MAX_DOCUMENT_CODE_POINTS = 3 * 1024 * 1024;

    /**
     * The most characters one source (a file, a string, a stream) may have: 64 Mi, room for a
     * platform's whole mesh exported as one stream (10,000 Services with their Deployments,
     * VirtualServices and DestinationRules are about 15 Mi), however many documents it holds.
     */
    public static final int MAX_SOURCE_CHARACTERS = 64 * 1024 * 1024;

    /** The deepest nesting of maps and lists allowed. */
    public static final int MAX_DEPTH = 64;

    /** The most aliases ({@code *name}) of lists or maps one document may use: stops "billion laughs" bombs. */
    public static final int MAX_ALIASES_FOR_COLLECTIONS = 50;

    /** The most nodes one document may expand to once aliases are followed. */
    public static final int MAX_NODES_PER_DOCUMENT = 1_000_000;

    /** The source name of YAML read from a string. */
    public static final String STRING_SOURCE = "<string>";

    private static final String CLASSPATH = "classpath:";

    private ManifestReader() {
    }

    /**
     * Reads YAML from a string; messages name the source {@value #STRING_SOURCE}.
     *
     * <pre>{@code
     * ManifestReader.read("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
     * }</pre>
     *
     * @throws MeshConfigException if the YAML or any object in it is invalid, or it holds no object
     */
    public static List<Manifest> read(String yaml) {
        return read(yaml, STRING_SOURCE);
    }

    /**
     * Reads YAML from a string; messages name the source {@code sourceName}.
     *
     * <pre>{@code
     * ManifestReader.read(yamlText, "canary.yaml");   // errors read "canary.yaml:12:5: ..."
     * }</pre>
     *
     * @throws MeshConfigException if the YAML or any object in it is invalid, or it holds no object
     */
    public static List<Manifest> read(String yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml must not be null");
        Objects.requireNonNull(sourceName, "sourceName must not be null");
        return read(new StringReader(yaml), sourceName, Kinds.standard());
    }

    /**
     * Reads a YAML file (UTF-8, or UTF-16/32 with a byte order mark); messages name it as given.
     *
     * <pre>{@code
     * ManifestReader.read(Path.of("src/test/resources/helloworld.yaml"));
     * }</pre>
     *
     * @throws MeshConfigException if the file cannot be read, the YAML or any object in it is
     *     invalid, or it holds no object
     */
    public static List<Manifest> read(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        String source = file.toString();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw problem("file not found: " + source);
        } catch (AccessDeniedException e) {
            throw problem("cannot read " + source + ": permission denied");
        } catch (IOException | RuntimeException e) {
            throw problem("cannot read " + source + ": " + e.getMessage());
        }
        try (in) {
            return read(in, source);
        } catch (IOException e) {
            throw problem("cannot read " + source + ": " + e.getMessage());
        }
    }

    /**
     * Whether a classpath resource exists, named with or without {@code classpath:}, where
     * {@link #readClasspath} would look.
     *
     * @param resource the resource name
     * @return whether it can be read
     */
    public static boolean classpathResourceExists(String resource) {
        String name = resource.startsWith(CLASSPATH) ? resource.substring(CLASSPATH.length()) : resource;
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            return false;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = ManifestReader.class.getClassLoader();
        if (context != null && context.getResource(name) != null
                || (own == null ? ClassLoader.getSystemResource(name) : own.getResource(name)) != null) {
            return true;
        }
        try (InputStream in = ManifestReader.class.getModule().getResourceAsStream(name)) {
            return in != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a classpath resource, named with or without the {@code classpath:} prefix, through the
     * thread's context class loader, else the one that loaded meshtest. Messages name it
     * {@code classpath:name}.
     *
     * <pre>{@code
     * ManifestReader.readClasspath("classpath:helloworld.yaml");
     * ManifestReader.readClasspath("samples/bookinfo.yaml");
     * }</pre>
     *
     * @throws MeshConfigException if the resource does not exist or cannot be read, the YAML or
     *     any object in it is invalid, or it holds no object
     */
    public static List<Manifest> readClasspath(String resource) {
        Objects.requireNonNull(resource, "resource must not be null");
        String name = resource.startsWith(CLASSPATH) ? resource.substring(CLASSPATH.length()) : resource;
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        URL url = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            url = context.getResource(name);
        }
        if (url == null) {
            ClassLoader own = ManifestReader.class.getClassLoader();
            url = own == null ? ClassLoader.getSystemResource(name) : own.getResource(name);
        }
        if (name.isEmpty()) {
            throw problem("classpath resource not found: " + name);
        }
        String source = CLASSPATH + name;
        // On the module path, meshtest's own resources (the fixtures) are encapsulated in its
        // module: class loaders do not see them, the module itself does.
        try (InputStream in = url != null ? url.openStream() : ManifestReader.class.getModule().getResourceAsStream(name)) {
            if (in == null) {
                throw problem("classpath resource not found: " + name);
            }
            return read(in, source);
        } catch (IOException | UncheckedIOException e) {
            throw problem("cannot read " + source + ": " + e.getMessage());
        }
    }

    /**
     * Reads YAML from a stream (UTF-8, or UTF-16/32 with a byte order mark). The stream is read to
     * its end (or to the first error that stops reading) and not closed.
     *
     * <pre>{@code
     * try (InputStream in = request.getInputStream()) {
     *     ManifestReader.read(in, "upload.yaml");
     * }
     * }</pre>
     *
     * @throws MeshConfigException if the stream cannot be read, the YAML or any object in it is
     *     invalid, or it holds no object
     */
    public static List<Manifest> read(InputStream in, String sourceName) {
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(sourceName, "sourceName must not be null");
        return read(new UnicodeReader(in), sourceName, Kinds.standard());
    }

    /**
     * Reads manifests from a string with a registry of kinds other than the standard one, for kinds
     * that are built and tested before {@link Kinds#standard()} reads them (the Gateway API's).
     *
     * <pre>{@code
     * Kinds kinds = Kinds.standard().toBuilder()
     *         .simulate("gateway.networking.k8s.io/v1", "HTTPRoute", HttpRoute.class)
     *         .build();
     * List<Manifest> docs = ManifestReader.read(yaml, "route.yaml", kinds);
     * }</pre>
     *
     * @param yaml the manifests
     * @param sourceName how messages name the source
     * @param kinds what to do with each apiVersion and kind
     * @return one manifest per object, in document order
     * @throws MeshConfigException if the YAML or any object in it is invalid, or it holds no object
     */
    public static List<Manifest> read(String yaml, String sourceName, Kinds kinds) {
        Objects.requireNonNull(yaml, "yaml must not be null");
        Objects.requireNonNull(sourceName, "sourceName must not be null");
        Objects.requireNonNull(kinds, "kinds must not be null");
        return read(new StringReader(yaml), sourceName, kinds);
    }

    /**
     * Reads one YAML mapping that is not a Kubernetes object, such as Istio's MeshConfig, into a
     * record with the same strictness and located errors as manifests.
     *
     * <pre>{@code
     * MeshConfig mc = ManifestReader.readObject("outboundTrafficPolicy: {mode: REGISTRY_ONLY}", MeshConfig.class, "<meshConfig>");
     * }</pre>
     */
    public static <R extends Record> R readObject(String yaml, Class<R> type, String sourceName) {
        Objects.requireNonNull(yaml, "yaml must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Problems problems = new Problems(sourceName);
        Object bound = null;
        try {
            Node node = single(yaml);
            if (node == null || Scalars.isNull(node)) {
                node = single("{}");   // empty: every field absent
            }
            if (!(node instanceof MappingNode m)) {
                problems.add(null, null, null, "expected a mapping of " + type.getSimpleName() + " fields");
            } else {
                Binder binder = new Binder(problems, new Binder.FieldPaths());
                binder.target(null, new LinkedHashMap<>());
                bound = binder.bindRoot(m, type, Set.of(), Set.of());
            }
        } catch (YAMLException e) {
            SyntaxErrors.report(e, problems, 1);
        } catch (IllegalArgumentException e) {
            SyntaxErrors.report(e, problems, 1);
        }
        if (!problems.isEmpty() || bound == null || bound == Binder.INVALID) {
            throw problems.isEmpty() ? problem("cannot read " + sourceName) : problems.toException();
        }
        return type.cast(bound);
    }

    /**
     * One item of a list read by {@link #readItems}: its index, where it starts, and either the
     * record it binds to or the problems that kept it from binding.
     *
     * @param index the item's index in the list
     * @param position where the item starts (its first field, or the value of a non-map item)
     * @param value the bound record; null when {@code problems} is not
     * @param problems what is wrong with this item, each with its place and field path; null when it bound
     * @param positions the line and column of each field of the item, by field path from the
     *     document's root ({@code cases[3].expect.status})
     * @param name the item's {@code name} field when it is a plain string, also when the item has
     *     problems (so a report can name the item); else null
     * @param <I> the item's record type
     */
    public record Item<I>(int index, Position position, I value, MeshConfigException problems,
                          Map<String, Position> positions, String name) {
    }

    /**
     * A YAML mapping read by {@link #readItems}: its own fields, and each item of its list.
     *
     * @param header the mapping's fields other than the list
     * @param positions the line and column of each of the header's fields, by field path
     * @param items the list's items, in order
     * @param <H> the header's record type
     * @param <I> the items' record type
     */
    public record Items<H, I>(H header, Map<String, Position> positions, List<Item<I>> items) {
    }

    /**
     * Reads one YAML mapping whose list under {@code listKey} holds items that are bound each on its
     * own, with the strictness and located messages of manifests: a problem in the mapping's own
     * fields fails the whole read, a problem in an item is kept with that item, so one bad item
     * does not hide the others. A table of test cases is read this way.
     *
     * <pre>{@code
     * Items<Header, Case> t = ManifestReader.readItems(text, "classpath:routes.yaml", Header.class, "cases", Case.class);
     * t.items().get(2).problems();   // "classpath:routes.yaml:14:7: cases[2].expect.stauts: unknown field (did you mean \"status\"?)"
     * }</pre>
     *
     * @param yaml the document
     * @param sourceName the name messages give the source
     * @param headerType the record of the mapping's fields other than {@code listKey}
     * @param listKey the key of the list; required, and a list
     * @param itemType the record of each item
     * @param <H> the header's record type
     * @param <I> the items' record type
     * @return the header and the items
     * @throws MeshConfigException when the YAML cannot be read, is not a mapping, has no list under
     *     {@code listKey}, or its own fields have problems
     */
    public static <H extends Record, I extends Record> Items<H, I> readItems(String yaml, String sourceName,
            Class<H> headerType, String listKey, Class<I> itemType) {
        Objects.requireNonNull(yaml, "yaml must not be null");
        Problems problems = new Problems(sourceName);
        Node node = null;
        try {
            node = single(yaml);
        } catch (YAMLException e) {
            SyntaxErrors.report(e, problems, 1);
            throw problems.toException();
        } catch (IllegalArgumentException e) {
            SyntaxErrors.report(e, problems, 1);
            throw problems.toException();
        }
        if (node == null || Scalars.isNull(node)) {
            problems.add(null, null, null, "the document is empty; it needs at least " + listKey + ": [...]");
            throw problems.toException();
        }
        if (!(node instanceof MappingNode m)) {
            problems.add(node.getStartMark(), null, null, "expected a mapping of " + headerType.getSimpleName()
                    + " fields and " + listKey);
            throw problems.toException();
        }
        Binder.FieldPaths paths = new Binder.FieldPaths();
        Binder binder = new Binder(problems, paths);
        Map<String, Position> positions = new LinkedHashMap<>();
        binder.target(null, positions);
        Object header = binder.bindRoot(m, headerType, Set.of(), Set.of(listKey));
        NodeTuple list = Document.entry(m, listKey);
        if (list != null) {
            org.yaml.snakeyaml.error.Mark key = list.getKeyNode().getStartMark();
            positions.put(listKey, new Position(key.getLine() + 1, key.getColumn() + 1));
        }
        if (list == null || Scalars.isNull(list.getValueNode())) {
            problems.add(m.getStartMark(), null, listKey, ApiServerText.required(""));
        } else if (!(list.getValueNode() instanceof SequenceNode)) {
            problems.add(list.getValueNode().getStartMark(), null, listKey, "expected a list");
        }
        if (!problems.isEmpty() || header == Binder.INVALID) {
            throw problems.toException();
        }
        List<Item<I>> items = new ArrayList<>();
        List<Node> nodes = ((SequenceNode) list.getValueNode()).getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node itemNode = nodes.get(i);
            String path = listKey + "[" + i + "]";
            Problems itemProblems = new Problems(sourceName);
            Binder itemBinder = new Binder(itemProblems, paths);
            Map<String, Position> itemPositions = new LinkedHashMap<>();
            itemBinder.target(null, itemPositions);
            Object value = Binder.INVALID;
            if (itemNode instanceof MappingNode itemMap) {
                value = itemBinder.bindAt(itemMap, itemType, path, 2);
            } else {
                itemProblems.add(itemNode.getStartMark(), null, path, "expected a map of " + itemType.getSimpleName()
                        + " fields");
            }
            org.yaml.snakeyaml.error.Mark start = itemNode instanceof MappingNode im && !im.getValue().isEmpty()
                    ? im.getValue().get(0).getKeyNode().getStartMark() : itemNode.getStartMark();
            Position at = new Position(start.getLine() + 1, start.getColumn() + 1);
            boolean ok = itemProblems.isEmpty() && value != Binder.INVALID;
            items.add(new Item<>(i, at, ok ? itemType.cast(value) : null,
                    ok ? null : itemProblems.isEmpty() ? new MeshConfigException(new Problem(sourceName + ":" + at,
                            null, path, "cannot be read")) : itemProblems.toException(),
                    java.util.Collections.unmodifiableMap(itemPositions),
                    itemNode instanceof MappingNode im ? Document.text(Document.child(im, "name")) : null));
        }
        return new Items<>(headerType.cast(header), java.util.Collections.unmodifiableMap(positions),
                List.copyOf(items));
    }

    /**
     * The keys of a YAML mapping that {@link #readObject} has read: which fields it sets, including
     * the accepted ones the record drops.
     *
     * @param yaml the mapping
     * @return its top-level keys, in order; empty when it is not a mapping
     */
    public static Set<String> topLevelKeys(String yaml) {
        return keys(single(yaml));
    }

    /**
     * The keys of the mapping under one top-level key of a YAML mapping {@link #readObject} has read.
     *
     * @param yaml the mapping
     * @param key the top-level key
     * @return the keys under it, in order; empty when it is absent or not a mapping
     */
    public static Set<String> keysUnder(String yaml, String key) {
        Node root = single(yaml);
        return root instanceof MappingNode m && Document.child(m, key) != null ? keys(Document.child(m, key)) : Set.of();
    }

    private static Set<String> keys(Node node) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        if (node instanceof MappingNode m) {
            for (org.yaml.snakeyaml.nodes.NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k) {
                    keys.add(k.getValue());
                }
            }
        }
        return keys;
    }

    /**
     * SnakeYAML's YAML 1.1 {@code Resolver}, answered without a regular expression for the plain
     * scalars no implicit resolver can claim. {@code Resolver.resolve} picks the resolvers
     * registered for the scalar's first character (bool, int, float, null, merge, timestamp: see
     * {@code Resolver.addImplicitResolvers}), then tries those registered for any first
     * character, {@code NULL} and {@code EMPTY}, which match nothing but {@code ""} and
     * {@code " "} when the first character is not one of theirs ({@code ~nN}). Any other scalar
     * whose first character no resolver claims is a string. Most keys and names are such
     * ({@code metadata}, {@code spec}, {@code helloworld}), and skipping the two matchers for them
     * took a tenth of the time of reading a large mesh. {@code PlainScalarsTest} checks the
     * answers against SnakeYAML's own.
     */
    static final class PlainScalars extends Resolver {
        /**
         * The plain scalars that start with a letter and resolve to something other than a string:
         * YAML 1.1's booleans ({@code Resolver.BOOL}) and nulls ({@code Resolver.NULL}).
         * {@code PlainScalarsTest} checks that each does, and that random words that are not do not.
         */
        static final java.util.Set<String> BOOLS_AND_NULLS = java.util.Set.of("yes", "Yes", "YES", "no", "No", "NO",
                "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
                "null", "Null", "NULL");

        /** The first characters some resolver is registered for, read from the resolver itself. */
        private final java.util.Set<Character> claimed = new java.util.HashSet<>();

        PlainScalars() {
            for (Character c : yamlImplicitResolvers.keySet()) {
                if (c != null) {
                    claimed.add(c);
                }
            }
        }

        @Override
        public org.yaml.snakeyaml.nodes.Tag resolve(org.yaml.snakeyaml.nodes.NodeId kind, String value, boolean implicit) {
            if (kind == org.yaml.snakeyaml.nodes.NodeId.scalar && implicit && value.length() > 1) {
                char first = value.charAt(0);
                if (!claimed.contains(first)) {
                    return org.yaml.snakeyaml.nodes.Tag.STR;
                }
                // The letters are claimed by the booleans and nulls (yes, No, false, null, ...) alone:
                // words of ASCII letters, none longer than five characters. Any other scalar that
                // starts with a letter is a string without running the regexes; so is a word that
                // is none of theirs ("name").
                if (Character.isLetter(first)) {
                    return value.length() > 5 || !BOOLS_AND_NULLS.contains(value) ? org.yaml.snakeyaml.nodes.Tag.STR
                            : super.resolve(kind, value, implicit);
                }
                // A decimal without a leading zero is the INT resolver's, which comes first for digits.
                if (first >= '1' && first <= '9' && allDigits(value)) {
                    return org.yaml.snakeyaml.nodes.Tag.INT;
                }
            }
            return super.resolve(kind, value, implicit);
        }

        private static boolean allDigits(String value) {
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    static List<Manifest> read(Reader reader, String source, Kinds kinds) {
        Problems problems = new Problems(source);
        List<Manifest> out = new ArrayList<>();
        int document = 0;
        try {
            LoaderOptions options = loaderOptions();
            Parser parser = new ParserImpl(new WindowedReader(new LimitedReader(reader)), options);
            NodeComposer composer = new NodeComposer(parser, new PlainScalars(), MAX_ALIASES_FOR_COLLECTIONS, MAX_DEPTH);
            Binder.FieldPaths paths = new Binder.FieldPaths();
            while (true) {
                Node node;
                try {
                    if (!composer.hasDocument()) {
                        break;
                    }
                    document++;
                    node = composer.nextDocument();
                } catch (IllegalArgumentException e) {
                    SyntaxErrors.report(e, problems, document);
                    break;
                }
                new Document(source, kinds, problems, paths, out).read(node);
            }
        } catch (LimitedReader.TooLarge e) {
            problems.add(null, null, null, "the source is larger than " + MAX_SOURCE_CHARACTERS + " characters (64 MiB); "
                    + "split it into several applies");
        } catch (YAMLException e) {
            SyntaxErrors.report(e, problems, document);
        } catch (UncheckedIOException e) {
            problems.addUnlocated("cannot read " + source + ": " + e.getCause().getMessage());
        }
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        if (out.isEmpty()) {
            throw new MeshConfigException(new Problem(source, null, null, "no objects passed to apply"));
        }
        return List.copyOf(out);
    }

    /** A reader that refuses to read past {@link #MAX_SOURCE_CHARACTERS}. */
    private static final class LimitedReader extends Reader {
        /** Thrown through SnakeYAML (which wraps only I/O exceptions) when the source is too large. */
        static final class TooLarge extends RuntimeException {
            TooLarge() {
                super(null, null, false, false);
            }
        }

        private final Reader in;
        private long read;

        LimitedReader(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buf, int off, int len) throws java.io.IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                read += n;
                if (read > MAX_SOURCE_CHARACTERS) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        @Override
        public void close() throws java.io.IOException {
            in.close();
        }
    }

    /** YAML that is one object (not a stream of manifests), composed as manifests are: its node, or {@code null} when empty. */
    private static Node single(String yaml) {
        Parser parser = new ParserImpl(new WindowedReader(new StringReader(yaml)), loaderOptions());
        return new NodeComposer(parser, new PlainScalars(), MAX_ALIASES_FOR_COLLECTIONS, MAX_DEPTH).singleDocument();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);   // checked again by the binder, which reports both lines
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setProcessComments(false);
        // Composing never instantiates classes whatever the tag; the binder rejects every tag that
        // is not plain YAML's and reports all of them, so SnakeYAML need not stop at the first.
        options.setTagInspector(tag -> true);
        return options;
    }

    private static MeshConfigException problem(String reason) {
        return new MeshConfigException(new Problem(null, null, null, reason));
    }

    /** One YAML document: one object, or the items of a {@code kind: List}, or nothing. */
    private static final class Document {
        private final String source;
        private final Kinds kinds;
        private final Problems problems;
        private final List<Manifest> out;
        private final Binder binder;

        Document(String source, Kinds kinds, Problems problems, Binder.FieldPaths paths, List<Manifest> out) {
            this.source = source;
            this.kinds = kinds;
            this.problems = problems;
            this.out = out;
            this.binder = new Binder(problems, paths);
        }

        void read(Node node) {
            if (Scalars.isNull(node)) {
                return;   // an empty document
            }
            readObject(node, "");
        }

        /** Reads one object; {@code at} is its path in the document for messages about its shape ({@code items[2]}). */
        private void readObject(Node node, String at) {
            Map<String, Position> positions = new LinkedHashMap<>();
            positions.put("", new Position(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1));
            binder.target(null, positions);
            if (!(node instanceof MappingNode root)) {
                if (binder.check(node, at, 0)) {
                    problems.add(node.getStartMark(), null, at, "a manifest must be a map with apiVersion, kind and "
                            + "metadata, found " + Scalars.describe(node));
                }
                return;
            }
            Node apiVersionNode = child(root, "apiVersion");
            Node kindNode = child(root, "kind");
            String apiVersion = header(root, apiVersionNode, "apiVersion");
            String kind = header(root, kindNode, "kind");
            if (apiVersion == null || kind == null) {
                return;
            }
            if (kind.equals("List") && apiVersion.equals("v1")) {
                readList(root);
                return;
            }
            Kinds.Resolution resolution = kinds.resolve(apiVersion, kind);
            if (resolution instanceof Kinds.NoMatch noMatch) {
                problems.add(kindNode.getStartMark(), null, null, noMatch.message());
                return;
            }
            ResourceRef ref = ref(root, apiVersion, kind);
            binder.target(ref, positions);
            if (resolution instanceof Kinds.Unsupported unsupported) {
                problems.add(kindNode.getStartMark(), ref, null, unsupported.why());
                return;
            }
            int before = problems.size();
            checkName(root);
            Object bound;
            if (resolution instanceof Kinds.Ignored) {
                bound = binder.bindRoot(root, Header.class, Set.of("metadata"), null);
            } else {
                bound = binder.bindRoot(root, ((Kinds.Simulated) resolution).type(), Set.of("metadata"), Set.of());
            }
            if (bound == Binder.INVALID || problems.size() > before) {
                return;
            }
            Resource resource;
            if (bound instanceof Header h) {
                resource = new IgnoredResource(h.apiVersion(), h.kind(), h.metadata(),
                        ((Kinds.Ignored) resolution).why(), kinds.isClusterScoped(h.kind()));
            } else {
                resource = (Resource) bound;
            }
            out.add(new Manifest(resource, new Origin(source, positions)));
        }

        private void readList(MappingNode root) {
            // The List itself: apiVersion, kind and metadata (a ListMeta, dropped); items are read
            // below, one object at a time, each with paths relative to itself.
            int before = problems.size();
            binder.bindRoot(root, ListHeader.class, Set.of(), Set.of("items"));
            Node items = child(root, "items");
            if (problems.size() > before || items == null || Scalars.isNull(items)) {
                return;
            }
            if (!(items instanceof SequenceNode seq)) {
                problems.add(items.getStartMark(), null, "items", "expected a list, found " + Scalars.describe(items));
                return;
            }
            List<Node> list = seq.getValue();
            for (int i = 0; i < list.size(); i++) {
                if (binder.stopped()) {
                    return;
                }
                readObject(list.get(i), "items[" + i + "]");
            }
        }

        /** Reads {@code apiVersion} or {@code kind} for dispatch; reports and answers null when it is unusable. */
        private String header(MappingNode root, Node node, String name) {
            if (node == null || Scalars.isNull(node)) {
                problems.add(root.getStartMark(), null, null, name + " not set");
                return null;
            }
            if (!(node instanceof ScalarNode s) || Scalars.kindOf(s) != Scalars.Kind.STRING) {
                String found = Scalars.describe(node);
                problems.add(node.getStartMark(), null, name, "expected a string, found " + found);
                return null;
            }
            if (s.getValue().isEmpty()) {
                problems.add(root.getStartMark(), null, null, name + " not set");
                return null;
            }
            return s.getValue();
        }

        /**
         * Kubernetes: {@code resource name may not be empty}, unless {@code generateName} stands in.
         * Reported where {@link Origin#locate} would put {@code metadata.name}: at its key, else at
         * the {@code metadata} key, else at the document.
         */
        private void checkName(MappingNode root) {
            NodeTuple metadata = entry(root, "metadata");
            if (metadata == null || Scalars.isNull(metadata.getValueNode())) {
                problems.add(root.getStartMark(), null, "metadata.name", "resource name may not be empty");
                return;
            }
            if (!(metadata.getValueNode() instanceof MappingNode m)) {
                return;   // the binder reports "expected a map"
            }
            NodeTuple name = entry(m, "name");
            NodeTuple generateName = entry(m, "generateName");
            if (present(name) || present(generateName)) {
                return;
            }
            Node at = name != null ? name.getKeyNode() : metadata.getKeyNode();
            problems.add(at.getStartMark(), null, "metadata.name", "resource name may not be empty");
        }

        private static boolean present(NodeTuple t) {
            if (t == null) {
                return false;
            }
            Node n = t.getValueNode();
            return !Scalars.isNull(n) && !(n instanceof ScalarNode s && s.getValue().isEmpty()
                    && Scalars.kindOf(s) == Scalars.Kind.STRING);
        }

        /**
         * The object as messages name it, read leniently before binding so that every problem of the
         * object can name it: {@code null} when its name is unknown.
         */
        private ResourceRef ref(MappingNode root, String apiVersion, String kind) {
            Node metadata = child(root, "metadata");
            if (!(metadata instanceof MappingNode m)) {
                return null;
            }
            String name = text(child(m, "name"));
            if (name == null) {
                name = text(child(m, "generateName"));
            }
            if (name == null) {
                return null;
            }
            String namespace = "";
            if (!kinds.isClusterScoped(kind)) {
                namespace = text(child(m, "namespace"));
                namespace = namespace == null ? Resource.DEFAULT_NAMESPACE : namespace;
            }
            return ResourceRef.of(apiVersion, kind, namespace, name);
        }

        private static String text(Node node) {
            if (node instanceof ScalarNode s && Scalars.kindOf(s) == Scalars.Kind.STRING && !s.getValue().isEmpty()) {
                return s.getValue();
            }
            return null;
        }

        /** The first value under a plain key, without merges; null when absent. */
        private static Node child(MappingNode m, String key) {
            NodeTuple t = entry(m, key);
            return t == null ? null : t.getValueNode();
        }

        private static NodeTuple entry(MappingNode m, String key) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && Scalars.kindOf(k) == Scalars.Kind.STRING
                        && k.getValue().equals(key)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The fields every object has; the shape an ignored kind is read with (its other fields are dropped). */
    record Header(String apiVersion, String kind, ObjectMeta metadata) {
    }

    /** A {@code kind: List}: its {@code metadata} is a ListMeta (resourceVersion, continue), dropped. */
    record ListHeader(String apiVersion, String kind, Object metadata) {
    }
}
