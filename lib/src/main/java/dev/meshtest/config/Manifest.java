package dev.meshtest.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One object read from a manifest, with where it came from.
 *
 * <pre>{@code
 * List<Manifest> docs = ManifestReader.read(Path.of("helloworld.yaml"));
 * docs.get(0).resource();   // Service default/helloworld
 * docs.get(0).origin();     // helloworld.yaml, with the line of every field
 * }</pre>
 *
 * @param resource the object
 * @param origin its source and field positions
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Manifest(Resource resource, Origin origin) {

    /**
     * Pairs an object with its origin.
     *
     * @param resource the object
     * @param origin its source and field positions
     * @throws NullPointerException if either is {@code null}
     */
    public Manifest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * A manifest for an object built in code: its origin is {@link Origin#IN_CODE}.
     *
     * @param resource the object
     * @return the manifest
     */
    public static Manifest inCode(Resource resource) {
        return new Manifest(resource, Origin.IN_CODE);
    }
}
