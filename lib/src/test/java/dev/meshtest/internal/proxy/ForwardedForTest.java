package dev.meshtest.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Envoy's x-forwarded-for rules, checked against the examples of Envoy's header documentation
 * ({@code config_http_conn_man_headers_x-forwarded-for}) and the cases of its
 * {@code getLastAddressFromXFF}, written as our own.
 */
class ForwardedForTest {

    private static final String XFF = "203.0.113.128, 203.0.113.10, 203.0.113.1";

    @Test
    @DisplayName("An edge proxy (use_remote_address) with no trusted hops trusts its peer and ignores the header; "
            + "with two, the second address from the right")
    void gateway() {
        assertThat(ForwardedFor.atGateway(XFF, 0, "192.0.2.5")).isEqualTo("192.0.2.5");
        assertThat(ForwardedFor.atGateway(XFF, 2, "192.0.2.5")).isEqualTo("203.0.113.10");
        assertThat(ForwardedFor.atGateway(XFF, 1, "192.0.2.5")).isEqualTo("203.0.113.1");
        assertThat(ForwardedFor.atGateway(XFF, 3, "192.0.2.5")).isEqualTo("203.0.113.128");
        // Fewer entries than trusted hops, or none: the peer.
        assertThat(ForwardedFor.atGateway(XFF, 4, "192.0.2.5")).isEqualTo("192.0.2.5");
        assertThat(ForwardedFor.atGateway(null, 1, "192.0.2.5")).isEqualTo("192.0.2.5");
        assertThat(ForwardedFor.appended(XFF, "192.0.2.5")).isEqualTo(XFF + ",192.0.2.5");
        assertThat(ForwardedFor.appended(null, "192.0.2.5")).isEqualTo("192.0.2.5");
        assertThat(ForwardedFor.appended("", "192.0.2.5")).isEqualTo("192.0.2.5");
    }

    @Test
    @DisplayName("An internal proxy (no use_remote_address) trusts the last address of the header, or its peer without one")
    void sidecar() {
        assertThat(ForwardedFor.atSidecar(XFF + ", 192.0.2.5", "10.11.12.13")).isEqualTo("192.0.2.5");
        assertThat(ForwardedFor.atSidecar(null, "10.20.30.40")).isEqualTo("10.20.30.40");
        assertThat(ForwardedFor.atSidecar("10.20.30.40", "10.20.30.50")).isEqualTo("10.20.30.40");
        assertThat(ForwardedFor.atSidecar("not-an-address", "10.20.30.50")).isEqualTo("10.20.30.50");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" skipping {1} -> {2}")
    @DisplayName("getLastAddressFromXFF: entries split at commas, trimmed, parsed as bare IP addresses")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "192.0.2.10, 192.0.2.1, 10.0.0.1 | 0 | 10.0.0.1",
            "192.0.2.10, 192.0.2.1, 10.0.0.1 | 1 | 192.0.2.1",
            "192.0.2.10, 192.0.2.1, 10.0.0.1 | 2 | 192.0.2.10",
            "192.0.2.10, 192.0.2.1, 10.0.0.1 | 3 | NULL",
            "''                              | 0 | NULL",
            "','                             | 0 | NULL",
            "'192.0.2.10,'                   | 0 | NULL",
            "'  192.0.2.10  '                | 0 | 192.0.2.10",
            "192.0.2.10,2001:db8::1          | 0 | 2001:db8::1",
            "'192.0.2.10:8080'               | 0 | NULL",
            "[2001:db8::1]                   | 0 | NULL",
            "example.com                     | 0 | NULL",
            "192.0.2.256                     | 0 | NULL",
            "192.0.02.1                      | 0 | NULL",
            "1.2.3                           | 0 | NULL",
    })
    void lastAddress(String xff, int skip, String expected) {
        assertThat(ForwardedFor.lastAddress(xff, skip)).isEqualTo(expected);
    }
}
