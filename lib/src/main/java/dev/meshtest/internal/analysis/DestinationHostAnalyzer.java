package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.cluster.StoredConfig;

/**
 * Istio's {@code virtualservice.DestinationHostAnalyzer} ({@code destinationhosts.go}): a
 * destination or mirror host no service or ServiceEntry answers to (IST0101 {@code host},
 * {@code mirror host}); a port the service does not have (IST0101 {@code host:port}); no port for
 * a service with several (IST0112).
 */
final class DestinationHostAnalyzer {

    private DestinationHostAnalyzer() {
    }

    static void analyze(Context c, ServiceEntryHosts hosts) {
        for (StoredConfig<VirtualService> stored : c.state.configs(VirtualService.class)) {
            VirtualService vs = stored.resource();
            if (vs.spec() == null) {
                continue;
            }
            for (Destinations d : Destinations.routes(vs.spec())) {
                check(c, hosts, stored, d, "host");
            }
            for (Destinations d : Destinations.mirrors(vs.spec())) {
                check(c, hosts, stored, d, "mirror host");
            }
        }
    }

    private static void check(Context c, ServiceEntryHosts hosts, StoredConfig<VirtualService> stored, Destinations d,
                              String what) {
        VirtualService vs = stored.resource();
        String host = d.destination().host();
        ServiceEntryHosts.Entry e = hosts.lookup(vs.namespace(), vs.spec().exportTo(), host);
        if (e == null) {
            c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored, d.path(), what, host);
            return;
        }
        // checkServiceEntryPorts
        if (d.destination().port() == null || d.destination().port().number() == null) {
            if (e.ports().size() > 1) {
                c.report(Code.VIRTUAL_SERVICE_DESTINATION_PORT_SELECTOR_REQUIRED, stored, d.path(), host, e.ports());
            }
            return;
        }
        int port = d.destination().port().number();
        if (!e.ports().contains(port)) {
            c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored, d.path(), "host:port", host + ":" + port);
        }
    }
}
