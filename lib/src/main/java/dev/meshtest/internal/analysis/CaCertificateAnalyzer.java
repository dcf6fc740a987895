package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.ClientTlsSettings;
import dev.meshtest.config.istio.ClientTlsSettingsTlsMode;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.PortTrafficPolicy;
import dev.meshtest.internal.cluster.StoredConfig;

/**
 * Istio's {@code destinationrule.CaCertificateAnalyzer} ({@code destinationrule/ca-certificates.go}):
 * TLS mode SIMPLE or MUTUAL without {@code caCertificates} (and not a credential of a
 * workload-selected rule), so the server's identity is not checked: IST0128 for the rule's policy,
 * IST0129 per port. The port prints as Go prints the proto, {@code number:443}.
 */
final class CaCertificateAnalyzer {

    private CaCertificateAnalyzer() {
    }

    static void analyze(Context c) {
        for (StoredConfig<DestinationRule> stored : c.state.configs(DestinationRule.class)) {
            DestinationRule dr = stored.resource();
            if (dr.spec() == null || dr.spec().trafficPolicy() == null) {
                continue;
            }
            boolean selected = dr.spec().workloadSelector() != null;
            String name = dr.namespace() + "/" + dr.name();
            ClientTlsSettings tls = dr.spec().trafficPolicy().tls();
            if (unverified(tls, selected)) {
                c.report(Code.NO_SERVER_CERTIFICATE_VERIFICATION_DESTINATION_LEVEL, stored, null, name, dr.namespace(),
                        tls.mode().name(), dr.spec().host());
            }
            var ports = dr.spec().trafficPolicy().portLevelSettings();
            for (int i = 0; ports != null && i < ports.size(); i++) {
                PortTrafficPolicy p = ports.get(i);
                if (unverified(p.tls(), selected)) {
                    String port = p.port() == null || p.port().number() == null ? "" : "number:" + p.port().number();
                    c.report(Code.NO_SERVER_CERTIFICATE_VERIFICATION_PORT_LEVEL, stored, null, name, dr.namespace(),
                            p.tls().mode().name(), dr.spec().host(), port);
                }
            }
        }
    }

    private static boolean unverified(ClientTlsSettings tls, boolean workloadSelected) {
        if (tls == null || (tls.mode() != ClientTlsSettingsTlsMode.SIMPLE && tls.mode() != ClientTlsSettingsTlsMode.MUTUAL)) {
            return false;
        }
        boolean ca = tls.caCertificates() != null && !tls.caCertificates().isEmpty();
        boolean credential = tls.credentialName() != null && !tls.credentialName().isEmpty();
        return !ca && !(credential && workloadSelected);
    }
}
