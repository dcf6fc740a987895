package dev.meshtest.internal.validate;

import dev.meshtest.config.istio.PeerAuthentication;
import dev.meshtest.config.istio.PeerAuthenticationSpec;
import java.util.TreeSet;

/**
 * Istio's {@code ValidatePeerAuthentication} ({@code pkg/config/validation/validation.go}) with its
 * messages, after the PeerAuthentication CRD's own rules (port range, {@code portLevelMtls requires
 * selector}), which the API server checks first.
 *
 * <pre>{@code
 * new PeerAuthenticationValidator(findings).validate(peerAuthentication);
 * }</pre>
 */
final class PeerAuthenticationValidator {

    private final Findings f;

    PeerAuthenticationValidator(Findings findings) {
        this.f = findings;
    }

    void validate(PeerAuthentication pa) {
        PeerAuthenticationSpec spec = pa.spec() == null ? new PeerAuthenticationSpec(null, null, null) : pa.spec();
        boolean emptySelector = spec.selector() == null || spec.selector().matchLabels().isEmpty();
        // The CRD's CEL rules (its minProperties is IstioSchema's), in the API server's words.
        for (String port : spec.portLevelMtls().keySet()) {
            if (port(port) <= 0 || port(port) > 65535) {
                Values.cel(f, "spec.portLevelMtls", "object", "port must be between 1-65535");
                break;
            }
        }
        if (f.has("spec.portLevelMtls", spec.portLevelMtls()) && emptySelector) {
            Values.cel(f, "spec", "object", "portLevelMtls requires selector");
        }
        // The webhook's.
        if (emptySelector && !spec.portLevelMtls().isEmpty()) {
            f.error("spec.portLevelMtls", "mesh/namespace peer authentication cannot have port level mTLS");
        }
        for (String port : new TreeSet<>(spec.portLevelMtls().keySet())) {
            if (port(port) <= 0 || port(port) > 65535) {
                f.error(Findings.key("spec.portLevelMtls", port), "port must be in range 1..65535");
            }
        }
        Values.typeWorkloadSelector(f, spec.selector(), "spec.selector");
    }

    /** A {@code portLevelMtls} key as a number; -1 when it is not one (the CRD's {@code int(key)} fails). */
    static int port(String key) {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
