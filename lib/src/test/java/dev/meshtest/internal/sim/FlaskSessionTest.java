package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * productpage's session cookie as Flask 3.1 and itsdangerous 2.2 write and read it, checked
 * against cookies real Bookinfo clusters set for jason (published in blog posts and issue threads
 * between 2020 and 2023): each verifies, and each is rewritten byte for byte from its time.
 */
class FlaskSessionTest {

    @ParameterizedTest
    @CsvSource({
        "eyJ1c2VyIjoiamFzb24ifQ.X48MLA.aeYGJKietWgCLAPAgNrSMCO85NA, 1603210284",
        "eyJ1c2VyIjoiamFzb24ifQ.YtbDgw.-9g_96ySPiFCkMxHL4l2Sck8Wso, 1658241923",
        "eyJ1c2VyIjoiamFzb24ifQ.ZB6Yfg.ddx3Bk-jVDnAMpyNGsfuXDh3Oxs, 1679726718"})
    void aClustersCookieForJasonVerifiesAndIsWrittenAlike(String cookie, long seconds) {
        assertThat(FlaskSession.user("session=" + cookie)).isEqualTo("jason");
        assertThat(FlaskSession.user("theme=dark; session=" + cookie + "; x=1")).isEqualTo("jason");
        assertThat(FlaskSession.dumps("jason", seconds)).isEqualTo(cookie);
    }

    @Test
    void aCookieNotSignedWithProductpagesKeyIsAnEmptySession() {
        String real = "eyJ1c2VyIjoiamFzb24ifQ.ZB6Yfg.ddx3Bk-jVDnAMpyNGsfuXDh3Oxs";
        // {"user":"admin"} with jason's signature; a signature of another key; no signature; no timestamp
        assertThat(FlaskSession.user("session=eyJ1c2VyIjoiYWRtaW4ifQ.ZB6Yfg.ddx3Bk-jVDnAMpyNGsfuXDh3Oxs")).isNull();
        assertThat(FlaskSession.user("session=" + real.replace("ddx3", "ddx4"))).isNull();
        assertThat(FlaskSession.user("session=eyJ1c2VyIjoiamFzb24ifQ")).isNull();
        assertThat(FlaskSession.user("session=" + real.substring(real.indexOf(".ZB6Yfg") + 7))).isNull();
        assertThat(FlaskSession.user("sessionid=" + real)).isNull();
        assertThat(FlaskSession.user(null)).isNull();
        assertThat(FlaskSession.hasUser("session=" + real)).isTrue();
        assertThat(FlaskSession.hasUser("session=forged")).isFalse();
    }

    @org.junit.jupiter.api.RepeatedTest(20)
    void anyNameLoginStoresIsTheNameItReadsBack(org.junit.jupiter.api.RepetitionInfo info) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(info.getCurrentRepetition());
        for (int i = 0; i < 50; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(0, 90);
            for (int k = 0; k < length; k++) {
                // ASCII, control characters, Latin-1, other planes (a surrogate pair): all that JSON escapes or keeps
                int kind = random.nextInt(4);
                name.appendCodePoint(kind == 0 ? random.nextInt(0, 0x20) : kind == 1 ? random.nextInt(0x20, 0x7f)
                        : kind == 2 ? random.nextInt(0xa0, 0x800) : random.nextInt(0x10000, 0x10400));
            }
            String cookie = FlaskSession.dumps(name.toString(), random.nextLong(0, 1L << 40));
            assertThat(FlaskSession.user("session=" + cookie)).as("session %s", cookie).isEqualTo(name.toString());
        }
    }

    @Test
    void loginWithoutAUsernameStoresNullWhichSendsNoEndUser() {
        String none = FlaskSession.dumps(null, 0);
        // {"user":null}, signed at 0: itsdangerous writes the time 0 as no bytes at all
        assertThat(none).startsWith("eyJ1c2VyIjpudWxsfQ..");
        assertThat(FlaskSession.user("session=" + none)).isNull();
        assertThat(FlaskSession.hasUser("session=" + none)).isTrue();
    }

    @Test
    void namesAreWrittenAsPythonsJsonWritesThemAndLongOnesCompressed() {
        // ensure_ascii: \\u escapes, lowercase hex; the session reads back the same name
        String accented = FlaskSession.dumps("jos\u00e9 \"j\"", 7);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(accented.substring(0, accented.indexOf('.')))))
                .isEqualTo("{\"user\":\"jos\\u00e9 \\\"j\\\"\"}");
        assertThat(FlaskSession.user("session=" + accented)).isEqualTo("jos\u00e9 \"j\"");
        // zlib when shorter by more than a byte: a leading "."
        String repeated = FlaskSession.dumps("a".repeat(60), 7);
        assertThat(repeated).startsWith(".");
        assertThat(FlaskSession.user("session=" + repeated)).isEqualTo("a".repeat(60));
        assertThat(FlaskSession.dumps("jason", 7)).doesNotStartWith(".");
    }
}
