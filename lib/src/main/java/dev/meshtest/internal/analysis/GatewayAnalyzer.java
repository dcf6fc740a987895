package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Istio's {@code virtualservice.GatewayAnalyzer} ({@code virtualservice/gateways.go}): a gateway
 * a VirtualService names that does not exist (IST0101 {@code gateway}), and a VirtualService none of
 * whose hosts a server of that gateway serves (IST0132; also reported for a gateway that does not
 * exist, as Istio does).
 */
final class GatewayAnalyzer {

    private GatewayAnalyzer() {
    }

    static void analyze(Context c) {
        List<StoredConfig<Gateway>> gateways = c.state.configs(Gateway.class);
        for (StoredConfig<VirtualService> stored : c.state.configs(VirtualService.class)) {
            VirtualService vs = stored.resource();
            if (vs.spec() == null) {
                continue;
            }
            List<String> names = vs.spec().gateways();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (name.equals("mesh")) {
                    continue;
                }
                int slash = name.indexOf('/');
                String gwNs = slash < 0 ? vs.namespace() : name.substring(0, slash);
                String gwName = slash < 0 ? name : name.substring(slash + 1);
                Optional<StoredConfig<Gateway>> gw = gateways.stream()
                        .filter(g -> g.resource().namespace().equals(gwNs) && g.resource().name().equals(gwName)).findFirst();
                String path = "spec.gateways[" + i + "]";
                if (gw.isEmpty()) {
                    c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored, path, "gateway", name);
                }
                if (!hostInGateway(gw, vs)) {
                    c.report(Code.VIRTUAL_SERVICE_HOST_NOT_FOUND_IN_GATEWAY, stored, path, vs.spec().hosts(),
                            vs.namespace() + "/" + vs.name(), gwNs + "/" + gwName);
                }
            }
        }
    }

    /** {@code vsHostInGateway}: a server host, {@code ns/} prefixes resolved for the VirtualService's namespace, matches a host. */
    private static boolean hostInGateway(Optional<StoredConfig<Gateway>> gw, VirtualService vs) {
        if (gw.isEmpty() || gw.get().resource().spec() == null) {
            return false;
        }
        List<String> hosts = new ArrayList<>();
        String gwNs = gw.get().resource().namespace();
        for (Server s : gw.get().resource().spec().servers()) {
            for (String h : s.hosts()) {
                int slash = h.indexOf('/');
                if (slash < 0) {
                    hosts.add(h);
                    continue;
                }
                String ns = h.substring(0, slash);
                ns = ns.equals(".") ? gwNs : ns;
                if (ns.equals("*") || ns.equals(vs.namespace())) {
                    hosts.add(h.substring(slash + 1));
                }
            }
        }
        for (String gh : hosts) {
            for (String vh : vs.spec().hosts()) {
                if (Hostnames.matches(gh, vh)) {
                    return true;
                }
            }
        }
        return false;
    }
}
