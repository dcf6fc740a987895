package dev.meshtest.internal.istio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An AuthorizationPolicy's path templates as Envoy's URI template parser reads them
 * ({@code uri_template_internal.cc}: {@code parseURLPatternSyntax}, {@code toRegexPattern}).
 */
class AuthorizationAttributesTest {

    static final String SEGMENT = "[a-zA-Z0-9\\-._~%!$&'()+,;:@]+";
    static final String SEGMENTS = "[a-zA-Z0-9\\-._~%!$&'()+,;:@/]*";

    @Test
    @DisplayName("{*} is one segment of pchars, {**} any run of them and slashes; literals keep their text, $ ( ) + . escaped")
    void regexes() {
        assertThat(AuthorizationAttributes.pathTemplateRegex("/api/{*}/info")).isEqualTo("/api/" + SEGMENT + "/info");
        assertThat(AuthorizationAttributes.pathTemplateRegex("/api/{**}")).isEqualTo("/api/" + SEGMENTS);
        assertThat(AuthorizationAttributes.pathTemplateRegex("/{*}/v1.0/{**}")).isEqualTo("/" + SEGMENT + "/v1\\.0/" + SEGMENTS);
        assertThat(AuthorizationAttributes.pathTemplateRegex("/a+b/($)/{*}/")).isEqualTo("/a\\+b/\\(\\$\\)/" + SEGMENT + "/");
    }

    @Test
    @DisplayName("what Envoy's parser rejects: no leading slash, an empty segment, a glob after {**}, a variable, a blank")
    void rejected() {
        assertThat(AuthorizationAttributes.pathTemplateRegex("api/{*}")).isNull();
        assertThat(AuthorizationAttributes.pathTemplateRegex("//api/{*}")).isNull();
        assertThat(AuthorizationAttributes.pathTemplateRegex("/api/{*}//")).isNull();
        assertThat(AuthorizationAttributes.pathTemplateRegex("/{**}/{*}")).isNull();
        assertThat(AuthorizationAttributes.pathTemplateRegex("/{name}/{*}")).isNull();
        assertThat(AuthorizationAttributes.pathTemplateRegex("/a b/{*}")).isNull();
    }
}
