/**
 * Immutable records of what users write: Kubernetes objects ({@link dev.meshtest.config.kube}) and
 * Istio networking resources ({@link dev.meshtest.config.istio}).
 *
 * <p>The records mirror the YAML field for field: a record component's name is the YAML key, so
 * {@code spec.http[0].route[1].weight} in a manifest is {@code spec().http().get(0).route().get(1).weight()}
 * in Java. Conventions every record follows:
 *
 * <ul>
 *   <li>Lists and maps are never {@code null}; an absent list is empty.
 *   <li>Optional scalars and objects are {@code null} when absent, so "unset" and "zero" stay
 *       apart (Istio gives them different meanings, for example a fault's {@code percentage}).
 *   <li>{@link dev.meshtest.config.Required} marks what the schema requires;
 *       {@link dev.meshtest.config.AcceptedFields} names fields real manifests carry that routing
 *       ignores; they are accepted and dropped. Any other unknown field is an error.
 * </ul>
 *
 * <p>This package knows nothing of YAML, clusters or simulation: {@code config.yaml} reads
 * manifests into these records and everything else reads the records.
 */
package dev.meshtest.config;
