package dev.meshtest.internal.analysis;

import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.VirtualServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A VirtualService's destinations with the field path each sits at: Istio's
 * {@code getRouteDestinations} (http, tcp and tls routes) and {@code getHTTPMirrorDestinations}.
 */
record Destinations(Destination destination, String path) {

    static List<Destinations> routes(VirtualServiceSpec spec) {
        List<Destinations> out = new ArrayList<>();
        for (int i = 0; i < spec.tls().size(); i++) {
            var r = spec.tls().get(i).route();
            for (int j = 0; r != null && j < r.size(); j++) {
                out.add(new Destinations(r.get(j).destination(), "spec.tls[" + i + "].route[" + j + "].destination.host"));
            }
        }
        for (int i = 0; i < spec.tcp().size(); i++) {
            var r = spec.tcp().get(i).route();
            for (int j = 0; r != null && j < r.size(); j++) {
                out.add(new Destinations(r.get(j).destination(), "spec.tcp[" + i + "].route[" + j + "].destination.host"));
            }
        }
        for (int i = 0; i < spec.http().size(); i++) {
            HttpRoute h = spec.http().get(i);
            for (int j = 0; h != null && j < h.route().size(); j++) {
                out.add(new Destinations(h.route().get(j).destination(), "spec.http[" + i + "].route[" + j + "].destination.host"));
            }
        }
        return out;
    }

    static List<Destinations> mirrors(VirtualServiceSpec spec) {
        List<Destinations> out = new ArrayList<>();
        for (int i = 0; i < spec.http().size(); i++) {
            HttpRoute h = spec.http().get(i);
            if (h == null) {
                continue;
            }
            if (h.mirror() != null) {
                out.add(new Destinations(h.mirror(), "spec.http[" + i + "].mirror.host"));
            }
            for (int j = 0; j < h.mirrors().size(); j++) {
                out.add(new Destinations(h.mirrors().get(j).destination(), "spec.http[" + i + "].mirrors[" + j + "].destination.host"));
            }
        }
        return out;
    }
}
