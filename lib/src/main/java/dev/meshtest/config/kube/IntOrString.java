package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Kubernetes' int-or-string, as in a Service port's {@code targetPort: 8080} or
 * {@code targetPort: http-web} (a container port's name).
 *
 * <pre>{@code
 * IntOrString.of(9080).isInt();      // true
 * IntOrString.of("http").string();   // "http"
 * }</pre>
 *
 * @param intValue the number, or {@code null} when this holds a string
 * @param string the string, or {@code null} when this holds a number
 */
@API(status = STABLE, since = "0.1")
public record IntOrString(Integer intValue, String string) {

    /**
     * Creates a value holding one of the two.
     *
     * @param intValue the number, or {@code null} when this holds a string
     * @param string the string, or {@code null} when this holds a number
     * @throws IllegalArgumentException unless exactly one of {@code intValue} and {@code string} is set
     */
    public IntOrString {
        if ((intValue == null) == (string == null)) {
            throw new IllegalArgumentException("an IntOrString holds exactly one of an int or a string");
        }
    }

    /**
     * A number, such as {@code targetPort: 8080}.
     *
     * @param value the number
     * @return the value
     */
    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    /**
     * A string, such as {@code targetPort: http-web}.
     *
     * @param value the string
     * @return the value
     */
    public static IntOrString of(String value) {
        return new IntOrString(null, Objects.requireNonNull(value, "value"));
    }

    /** {@return whether this holds a number rather than a string} */
    public boolean isInt() {
        return intValue != null;
    }

    /** {@return the number or the string, as written in YAML} */
    @Override
    public String toString() {
        return isInt() ? intValue.toString() : string;
    }
}
