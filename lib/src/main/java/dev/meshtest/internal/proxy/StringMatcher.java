package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.google.re2j.Pattern;
import org.apiguardian.api.API;

/**
 * An Envoy string matcher as Istio translates a VirtualService {@code StringMatch}: exact,
 * prefix, a regular expression that must match the whole value, or mere presence.
 *
 * <pre>{@code
 * StringMatcher.exact("jason").matches("jason");   // true
 * StringMatcher.regex("v[12]").matches("v12");     // false: whole-value match
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface StringMatcher {

    /** Whether a present value matches. */
    boolean matches(String value);

    /** Matches any present value: {@code {}} or {@code regex: "*"} in a VirtualService. */
    StringMatcher PRESENT = new Present();

    static StringMatcher exact(String value) {
        return new Exact(value, false);
    }

    static StringMatcher prefix(String value) {
        return new Prefix(value, false);
    }

    static StringMatcher regex(String regex) {
        return new Regex(Pattern.compile(regex));
    }

    /** Exact match, optionally ignoring case ({@code ignoreUriCase}). */
    record Exact(String value, boolean ignoreCase) implements StringMatcher {
        @Override
        public boolean matches(String v) {
            return ignoreCase ? value.equalsIgnoreCase(v) : value.equals(v);
        }

        @Override
        public String toString() {
            return "exact " + value;
        }
    }

    /** Plain string prefix: {@code /api} also matches {@code /apiv2}. */
    record Prefix(String value, boolean ignoreCase) implements StringMatcher {
        @Override
        public boolean matches(String v) {
            return ignoreCase ? v.regionMatches(true, 0, value, 0, value.length()) : v.startsWith(value);
        }

        @Override
        public String toString() {
            return "prefix " + value;
        }
    }

    /**
     * Envoy's {@code path_separated_prefix}: the path is the prefix itself or continues it with
     * {@code /} ({@code /v2} matches {@code /v2} and {@code /v2/x}, not {@code /v2x}), compared
     * without the query, ignoring case when the route is not case-sensitive. Istio writes it for a
     * {@code uri.prefix} other than {@code /} of a VirtualService with gateway or ingress route
     * semantics (route.go {@code TranslateRouteMatch}, istio-rules §5.5).
     *
     * @param value the prefix, without a trailing {@code /}
     * @param ignoreCase {@code ignoreUriCase}
     */
    record PathSeparatedPrefix(String value, boolean ignoreCase) implements StringMatcher {
        @Override
        public boolean matches(String v) {
            int n = value.length();
            return v.length() >= n && v.regionMatches(ignoreCase, 0, value, 0, n) && (v.length() == n || v.charAt(n) == '/');
        }

        @Override
        public String toString() {
            return "path-separated prefix " + value;
        }
    }

    /**
     * A regular expression that must match the whole value (Envoy {@code safe_regex}), in RE2's
     * syntax and semantics as Envoy evaluates it (RE2/J: {@code [[:alpha:]]} is a class of
     * letters, not of the characters {@code :alph}).
     */
    record Regex(Pattern pattern) implements StringMatcher {
        @Override
        public boolean matches(String v) {
            return pattern.matcher(v).matches();
        }

        @Override
        public String toString() {
            return "regex " + pattern.pattern();
        }
    }

    /** Any value, as long as it is present. */
    record Present() implements StringMatcher {
        @Override
        public boolean matches(String v) {
            return true;
        }

        @Override
        public String toString() {
            return "present";
        }
    }
}
