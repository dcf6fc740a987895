package dev.meshtest.internal.analysis;

import dev.meshtest.internal.cluster.LabelSelector;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Istio's {@code gateway.IngressGatewayPortAnalyzer} ({@code gateway/gateway.go}): a Gateway whose
 * selector matches no pod (IST0101 {@code selector}), and a server port that no TCP port or
 * target port of the Services selecting those pods offers (IST0162). The selector prints as
 * Kubernetes prints label selectors: {@code app=istio-ingressgateway,istio=ingressgateway}.
 */
final class IngressGatewayPortAnalyzer {

    private IngressGatewayPortAnalyzer() {
    }

    static void analyze(Context c) {
        for (StoredConfig<Gateway> stored : c.state.configs(Gateway.class)) {
            Gateway gw = stored.resource();
            if (gw.spec() == null) {
                continue;
            }
            Map<String, String> selector = gw.spec().selector() == null ? Map.of() : gw.spec().selector();
            String selectorText = String.join(",", new TreeMap<>(selector).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            Set<Integer> servicePorts = new HashSet<>();
            Set<Integer> mapped = new HashSet<>();
            int matches = 0;
            for (ClusterPod pod : c.state.pods()) {
                if (!LabelSelector.matches(selector, pod.labels())) {
                    continue;
                }
                matches++;
                for (StoredConfig<Service> s : c.state.configs(Service.class)) {
                    Service svc = s.resource();
                    if (!svc.namespace().equals(pod.namespace()) || svc.spec() == null || svc.spec().selector() == null
                            || svc.spec().selector().isEmpty()
                            || !LabelSelector.matches(svc.spec().selector(), pod.labels())) {
                        continue;
                    }
                    for (ServicePort p : svc.spec().ports()) {
                        if (p.protocol() != null && !p.protocol().equals("TCP")) {
                            continue;   // the API server defaults the protocol to TCP
                        }
                        Integer target = p.targetPort() == null ? p.port() : p.targetPort().isInt() ? p.targetPort().intValue() : null;
                        if (target != null && target != 0) {
                            servicePorts.add(target);
                            mapped.add(p.port());
                        } else {
                            servicePorts.add(p.port());
                        }
                    }
                }
            }
            if (matches == 0) {
                c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored, "spec.selector", "selector", selectorText);
                continue;
            }
            for (Server server : gw.spec().servers()) {
                if (server.port() != null && server.port().number() != null
                        && !servicePorts.contains(server.port().number()) && !mapped.contains(server.port().number())) {
                    c.report(Code.GATEWAY_PORT_NOT_DEFINED_ON_SERVICE, stored, "spec.selector", server.port().number(), selectorText);
                }
            }
        }
    }
}
