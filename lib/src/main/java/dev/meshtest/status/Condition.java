package dev.meshtest.status;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One status condition, as Kubernetes' {@code metav1.Condition} (without its times and
 * generation): {@code Accepted}, {@code Programmed}, {@code ResolvedRefs}, {@code Conflicted}.
 *
 * <pre>{@code
 * Condition accepted = mesh.gatewayApiStatus().httpRoute("hello").parents().get(0)
 *         .condition("Accepted").orElseThrow();
 * accepted.isTrue();    // false
 * accepted.reason();    // "NotAllowedByListeners"
 * }</pre>
 *
 * @param type the condition's type, such as {@code Accepted}
 * @param status whether it holds
 * @param reason a CamelCase reason, such as {@code NotAllowedByListeners}
 * @param message the message for people, in istiod's words
 */
@API(status = EXPERIMENTAL, since = "0.7")
public record Condition(String type, Status status, String reason, String message) {

    /**
     * Checks the fields.
     *
     * @param type the condition's type
     * @param status whether it holds
     * @param reason a CamelCase reason
     * @param message the message; {@code null} is read as {@code ""}
     */
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    /** A condition's {@code status}: {@code "True"}, {@code "False"} or {@code "Unknown"}. */
    @API(status = EXPERIMENTAL, since = "0.7")
    public enum Status {
        /** The condition holds. */
        TRUE("True"),
        /** The condition does not hold. */
        FALSE("False"),
        /** The controller could not tell. */
        UNKNOWN("Unknown");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /**
         * The status as Kubernetes writes it.
         *
         * @param text {@code "True"}, {@code "False"} or {@code "Unknown"}
         * @return the status
         * @throws IllegalArgumentException for any other text
         */
        public static Status of(String text) {
            for (Status s : values()) {
                if (s.text.equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("not a condition status: " + text);
        }

        /** {@return {@code True}, {@code False} or {@code Unknown}, as Kubernetes writes it} */
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@return whether the status is {@code True}} */
    public boolean isTrue() {
        return status == Status.TRUE;
    }

    /** {@return {@code Accepted=False (NotAllowedByListeners): message}} */
    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + ")" + (message.isEmpty() ? "" : ": " + message);
    }
}
