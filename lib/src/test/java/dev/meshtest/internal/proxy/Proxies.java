package dev.meshtest.internal.proxy;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;

/** Shared fixtures of the proxy-config tests: helloworld with subsets, a client nginx, and a look at what nginx got. */
final class Proxies {

    static final String HELLOWORLD = "helloworld.default.svc.cluster.local";

    private Proxies() {
    }

    /** helloworld v1 and v2 behind Service helloworld:5000, subsets v1/v2, a client pod nginx; all in default. */
    static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml")
                .apply("classpath:routing/helloworld-subsets.yaml")
                .withPod("nginx");
    }

    /** A VirtualService {@code helloworld} for host helloworld with one http rule, given as a YAML flow/block fragment. */
    static String virtualService(String rule) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - %s
                """.formatted(rule.strip().replace("\n", "\n    "));
    }

    /** The first route nginx has for helloworld:5000. */
    static Route route(Mesh mesh) {
        VirtualHost vh = Internals.proxyConfig(mesh, "nginx").routeConfiguration("5000").virtualHosts().stream()
                .filter(v -> v.name().equals(HELLOWORLD + ":5000")).findFirst().orElseThrow();
        return vh.routes().get(0);
    }

    /** The forward action of the first route nginx has for helloworld:5000. */
    static RouteAction.Forward forward(Mesh mesh) {
        RouteAction action = route(mesh).action();
        assertThat(action).isInstanceOf(RouteAction.Forward.class);
        return (RouteAction.Forward) action;
    }
}
