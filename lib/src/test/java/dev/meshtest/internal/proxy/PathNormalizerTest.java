package dev.meshtest.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.istio.PathNormalization.Normalization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Envoy's path normalization: the cases of Envoy's {@code path_utility_test.cc}, and the
 * Chromium canonicalizer's rules it relies on, with exact outputs.
 */
class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("canonicalPath: Envoy's NormalizeValidPaths and NormalizeCasePath")
    @CsvSource(delimiter = ' ', value = {
            "/xyz /xyz",
            "/x/y/z /x/y/z",
            "/a/b/../c /a/c",
            "/a/b/./c /a/b/c",
            "a/b/../c /a/c",
            "/a/b/../../../../c /c",
            "/a/..\\c /c",
            "/%c0%af /%c0%af",
            "/%5c%25 /%5c%25",
            "/a/b/%2E%2E/c /a/c",
            "/A/B/C /A/B/C",
            "/a/b/%2e%2e/c /a/c",
            "/a/%2F%2f/c /a/%2F%2f/c"})
    void envoyCases(String in, String out) {
        assertThat(PathNormalizer.canonicalPath(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @DisplayName("canonicalPath: Envoy's InvalidPaths (an escaped NUL) are rejected")
    @ValueSource(strings = {"/xyz/.%00../abc", "/xyz/%00.%00./abc", "/xyz/AAAAA%%0000/abc", "/a\u0000b"})
    void invalid(String in) {
        assertThat(PathNormalizer.canonicalPath(in)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("canonicalPath: dot segments at the end, escapes decoded and kept, bytes escaped")
    @CsvSource(delimiter = ' ', value = {
            "/a/b/.. /a/",
            "/a/b/. /a/b/",
            "/.. /",
            "/a/.b/..c /a/.b/..c",
            "/a.%2e/b /a../b",
            "/%41%62%7e%2D%5f /Ab~-_",
            "/%3f%23%2f /%3f%23%2f",
            "/a%zz /a%zz",
            "/a%2 /a%2",
            "/a\"b<c>d^e`f{g|h}i /a%22b%3Cc%3Ed%5Ee%60f%7Bg%7Ch%7Di",
            "/caf\u00e9 /caf%C3%A9",
            "/x/../v1/hello /v1/hello"})
    void chromiumRules(String in, String out) {
        assertThat(PathNormalizer.canonicalPath(in)).isEqualTo(out);
    }

    @Test
    @DisplayName("canonicalPath: a space is escaped; an empty path is /; a nested escape cannot turn into another")
    void edges() {
        assertThat(PathNormalizer.canonicalPath("/a b")).isEqualTo("/a%20b");
        assertThat(PathNormalizer.canonicalPath("")).isEqualTo("/");
        // "%%30%30": decoding %30 right after an invalid '%' would leave "%00"; the '%' becomes %25.
        assertThat(PathNormalizer.canonicalPath("/%%30%30")).isEqualTo("/%2500");
        assertThat(PathNormalizer.canonicalPath("/%%300")).isEqualTo("/%2500");
    }

    @Test
    @DisplayName("canonicalPath: an already canonical path is returned as the same string")
    void unchangedIsSame() {
        String path = "/v1/hello";
        assertThat(PathNormalizer.canonicalPath(path)).isSameAs(path);
        assertThat(PathNormalizer.normalize(path, Normalization.DECODE_AND_MERGE_SLASHES)).isSameAs(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("mergeSlashes: Envoy's MergeSlashes cases (the path only; the query is never given)")
    @CsvSource(delimiter = ' ', value = {
            "a//b/c a/b/c",
            "/a//b/c/ /a/b/c/",
            "a//b/c/ a/b/c/",
            "/a /a",
            "//a/b/c /a/b/c",
            "/a/b/c// /a/b/c/",
            "/a///b/c /a/b/c",
            "/a////b/c /a/b/c",
            "// //"})
    void mergeSlashes(String in, String out) {
        assertThat(PathNormalizer.mergeSlashes(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("unescapeSlashes: Envoy's UnescapeSlashes cases")
    @CsvSource(delimiter = ' ', value = {
            "%2f%2F //",
            "/a%2Fb%2fc/ /a/b/c/",
            "%2b %2b",
            "%2 %2",
            "/abc%2 /abc%2",
            "%%2fa/ %/a/",
            "%2%2fa/ %2/a/",
            "/a%5Cb%5cc/ /a\\b\\c/",
            "/x/%2E%2e/z%2f%2Fabc%5C../def /x/%2E%2e/z//abc\\../def"})
    void unescapeSlashes(String in, String out) {
        assertThat(PathNormalizer.unescapeSlashes(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @DisplayName("normalize: what each MeshConfig pathNormalization does")
    @CsvSource(delimiter = ' ', value = {
            "NONE /x/../a//b%2Fc /x/../a//b%2Fc",
            "DEFAULT /x/../a//b%2Fc /a//b%2Fc",
            "BASE /x/../a//b%2Fc /a//b%2Fc",
            "MERGE_SLASHES /x/../a//b%2Fc /a/b%2Fc",
            "DECODE_AND_MERGE_SLASHES /x/../a//b%2Fc /a/b/c",
            "DECODE_AND_MERGE_SLASHES /a/b%2F..%2Fc /a/c",
            "BASE /a/b%2F..%2Fc /a/b%2F..%2Fc"})
    void modes(Normalization mode, String in, String out) {
        assertThat(PathNormalizer.normalize(in, mode)).isEqualTo(out);
    }
}
