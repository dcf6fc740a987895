package dev.meshtest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one {@code apply} or {@code delete} did, as {@code kubectl} prints it: a line per object
 * ({@code virtualservice.networking.istio.io/helloworld created}) and the warnings the API server
 * and Istio's webhook returned ({@code Warning: virtualService rule #1 not used (only the last rule
 * can have no matches)}). The {@link dev.meshtest.junit.MeshTest @MeshTest} extension publishes it as
 * a report entry of the test.
 *
 * <pre>{@code
 * Applied a = mesh.apply("classpath:routing/canary.yaml").lastApply();
 * a.changes().get(0).verb();    // CREATED
 * a.warnings();                 // [Warning: virtualService rule #1 not used (only the last rule can have no matches)]
 * System.out.println(a);        // kubectl's output
 * }</pre>
 *
 * @param changes every object's outcome, in the order given
 * @param warnings the warnings, in the order of the objects
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Applied(List<Change> changes, List<Warning> warnings) {

    /**
     * @param changes every object's outcome
     * @param warnings the warnings
     */
    public Applied {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** What happened to one object, in kubectl's words. */
    public enum Verb {
        /** It did not exist and was created. */
        CREATED,
        /** It existed and was replaced by a different version. */
        CONFIGURED,
        /** It existed, identical: nothing changed. */
        UNCHANGED,
        /** It was deleted. */
        DELETED,
        /** meshtest reads but does not store this kind (a ConfigMap, a ServiceAccount, ...). */
        IGNORED
    }

    /**
     * One object's outcome.
     *
     * @param ref the object
     * @param resource kubectl's name for it: {@code <kind>[.<group>]/<name>}, {@code deployment.apps/helloworld-v1}
     * @param verb what happened
     * @param reason why an object was ignored; empty otherwise
     */
    public record Change(ResourceRef ref, String resource, Verb verb, Optional<String> reason) {

        /**
         * @param ref the object
         * @param resource kubectl's name for it
         * @param verb what happened
         * @param reason why it was ignored, or empty
         */
        public Change {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(reason, "reason");
        }

        /** @return the line kubectl prints: {@code service/helloworld created} */
        @Override
        public String toString() {
            String line = resource + " " + verb.name().toLowerCase(java.util.Locale.ROOT);
            return reason.map(r -> line + " (" + r + ")").orElse(line);
        }
    }

    /**
     * A warning that did not stop the object from being applied.
     *
     * @param ref the object it is about
     * @param location {@code source:line:column} of the field, or empty when unknown
     * @param fieldPath the field, {@code spec.http[1]}, or empty for the object as a whole
     * @param message the text, in Istio's or Kubernetes' words
     */
    public record Warning(ResourceRef ref, Optional<String> location, Optional<String> fieldPath, String message) {

        /**
         * @param ref the object
         * @param location where, or empty
         * @param fieldPath the field, or empty
         * @param message the text
         */
        public Warning {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(fieldPath, "fieldPath");
            Objects.requireNonNull(message, "message");
        }

        /** @return the line kubectl prints: {@code Warning: <message>} */
        @Override
        public String toString() {
            return "Warning: " + message;
        }
    }

    /**
     * The change of one object, if it was part of this call.
     *
     * @param ref the object
     * @return its change
     */
    public Optional<Change> change(ResourceRef ref) {
        return changes.stream().filter(c -> c.ref().equals(ref)).findFirst();
    }

    /** @return kubectl's output: the warnings (kubectl prints them first), then a line per object */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        warnings.forEach(w -> lines.add(w.toString()));
        changes.forEach(c -> lines.add(c.toString()));
        return String.join("\n", lines);
    }
}
