package dev.meshtest.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

class PathRewriteTest {

    @Test
    void re2SubstitutionGroupsAndLiterals() {
        PathRewrite r = new PathRewrite(null, Pattern.compile("^/service/([^/]+)(/.*)$"), "\\2/instance/\\1");
        assertThat(r.apply("/service/foo/v1/api", StringMatcher.PRESENT)).isEqualTo("/v1/api/instance/foo");
    }

    @Test
    void dollarAndEscapedBackslashAreLiteral() {
        PathRewrite r = new PathRewrite(null, Pattern.compile("^/a/(.*)$"), "/b/$1/\\\\/\\1");
        assertThat(r.apply("/a/x", StringMatcher.PRESENT)).isEqualTo("/b/$1/\\/x");
    }
}
