package dev.meshtest.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Which hosts are IP addresses, a question every host a proxy's routes name is asked. */
class HostsTest {

    /** The rule by its definition: four dot-separated parts of one to three digits, each at most 255; or any colon. */
    private static boolean byDefinition(String s) {
        if (s.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    @Test
    @DisplayName("addresses and names")
    void examples() {
        assertThat(Hosts.isIp("10.96.0.1")).isTrue();
        assertThat(Hosts.isIp("255.255.255.255")).isTrue();
        assertThat(Hosts.isIp("0.0.0.0")).isTrue();
        assertThat(Hosts.isIp("::1")).isTrue();
        assertThat(Hosts.isIp("256.1.1.1")).isFalse();
        assertThat(Hosts.isIp("10.96.0")).isFalse();
        assertThat(Hosts.isIp("10.96.0.1.2")).isFalse();
        assertThat(Hosts.isIp("10..0.1")).isFalse();
        assertThat(Hosts.isIp("10.96.0.")).isFalse();
        assertThat(Hosts.isIp("0001.1.1.1")).isFalse();
        assertThat(Hosts.isIp("helloworld")).isFalse();
        assertThat(Hosts.isIp("reviews.prod.svc.cluster.local")).isFalse();
        assertThat(Hosts.isIp("")).isFalse();
    }

    @RepeatedTest(20)
    @DisplayName("random strings of digits, dots and others are addresses exactly when the definition says so")
    void sameAsTheDefinition(RepetitionInfo info) {
        String alphabet = "0123456789..........a:\u0663 ";
        SplittableRandom random = new SplittableRandom(31L * info.getCurrentRepetition());
        for (int k = 0; k < 5000; k++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(17);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(Hosts.isIp(s)).as(s).isEqualTo(byDefinition(s));
        }
    }
}
