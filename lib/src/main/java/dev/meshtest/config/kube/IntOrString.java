package dev.meshtest.config.kube;

import java.util.Objects;

/**
 * Kubernetes' int-or-string, as in a Service port's {@code targetPort: 8080} or
 * {@code targetPort: http-web} (a container port's name).
 *
 * <pre>{@code
 * IntOrString.of(9080).isInt();      // true
 * IntOrString.of("http").string();   // "http"
 * }</pre>
 */
public record IntOrString(Integer intValue, String string) {

    public IntOrString {
        if ((intValue == null) == (string == null)) {
            throw new IllegalArgumentException("an IntOrString holds exactly one of an int or a string");
        }
    }

    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    public static IntOrString of(String value) {
        return new IntOrString(null, Objects.requireNonNull(value, "value"));
    }

    public boolean isInt() {
        return intValue != null;
    }

    @Override
    public String toString() {
        return isInt() ? intValue.toString() : string;
    }
}
