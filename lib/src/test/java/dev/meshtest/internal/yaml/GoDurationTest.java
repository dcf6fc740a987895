package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshtest.internal.yaml.Scalars.BadValue;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Scalars#parseDuration} reads a duration exactly as Go's {@code time.ParseDuration} does,
 * which is how the API server's CEL rule and Istio's webhook read them: the cases of Go's own
 * {@code parseDurationTests}, with its results in nanoseconds and its error texts.
 */
class GoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource(delimiter = '|', value = {
        "0|0", "5s|5000000000", "30s|30000000000", "1478s|1478000000000",
        "-5s|-5000000000", "+5s|5000000000", "-0|0", "+0|0",
        "5.0s|5000000000", "5.6s|5600000000", "5.s|5000000000", ".5s|500000000",
        "1.0s|1000000000", "1.00s|1000000000", "1.004s|1004000000", "1.0040s|1004000000", "100.00100s|100001000000",
        "10ns|10", "11us|11000", "12\u00b5s|12000", "12\u03bcs|12000", "13ms|13000000", "14s|14000000000",
        "15m|900000000000", "16h|57600000000000",
        "3h30m|12600000000000", "10.5s4m|250500000000", "-2m3.4s|-123400000000",
        "1h2m3s4ms5us6ns|3723004005006", "39h9m14.425s|140954425000000",
        "52763797000ns|52763797000",
        // fractions scaled in float64, as Go does
        "0.3333333333333333333h|1200000000000", "0.100000000000000000000h|360000000000",
        "0.830103483285477580700h|2988372539827",
        "9007199254740993ns|9007199254740993",
        "9223372036854775807ns|9223372036854775807", "9223372036854775.807us|9223372036854775807",
        "9223372036854.775807ms|9223372036854775807",
        "-9223372036854775808ns|-9223372036854775808", "-9223372036854775.808us|-9223372036854775808",
        "-2562047h47m16.854775808s|-9223372036854775808",
    })
    void readsWhatGoReads(String text, long nanos) throws BadValue {
        assertThat(Scalars.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|time: invalid duration \"\"",
        "3|time: missing unit in duration \"3\"",
        "-|time: invalid duration \"-\"",
        "s|time: invalid duration \"s\"",
        ".|time: invalid duration \".\"",
        "-.|time: invalid duration \"-.\"",
        ".s|time: invalid duration \".s\"",
        "+.s|time: invalid duration \"+.s\"",
        "1d|time: unknown unit \"d\" in duration \"1d\"",
        "1h30|time: missing unit in duration \"1h30\"",
        "5 s|time: unknown unit \" s\" in duration \"5 s\"",
        "1\u00e9s|time: unknown unit \"\\xc3\\xa9s\" in duration \"1\\xc3\\xa9s\"",
        "1\"s|time: unknown unit \"\\\"s\" in duration \"1\\\"s\"",
        "9223372036854775810ns|time: invalid duration \"9223372036854775810ns\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "-9223372036854775809ns|time: invalid duration \"-9223372036854775809ns\"",
        "9223372036854776us|time: invalid duration \"9223372036854776us\"",
        "3000000h|time: invalid duration \"3000000h\"",
        "9223372036854775.808us|time: invalid duration \"9223372036854775.808us\"",
        "9223372036854ms775us808ns|time: invalid duration \"9223372036854ms775us808ns\"",
    })
    void refusesWhatGoRefusesInGosWords(String text, String goError) {
        BadValue e = catchThrowableOfType(BadValue.class, () -> Scalars.parseDuration(text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.goError()).isEqualTo(goError);
    }
}
