package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How to match a string (proto {@code StringMatch}, a oneof): at most one component is set.
 * An empty object (no component set) is written {@code {}} in YAML.
 *
 * <pre>{@code
 * uri: {prefix: /api}
 * headers:
 *   end-user: {exact: jason}
 *   user-agent: {regex: ".*Firefox.*"}
 * }</pre>
 *
 * @param exact the whole string
 * @param prefix a prefix of the string
 * @param regex an RE2 regular expression the whole string must match
 */
@API(status = STABLE, since = "0.1")
public record StringMatch(String exact, String prefix, String regex) {
}
