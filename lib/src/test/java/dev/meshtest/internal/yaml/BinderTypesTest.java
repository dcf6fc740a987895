package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.internal.yaml.Probe.Mode;
import dev.meshtest.internal.yaml.Probe.ProbeSpec;
import dev.meshtest.internal.yaml.Probe.Step;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every component type the binder supports, through the test kind {@link Probe}. */
class BinderTypesTest {

    private static ProbeSpec spec(String spec) {
        String yaml = "apiVersion: test.meshtest.dev/v1\nkind: Probe\nmetadata: {name: p}\nspec:\n" + spec;
        return ((Probe) ManifestReader.read(new StringReader(yaml), "probe.yaml", Probe.KINDS).get(0).resource()).spec();
    }

    @Test
    void everyTypeAtOnce() {
        ProbeSpec s = spec("""
                  id: p1
                  timeout: 1h30m
                  at: 2024-01-02T03:04:05.5+01:00
                  port: 8080
                  mode: LEAST_REQUEST
                  hosts: [a, "b", 'c']
                  weights: {v2: 80, v1: 20}
                  extra: {list: [1, 2.5, true, null, text], nested: {k: v}}
                  big: 9000000000
                  share: 0.25
                  enabled: yes
                  ratio: 3
                  steps: [{weight: 1}, {weight: 2}]
                  note: {anything: [goes]}
                """);
        assertThat(s).isEqualTo(new ProbeSpec("p1", Duration.ofMinutes(90), Instant.parse("2024-01-02T02:04:05.5Z"),
                IntOrString.of(8080), Mode.LEAST_REQUEST, List.of("a", "b", "c"), Map.of("v2", 80, "v1", 20),
                s.extra(), 9_000_000_000L, 0.25, true, 3.0, List.of(new Step(1), new Step(2))));
        assertThat(s.weights().keySet()).containsExactly("v2", "v1");
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = (Map<String, Object>) s.extra();
        assertThat(extra).containsOnlyKeys("list", "nested").isUnmodifiable();
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) extra.get("list");
        assertThat(list).isUnmodifiable().containsExactly(1L, 2.5, true, null, "text");
        assertThat(extra.get("nested")).isEqualTo(Map.of("k", "v"));
    }

    @ParameterizedTest
    @CsvSource({
        "1s, PT1S",
        "0.5s, PT0.5S",
        ".5s, PT0.5S",
        "100ms, PT0.1S",
        "1m, PT1M",
        "1h, PT1H",
        "1h30m, PT1H30M",
        "1m0.5s, PT1M0.5S",
        "250us, PT0.00025S",
        "250µs, PT0.00025S",
        "10ns, PT0.00000001S",
        "0s, PT0S",
        "+2s, PT2S",
        "2.000000001s, PT2.000000001S",
    })
    void durationsInEveryGoForm(String text, String expected) {
        assertThat(spec("  id: x\n  timeout: " + text + "\n").timeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void absentPrimitivesAreZeroAndAbsentObjectsNull() {
        ProbeSpec s = spec("  id: x\n  ratio: ~\n");
        assertThat(s.big()).isZero();
        assertThat(s.share()).isZero();
        assertThat(s.enabled()).isFalse();
        assertThat(s.ratio()).isNull();
        assertThat(s.timeout()).isNull();
        assertThat(s.extra()).isNull();
        assertThat(s.hosts()).isEmpty();
    }

    @Test
    void yamlOneOneIntegerForms() {
        assertThat(spec("  id: x\n  big: 0x1F\n").big()).isEqualTo(31);
        assertThat(spec("  id: x\n  big: 017\n").big()).isEqualTo(15);
        assertThat(spec("  id: x\n  big: 1_000\n").big()).isEqualTo(1000);
        assertThat(spec("  id: x\n  big: -42\n").big()).isEqualTo(-42);
    }

    @Test
    void integralFloatsAreIntegersAsKubernetesReadsThem() {
        assertThat(spec("  id: x\n  port: 80.0\n").port()).isEqualTo(IntOrString.of(80));
        assertThat(spec("  id: x\n  big: 1e3\n").big()).isEqualTo(1000);
    }

    @Test
    void intOrStringKeepsAQuotedNumberAString() {
        assertThat(spec("  id: x\n  port: \"8080\"\n").port()).isEqualTo(IntOrString.of("8080"));
    }

    @Test
    void instantsInRfc3339Forms() {
        assertThat(spec("  id: x\n  at: \"2024-01-02t03:04:05z\"\n").at()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(spec("  id: x\n  at: 2024-01-02T03:04:05-02:30\n").at())
                .isEqualTo(Instant.parse("2024-01-02T05:34:05Z"));
    }
}
