package dev.meshtest.junit;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.Position;
import dev.meshtest.config.Required;
import dev.meshtest.internal.yaml.ManifestReader;
import dev.meshtest.traffic.ResponseFlag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table of {@link MeshCases}: where it is, the config it applies, and its cases, read strictly
 * with the line and column of every field ({@link ManifestReader#readItems}). A problem with the
 * table's own fields ({@code fixtures}, {@code config}) fails the whole table; a problem with a
 * case stays with that case, which then fails on its own.
 */
final class RouteTable {

    /** The table's own fields; {@code cases} is read item by item. */
    record Header(List<String> fixtures, List<String> config) {
    }

    /** One case: a request and what it should come to. */
    record Case(String name, @Required Request request, @Required Expect expect) {
    }

    /**
     * The request, as the DSL sends it: from a pod or from outside, to a URL or to its parts.
     * {@code url}, {@code authority}, {@code path} and {@code method} are each a string or a list of
     * strings; a case sends every combination of them.
     */
    record Request(String from, Boolean fromOutside, String gateway, Object url, String scheme, Object authority,
                   Integer port, Object path, Object method, Map<String, String> headers) {
    }

    /** One request a case sends: a combination of its methods and URLs. */
    record Sent(String method, String url) {
    }

    /** What the request should come to; every field given is checked, the others are not. */
    record Expect(String workload, String pod, String version, String service, String subset, String cluster,
                  Integer status, String flags, String path, String authority, Map<String, String> headers,
                  Redirect redirect, Map<String, Integer> weights) {
    }

    /** How many requests a case with {@code weights} sends to check the split. */
    static final int WEIGHTED_REQUESTS = 1000;

    /** A redirect Envoy answers itself: its status (any redirect status when absent) and {@code location}. */
    record Redirect(Integer status, @Required String location) {
    }

    /** What the table applies: a config file, or YAML written in the table. */
    sealed interface Config permits Source, Inline {
        void applyTo(Mesh mesh);
    }

    /**
     * YAML written in the table as a block scalar ({@code - |}); applied as it is, and its problems
     * located in the table: line {@code n} of the text is line {@code firstLine + n - 1} of the
     * table, column {@code c} is column {@code indent + c}. When the text is not a block scalar its
     * lines cannot be mapped, and problems say the table's line of the item ({@code firstLine} 0).
     */
    record Inline(String text, String table, int itemLine, int firstLine, int indent, String path) implements Config {

        @Override
        public void applyTo(Mesh mesh) {
            try {
                mesh.apply(text);
            } catch (MeshConfigException e) {
                List<Problem> located = new ArrayList<>();
                for (Problem p : e.problems()) {
                    located.add(new Problem(locate(p.location()), p.resource(), p.fieldPath(),
                            p.location() == null ? path + " (line " + itemLine + "): " + p.reason() : p.reason()));
                }
                throw new MeshConfigException(located);
            }
        }

        /** {@code <string>:3:5} as the place in the table. */
        private String locate(String location) {
            String prefix = ManifestReader.STRING_SOURCE;
            if (location == null || !location.startsWith(prefix)) {
                return location;
            }
            String[] at = location.substring(prefix.length()).split(":");
            if (firstLine > 0 && at.length == 3) {
                try {
                    return table + ":" + (firstLine + Integer.parseInt(at[1]) - 1) + ":" + (indent + Integer.parseInt(at[2]));
                } catch (NumberFormatException e) {
                    // not a position: fall through
                }
            }
            return table + ":" + itemLine;
        }
    }

    /** Where a table or a config file is: a classpath resource or a file. */
    record Source(String resource, Path file) implements Config {

        static Source of(String location) {
            if (location.startsWith("file:")) {
                return new Source(null, Path.of(location.substring("file:".length())).normalize());
            }
            String name = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            while (name.startsWith("/")) {
                name = name.substring(1);
            }
            return new Source(name, null);
        }

        /** How messages name it: {@code classpath:routes/helloworld.yaml} or the file's path. */
        String shown() {
            return resource != null ? "classpath:" + resource : file.toString().replace('\\', '/');
        }

        /** Its file name, for test names: {@code helloworld.yaml}. */
        String fileName() {
            String s = shown();
            return s.substring(s.lastIndexOf('/') + 1);
        }

        boolean exists() {
            return resource != null ? !resource.isEmpty() && ManifestReader.classpathResourceExists(resource)
                    : Files.isRegularFile(file);
        }

        /** A location relative to this one's folder; {@code classpath:} or {@code file:} make it absolute. */
        Source resolve(String relative) {
            if (relative.startsWith("classpath:") || relative.startsWith("file:")) {
                return of(relative);
            }
            if (resource != null) {
                int slash = resource.lastIndexOf('/');
                return new Source(normalize((slash < 0 ? "" : resource.substring(0, slash + 1)) + relative), null);
            }
            Path parent = file.getParent();
            return new Source(null, (parent == null ? Path.of(relative) : parent.resolve(relative)).normalize());
        }

        @Override
        public void applyTo(Mesh mesh) {
            if (resource != null) {
                mesh.apply("classpath:" + resource);
            } else {
                mesh.apply(file);
            }
        }

        String read() {
            try (InputStream in = open()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + shown() + ": " + e.getMessage(), e);
            }
        }

        private InputStream open() throws IOException {
            if (file != null) {
                return Files.newInputStream(file);
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            InputStream in = context == null ? null : context.getResourceAsStream(resource);
            if (in == null) {
                ClassLoader own = RouteTable.class.getClassLoader();
                in = own == null ? ClassLoader.getSystemResourceAsStream(resource) : own.getResourceAsStream(resource);
            }
            if (in == null) {
                throw new IOException("not found");
            }
            return in;
        }

        /** {@code a/b/../c/./d.yaml} as {@code a/c/d.yaml}; a {@code ..} above the root stays. */
        private static String normalize(String path) {
            List<String> parts = new ArrayList<>();
            for (String p : path.split("/", -1)) {
                if (p.isEmpty() || p.equals(".")) {
                    continue;
                }
                if (p.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                } else {
                    parts.add(p);
                }
            }
            return String.join("/", parts);
        }
    }

    /**
     * One case as the table gives it: its place, and either the case or what keeps it from being
     * checked (every problem of the case, each with its line and field).
     */
    record Row(Source table, int index, Position position, Case value, MeshConfigException problems,
               Map<String, Position> positions, String name, List<Sent> requests) {

        /** {@code classpath:routes/helloworld.yaml:12}: the row's place, for messages. */
        String place() {
            return table.shown() + ":" + position.line();
        }

        /** The test's name: {@code helloworld.yaml:12 jason goes to v1}, or the request when the case has no name. */
        String displayName() {
            String what;
            if (name != null && !name.isBlank()) {
                what = name;
            } else if (value != null) {
                what = RouteCheck.describe(this);
            } else {
                what = "cases[" + index + "]";
            }
            return table.fileName() + ":" + position.line() + " " + what;
        }

        /** Where a field of this case is: {@code classpath:routes/helloworld.yaml:14:7}, else the row's place. */
        String locate(String path) {
            Position p = positions.get(path);
            return table.shown() + ":" + (p == null ? position : p);
        }

        /** The line of a field of this case, else of the row. */
        int line(String path) {
            Position p = positions.get(path);
            return p == null ? position.line() : p.line();
        }
    }

    private final Source source;
    private final List<String> fixtures;
    private final List<Config> config;
    private final List<Row> rows;

    private RouteTable(Source source, List<String> fixtures, List<Config> config, List<Row> rows) {
        this.source = source;
        this.fixtures = fixtures;
        this.config = config;
        this.rows = rows;
    }

    Source source() {
        return source;
    }

    List<Row> rows() {
        return rows;
    }

    /** Applies the table's fixtures, then its config files, in order. */
    void applyTo(Mesh mesh) {
        for (String fixture : fixtures) {
            mesh.apply(Fixtures.location(fixture));
        }
        for (Config c : config) {
            c.applyTo(mesh);
        }
    }

    /**
     * Reads a table.
     *
     * @throws MeshConfigException when the table does not exist, is not YAML, or its own fields have
     *     problems (an unknown fixture, a config file that does not exist); each problem with its place
     */
    static RouteTable read(String location) {
        Source source = Source.of(location);
        if (!source.exists()) {
            throw new MeshConfigException(new Problem(null, null, null, (source.resource != null
                    ? "no classpath resource " + source.resource : "no file " + source.file.toAbsolutePath())
                    + " (the table of @MeshCases(\"" + location + "\"): a classpath resource, \"classpath:\" optional, "
                    + "or \"file:\" and a path relative to the working directory)"));
        }
        String text = source.read();
        ManifestReader.Items<Header, Case> items = ManifestReader.readItems(text, source.shown(), Header.class,
                "cases", Case.class);
        Header header = items.header();
        Map<String, Position> at = items.positions();
        List<Problem> problems = new ArrayList<>();
        List<String> fixtures = header.fixtures() == null ? List.of() : header.fixtures();
        for (int i = 0; i < fixtures.size(); i++) {
            try {
                Fixtures.location(fixtures.get(i));
            } catch (IllegalArgumentException e) {
                problems.add(problem(source, at, "fixtures[" + i + "]", e.getMessage()));
            }
        }
        List<Config> config = new ArrayList<>();
        List<String> configNames = header.config() == null ? List.of() : header.config();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < configNames.size(); i++) {
            String path = "config[" + i + "]";
            String name = configNames.get(i);
            if (name.contains("\n")) {
                config.add(inline(name, source, lines, at.get(path), path));
                continue;
            }
            Source c = source.resolve(name);
            if (!c.exists()) {
                problems.add(problem(source, at, path, (c.resource != null ? "no classpath resource "
                        + c.resource : "no file " + c.file) + " (a path relative to the table's folder, \"classpath:\" "
                        + "or \"file:\" and a location, or YAML written as a block: - |)"));
            }
            config.add(c);
        }
        if (items.items().isEmpty()) {
            problems.add(problem(source, at, "cases", "no cases: add at least one, each with a request and what to expect"));
        }
        if (!problems.isEmpty()) {
            throw new MeshConfigException(problems);
        }
        List<Row> rows = new ArrayList<>();
        for (ManifestReader.Item<Case> item : items.items()) {
            Row row = new Row(source, item.index(), item.position(), item.value(), item.problems(), item.positions(),
                    item.name(), List.of());
            if (item.problems() != null) {
                rows.add(row);
                continue;
            }
            List<Problem> caseProblems = new ArrayList<>();
            List<Sent> requests = check(row, caseProblems);
            caseProblems.sort(java.util.Comparator.comparingInt((Problem q) -> placeOf(q).line())
                    .thenComparingInt(q -> placeOf(q).column()));
            rows.add(caseProblems.isEmpty()
                    ? new Row(source, item.index(), item.position(), item.value(), null, item.positions(), item.name(),
                            requests)
                    : new Row(source, item.index(), item.position(), null, new MeshConfigException(caseProblems),
                            item.positions(), item.name(), List.of()));
        }
        return new RouteTable(source, List.copyOf(fixtures), List.copyOf(config), List.copyOf(rows));
    }

    /**
     * YAML written in the table. A block scalar ({@code - |} at {@code at}) starts on the next line,
     * indented as that line is; anything else is applied without mapping its lines.
     */
    private static Inline inline(String yaml, Source source, String[] lines, Position at, String path) {
        int itemLine = at == null ? 0 : at.line();
        if (at != null && itemLine < lines.length) {
            String indicator = lines[itemLine - 1].substring(Math.min(at.column() - 1, lines[itemLine - 1].length()));
            if (indicator.startsWith("|") || indicator.startsWith(">")) {
                String first = lines[itemLine];
                int indent = 0;
                while (indent < first.length() && first.charAt(indent) == ' ') {
                    indent++;
                }
                return new Inline(yaml, source.shown(), itemLine, itemLine + 1, indent, path);
            }
        }
        return new Inline(yaml, source.shown(), itemLine, 0, 0, path);
    }

    /** A problem's line and column, from its {@code source:line:column}, for sorting in source order. */
    private static Position placeOf(Problem p) {
        String[] parts = p.location() == null ? new String[0] : p.location().split(":");
        try {
            return new Position(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
        } catch (RuntimeException notAPosition) {
            return new Position(Integer.MAX_VALUE, 0);
        }
    }

    private static Problem problem(Source source, Map<String, Position> at, String path, String reason) {
        Position p = at.get(path);
        return new Problem(source.shown() + (p == null ? "" : ":" + p), null, path, reason);
    }

    /**
     * What the record types cannot say: fields that go together or exclude each other, strings or
     * lists of strings. Adds the problems it finds; returns the requests the case sends.
     */
    private static List<Sent> check(Row row, List<Problem> problems) {
        String c = "cases[" + row.index() + "]";
        Request r = row.value().request();
        String req = c + ".request";
        boolean outside = Boolean.TRUE.equals(r.fromOutside());
        if (r.from() != null && outside) {
            problems.add(at(row, req + ".fromOutside", "a request starts either at a pod (from) or outside the cluster "
                    + "(fromOutside: true); choose one"));
        } else if (r.from() == null && !outside) {
            problems.add(at(row, req, "say who sends: from: <pod or workload>, or fromOutside: true"));
        }
        if (r.gateway() != null && !outside) {
            problems.add(at(row, req + ".gateway", "a gateway is for requests from outside: add fromOutside: true"));
        }
        List<String> urls = strings(row, r.url(), req + ".url", problems);
        List<String> authorities = strings(row, r.authority(), req + ".authority", problems);
        List<String> paths = strings(row, r.path(), req + ".path", problems);
        List<String> methods = strings(row, r.method(), req + ".method", problems);
        if (r.url() != null) {
            for (String part : List.of("scheme", "authority", "port", "path")) {
                if (positionOf(row, req + "." + part) != null) {
                    problems.add(at(row, req + "." + part, "give either url, or authority with scheme, port and path; "
                            + "not both"));
                }
            }
        } else if (r.authority() == null) {
            problems.add(at(row, req, "say where to: url: http://host:port/path, or authority: host (with scheme, "
                    + "port, path)"));
        } else if (r.scheme() != null && !r.scheme().equals("http") && !r.scheme().equals("https")) {
            problems.add(at(row, req + ".scheme", "expected http or https, found \"" + r.scheme() + "\""));
        }
        if (r.port() != null && (r.port() < 1 || r.port() > 65535)) {
            problems.add(at(row, req + ".port", "expected a port in 1..65535, found " + r.port()));
        }
        for (String path : paths) {
            if (!path.startsWith("/")) {
                problems.add(at(row, req + ".path", "a path starts with /: \"/" + path + "\""));
            }
        }
        Expect e = row.value().expect();
        String exp = c + ".expect";
        if (e.equals(new Expect(null, null, null, null, null, null, null, null, null, null, null, null, null))) {
            problems.add(at(row, exp, "say what to expect: workload, pod, version, service, subset, cluster, status, "
                    + "flags, path, authority, headers, redirect or weights"));
        }
        if (e.weights() != null) {
            if (e.weights().isEmpty() || e.weights().values().stream().allMatch(w -> w != null && w == 0)) {
                problems.add(at(row, exp + ".weights", "give each workload its weight, for example {helloworld-v1: 80, "
                        + "helloworld-v2: 20}; at least one above 0"));
            }
            e.weights().forEach((workload, w) -> {
                if (w == null || w < 0) {
                    problems.add(at(row, exp + ".weights." + workload, "a weight is a whole number, 0 or more, found " + w));
                }
            });
        }
        if (e.subset() != null && e.service() == null) {
            problems.add(at(row, exp + ".subset", "a subset is of a service: add service: <host>"));
        }
        if (e.status() != null && e.status() != 0 && (e.status() < 100 || e.status() > 599)) {
            problems.add(at(row, exp + ".status", "expected an HTTP status in 100..599 (or 0: no HTTP response), found "
                    + e.status()));
        }
        if (e.flags() != null) {
            try {
                ResponseFlag.parse(e.flags());
            } catch (IllegalArgumentException bad) {
                problems.add(at(row, exp + ".flags", bad.getMessage()));
            }
        }
        if (e.redirect() != null && e.redirect().status() != null && !RouteCheck.isRedirect(e.redirect().status())) {
            problems.add(at(row, exp + ".redirect.status", "expected a redirect status (301, 302, 303, 307 or 308), found "
                    + e.redirect().status()));
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        List<String> targets = new ArrayList<>(urls);
        if (r.url() == null) {
            String prefix = (r.scheme() == null ? "http" : r.scheme()) + "://";
            for (String authority : authorities) {
                for (String path : paths.isEmpty() ? List.of("/") : paths) {
                    targets.add(prefix + authority + (r.port() == null ? "" : ":" + r.port()) + path);
                }
            }
        }
        List<Sent> sent = new ArrayList<>();
        for (String target : targets) {
            for (String method : methods.isEmpty() ? List.of("GET") : methods) {
                sent.add(new Sent(method, target));
            }
        }
        return List.copyOf(sent);
    }

    /** A string or a non-empty list of strings as a list; empty when absent; a problem otherwise. */
    private static List<String> strings(Row row, Object value, String path, List<Problem> problems) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        Object found = value instanceof List<?> list ? list.stream().filter(v -> !(v instanceof String)).findFirst()
                .orElse(null) : value;
        String what = found == null ? "an empty list" : found instanceof Map ? "a map" : found instanceof List ? "a list"
                : found instanceof Boolean || found instanceof Number ? "the " + (found instanceof Boolean ? "boolean "
                        : "number ") + found + " (YAML reads y, yes, on, true and numbers so: quote it)" : "" + found;
        problems.add(at(row, path, "expected a string or a non-empty list of strings, found " + what));
        return List.of();
    }

    private static Position positionOf(Row row, String path) {
        return row.positions().get(path);
    }

    private static Problem at(Row row, String path, String reason) {
        return new Problem(row.locate(path), null, path, reason);
    }
}
