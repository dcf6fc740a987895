package dev.meshtest.status;

import java.util.List;
import java.util.Optional;

/** Looking a condition up by type, for the status records. */
final class Conditions {

    private Conditions() {
    }

    static Optional<Condition> of(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
