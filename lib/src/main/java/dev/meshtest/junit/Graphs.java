package dev.meshtest.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * When {@link MeshTest#graphs()} publishes the call graph of a test's last send
 * ({@code TrafficResult.graph()}, as {@value MeshExtension#GRAPH_FILE}, a self-contained SVG)
 * with the test: on JUnit 5.12 and later, which publish files (IDEs and build reports show them).
 *
 * <pre>{@code
 * @MeshTest(fixtures = "bookinfo", graphs = Graphs.ALWAYS)
 * class BookinfoTest { ... }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.6")
public enum Graphs {
    /** With a failed test only (the default): the picture of what went wrong. */
    ON_FAILURE,
    /** With every test that sent traffic. */
    ALWAYS,
    /** Never. */
    NEVER
}
