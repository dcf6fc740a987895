package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A send's call graph drawn as Kiali draws its versioned graph: the sending workloads (sidecars and
 * gateways), the services they sent to and the workloads that answered, linked by the requests,
 * each link labelled with its requests, their share and their error rate, and coloured by Kiali's
 * default health tolerances. Made from {@link TrafficResult#edges()}; rendered as a
 * self-contained SVG (no script, no fonts or images fetched), Graphviz DOT or Mermaid text.
 *
 * <pre>{@code
 * Graph g = mesh.send(100).from("sleep").to("http://productpage:9080/productpage").graph();
 * Files.writeString(Path.of("target/bookinfo.svg"), g.toSvg());
 * g.links();       // sleep -> productpage, productpage -> productpage-v1, productpage-v1 -> reviews, ...
 * g.toMermaid();   // flowchart LR ...
 * }</pre>
 *
 * <p>Health, per link, as Kiali's defaults judge request traffic: errors are 5xx answers and
 * requests with no response (status 0, as {@code DC}); {@link Health#FAILURE} at 10% or more,
 * {@link Health#DEGRADED} above 0; 4xx answers make a link degraded at 10% and failing at 20%.
 */
@API(status = EXPERIMENTAL, since = "0.6")
public final class Graph {

    /** What a node stands for. */
    public enum Kind {
        /** A workload whose sidecar sent or whose app answered. */
        WORKLOAD,
        /** A gateway workload (its proxy sent). */
        GATEWAY,
        /** A service (a cluster's host) requests were sent to. */
        SERVICE
    }

    /** A link's health, as Kiali colours it. */
    public enum Health {
        /** No errors above the tolerances: green. */
        HEALTHY("#3f9c35"),
        /** Some errors: orange. */
        DEGRADED("#ec7a08"),
        /** Many errors: red. */
        FAILURE("#cc0000");

        private final String colour;

        Health(String colour) {
            this.colour = colour;
        }

        /** {@return the colour drawn, as {@code #rrggbb}} */
        public String colour() {
            return colour;
        }
    }

    /**
     * A node.
     *
     * @param id its identity: {@code namespace/workload}, or the service's host
     * @param kind what it stands for
     * @param label what is drawn: the workload's or service's name, then its namespace
     */
    public record Node(String id, Kind kind, String label) {
    }

    /**
     * A link: requests from one node to another.
     *
     * @param from the sending node's id
     * @param to the receiving node's id
     * @param requests how many requests took it
     * @param share their share of what left {@code from} (a workload's requests to each service; a
     *              service's answers by each workload)
     * @param errorRate the share of them that failed: 5xx or no response
     * @param health Kiali's verdict on them
     */
    public record Link(String from, String to, long requests, double share, double errorRate, Health health) {

        /** {@return the label drawn: requests, share, error rate} */
        public String label() {
            return requests + " req (" + percent(share) + ")" + (errorRate > 0 ? ", " + percent(errorRate) + " err" : "");
        }
    }

    private final List<Node> nodes;
    private final List<Link> links;

    private Graph(List<Node> nodes, List<Link> links) {
        this.nodes = List.copyOf(nodes);
        this.links = List.copyOf(links);
    }

    /**
     * The graph of a result's edges.
     *
     * @param result a send's result (its {@link TrafficResult#edges()})
     * @return its graph; empty when the result has no edges
     */
    public static Graph of(TrafficResult result) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        Map<String, Long> sent = new HashMap<>();
        for (Edge e : result.edges()) {
            sent.merge(e.sourceNamespace() + "/" + e.source(), (long) e.requests().size(), Long::sum);
        }
        // Services answered by workloads, summed over every edge into the service: host -> workload -> tally.
        Map<String, Map<String, long[]>> answered = new LinkedHashMap<>();
        for (Edge e : result.edges()) {
            String source = e.sourceNamespace() + "/" + e.source();
            nodes.putIfAbsent(source, new Node(source, e.gateway() ? Kind.GATEWAY : Kind.WORKLOAD, e.source() + "\n" + e.sourceNamespace()));
            nodes.putIfAbsent(e.destination(), new Node(e.destination(), Kind.SERVICE, shortHost(e.destination())));
            long[] tally = tally(e.requests().outcomeCounts());
            links.add(link(source, e.destination(), tally, sent.get(source)));
            Map<String, long[]> byWorkload = answered.computeIfAbsent(e.destination(), k -> new LinkedHashMap<>());
            for (Map.Entry<Outcome, Long> o : e.requests().outcomeCounts().entrySet()) {
                Outcome outcome = o.getKey();
                if (outcome.workload().isEmpty()) {
                    continue;   // answered by a proxy on the way (a fault, a reset): no workload to link
                }
                String id = outcome.namespace().orElse("") + "/" + outcome.workload().get();
                long[] t = byWorkload.computeIfAbsent(id, k -> new long[3]);
                add(t, outcome.status(), o.getValue());
            }
        }
        for (Map.Entry<String, Map<String, long[]>> s : answered.entrySet()) {
            long total = 0;
            for (long[] t : s.getValue().values()) {
                total += t[0];
            }
            for (Map.Entry<String, long[]> w : s.getValue().entrySet()) {
                String id = w.getKey();
                int slash = id.indexOf('/');
                nodes.putIfAbsent(id, new Node(id, Kind.WORKLOAD, id.substring(slash + 1) + "\n" + id.substring(0, slash)));
                links.add(link(s.getKey(), id, w.getValue(), total));
            }
        }
        return new Graph(new ArrayList<>(nodes.values()), links);
    }

    /** {@code [requests, errors (5xx or none), client errors (4xx)]} of some outcomes. */
    private static long[] tally(Map<Outcome, Long> counts) {
        long[] t = new long[3];
        for (Map.Entry<Outcome, Long> e : counts.entrySet()) {
            add(t, e.getKey().status(), e.getValue());
        }
        return t;
    }

    private static void add(long[] t, int status, long n) {
        t[0] += n;
        if (status == 0 || status >= 500) {
            t[1] += n;
        } else if (status >= 400) {
            t[2] += n;
        }
    }

    private static Link link(String from, String to, long[] t, long of) {
        double errors = (double) t[1] / t[0];
        double clientErrors = (double) t[2] / t[0];
        Health h = errors >= 0.10 || clientErrors >= 0.20 ? Health.FAILURE
                : errors > 0 || clientErrors >= 0.10 ? Health.DEGRADED : Health.HEALTHY;
        return new Link(from, to, t[0], of == 0 ? 0 : (double) t[0] / of, errors, h);
    }

    private static String shortHost(String host) {
        return host.endsWith(".svc.cluster.local") ? host.substring(0, host.length() - ".svc.cluster.local".length()) : host;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** {@return the nodes, in the order they first appear in the send's edges} */
    public List<Node> nodes() {
        return nodes;
    }

    /** {@return the links: each sending workload to each service, then each service to each answering workload} */
    public List<Link> links() {
        return links;
    }

    /**
     * Graphviz DOT text: {@code dot -Tsvg} draws it.
     *
     * <pre>{@code Files.writeString(Path.of("graph.dot"), result.graph().toDot());}</pre>
     *
     * @return the graph in DOT
     */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph meshtest {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n");
        for (Node n : nodes) {
            String shape = switch (n.kind()) {
                case SERVICE -> "triangle";
                case GATEWAY -> "doubleoctagon";
                case WORKLOAD -> "box";
            };
            sb.append("  ").append(dotQuote(n.id())).append(" [shape=").append(shape).append(", label=")
                    .append(dotQuote(n.label())).append("];\n");
        }
        for (Link l : links) {
            sb.append("  ").append(dotQuote(l.from())).append(" -> ").append(dotQuote(l.to())).append(" [label=")
                    .append(dotQuote(l.label())).append(", color=\"").append(l.health().colour()).append("\"];\n");
        }
        return sb.append("}\n").toString();
    }

    private static String dotQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /**
     * Mermaid flowchart text: GitHub and most wikis draw it inside a {@code ```mermaid} block.
     *
     * <pre>{@code System.out.println("```mermaid\n" + result.graph().toMermaid() + "```");}</pre>
     *
     * @return the graph in Mermaid
     */
    public String toMermaid() {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new HashMap<>();
        for (Node n : nodes) {
            String id = "n" + ids.size();
            ids.put(n.id(), id);
            String text = "\"" + mermaidText(n.label()) + "\"";
            sb.append("  ").append(id).append(switch (n.kind()) {
                case SERVICE -> "{{" + text + "}}";
                case GATEWAY -> "[/" + text + "\\]";
                case WORKLOAD -> "[" + text + "]";
            }).append('\n');
        }
        for (Link l : links) {
            sb.append("  ").append(ids.get(l.from())).append(" -->|\"").append(mermaidText(l.label())).append("\"| ")
                    .append(ids.get(l.to())).append('\n');
        }
        for (int i = 0; i < links.size(); i++) {
            sb.append("  linkStyle ").append(i).append(" stroke:").append(links.get(i).health().colour()).append('\n');
        }
        return sb.toString();
    }

    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("\n", "<br/>");
    }

    /**
     * A self-contained SVG: nodes in columns by their distance from the senders, links as
     * coloured arrows with their labels. Every node is a {@code <g class="node" data-id="...">},
     * every link a {@code <g class="link" data-from="..." data-to="..." data-requests="...">}, so a
     * test (or a tool) can read the picture back.
     *
     * <pre>{@code Files.writeString(Path.of("target/graph.svg"), result.graph().toSvg());}</pre>
     *
     * @return the SVG document
     */
    public String toSvg() {
        Map<String, int[]> at = layout();
        int boxW = boxWidth();
        int width = 0;
        int height = 0;
        for (int[] p : at.values()) {
            width = Math.max(width, p[0] + boxW + 20);
            height = Math.max(height, p[1] + BOX_H + 20);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("  <defs>\n");
        for (Health h : Health.values()) {
            sb.append("    <marker id=\"arrow-").append(h.name().toLowerCase(Locale.ROOT))
                    .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">")
                    .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(h.colour()).append("\"/></marker>\n");
        }
        sb.append("  </defs>\n  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (Link l : links) {
            int[] a = at.get(l.from());
            int[] b = at.get(l.to());
            int x1 = a[0] + boxW;
            int y1 = a[1] + BOX_H / 2;
            int x2 = b[0];
            int y2 = b[1] + BOX_H / 2;
            String name = l.health().name().toLowerCase(Locale.ROOT);
            sb.append("  <g class=\"link\" data-from=\"").append(xml(l.from())).append("\" data-to=\"").append(xml(l.to()))
                    .append("\" data-requests=\"").append(l.requests()).append("\" data-health=\"").append(l.health().name())
                    .append("\">\n    <line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                    .append("\" y2=\"").append(y2).append("\" stroke=\"").append(l.health().colour())
                    .append("\" stroke-width=\"2\" marker-end=\"url(#arrow-").append(name).append(")\"/>\n")
                    .append("    <text x=\"").append((x1 + x2) / 2).append("\" y=\"").append((y1 + y2) / 2 - 4)
                    .append("\" text-anchor=\"middle\" fill=\"#333333\">").append(xml(l.label())).append("</text>\n  </g>\n");
        }
        for (Node n : nodes) {
            int[] p = at.get(n.id());
            String fill = switch (n.kind()) {
                case SERVICE -> "#e7f1fa";
                case GATEWAY -> "#f2f2f2";
                case WORKLOAD -> "#ffffff";
            };
            int rx = n.kind() == Kind.SERVICE ? 18 : 4;
            sb.append("  <g class=\"node\" data-id=\"").append(xml(n.id())).append("\" data-kind=\"").append(n.kind().name())
                    .append("\">\n    <rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(boxW)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"").append(rx).append("\" fill=\"").append(fill)
                    .append("\" stroke=\"#393f44\"/>\n");
            String[] lines = n.label().split("\n");
            for (int i = 0; i < lines.length; i++) {
                sb.append("    <text x=\"").append(p[0] + boxW / 2).append("\" y=\"").append(p[1] + 22 + i * 16)
                        .append("\" text-anchor=\"middle\"").append(i > 0 ? " fill=\"#6a6e73\"" : " font-weight=\"bold\"").append('>')
                        .append(xml(lines[i])).append("</text>\n");
            }
            sb.append("  </g>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static final int BOX_H = 46;
    private static final int ROW = 90;

    /** One width for every box: room for the longest label line at about 7 px a character, 170 px at least. */
    private int boxWidth() {
        int longest = 0;
        for (Node n : nodes) {
            for (String line : n.label().split("\n")) {
                longest = Math.max(longest, line.length());
            }
        }
        return Math.max(170, longest * 7 + 24);
    }

    /**
     * Where each node is drawn: columns by {@link #depths()}, and in a column, rows in the order of
     * the rows of the nodes that link to them (so links cross as little as this simple rule can),
     * then of first appearance.
     */
    private Map<String, int[]> layout() {
        int boxWidth = boxWidth();
        // Room between columns for the longest link label, at about 7 px a character.
        int gap = 110;
        for (Link l : links) {
            gap = Math.max(gap, l.label().length() * 7 + 20);
        }
        Map<String, Integer> depth = depths();
        int columns = 0;
        for (int d : depth.values()) {
            columns = Math.max(columns, d + 1);
        }
        Map<String, Integer> row = new HashMap<>();
        Map<String, int[]> at = new HashMap<>();
        for (int d = 0; d < columns; d++) {
            List<Node> column = new ArrayList<>();
            for (Node n : nodes) {
                if (depth.get(n.id()) == d) {
                    column.add(n);
                }
            }
            Map<String, Integer> from = new HashMap<>();
            for (Node n : column) {
                int best = Integer.MAX_VALUE;
                for (Link l : links) {
                    if (l.to().equals(n.id()) && row.containsKey(l.from())) {
                        best = Math.min(best, row.get(l.from()));
                    }
                }
                from.put(n.id(), best);
            }
            column.sort(java.util.Comparator.comparingInt(n -> from.get(n.id())));   // stable: ties keep their order
            int next = 0;
            for (Node n : column) {
                // On its first sender's row when that is free, else the next free one.
                int wanted = from.get(n.id());
                int r = wanted == Integer.MAX_VALUE ? next : Math.max(next, wanted);
                next = r + 1;
                row.put(n.id(), r);
                at.put(n.id(), new int[] {20 + d * (boxWidth + gap), 20 + r * ROW});
            }
        }
        return at;
    }

    /** Each node's column: its longest distance from a node nothing links to (cycles broken by the order of links). */
    private Map<String, Integer> depths() {
        Map<String, Integer> depth = new HashMap<>();
        for (Node n : nodes) {
            depth.put(n.id(), 0);
        }
        // Relax along the links, at most once per node: a cycle cannot push a node further than that.
        for (int round = 0; round < nodes.size(); round++) {
            boolean changed = false;
            for (Link l : links) {
                int d = depth.get(l.from()) + 1;
                if (d > depth.get(l.to()) && d < nodes.size()) {
                    depth.put(l.to(), d);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return depth;
    }

    private static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 ? ' ' : c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Link l : links) {
            sb.append(l.from()).append(" -> ").append(l.to()).append(": ").append(l.label()).append(" ").append(l.health())
                    .append('\n');
        }
        return sb.toString();
    }
}
