package dev.meshtest.config;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.internal.text.Shown;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Bad input: a manifest meshtest cannot read, or configuration Istio or Kubernetes would reject.
 * The message names the source and line, the object and the field path, then the reason, using
 * Kubernetes' or Istio's own wording where they reject the same thing:
 *
 * <pre>
 * vs.yaml:14:17: VirtualService default/helloworld-vs: spec.http[0].route[1].weight: weight -5 &lt; 0
 * </pre>
 *
 * <p>When one call finds several problems they are all listed, one per line, and
 * {@link #problems()} holds each.
 *
 * <pre>{@code
 * try {
 *     mesh.apply("classpath:broken.yaml");
 * } catch (MeshConfigException e) {
 *     e.problems().get(0).fieldPath();  // "spec.http[0].route[1].weight"
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class MeshConfigException extends RuntimeException {

    /** Every problem found, in source order; never empty. */
    private final List<Problem> problems;

    /**
     * One problem with one field of one object.
     *
     * @param location {@code source:line:column}, or {@code null} when unknown
     * @param resource the object, or {@code null} when the problem is not inside one (a YAML syntax error)
     * @param fieldPath the field path, or {@code null}/empty for the object as a whole
     * @param reason what is wrong, in Kubernetes' or Istio's words where they have them
     */
    public record Problem(String location, ResourceRef resource, String fieldPath, String reason) {

        /**
         * Creates a problem; only the reason is required.
         *
         * @param location {@code source:line:column}, or {@code null} when unknown
         * @param resource the object, or {@code null} when the problem is not inside one (a YAML syntax error)
         * @param fieldPath the field path, or {@code null}/empty for the object as a whole
         * @param reason what is wrong, in Kubernetes' or Istio's words where they have them
         * @throws NullPointerException if {@code reason} is {@code null}
         */
        public Problem {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * Locates a problem with an object's field, using the object's origin.
         *
         * @param manifest the object and where it was read from
         * @param fieldPath the field path, such as {@code spec.http[0].route[1].weight}, or
         *     {@code null} for the object as a whole
         * @param reason what is wrong
         * @return the problem, at the field's line when the manifest was read from YAML
         */
        public static Problem at(Manifest manifest, String fieldPath, String reason) {
            return new Problem(manifest.origin().locate(fieldPath == null ? "" : fieldPath),
                    manifest.resource().ref(), fieldPath, reason);
        }

        /** {@return the problem as one line of the message: location, object, field path, reason} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (location != null) {
                sb.append(location).append(": ");
            }
            if (resource != null) {
                sb.append(resource).append(": ");
            }
            if (fieldPath != null && !fieldPath.isEmpty()) {
                sb.append(Shown.value(fieldPath)).append(": ");   // a key of a million characters: its start
            }
            return sb.append(reason).toString();
        }
    }

    /**
     * Reports several problems, one per line of the message.
     *
     * @param problems the problems, in source order
     * @throws IllegalArgumentException if there are none
     */
    public MeshConfigException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a MeshConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * Reports one problem; the message is the problem.
     *
     * @param problem the problem
     */
    public MeshConfigException(Problem problem) {
        this(List.of(problem));
    }

    /** {@return every problem found, in source order} */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder sb = new StringBuilder(problems.size() + " problems:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
