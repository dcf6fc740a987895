package dev.meshtest.internal.validate;

import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.internal.text.Shown;
import dev.meshtest.internal.text.ApiServerText;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scalar rules shared by the validators: durations, ports, percentages, regexes, string matches,
 * header names and values, {@code exportTo}; and Go's formatting ({@code %q}, {@code %v}) so
 * messages read exactly as Istio prints them. Each check returns the message, or {@code null}.
 *
 * <pre>{@code
 * Values.port(70000);                       // port number 70000 must be in the range 1..65535
 * Values.duration(Duration.ofNanos(1500));  // duration must be greater than 1ms
 * }</pre>
 */
final class Values {

    private static final Duration ONE_MS = Duration.ofMillis(1);

    private Values() {
    }

    // ---- Go formatting ----

    /** Go's {@code %q} for a string. */
    static String quote(String s) {
        return Shown.quoted(s);
    }

    /** Go's {@code %v} for a float64: shortest form, exponent below 1e-4 and from 1e21. */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 21) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = String.format(Locale.ROOT, "%02d", Math.abs(exp));
            return (v < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return d.toPlainString();
    }

    /** Go's {@code %f}: six decimals. */
    static String goFixed(double v) {
        return String.format(Locale.ROOT, "%f", v);
    }

    /** Go's {@code %v} for a {@code []string}: {@code [a b]}. */
    static String goList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    // ---- durations ----

    /** {@code agent.ValidateDuration}: at least 1ms, whole milliseconds. */
    static String duration(Duration d) {
        if (d.compareTo(ONE_MS) < 0) {
            return "duration must be greater than 1ms";
        }
        if (d.getNano() % 1_000_000 != 0) {
            return "only durations to ms precision are supported";
        }
        return null;
    }

    /**
     * The webhook's {@code agent.ValidateDuration} on a duration that is set. Its CRD's rule
     * {@code duration(self) >= duration('1ms')} is checked by the schema walk ({@link CrdSchema}),
     * so a short one is the API server's failure and this one's message is never seen for it.
     */
    static void validateDuration(Findings f, String path, Duration d) {
        if (d != null) {
            f.error(path, duration(d));
        }
    }

    // ---- numbers ----

    /** {@code agent.ValidatePort}. */
    static String port(int port) {
        return port >= 1 && port <= 65535 ? null : "port number " + port + " must be in the range 1..65535";
    }

    /** {@code ValidatePercent}: an integer 0..100. */
    static String percent(int val) {
        return val < 0 || val > 100 ? "percentage " + val + " is not in range 0..100" : null;
    }

    /** {@code validatePercentage}: 0, or 0.0001..100. */
    static String percentage(Double value) {
        if (value == null) {
            return null;
        }
        double v = value;
        if (v < 0.0 || v > 100.0 || (v > 0.0 && v < 0.0001)) {
            return "percentage " + goFloat(v) + " is neither 0.0, nor in range [0.0001, 100.0]";
        }
        return null;
    }

    /** {@code validateHTTPStatus}; Istio's bound is 600 inclusive although the message says 599. */
    static String httpStatus(int status) {
        return status < 200 || status > 600 ? "HTTP status " + status + " is not in range 200-599" : null;
    }

    /**
     * A CRD's CEL rule ({@code x-kubernetes-validations}) failed on a field whose schema type is
     * {@code type} ({@code object}, {@code string}, {@code integer}, {@code array}): the API
     * server's {@code Invalid value: "<type>": <message>} (apiextensions' CEL validator reports the
     * type, not the value). Each call names the level Istio's CRDs put the rule at.
     */
    static void cel(Findings f, String path, String type, String message) {
        f.cel(path, ApiServerText.invalid(type, message));
    }

    /**
     * Kubernetes' OpenAPI {@code minItems}/{@code maxItems} ({@code things} "items") or
     * {@code minProperties}/{@code maxProperties} ("properties") on a list or map of {@code n}
     * entries ({@code -1}: no bound). Over the maximum is {@code Too many}, a blocking failure;
     * under the minimum is {@code Invalid value: <n>: <path> in body should have at least <min> ...},
     * but an empty one only when the source wrote it (the records read an absent list or map as
     * empty).
     */
    static void size(Findings f, String path, int n, int min, int max, String things) {
        if (max >= 0 && n > max) {
            f.blockingSchema(path, ApiServerText.tooMany(n, max));
        } else if (n < min && (n > 0 || f.written(path))) {
            f.schema(path, ApiServerText.fewerThan(n, path, min, things));
        }
    }

    /**
     * Kubernetes' OpenAPI {@code minimum} and {@code maximum} ({@code null}: none), compared as the
     * number is (a fraction stays one): {@code Invalid value: -1: <path> in body should be greater
     * than or equal to 0}, {@code ... less than or equal to <max>}.
     */
    static void range(Findings f, String path, Number value, Long min, Long max) {
        if (value == null) {
            return;
        }
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
        if (min != null && (whole ? value.longValue() < min : value.doubleValue() < min)) {
            f.schema(path, ApiServerText.belowMinimum(value, path, min));
        }
        if (max != null && (whole ? value.longValue() > max : value.doubleValue() > max)) {
            f.schema(path, ApiServerText.aboveMaximum(value, path, max));
        }
    }

    /**
     * Kubernetes' OpenAPI {@code maxLength} (counted in characters, as kube-openapi counts runes; a
     * blocking {@code Too long}), {@code minLength} and {@code pattern} (RE2, as Go's regexp) on a
     * string; {@code -1} or {@code null} for none.
     */
    static void string(Findings f, String path, String s, int minLength, int maxLength, String pattern) {
        int chars = s.codePointCount(0, s.length());
        if (maxLength >= 0 && chars > maxLength) {
            f.blockingSchema(path, ApiServerText.tooLong(maxLength));
        }
        if (minLength > 0 && chars < minLength) {
            f.schema(path, ApiServerText.tooShort(s, path, minLength));
        }
        if (pattern != null && !GatewayApiValidator.find(pattern, s)) {
            f.schema(path, ApiServerText.notMatching(s, path, pattern));
        }
    }

    /**
     * A CRD {@code oneOf} over optional fields: at most one may be set. kube-openapi's message
     * quotes the path and apiextensions ({@code kubeOpenAPIResultToFieldErrors}) reports it as
     * {@code field.Invalid} at no field with an empty value:
     * {@code <nil>: Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives}.
     */
    static void oneOf(Findings f, String path, Object... fields) {
        int set = 0;
        for (Object o : fields) {
            if (o != null) {
                set++;
            }
        }
        if (set > 1) {
            f.schemaAtNoField(path, ApiServerText.invalid("", ApiServerText.goValue(path)
                    + " must validate one and only one schema (oneOf). Found " + set + " valid alternatives"));
        }
    }

    // ---- regexes and string matches ----

    private static final String RE2_HINT = "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";

    /** {@code validateStringRegexp}: at most 1024 characters and valid RE2 syntax. */
    static String regex(String re, String where) {
        if (re.length() > 1024) {
            return quote(where) + ": regex is too large, max length allowed is 1024";
        }
        String err = Re2.check(re);
        return err == null ? null : quote(where) + ": " + err + RE2_HINT;
    }

    /** Which member of a {@code StringMatch} oneof is set, in proto order; {@code null} if none. */
    static String matchType(StringMatch sm) {
        if (sm == null) {
            return null;
        }
        if (sm.exact() != null) {
            return "exact";
        }
        if (sm.prefix() != null) {
            return "prefix";
        }
        return sm.regex() != null ? "regex" : null;
    }

    /** {@code validateStringMatch}: no empty prefix, and a valid regex. */
    static String stringMatch(StringMatch sm, String where) {
        String type = matchType(sm);
        if ("prefix".equals(type) && sm.prefix().isEmpty()) {
            return quote(where) + ": prefix string match should not be empty";
        }
        return "regex".equals(type) ? stringMatchRegexp(sm, where) : null;
    }

    /** {@code validateStringMatchRegexp}: only the regex member is checked (an empty URI prefix is fine). */
    static String stringMatchRegexp(StringMatch sm, String where) {
        if (!"regex".equals(matchType(sm))) {
            return null;
        }
        if (sm.regex().isEmpty()) {
            return quote(where) + ": regex string match should not be empty";
        }
        return regex(sm.regex(), where);
    }

    /** The CRD's oneOf on a {@code StringMatch}. */
    static void stringMatchOneOf(Findings f, String path, StringMatch sm) {
        if (sm != null) {
            oneOf(f, path, sm.exact(), sm.prefix(), sm.regex());
        }
    }

    // ---- headers ----

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");
    private static final Set<String> PSEUDO_HEADERS = Set.of(":method", ":scheme", ":authority", ":path", ":status");

    /** {@code jwt.ToRoutingClaim(name).Match}: {@code @request.auth.claims.x} or {@code @request.auth.claims[x]}. */
    static boolean isJwtClaim(String name) {
        String prefix = "@request.auth.claims";
        if (!name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return false;
        }
        String rest = name.substring(prefix.length());
        return (rest.startsWith(".") && rest.length() > 1)
                || (rest.startsWith("[") && rest.endsWith("]") && rest.length() > 2);
    }

    /** {@code ValidateHTTPHeaderNameOrJwtClaimRoute}. */
    static String headerNameOrJwtClaim(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (isJwtClaim(name) || PSEUDO_HEADERS.contains(name)) {
            return null;
        }
        return TOKEN.matcher(name).matches() ? null : "header name " + name + " is not a valid header name";
    }

    /** {@code ValidateCORSHTTPHeaderName}. */
    static String corsHeaderName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.equals("*")) {
            return null;
        }
        return TOKEN.matcher(name).matches() ? null : "header name " + name + " is not a valid header name";
    }

    private static boolean isInternalHeader(String name) {
        return name.startsWith(":") || name.equalsIgnoreCase("host");
    }

    static boolean isAuthorityHeader(String name) {
        return name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host");
    }

    /** {@code ValidateHTTPHeaderWithAuthorityOperationName}: request add/set. */
    static String headerWithAuthorityOperationName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (isInternalHeader(name) && !isAuthorityHeader(name)) {
            return "invalid header " + quote(name) + ": header cannot have \":\" prefix";
        }
        return null;
    }

    /** {@code ValidateHTTPHeaderOperationName}: request remove, response add/set/remove. */
    static String headerOperationName(String name) {
        if (name.isEmpty()) {
            return "header name cannot be empty";
        }
        if (name.equalsIgnoreCase("host")) {
            return "invalid header " + quote(name) + ": cannot set Host header";
        }
        if (isInternalHeader(name)) {
            return "invalid header " + quote(name) + ": header cannot have \":\" prefix";
        }
        return null;
    }

    /** {@code ValidateHTTPHeaderValue}: no control characters, and Envoy's {@code %VAR%} syntax. */
    static String headerValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c <= 0x08) || (c >= 0x0a && c <= 0x1f) || c == 0x7f) {
                return "header value configuration " + value + " is invalid";
            }
        }
        String err = EnvoyHeaderValue.check(value);
        return err == null ? null : "header value configuration: " + err;
    }

    // ---- exportTo ----

    /** {@code validateExportTo}: returns the messages, in Istio's order. */
    static List<String> exportTo(String namespace, List<String> exportTo, boolean serviceEntry,
                                 boolean drWithSelector) {
        List<String> errs = new ArrayList<>();
        if (exportTo.isEmpty()) {
            return errs;
        }
        java.util.LinkedHashSet<String> set = new java.util.LinkedHashSet<>();
        for (String e : exportTo) {
            String key = ".".equals(e) ? namespace : e;
            if (set.contains(key)) {
                errs.add(!key.equals(e)
                        ? "duplicate entries in exportTo: . and current namespace " + namespace
                        : "duplicate entries in exportTo for entry " + e);
            } else if (serviceEntry && "~".equals(e)) {
                set.add(key);
            } else {
                String err = visibility(key);
                if (err != null) {
                    errs.add(err);
                } else {
                    set.add(key);
                }
            }
        }
        if (drWithSelector && !set.isEmpty()) {
            if (set.contains(namespace)) {
                if (set.size() > 1) {
                    errs.add("destination rule with workload selector cannot have multiple entries in exportTo");
                }
            } else {
                errs.add("destination rule with workload selector cannot have exportTo beyond current namespace");
            }
        }
        if (set.contains("*") && exportTo.size() > 1) {
            errs.add("cannot have both public (*) and non-public exportTo values for a resource");
        }
        if (set.contains("~") && exportTo.size() > 1) {
            errs.add("cannot export service entry to no one (~) and someone");
        }
        return errs;
    }

    /** {@code visibility.Instance.Validate}. */
    private static String visibility(String v) {
        return switch (v) {
            case ".", "*" -> null;
            case "~" -> "exportTo ~ (none) is not allowed for Istio configuration objects";
            default -> Names.isDns1123Label(v) ? null : "only .,*, or a valid DNS 1123 label is allowed as exportTo entry";
        };
    }

    /**
     * RE2's syntax as Istio checks it with Go's {@code regexp.Compile}, here with RE2/J (a port of
     * Go's package, with Go's messages).
     */
    static final class Re2 {

        private Re2() {
        }

        /** Go's {@code regexp.Compile} error text, or {@code null} when RE2 accepts the expression. */
        static String check(String re) {
            try {
                com.google.re2j.Pattern.compile(re);
                return null;
            } catch (com.google.re2j.PatternSyntaxException e) {
                if (e.getDescription().startsWith("regexp/syntax: internal error")) {
                    // RE2/J fails on an unmatched ")" with "internal error: stack underflow"
                    // where Go's parser says what is wrong.
                    return "error parsing regexp: unexpected ): `" + re + "`";
                }
                return e.getMessage();
            }
        }
    }

    /** Istio's {@code validateHeaderValue} ({@code header_value_validator.go}): Envoy's {@code %VAR(args)%} syntax. */
    static final class EnvoyHeaderValue {

        private EnvoyHeaderValue() {
        }

        private enum State { LITERAL, VARIABLE, EXPECT_ARRAY, EXPECT_STRING, STRING, EXPECT_DELIM_OR_END, EXPECT_ARGS_END, EXPECT_VAR_END }

        static String check(String v) {
            State state = State.LITERAL;
            for (int pos = 0; pos < v.length(); pos++) {
                char ch = v.charAt(pos);
                boolean hasNext = pos + 1 < v.length();
                switch (state) {
                    case LITERAL -> {
                        if (ch == '%') {
                            if (!hasNext) {
                                return "invalid header configuration. Un-escaped %";
                            }
                            if (v.charAt(pos + 1) == '%') {
                                pos++;
                            } else {
                                state = State.VARIABLE;
                            }
                        }
                    }
                    case VARIABLE -> {
                        if (ch == '%') {
                            state = State.LITERAL;
                        } else if (ch == '(') {
                            state = State.EXPECT_ARRAY;
                        }
                    }
                    case EXPECT_ARRAY -> {
                        if (ch == '[') {
                            state = State.EXPECT_STRING;
                        } else if (ch != ' ') {
                            state = State.STRING;
                        }
                    }
                    case EXPECT_DELIM_OR_END -> {
                        if (ch == ',') {
                            state = State.EXPECT_STRING;
                        } else if (ch == ']') {
                            state = State.EXPECT_ARGS_END;
                        } else if (ch != ' ') {
                            return "invalid header configuration. Expecting ',', ']', or whitespace";
                        }
                    }
                    case EXPECT_STRING -> {
                        if (ch == '"') {
                            state = State.STRING;
                        } else if (ch != ' ') {
                            return "invalid header configuration. Expecting '\"'";
                        }
                    }
                    case STRING -> {
                        if (ch == '\\') {
                            if (!hasNext) {
                                return "invalid header configuration. Un-terminated backslash in JSON string";
                            }
                            pos++;
                        } else if (ch == ')') {
                            state = State.EXPECT_VAR_END;
                        } else if (ch == '"') {
                            state = State.EXPECT_DELIM_OR_END;
                        }
                    }
                    case EXPECT_ARGS_END -> {
                        if (ch == ')') {
                            state = State.EXPECT_VAR_END;
                        } else if (ch != ' ') {
                            return "invalid header configuration. Expecting ')' or whitespace after '{}', but found '{}'";
                        }
                    }
                    case EXPECT_VAR_END -> {
                        if (ch == '%') {
                            state = State.LITERAL;
                        } else if (ch != ' ') {
                            return "invalid header configuration. Expecting '%' or whitespace after";
                        }
                    }
                    default -> throw new IllegalStateException(state.name());
                }
            }
            return state == State.LITERAL ? null
                    : "invalid header configuration. Un-terminated variable expression '" + v + "'";
        }
    }

    /**
     * {@code ValidateAlphaWorkloadSelector}: empty keys and wildcards are errors, and then all Istio
     * reports ({@code true}: stop); a selector without labels is a warning, {@code <kind>: workload
     * selector specified without labels, will be applied to all services in namespace}.
     *
     * @param f where the findings go
     * @param selector the {@code workloadSelector}, or {@code null}
     * @param kind how the warning names the kind ({@code sidecar}, {@code service entry})
     * @return whether the selector was rejected
     */
    static boolean alphaWorkloadSelector(Findings f, dev.meshtest.config.istio.WorkloadSelector selector, String kind) {
        if (selector == null) {
            return false;
        }
        boolean bad = false;
        for (java.util.Map.Entry<String, String> e : selector.labels().entrySet()) {
            String k = e.getKey();
            String v = java.util.Objects.requireNonNullElse(e.getValue(), "");
            String lp = Findings.key("spec.workloadSelector.labels", k);
            if (k.isEmpty()) {
                f.error(lp, "empty key is not supported in selector: " + quote(k + "=" + v));
                bad = true;
            }
            if (k.contains("*") || v.contains("*")) {
                f.error(lp, "wildcard is not supported in selector: " + quote(k + "=" + v));
                bad = true;
            }
        }
        if (!bad && selector.labels().isEmpty()) {
            f.warn("spec.workloadSelector", kind + ": workload selector specified without labels, "
                    + "will be applied to all services in namespace");
        }
        return bad;
    }

    /**
     * Istio's {@code validateWorkloadSelector} for an {@code istio.type.v1beta1.WorkloadSelector}
     * (a DestinationRule's {@code workloadSelector}, a security policy's {@code selector}) and the
     * CRDs' CEL rules on its {@code matchLabels}.
     */
    static void typeWorkloadSelector(Findings f, dev.meshtest.config.istio.TypeWorkloadSelector sel, String p) {
        if (sel == null) {
            return;
        }
        String mp = p + ".matchLabels";
        for (java.util.Map.Entry<String, String> e : sel.matchLabels().entrySet()) {
            String k = e.getKey();
            String v = java.util.Objects.requireNonNullElse(e.getValue(), "");
            if (k.contains("*")) {
                cel(f, mp, "object", "wildcard not allowed in label key match");
            }
            if (k.isEmpty()) {
                cel(f, mp, "object", "key must not be empty");
            }
            if (v.contains("*")) {
                cel(f, Findings.key(mp, k), "string", "wildcard not allowed in label value match");
            }
            if (k.isEmpty()) {
                f.error(mp, "empty key is not supported in selector: " + quote(k + "=" + v));
            }
            if (k.contains("*") || v.contains("*")) {
                f.error(Findings.key(mp, k), "wildcard is not supported in selector: " + quote(k + "=" + v));
            }
        }
        if (sel.matchLabels().isEmpty()) {
            f.warn(p, "workload selector specified without labels");
        }
    }
}
