package dev.meshtest.proxyconfig;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.internal.text.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A small text table, as {@code istioctl proxy-config} prints: upper-case headers, columns
 * padded to their widest cell, two spaces between columns.
 *
 * <pre>{@code
 * Table t = mesh.proxyConfig("nginx").clusters();
 * t.rows().get(0);   // [helloworld.default.svc.cluster.local, 5000, -, outbound, EDS, ]
 * System.out.println(t);
 * }</pre>
 *
 * @param headers column headers
 * @param rows the rows, each as many cells as there are headers
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Table(List<String> headers, List<List<String>> rows) {

    /**
     * Copies the headers and rows.
     *
     * @param headers column headers
     * @param rows the rows, each with as many cells as there are headers
     */
    public Table {
        headers = List.copyOf(headers);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != headers.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, expected " + headers.size());
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }

    /**
     * The cells of one column, in row order.
     *
     * @param header the column's header, for example {@code "DOMAINS"}
     * @return the cells
     * @throws IllegalArgumentException if there is no such column
     */
    public List<String> column(String header) {
        int i = headers.indexOf(header);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + header + "; columns: " + headers);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }

    /**
     * This table as a JSON array with an object per row, in row order: each cell, as printed,
     * under its header in lower camel case ({@code SERVICE FQDN} is {@code serviceFqdn},
     * {@code DESTINATION RULE} is {@code destinationRule}), in column order. docs/json.md lists
     * every table's fields.
     *
     * <pre>{@code
     * mesh.proxyConfig("nginx").endpoints().toJson();
     * // [{"endpoint": "10.244.0.7:5000", "status": "HEALTHY", "pod": "helloworld-v1-...", "cluster": "outbound|5000||..."}, ...]
     * }</pre>
     *
     * @return the JSON document
     */
    @API(status = EXPERIMENTAL, since = "0.6")
    public String toJson() {
        Json w = Json.pretty();
        write(w);
        return w.toString();
    }

    /** Writes the rows as an array of objects into {@code w}. */
    void write(Json w) {
        List<String> names = headers.stream().map(Table::fieldName).toList();
        w.beginArray();
        for (List<String> r : rows) {
            w.beginObject();
            for (int c = 0; c < names.size(); c++) {
                w.name(names.get(c)).value(r.get(c));
            }
            w.endObject();
        }
        w.endArray();
    }

    /** A header as a JSON field name: its words in lower camel case ({@code VHOST NAME} is {@code vhostName}). */
    static String fieldName(String header) {
        StringBuilder sb = new StringBuilder();
        for (String word : header.split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String lower = word.toLowerCase(Locale.ROOT);
            sb.append(sb.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        rows.forEach(r -> line(sb, r, width));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            l.append(cells.get(c));
            if (c < cells.size() - 1) {
                l.append(" ".repeat(width[c] - cells.get(c).length() + 2));
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
