package dev.meshtest.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.analysis.Level;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * When {@link MeshTest#failOnAnalysis()} fails a test: never, or when the test's mesh, after the
 * test, has {@code istioctl analyze} messages at this level or a more serious one.
 *
 * <pre>{@code
 * @MeshTest(fixtures = "bookinfo", config = "reviews.yaml", failOnAnalysis = FailOnAnalysis.ERROR)
 * class ReviewsTest { ... }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum FailOnAnalysis {
    /** Analysis never fails a test (the default). */
    NEVER(null),
    /** Errors fail the test: IST0101 referenced host not found, ... */
    ERROR(Level.ERROR),
    /** Errors and warnings fail the test. */
    WARNING(Level.WARNING),
    /** Every message fails the test, Info included. */
    INFO(Level.INFO);

    private final Level level;

    FailOnAnalysis(Level level) {
        this.level = level;
    }

    /** {@return the least serious level that fails a test; empty for {@link #NEVER}} */
    public Optional<Level> level() {
        return Optional.ofNullable(level);
    }
}
