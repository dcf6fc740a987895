package dev.meshtest.internal.istio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Istio's {@code host.Name} comparisons, with cases in the shape of {@code pkg/config/host/name_test.go}. */
class HostNameTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}; {0} subset of {1}: {3}")
    @CsvSource({
            "foo.com, foo.com, true, true",
            "foo.com, bar.com, false, false",
            "*.com, foo.com, true, false",
            "foo.com, *.com, true, true",
            "*.foo.com, *.com, true, true",
            "*.com, *.foo.com, true, false",
            "*, foo.com, true, false",
            "foo.com, *, true, true",
            "*, *, true, true",
            "*.com, *.org, false, false",
            "foo.com, *.foo.com, false, false",
            "*foo.com, bar.foo.com, true, false",
            "barfoo.com, *foo.com, true, true",
    })
    void matchesAndSubset(String n, String o, boolean matches, boolean subset) {
        assertThat(HostName.matches(n, o)).isEqualTo(matches);
        assertThat(HostName.matches(o, n)).as("symmetric").isEqualTo(matches);
        assertThat(HostName.subsetOf(n, o)).isEqualTo(subset);
    }
}
