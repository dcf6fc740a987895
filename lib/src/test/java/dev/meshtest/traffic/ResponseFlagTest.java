package dev.meshtest.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResponseFlagTest {

    @Test
    @DisplayName("flags print in Envoy's order whatever order they were added in, - for none")
    void envoysOrder() {
        assertThat(ResponseFlag.format(EnumSet.of(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED, ResponseFlag.UPSTREAM_REQUEST_TIMEOUT)))
                .isEqualTo("UT,URX");
        assertThat(ResponseFlag.format(EnumSet.of(ResponseFlag.FAULT_INJECTED, ResponseFlag.DELAY_INJECTED))).isEqualTo("DI,FI");
        assertThat(ResponseFlag.format(Set.of())).isEqualTo("-");
        assertThat(ResponseFlag.parse("URX,UF")).containsExactly(ResponseFlag.UPSTREAM_CONNECTION_FAILURE,
                ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
        assertThat(ResponseFlag.parse("-")).isEmpty();
        assertThat(Outcome.of(503).withFlag(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED).withFlag(ResponseFlag.UPSTREAM_OVERFLOW)
                .flagsText()).isEqualTo("UO,URX");
    }

    @Test
    @DisplayName("codes and long names are Envoy's, and every code is unique")
    void codesAndLongNames() {
        assertThat(ResponseFlag.of("UO")).isSameAs(ResponseFlag.UPSTREAM_OVERFLOW);
        assertThat(ResponseFlag.of("NoClusterFound")).isSameAs(ResponseFlag.NO_CLUSTER_FOUND);
        assertThat(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED.longName()).isEqualTo("UpstreamRetryLimitExceeded");
        assertThat(ResponseFlag.values()).extracting(ResponseFlag::code).doesNotHaveDuplicates();
        assertThat(ResponseFlag.values()).extracting(ResponseFlag::code).startsWith("LH", "UH", "UT", "LR", "UR", "UF", "UC", "UO", "NR");
    }

    @Test
    @DisplayName("a mistyped flag names the one meant")
    void didYouMean() {
        assertThatThrownBy(() -> ResponseFlag.of("U0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"U0\" is not an Envoy response flag (did you mean UO, UpstreamOverflow?); the flags are [LH, UH,");
        assertThatThrownBy(() -> ResponseFlag.of("uh")).hasMessageContaining("(did you mean UH, NoHealthyUpstream?)");
        assertThatThrownBy(() -> ResponseFlag.of("UpstreamOverflows")).hasMessageContaining("(did you mean UO, UpstreamOverflow?)");
        assertThatThrownBy(() -> ResponseFlag.parse("UT,XYZQW")).hasMessageStartingWith("\"XYZQW\" is not an Envoy response flag; the flags are");
    }

    @Test
    @DisplayName("outcomes are values: equal parts are equal outcomes; absent parts are empty Optionals")
    void outcomesAreValues() {
        Outcome a = Outcome.of(200).withPod("default", "helloworld-v1-abc", "helloworld-v1", null).withBody("hi");
        Outcome b = Outcome.of(200).withBody("hi").withPod("default", "helloworld-v1-abc", "helloworld-v1", null);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.version()).isEmpty();
        assertThat(a.cluster()).isEmpty();
        assertThat(Outcome.of(200).withCluster("").cluster()).isEmpty();
        assertThat(a.withResponseHeader("X-A", "1").responseHeaders()).containsExactly(java.util.Map.entry("x-a", "1"));
        assertThat(a.withResponseHeader("x-a", "1").withResponseHeader("X-A", null)).isEqualTo(a);
        assertThatThrownBy(() -> Outcome.of(-1)).hasMessage("status -1 is not an HTTP status (0 for none)");
    }
}
