package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.List;

/**
 * Istio's {@code service.PortNameAnalyzer} ({@code service/portname.go}): a Service port whose
 * name, protocol and {@code appProtocol} give Istio no protocol, so the sidecar sniffs it
 * (IST0118, Info). Istio's own Services (label {@code istio}, or {@code release: istio}) are skipped.
 */
final class PortNameAnalyzer {

    private PortNameAnalyzer() {
    }

    static void analyze(Context c) {
        for (StoredConfig<Service> stored : c.state.configs(Service.class)) {
            Service s = stored.resource();
            var labels = s.metadata().labels();
            if (s.spec() == null || labels.containsKey("istio") || "istio".equals(labels.get("release"))
                    || "ExternalName".equals(s.spec().type())) {
                continue;
            }
            List<ServicePort> ports = s.spec().ports();
            for (int i = 0; i < ports.size(); i++) {
                ServicePort p = ports.get(i);
                if (Protocol.of(p.port(), p.name(), p.protocol(), p.appProtocol()) == Protocol.AUTO) {
                    String target = p.targetPort() == null ? Integer.toString(p.port()) : p.targetPort().toString();
                    c.report(Code.PORT_NAME_IS_NOT_UNDER_NAMING_CONVENTION, stored, "spec.ports[" + i + "]",
                            p.name() == null ? "" : p.name(), p.port(), target);
                }
            }
        }
    }
}
