package dev.meshtest.analysis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One message of {@code istioctl analyze}: its level, code ({@code IST0101}), name
 * ({@code ReferencedResourceNotFound}), the resource it is about, where in its file, and the text in
 * Istio's words.
 *
 * <pre>{@code
 * AnalysisMessage m = mesh.analyze().messages().get(0);
 * m.code();        // "IST0101"
 * m.origin();      // "VirtualService default/reviews"
 * m.reference();   // Optional[reviews.yaml:12]
 * m.toString();    // Error [IST0101] (VirtualService default/reviews reviews.yaml:12) Referenced host not found: "ratings2"
 * }</pre>
 *
 * @param level how serious it is
 * @param code Istio's code, {@code IST0101}
 * @param name Istio's name for the code, {@code ReferencedResourceNotFound}
 * @param origin the resource, as istioctl names it: {@code VirtualService default/reviews}, {@code Namespace kube-public}
 * @param reference {@code file:line} of the resource or field, when it was read from a file or a string
 * @param message the text, in Istio's words
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AnalysisMessage(Level level, String code, String name, String origin, Optional<String> reference,
                              String message) {

    /**
     * @param level how serious it is
     * @param code Istio's code
     * @param name Istio's name for the code
     * @param origin the resource, as istioctl names it
     * @param reference {@code file:line}, or empty
     * @param message the text
     */
    public AnalysisMessage {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(message, "message");
    }

    /** {@return the page of Istio's documentation on this code} */
    public String documentationUrl() {
        return "https://istio.io/latest/docs/reference/config/analysis/" + code.toLowerCase(Locale.ROOT) + "/";
    }

    /** {@return the line istioctl prints: {@code Error [IST0101] (VirtualService default/reviews vs.yaml:12) Referenced host not found: "ratings2"}} */
    @Override
    public String toString() {
        return level.printed() + " [" + code + "] (" + origin + reference.map(r -> " " + r).orElse("") + ") " + message;
    }
}
