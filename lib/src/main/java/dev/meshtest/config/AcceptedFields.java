package dev.meshtest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Names YAML fields that real manifests carry but that meshtest does not model, such as a
 * container's {@code resources} or a Deployment's {@code strategy}. The reader accepts them, with
 * any content, and drops them; any other field the record does not declare is an unknown field.
 *
 * <pre>{@code
 * @AcceptedFields({"env", "resources", "volumeMounts"})
 * public record Container(@Required String name, String image, List<ContainerPort> ports) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@API(status = INTERNAL, since = "0.1")
public @interface AcceptedFields {
    /** {@return the YAML field names accepted and ignored} */
    String[] value();
}
