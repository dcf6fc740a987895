package dev.meshtest.gatewayapi;

/**
 * Small builders for the Gateway API YAML the end-to-end tests apply. Each returns the same text a
 * test would write out by hand (no trailing {@code ---}), so a test still shows its rules and
 * backends while the boilerplate around them is written once.
 */
final class GatewayApiYaml {

    private GatewayApiYaml() {
    }

    /** A Gateway {@code name} of class istio; each of {@code listeners} is one flow-style listener. */
    static String gateway(String name, String... listeners) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: %s}
                spec:
                  gatewayClassName: istio
                  listeners:
                """.formatted(name));
        for (String listener : listeners) {
            yaml.append("  - ").append(listener).append('\n');
        }
        return yaml.toString();
    }

    /** The parentRef of a GAMMA (mesh) route: Service {@code name} port {@code port}. */
    static String service(String name, int port) {
        return "{group: \"\", kind: Service, name: %s, port: %d}".formatted(name, port);
    }

    /**
     * An HTTPRoute {@code name} with one parentRef; {@code rules} is the list under {@code rules:},
     * written from column 0 (each rule starts with {@code "- "}).
     */
    static String httpRoute(String name, String parentRef, String rules) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s}
                spec:
                  parentRefs: [%s]
                  rules:
                %s""".formatted(name, parentRef, rules.indent(2));
    }

    /** A GAMMA HTTPRoute {@code name} whose parent is Service {@code service} port {@code port}. */
    static String meshRoute(String name, String service, int port, String rules) {
        return httpRoute(name, service(service, port), rules);
    }

    /** A GAMMA HTTPRoute {@code helloworld} splitting the Service helloworld's traffic between helloworld-v1 and -v2 by weight. */
    static String canary(int v1Weight, int v2Weight) {
        return meshRoute("helloworld", "helloworld", 5000, """
                - backendRefs:
                  - {name: helloworld-v1, port: 5000, weight: %d}
                  - {name: helloworld-v2, port: 5000, weight: %d}
                """.formatted(v1Weight, v2Weight));
    }
}
