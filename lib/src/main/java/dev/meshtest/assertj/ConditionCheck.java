package dev.meshtest.assertj;

import dev.meshtest.status.Condition;
import java.util.List;
import java.util.Optional;

/** Whether a status holds a condition, and how to say it does not: for the status assertions. */
final class ConditionCheck {

    private ConditionCheck() {
    }

    /**
     * Why {@code conditions} lack {@code type} with {@code status} (and {@code reason}, unless null),
     * or null when they have it.
     */
    static String mismatch(List<Condition> conditions, String type, Condition.Status status, String reason) {
        Optional<Condition> c = conditions.stream().filter(x -> x.type().equals(type)).findFirst();
        if (c.isEmpty()) {
            return "it has no " + type + " condition";
        }
        if (c.get().status() != status || (reason != null && !c.get().reason().equals(reason))) {
            return "it is " + c.get();
        }
        return null;
    }

    /** {@code Accepted=True (reason)}, or without the reason when any will do. */
    static String wanted(String type, Condition.Status status, String reason) {
        return type + "=" + status + (reason == null ? "" : " (" + reason + ")");
    }

    /** The conditions, one per line, indented. */
    static String lines(List<Condition> conditions) {
        StringBuilder sb = new StringBuilder();
        for (Condition c : conditions) {
            sb.append("\n    ").append(c);
        }
        return conditions.isEmpty() ? "\n    (no conditions)" : sb.toString();
    }
}
