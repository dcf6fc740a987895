package dev.meshtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Route coverage over a class and a run: the class's report entry, the run's report files, and the minimum that fails a run. */
class RunCoverageTest {

    private static EngineExecutionResults run(Path reports, String minimum, Class<?>... classes) {
        var builder = EngineTestKit.engine("junit-jupiter").configurationParameter(OnlyInTestKit.PARAMETER, "true")
                .configurationParameter(RunCoverage.REPORT_PROPERTY, reports.toString());
        if (minimum != null) {
            builder.configurationParameter(RunCoverage.MINIMUM_PROPERTY, minimum);
        }
        for (Class<?> c : classes) {
            builder.selectors(selectClass(c));
        }
        return builder.execute();
    }

    @Test
    @DisplayName("a class's tests together: one report entry with their coverage summed; the run's reports written at its end")
    void classAndRun(@TempDir Path reports) throws Exception {
        EngineExecutionResults results = run(reports, null, Examples.CoveringBothRules.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        List<String> entries = results.containerEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(MeshExtension.COVERAGE_ENTRY))
                .filter(java.util.Objects::nonNull).toList();
        assertThat(entries).containsExactly("""
                Route coverage: 100.0% (3 of 3)
                       3 default/helloworld http[0] (rule "canary")
                       3 default/helloworld http[0].match[0] (rule "canary")
                       2 default/helloworld http[1] (rule "stable")
                """);
        assertThat(Files.readString(reports.resolve(RunCoverage.TEXT))).isEqualTo(entries.get(0));
        assertThat(Files.readString(reports.resolve(RunCoverage.JSON))).contains("\"kind\": \"RouteCoverage\"")
                .contains("\"ratio\": 1.0").contains("\"path\": \"http[1]\"");
    }

    @Test
    @DisplayName("meshtest.routeCoverage.minimum: a run under it fails, naming the rules no test exercised")
    void minimum(@TempDir Path reports) {
        EngineExecutionResults results = run(reports, "0.9", Examples.CoveringTheCanaryOnly.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        List<Event> failed = results.containerEvents().failed().list();
        assertThat(failed).singleElement().satisfies(e -> assertThat(e.getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow()).hasMessage(
                "meshtest: the run's route coverage is 66.7%, under meshtest.routeCoverage.minimum=0.9; no test exercised:\n"
                        + "  default/helloworld http[1] (rule \"stable\")"));
        EngineExecutionResults enough = run(reports, "0.6", Examples.CoveringTheCanaryOnly.class);
        enough.containerEvents().assertStatistics(s -> s.failed(0));
    }
}
