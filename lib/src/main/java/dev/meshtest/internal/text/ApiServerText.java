package dev.meshtest.internal.text;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The Kubernetes API server's words for a field it refuses (apimachinery's {@code field.Error}
 * types, kube-openapi's schema failures as apiextensions converts them), with values printed as Go
 * prints them. Shared by the reader (which finds wrong types, missing required fields, values not
 * supported and text patterns while it binds the YAML) and the validators (Kubernetes' own
 * checks, the rest of a CRD's schema, its CEL rules), so each wording has one home.
 *
 * <pre>{@code
 * ApiServerText.typeInvalid("spec.http[0].route[0].weight", "integer", "string");
 * // Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"
 * ApiServerText.tooMany(257, 256);   // Too many: 257: must have at most 256 items
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class ApiServerText {

    /**
     * What the API server adds, at no field ({@code <nil>}), once per object after its field
     * errors when a <em>blocking</em> schema failure (apiextensions' {@code hasBlockingErr}: a wrong
     * type, a required field missing, a value not supported, too long, too many) kept it from
     * evaluating the CRD's CEL rules.
     */
    public static final String NOT_CHECKED = "Invalid value: null: some validation rules were not checked because the"
            + " object was invalid; correct the existing errors to complete validation";

    private ApiServerText() {
    }

    /** {@code field.Invalid}: {@code Invalid value: <value as Go prints it>: <detail>}. */
    public static String invalid(Object value, String detail) {
        return "Invalid value: " + goValue(value) + ": " + detail;
    }

    /** {@code field.Required}: {@code Required value}, with {@code detail} after a colon when there is one. */
    public static String required(String detail) {
        return detail == null || detail.isEmpty() ? "Required value" : "Required value: " + detail;
    }

    /** {@code field.Duplicate}. */
    public static String duplicate(Object value) {
        return "Duplicate value: " + goValue(value);
    }

    /**
     * {@code field.Duplicate} for an {@code x-kubernetes-list-type: map} list's item whose key is
     * taken: the key as the Go map the API server prints,
     * {@code Duplicate value: map[string]interface {}{"name":"web"}}.
     */
    public static String duplicateMapKey(String key, Object value) {
        String shown = value instanceof String s ? goValue(s) : String.valueOf(value);
        return "Duplicate value: map[string]interface {}{\"" + key + "\":" + shown + "}";
    }

    /** {@code field.NotSupported}: the value as Go prints it, the supported ones quoted. */
    public static String notSupported(Object value, List<String> supported) {
        return notSupportedShown(goValue(value), supported);
    }

    /** As {@link #notSupported}, the value already printed ({@code 1.5e-07}, as Go's {@code %v} prints a float). */
    public static String notSupportedShown(String shownValue, List<String> supported) {
        StringBuilder sb = new StringBuilder("Unsupported value: ").append(shownValue).append(": supported values: ");
        for (int i = 0; i < supported.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Shown.quoted(supported.get(i)));
        }
        return sb.toString();
    }

    /** {@code field.TooMany}, as the API server reports a list's {@code maxItems} or a map's {@code maxProperties}. */
    public static String tooMany(int actual, int max) {
        return "Too many: " + actual + ": must have at most " + max + (max == 1 ? " item" : " items");
    }

    /** {@code field.TooLong}, a string's {@code maxLength}. */
    public static String tooLong(int max) {
        return "Too long: may not be more than " + max + " bytes";
    }

    /** kube-openapi's {@code minLength}. */
    public static String tooShort(String value, String path, int minLength) {
        return invalid(value, path + " in body should be at least " + minLength + " chars long");
    }

    /** kube-openapi's {@code minimum}. */
    public static String belowMinimum(Object value, String path, Object minimum) {
        return invalid(value, path + " in body should be greater than or equal to " + minimum);
    }

    /** kube-openapi's {@code maximum}. */
    public static String aboveMaximum(Object value, String path, Object maximum) {
        return invalid(value, path + " in body should be less than or equal to " + maximum);
    }

    /** kube-openapi's {@code minimum} on a value already printed as Go prints it (a float64: {@link #goFloat}), the bound likewise. */
    public static String belowMinimumShown(String shownValue, String path, String shownMinimum) {
        return "Invalid value: " + shownValue + ": " + path + " in body should be greater than or equal to " + shownMinimum;
    }

    /** kube-openapi's {@code maximum} on a value already printed as Go prints it (a float64: {@link #goFloat}), the bound likewise. */
    public static String aboveMaximumShown(String shownValue, String path, String shownMaximum) {
        return "Invalid value: " + shownValue + ": " + path + " in body should be less than or equal to " + shownMaximum;
    }

    /**
     * kube-openapi's check that an integer fits its schema's format ({@code validate.IsValueValidAgainstRange},
     * since Kubernetes 1.36), a plain error that apiextensions' {@code kubeOpenAPIResultToFieldErrors}
     * reports at no field ({@code <nil>}) with an empty value.
     *
     * @param format {@code int32}, or {@code null} for a schema without one (checked as an int64)
     * @return {@code Invalid value: "": Checked value must be of type integer with format int32 in <path>}
     *     ({@code ... of type integer (default format) in <path>} without a format)
     */
    public static String notOfFormat(String path, String format) {
        return invalid("", "Checked value must be of type integer"
                + (format == null ? " (default format)" : " with format " + format) + " in " + path);
    }

    /** kube-openapi's {@code minItems} or {@code minProperties} ({@code things}: items, properties). */
    public static String fewerThan(Object value, String path, int minimum, String things) {
        return invalid(value, path + " in body should have at least " + minimum + " " + things);
    }

    /** kube-openapi's {@code pattern}. */
    public static String notMatching(Object value, String path, String pattern) {
        return invalid(value, path + " in body should match '" + pattern + "'");
    }

    /**
     * A value of the wrong JSON type: kube-openapi's {@code InvalidType}, which apiextensions'
     * {@code kubeOpenAPIResultToFieldErrors} turns into {@code field.TypeInvalid} with the found type
     * as the value.
     *
     * @param path the field path, as in the message's prefix
     * @param expected the schema's type: {@code integer}, {@code number}, {@code string},
     *     {@code boolean}, {@code object} or {@code array}
     * @param found the type of the value sent, named likewise ({@code null} for a JSON null)
     * @return {@code Invalid value: "<found>": <path> in body must be of type <expected>: "<found>"}
     */
    public static String typeInvalid(String path, String expected, String found) {
        return invalid(found, path + " in body must be of type " + expected + ": " + goValue(found));
    }

    /**
     * A CRD's CEL rule that failed to evaluate (apiextensions' {@code validation.go}, an error other
     * than a missing overload or the cost limit): the schema type of the field as the value, then
     * cel-go's error and the rule's message.
     *
     * @param schemaType the field's schema type ({@code string})
     * @param error cel-go's error ({@code type conversion error from 'string' to 'google.protobuf.Duration'})
     * @param rule the rule's message, or the rule itself when it has none
     * @return {@code Invalid value: "<type>": <error> evaluating rule: <rule>}
     */
    public static String ruleNotEvaluated(String schemaType, String error, String rule) {
        return invalid(schemaType, error + " evaluating rule: " + rule);
    }

    /**
     * A float64 as Go's {@code %v} prints it ({@code strconv.FormatFloat(f, 'g', -1, 64)}): the
     * shortest digits that read back as {@code d}, with an exponent ({@code e+09}, at least two
     * digits) when it is under -4 or at least 6: {@code 4.294967295e+09}, {@code 1e+06},
     * {@code 65535}, {@code 0}. The digits are Java's {@link Double#toString}, the shortest on
     * Java 19+ and for all but rare values on Java 17.
     */
    public static String goFloat(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        java.math.BigDecimal v = new java.math.BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = v.unscaledValue().toString();
        int exponent = v.precision() - v.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return sign + v.toPlainString();
    }

    /** A value as Go's {@code %q} / {@code %v} / {@code %#v} prints it in Kubernetes' messages. */
    public static String goValue(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return Shown.quoted(s);
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, String> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), String.valueOf(val)));
            StringBuilder sb = new StringBuilder("map[string]string{");
            boolean first = true;
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                sb.append(first ? "" : ", ").append(goValue(e.getKey())).append(':').append(goValue(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }
}
