package dev.meshtest.internal.yaml;

import dev.meshtest.internal.text.Shown;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
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

    private static final Map<String, BigDecimal> UNIT_NANOS = Map.of(
            "ns", BigDecimal.ONE,
            "us", BigDecimal.valueOf(1_000L),
            "\u00b5s", BigDecimal.valueOf(1_000L),
            "\u03bcs", BigDecimal.valueOf(1_000L),
            "ms", BigDecimal.valueOf(1_000_000L),
            "s", BigDecimal.valueOf(1_000_000_000L),
            "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L));

    /** Thrown by {@link #parseDuration}; the message is the reason shown to the user. */
    static final class BadValue extends Exception {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A Go duration ({@code time.ParseDuration}), as Istio reads them: a sequence of decimal numbers,
     * each with a unit ({@code h}, {@code m}, {@code s}, {@code ms}, {@code us}, {@code ns}), such as
     * {@code 1.5s} or {@code 1h30m}. Unlike Go, a bare number (even {@code 0}) is refused, since
     * writing {@code timeout: 10} almost always means a missing unit, and negative durations are
     * refused, since no Istio field takes one.
     */
    static Duration parseDuration(String text) throws BadValue {
        String shown = quote(text);
        if (text.startsWith("-")) {
            throw new BadValue("invalid duration " + shown + ": a duration may not be negative");
        }
        String s = text.startsWith("+") ? text.substring(1) : text;
        if (s.isEmpty()) {
            throw new BadValue("invalid duration " + shown + ": " + DURATION_FORMS);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new BadValue("invalid duration " + shown + ": " + DURATION_FORMS);
            }
            int unitStart = i;
            while (i < s.length() && !(Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                if (start > 0) {
                    throw new BadValue("invalid duration " + shown + ": missing unit after " + number);
                }
                throw new BadValue("invalid duration " + shown + ": missing unit (write " + s + "s, " + s + "ms, "
                        + s + "m or " + s + "h)");
            }
            BigDecimal factor = UNIT_NANOS.get(unit);
            if (factor == null) {
                throw new BadValue("invalid duration " + shown + ": unknown unit " + quote(unit)
                        + " (use h, m, s, ms, us or ns)");
            }
            nanos = nanos.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(factor));
        }
        BigInteger whole = nanos.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (whole.bitLength() >= 64) {
            throw new BadValue("invalid duration " + shown + ": out of range (at most about 292 years)");
        }
        return Duration.ofNanos(whole.longValueExact());
    }

    private static final String DURATION_FORMS = "expected a number with a unit, such as 1.5s, 100ms or 1h30m";

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
