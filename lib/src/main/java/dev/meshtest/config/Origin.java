package dev.meshtest.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where an object came from: the source's name (a file, {@code classpath:helloworld.yaml}, or
 * {@code <string>}) and the position of every field, keyed by field path such as
 * {@code spec.http[0].route[1].weight}. Lets the layers after the reader (validation, the cluster)
 * point at the YAML line without knowing YAML.
 *
 * <pre>{@code
 * origin.locate("spec.http[0].route[1].weight"); // "vs.yaml:14:17"
 * }</pre>
 *
 * @param source the source's name
 * @param positions field path ({@code ""} for the object itself) to position
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Origin(String source, Map<String, Position> positions) {

    /** The origin of an object built in code rather than read from YAML. */
    public static final Origin IN_CODE = new Origin("<code>", Map.of());

    /**
     * Creates an origin, copying the positions.
     *
     * @param source the source's name
     * @param positions field path ({@code ""} for the object itself) to position
     * @throws NullPointerException if {@code source} or {@code positions} is {@code null}
     */
    public Origin {
        Objects.requireNonNull(source, "source");
        positions = PositionMap.copyOf(positions);   // compact: a large stream has a million
    }

    /**
     * The position of a field path, or of its nearest ancestor present in the source (a missing
     * field is reported where its parent is).
     *
     * @param path a field path such as {@code spec.http[0].route[1].weight}; {@code ""} for the object
     * @return the position, or {@code null} when nothing is known
     */
    public Position positionOf(String path) {
        String p = path;
        while (true) {
            Position pos = positions.get(p);
            if (pos != null || p.isEmpty()) {
                return pos;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /**
     * Where a field path is, for messages.
     *
     * @param path a field path such as {@code spec.http[0].route[1].weight}; {@code ""} for the object
     * @return {@code source:line:column}, or just the source when no position is known
     */
    public String locate(String path) {
        Position pos = positionOf(path);
        return pos == null ? source : source + ":" + pos;
    }
}
