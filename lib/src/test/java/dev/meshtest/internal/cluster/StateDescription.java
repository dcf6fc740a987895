package dev.meshtest.internal.cluster;

import dev.meshtest.config.Resource;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.EndpointSlice;
import dev.meshtest.config.kube.Endpoints;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.StatefulSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link ClusterState} answers, as lines in its own orders: two states with equal
 * descriptions are indistinguishable through the public accessors tests and the layers above use.
 */
final class StateDescription {

    private StateDescription() {
    }

    /** The kinds whose {@code configs} lists are described. */
    static final List<Class<? extends Resource>> KINDS = List.of(Resource.class, Service.class, Namespace.class,
            Deployment.class, StatefulSet.class, Pod.class, Endpoints.class, EndpointSlice.class);

    static List<String> describe(ClusterState s) {
        List<String> out = new ArrayList<>();
        out.add("version " + s.version());
        s.namespaces().forEach(n -> out.add("namespace " + n + " lookup " + s.namespace(n.name()).orElse(null)));
        s.pods().forEach(p -> {
            out.add("pod " + p);
            out.add("  lookup " + s.pod(p.namespace(), p.name()).orElse(null));
            out.add("  byIp " + s.podByIp(p.ip()).orElse(null));
            out.add("  selecting " + s.servicesSelecting(p).stream().map(x -> x.namespace() + "/" + x.name()).toList());
            p.containerPorts().forEach(cp -> out.add("  primary " + cp.containerPort() + " "
                    + s.primaryService(p, cp.containerPort()).map(ClusterService::name).orElse("-")));
        });
        s.namespaces().forEach(n -> out.add("pods of " + n.name() + " " + s.pods(n.name()).stream().map(ClusterPod::name).toList()));
        s.services().forEach(svc -> {
            out.add("service " + svc);
            out.add("  lookup " + s.service(svc.namespace(), svc.name()).orElse(null));
            out.add("  fqdn " + s.serviceByFqdn(svc.fqdn()).map(ClusterService::name).orElse("-"));
            if (svc.clusterIp() != null) {
                out.add("  byIp " + s.serviceByIp(svc.clusterIp()).map(ClusterService::name).orElse("-"));
            }
            svc.ports().forEach(p -> out.add("  endpoints " + p.port() + " " + s.endpoints(svc, p)));
        });
        for (Class<? extends Resource> kind : KINDS) {
            s.configs(kind).forEach(c -> out.add("config " + kind.getSimpleName() + " " + c.ref() + " " + c.creationTime()
                    + " #" + c.sequence() + " " + c.resource()));
        }
        s.configs(Resource.class).forEach(c -> out.add("lookup " + c.ref() + " " + s.config(c.ref()).orElse(null)));
        return out;
    }
}
