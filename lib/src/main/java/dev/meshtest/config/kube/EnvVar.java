package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.Required;
import org.apiguardian.api.API;

/**
 * An environment variable of a container. meshtest reads the ones Istio's sample apps read to
 * choose their behaviour (Bookinfo's {@code ENABLE_RATINGS}, {@code STAR_COLOR}, ...); others are
 * kept and ignored.
 *
 * <pre>{@code
 * env:
 * - {name: STAR_COLOR, value: red}
 * }</pre>
 *
 * @param name the variable's name
 * @param value its value, or {@code null} when it comes from {@code valueFrom} (which meshtest does not resolve)
 */
@AcceptedFields({"valueFrom"})
@API(status = EXPERIMENTAL, since = "0.7")
public record EnvVar(@Required String name, String value) {
}
