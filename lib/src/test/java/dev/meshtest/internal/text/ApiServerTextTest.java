package dev.meshtest.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ApiServerText#goFloat} prints a float64 as Go's {@code %v} does (kube-openapi's bounds on
 * a float64 value, apimachinery's {@code Invalid value} of one): the shortest digits, with an
 * exponent of at least two digits when it is under -4 or at least 6.
 */
class ApiServerTextTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "0, 0", "100, 100", "65535, 65535", "123456, 123456", "1000000, 1e+06", "1234567, 1.234567e+06",
        "4294967295, 4.294967295e+09", "1.8446744073709552e19, 1.8446744073709552e+19",
        "-1.8446744073709552e19, -1.8446744073709552e+19", "1e30, 1e+30", "1e100, 1e+100",
        "1.5, 1.5", "0.0001, 0.0001", "0.00001, 1e-05", "-0.5, -0.5",
    })
    void printsAFloat64AsGosPercentV(double value, String go) {
        assertThat(ApiServerText.goFloat(value)).isEqualTo(go);
    }
}
