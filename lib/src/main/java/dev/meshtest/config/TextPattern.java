package dev.meshtest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The OpenAPI {@code pattern} a component's YAML text must match, for a component whose record
 * holds the parsed value rather than the text (a Gateway API duration is a
 * {@link java.time.Duration}, but the API server checks what was written: {@code 1.5s} is refused
 * where {@code 1s500ms} passes). The reader refuses text that does not match, in the API server's
 * words: {@code Invalid value: "1.5s": spec.rules[0].timeouts.request in body should match '...'}.
 *
 * <pre>{@code
 * public record HttpRouteTimeouts(@TextPattern(HttpRouteTimeouts.DURATION_PATTERN) Duration request, ...) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@API(status = INTERNAL, since = "0.7")
public @interface TextPattern {

    /** {@return the regular expression, as the CRD's schema writes it} */
    String value();
}
