package dev.meshtest.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownTest {

    @Test
    void shortValuesAreShownWholeAndLongOnesByTheirStartAndLength() {
        assertThat(Shown.value("helloworld")).isEqualTo("helloworld");
        assertThat(Shown.value("a".repeat(Shown.MAX))).isEqualTo("a".repeat(Shown.MAX));
        assertThat(Shown.value("a".repeat(Shown.MAX + 1))).isEqualTo("a".repeat(64) + "... (101 characters)");
        assertThat(Shown.quoted("b".repeat(3_000_000))).isEqualTo('"' + "b".repeat(64) + "\"... (3000000 characters)");
    }

    @Test
    void quotedAsGoQuotesIt() {
        assertThat(Shown.quoted("a\"b\\c\nd\te\rf\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\rf\\x01\"");
    }

    @Test
    void neverHalfACharacter() {
        String s = "a".repeat(63) + "\uD83D\uDE00" + "a".repeat(100);   // an emoji across the cut
        assertThat(Shown.value(s)).startsWith("a".repeat(63) + "...");
    }
}
