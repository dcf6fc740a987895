package dev.meshtest.junit;

import dev.meshtest.traffic.RouteCoverage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The route coverage of every {@code @MeshTest} test of a run (or a class), summed: at the end of
 * the run it is written as {@value #TEXT} and {@value #JSON} (in {@code target/}, {@code build/},
 * or the directory {@value #REPORT_PROPERTY} names), and with {@value #MINIMUM_PROPERTY} set, a run
 * under that share fails, naming the rules no test exercised.
 *
 * <pre>{@code
 * # src/test/resources/junit-platform.properties
 * meshtest.routeCoverage.minimum=0.9
 * }</pre>
 */
@SuppressWarnings("deprecation") // Store.CloseableResource: the one close hook from JUnit 5.10 to 6
final class RunCoverage implements ExtensionContext.Store.CloseableResource {

    /** The configuration parameter that fails a run whose route coverage is under it: a share, {@code 0.9}. */
    static final String MINIMUM_PROPERTY = "meshtest.routeCoverage.minimum";
    /** The configuration parameter naming the directory the run's reports are written to. */
    static final String REPORT_PROPERTY = "meshtest.routeCoverage.report";
    static final String TEXT = "meshtest-route-coverage.txt";
    static final String JSON = "meshtest-route-coverage.json";

    private final Optional<Double> minimum;
    private final Optional<Path> reportDirectory;
    private RouteCoverage sum;

    RunCoverage(Optional<Double> minimum, Optional<Path> reportDirectory) {
        this.minimum = minimum;
        this.reportDirectory = reportDirectory;
    }

    /** The run's accumulator, made on first use from the run's configuration. */
    static RunCoverage of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return JUnitFeatures.computeIfAbsent(root.getStore(ExtensionContext.Namespace.create(RunCoverage.class)), RunCoverage.class,
                k -> new RunCoverage(minimum(root), directory(root)), RunCoverage.class);
    }

    private static Optional<Double> minimum(ExtensionContext root) {
        return root.getConfigurationParameter(MINIMUM_PROPERTY).map(v -> {
            try {
                double d = Double.parseDouble(v.trim());
                if (d >= 0 && d <= 1) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // said below
            }
            throw new IllegalArgumentException(MINIMUM_PROPERTY + "=" + v + ": give the least share of route coverage, in 0..1 "
                    + "(0.9 for 90%)");
        });
    }

    private static Optional<Path> directory(ExtensionContext root) {
        Optional<String> named = root.getConfigurationParameter(REPORT_PROPERTY);
        if (named.isPresent()) {
            return named.map(Path::of);
        }
        for (String d : List.of("target", "build")) {
            if (Files.isDirectory(Path.of(d))) {
                return Optional.of(Path.of(d));
            }
        }
        return Optional.empty();
    }

    synchronized void add(RouteCoverage coverage) {
        sum = sum == null ? coverage : sum.plus(coverage);
    }

    synchronized Optional<RouteCoverage> sum() {
        return Optional.ofNullable(sum);
    }

    /** The end of the run: the reports, then the minimum. */
    @Override
    public synchronized void close() {
        if (sum == null || sum.items().isEmpty()) {
            return;
        }
        reportDirectory.ifPresent(dir -> {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(TEXT), sum.toString(), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(JSON), sum.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("meshtest could not write the run's route coverage to " + dir, e);
            }
        });
        if (minimum.isPresent() && sum.ratio() < minimum.get()) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "meshtest: the run's route coverage is %.1f%%, under "
                    + "%s=%s; no test exercised:", sum.ratio() * 100, MINIMUM_PROPERTY, minimum.get()));
            sum.missed().forEach(i -> sb.append("\n  ").append(i));
            throw new AssertionError(sb.toString());
        }
    }
}
