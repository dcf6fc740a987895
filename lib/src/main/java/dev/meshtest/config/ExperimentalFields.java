package dev.meshtest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Names YAML fields that only the Gateway API's experimental channel defines, such as an HTTPRoute
 * rule's {@code retry}. meshtest reads the standard channel, as a cluster with the standard CRDs
 * does: these fields stay unknown, and the reader says why rather than only "unknown field".
 *
 * <pre>{@code
 * @ExperimentalFields({"retry", "sessionPersistence"})
 * public record HttpRouteRule(String name, List<HttpRouteMatch> matches, ...) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@API(status = INTERNAL, since = "0.7")
public @interface ExperimentalFields {
    /** {@return the YAML field names of the experimental channel} */
    String[] value();
}
