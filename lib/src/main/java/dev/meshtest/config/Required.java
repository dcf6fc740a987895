package dev.meshtest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a record component the schema requires, for example a Service port's {@code port}.
 * A manifest that leaves it out is rejected with {@code Required value} naming the field path.
 *
 * <pre>{@code
 * public record ServicePort(String name, @Required Integer port, ...) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@API(status = INTERNAL, since = "0.1")
public @interface Required {
}
