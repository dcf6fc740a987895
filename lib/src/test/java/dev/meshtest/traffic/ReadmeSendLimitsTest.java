package dev.meshtest.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's "How big a send may be" says the numbers the code uses. */
class ReadmeSendLimitsTest {

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    @Test
    @DisplayName("the README's send limits are the result's own")
    void sendLimits() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("\n### How big a send may be\n"));
        section = section.substring(0, section.indexOf("\n#", 1)).replace("\n", " ");
        assertThat(section).contains("up to " + n(TrafficResult.AGGREGATE_ABOVE) + " requests");
        assertThat(section).contains("a sample of " + n(Aggregate.FAILURES_KEPT + Aggregate.RESERVOIR) + " requests");
        assertThat(section).contains("past " + n(Aggregate.MAX_BINS) + " virtual seconds");
        assertThat(section).contains("at most " + n(Aggregate.MAX_GROUPS_WITH_HEADERS) + " different header sets");
        assertThat(section).contains("at most " + Latencies.EXACT_VALUES + " distinct latencies");
    }
}
