package dev.meshtest.internal.yaml;

import dev.meshtest.internal.text.Shown;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What a YAML scalar is, the way Kubernetes reads it (sigs.k8s.io/yaml on go-yaml v2, YAML 1.1),
 * and the text-to-value conversions of the reader: YAML 1.1 integers, Go durations, RFC 3339.
 *
 * <p>SnakeYAML resolves plain scalars by YAML 1.1 as go-yaml v2 does, with two differences this
 * class evens out: go-yaml also reads {@code y}, {@code Y}, {@code n} and {@code N} as booleans,
 * and go-yaml has no base-60 numbers ({@code 12:30} is a string to Kubernetes, a number to
 * SnakeYAML).
 */
final class Scalars {

    private Scalars() {
    }

    /** The kind of value a scalar holds once resolved. */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL, TIMESTAMP, MERGE, OTHER }

    private static final Set<String> GO_YAML_SHORT_BOOLS = Set.of("y", "Y", "n", "N");
    private static final Set<String> TRUE_WORDS = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
            "on", "On", "ON");
    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

    static Kind kindOf(ScalarNode node) {
        Tag tag = node.getTag();
        String text = node.getValue();
        if (Tag.STR.equals(tag)) {
            boolean plain = node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
            // The length first: hashing every key and value of a large apply to find these four cost a tenth of binding.
            return plain && text.length() == 1 && GO_YAML_SHORT_BOOLS.contains(text) ? Kind.BOOL : Kind.STRING;
        }
        if (Tag.INT.equals(tag)) {
            return text.indexOf(':') >= 0 ? Kind.STRING : Kind.INT;
        }
        if (Tag.FLOAT.equals(tag)) {
            return text.indexOf(':') >= 0 ? Kind.STRING : Kind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return Kind.BOOL;
        }
        if (Tag.NULL.equals(tag)) {
            return Kind.NULL;
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return Kind.TIMESTAMP;
        }
        if (Tag.MERGE.equals(tag)) {
            return Kind.MERGE;
        }
        return Kind.OTHER;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && kindOf(s) == Kind.NULL;
    }

    /** Whether a node's tag is one of plain YAML's: maps, lists, strings, numbers, booleans, null, timestamps. */
    static boolean allowedTag(Node node) {
        Tag tag = node.getTag();
        if (node instanceof MappingNode) {
            return Tag.MAP.equals(tag);
        }
        if (node instanceof SequenceNode) {
            return Tag.SEQ.equals(tag);
        }
        return kindOf((ScalarNode) node) != Kind.OTHER;
    }

    /** A tag as written: {@code !!java.io.File}, {@code !foo}. */
    static String showTag(Tag tag) {
        String v = tag.getValue();
        return v.startsWith(YAML_TAG_PREFIX) ? "!!" + v.substring(YAML_TAG_PREFIX.length()) : v;
    }

    /** How a message names what was found: {@code the string "x"}, {@code the number 5}, {@code a list}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        String text = s.getValue();
        return switch (kindOf(s)) {
            case STRING, MERGE, OTHER -> "the string " + quote(text);
            case INT, FLOAT -> "the number " + text;
            case BOOL -> "the boolean " + text + boolNote(text);
            case NULL -> "an empty value";
            case TIMESTAMP -> "the timestamp " + text;
        };
    }

    /** For YAML 1.1 booleans that do not look like booleans: {@code " (YAML 1.1 reads yes as true)"}. */
    private static String boolNote(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return "";
        }
        return " (YAML 1.1 reads " + text + " as " + (TRUE_WORDS.contains(text) ? "true" : "false") + ")";
    }

    static boolean parseBool(String text) {
        return TRUE_WORDS.contains(text);
    }

    static String quote(String text) {
        return Shown.quoted(text);
    }

    /**
     * A YAML 1.1 integer as SnakeYAML resolves it: optional sign, underscores, {@code 0b} binary,
     * {@code 0x} hex, leading-{@code 0} octal, else decimal. {@code null} if it is not one.
     */
    static BigInteger parseInteger(String text) {
        String s = text.replace("_", "");
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        if (s.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(s, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A YAML 1.1 float; {@code null} if it is not one. */
    static Double parseFloat(String text) {
        String s = text.replace("_", "");
        switch (s) {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            default:
                break;
        }
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- durations ------------------------------------------------------------------------------

    /** Go's {@code unitMap}: nanoseconds per unit, {@code µs} in both its spellings. */
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    /** 2<sup>63</sup> as Go's {@code uint64}, the bound of {@code time.ParseDuration}'s arithmetic. */
    private static final long TWO_TO_63 = Long.MIN_VALUE;

    /**
     * Thrown by the conversions; the message is the reason shown to the user. A duration's also
     * has Go's own error text ({@link #goError}) and advice.
     */
    static final class BadValue extends Exception {
        private final String goError;
        private final String advice;

        BadValue(String message) {
            this(message, null, null);
        }

        private BadValue(String message, String goError, String advice) {
            super(message, null, false, false);
            this.goError = goError;
            this.advice = advice;
        }

        /** {@return Go's error text ({@code time: unknown unit "d" in duration "1d"}), or {@code null}} */
        String goError() {
            return goError;
        }

        /** {@return what to write instead ({@code use h, m, s, ms, us or ns}), or {@code null}} */
        String advice() {
            return advice;
        }
    }

    /**
     * A Go duration, read exactly as Go's {@code time.ParseDuration} reads it, which is how every
     * reader of an Istio duration reads it: the CRDs' CEL rule {@code duration(self)} (cel-go
     * converts a string with {@code time.ParseDuration}) and the webhook's decoding (golang/protobuf's
     * {@code jsonpb} does too). An optional sign, then one or more decimal numbers each with a
     * unit ({@code h}, {@code m}, {@code s}, {@code ms}, {@code us} or {@code µs}, {@code ns}):
     * {@code 1.5s}, {@code 1h30m}, {@code .5s}, {@code -1s}; {@code 0} alone needs no unit. What
     * Go's reader rejects fails with Go's message ({@code time: missing unit in duration "10"}).
     * Fractions are scaled in floating point, as Go does ({@code time/format.go}).
     */
    static Duration parseDuration(String text) throws BadValue {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalidDuration(text);
        }
        long d = 0;   // unsigned, at most 2^63
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || c >= '0' && c <= '9')) {
                throw invalidDuration(text);
            }
            // leadingInt: [0-9]*
            int start = i;
            long v = 0;
            for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_TO_63, 10)) > 0) {
                    throw invalidDuration(text);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_TO_63) > 0) {
                    throw invalidDuration(text);
                }
            }
            boolean pre = i > start;
            // leadingFraction: (\.[0-9]*)?, digits past uint64's precision are read and dropped
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                boolean overflow = false;
                for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                    if (overflow) {
                        continue;
                    }
                    if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long y = f * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(y, TWO_TO_63) > 0) {
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10;
                }
                post = i > fractionStart;
            }
            if (!pre && !post) {
                throw invalidDuration(text);   // no digits: ".s", "-.s"
            }
            int unitStart = i;
            while (i < s.length() && !(s.charAt(i) == '.' || s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            if (i == unitStart) {
                String number = s.substring(start, i);
                boolean alone = start == 0 && i == s.length();
                throw new BadValue("invalid duration " + quote(text) + ": missing unit"
                        + (alone ? " (write " + number + "s, " + number + "ms, " + number + "m or " + number + "h)" : " after " + number),
                        "time: missing unit in duration " + goQuote(text),
                        alone ? "write " + number + "s, " + number + "ms, " + number + "m or " + number + "h"
                                : "every number needs a unit: " + number + " has none");
            }
            String unit = s.substring(unitStart, i);
            Long perUnit = UNIT_NANOS.get(unit);
            if (perUnit == null) {
                throw new BadValue("invalid duration " + quote(text) + ": unknown unit " + quote(unit) + " (use h, m, s, ms, us or ns)",
                        "time: unknown unit " + goQuote(unit) + " in duration " + goQuote(text), "use h, m, s, ms, us or ns");
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_TO_63, perUnit)) > 0) {
                throw invalidDuration(text);
            }
            v *= perUnit;
            if (f > 0) {
                // Go: v += uint64(float64(f) * (float64(unit) / scale)), at most 3.6e12 (an hour)
                double fraction = f >= 0 ? f : (double) (f >>> 1) * 2 + (f & 1);   // float64(f) of a uint64
                v += (long) (fraction * ((double) perUnit / scale));
                if (Long.compareUnsigned(v, TWO_TO_63) > 0) {
                    throw invalidDuration(text);
                }
            }
            d += v;
            if (Long.compareUnsigned(d, TWO_TO_63) > 0) {
                throw invalidDuration(text);
            }
        }
        if (negative) {
            return Duration.ofNanos(-d);   // -2^63 included
        }
        if (d == TWO_TO_63) {
            throw invalidDuration(text);
        }
        return Duration.ofNanos(d);
    }

    private static BadValue invalidDuration(String text) {
        return new BadValue("invalid duration " + quote(text) + ": " + DURATION_FORMS, "time: invalid duration " + goQuote(text),
                DURATION_FORMS_ADVICE);
    }

    /**
     * The {@code time} package's own {@code quote}: double quotes, {@code "} and {@code \\}
     * escaped, and every byte of a non-ASCII or control character as {@code \xNN}.
     */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x80 || c < ' ') {
                for (byte b : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append("\\x").append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
                }
            } else {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }

    private static final String DURATION_FORMS = "expected a number with a unit, such as 1.5s, 100ms or 1h30m";
    private static final String DURATION_FORMS_ADVICE = "write a number with a unit, such as 1.5s, 100ms or 1h30m, "
            + "at most 2562047h47m16.854775807s";

    // ---- timestamps -----------------------------------------------------------------------------

    /** An RFC 3339 timestamp, such as {@code 2024-01-02T15:04:05Z} or {@code 2024-01-02T15:04:05.5+02:00}. */
    static Instant parseInstant(String text) throws BadValue {
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new BadValue("invalid timestamp " + quote(text)
                    + ": expected RFC 3339, such as 2024-01-02T15:04:05Z");
        }
    }
}
