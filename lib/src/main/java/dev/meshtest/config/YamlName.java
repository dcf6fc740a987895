package dev.meshtest.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Gives a record component the YAML key it binds to when the key cannot be a Java name, such as
 * the Gateway API's {@code default} (a Java keyword) in a Gateway's {@code spec.tls.frontend}.
 * Messages and field paths use the YAML key.
 *
 * <pre>{@code
 * public record FrontendTlsConfig(@YamlName("default") @Required TlsConfig defaultConfig, ...) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@API(status = INTERNAL, since = "0.7")
public @interface YamlName {

    /** {@return the YAML key} */
    String value();
}
