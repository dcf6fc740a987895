package dev.meshtest.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An answer printed in explanations and failure messages stays on one line. */
class OutcomeTextTest {

    @Test
    void aBodyIsQuotedAsGoQuotesIt() {
        assertThat(Outcome.of(200).withBody("Hello version: v1\n").toString())
                .isEqualTo("200 - \"Hello version: v1\\n\"");
        assertThat(Outcome.of(404).withBody("say \"hi\"\tthere").toString()).isEqualTo("404 - \"say \\\"hi\\\"\\tthere\"");
    }

    @Test
    void aLongBodyIsShownByItsStartAndLength() {
        String page = "<p>" + "x".repeat(200) + "</p>\n";
        assertThat(Outcome.of(404).withBody(page).toString())
                .isEqualTo("404 - \"<p>" + "x".repeat(61) + "\"... (208 characters)")
                .doesNotContain("\n");
        assertThat(Outcome.of(404).withBody(page).body()).isEqualTo(page);
    }
}
