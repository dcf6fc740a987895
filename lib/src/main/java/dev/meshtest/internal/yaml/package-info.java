/**
 * Reads manifests, the YAML users {@code kubectl apply}, into the records of
 * {@link dev.meshtest.config}: {@link dev.meshtest.internal.yaml.ManifestReader} is the entry point,
 * {@link dev.meshtest.internal.yaml.Kinds} says which kinds exist and what becomes of each.
 *
 * <pre>{@code
 * List<Manifest> docs = ManifestReader.readClasspath("classpath:helloworld.yaml");
 * }</pre>
 *
 * <h2>How reading works</h2>
 * SnakeYAML only composes each document into a node tree (it never constructs Java objects); a
 * reflection binder walks the tree into records, where a record component's name is the YAML key.
 * Per-record metadata (components, shapes, canonical constructor) is computed once per class.
 *
 * <h2>Choices worth knowing</h2>
 * <ul>
 *   <li>Scalars resolve as Kubernetes resolves them (go-yaml v2, YAML 1.1): {@code yes}, {@code on},
 *       {@code y} are booleans, so as label values they are errors that say to quote them; base-60
 *       numbers such as {@code 12:30} and dates are strings.
 *   <li>Field paths join map keys with {@code .} even when a key holds dots or slashes:
 *       {@code metadata.labels.app.kubernetes.io/name}. Paths are for people and for exact
 *       {@link dev.meshtest.config.Origin} lookups, never parsed back.
 *   <li>Positions are of the key for fields and map entries, of the value for list items.
 *   <li>A field given as {@code null} ({@code key: ~} or {@code key:}) is absent; a {@code null}
 *       list item or map value is an error unless the type is free-form {@code Object}.
 *   <li>A float with no fraction ({@code 80.0}) is accepted for an integer, as Kubernetes does.
 *   <li>YAML merge keys ({@code <<: *base}) work as in Kubernetes; keys written in the map win.
 *   <li>An unknown field reads {@code spec.prots: unknown field (did you mean "ports"?)}: Kubernetes'
 *       {@code unknown field "spec.prots"} with the path where every other message has it.
 *   <li>An object whose name is unknown (broken metadata) is reported without a resource name;
 *       the location still points at it.
 * </ul>
 */
package dev.meshtest.internal.yaml;
