package dev.meshtest.internal.analysis;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.Resource;
import dev.meshtest.config.istio.IstioKinds;
import dev.meshtest.internal.cluster.StoredConfig;
import dev.meshtest.internal.validate.Admission;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Istio's {@code schema.ValidationAnalyzer} ({@code schema/validation.go}) for what the webhook
 * accepts with a warning, for each Istio kind meshtest simulates: its {@code morePreciseMessage}
 * turns the VirtualService warnings about rules that can never match into IST0130 and IST0131, and
 * any other into IST0133. (Errors cannot be found here: {@code apply} refused them.)
 */
final class ValidationAnalyzer {

    private static final Pattern INEFFECTIVE = Pattern.compile(
            "^virtualService rule (.+) match (.+) is not used \\(duplicate/overlapping match in rule (.+)\\)$");
    private static final Pattern UNUSED = Pattern.compile("^virtualService rule (.+) not used \\((.*)\\)$");

    private ValidationAnalyzer() {
    }

    static void analyze(Context c) {
        for (Class<? extends Resource> kind : IstioKinds.SIMULATED.values()) {
            for (StoredConfig<? extends Resource> stored : c.state.configs(kind)) {
                warnings(c, stored);
            }
        }
    }

    private static void warnings(Context c, StoredConfig<? extends Resource> stored) {
        for (Problem w : Admission.warnings(new Manifest(stored.resource(), stored.origin()))) {
            Matcher m = INEFFECTIVE.matcher(w.reason());
            if (m.matches()) {
                c.report(Code.VIRTUAL_SERVICE_INEFFECTIVE_MATCH, stored, null, m.group(1), m.group(2), m.group(3));
                continue;
            }
            m = UNUSED.matcher(w.reason());
            if (m.matches()) {
                c.report(Code.VIRTUAL_SERVICE_UNREACHABLE_RULE, stored, null, m.group(1), m.group(2));
                continue;
            }
            c.report(Code.SCHEMA_WARNING, stored, null, w.reason());
        }
    }
}
