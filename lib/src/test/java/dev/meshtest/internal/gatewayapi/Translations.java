package dev.meshtest.internal.gatewayapi;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.Resource;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.gatewayapi.GatewayApiOutput.Condition;
import dev.meshtest.internal.yaml.ManifestReader;
import java.util.List;

/** Test helpers: translate manifests, and read the expected Istio output from YAML. */
final class Translations {

    private Translations() {
    }

    /** Reads Gateway API and Kubernetes manifests and translates them. */
    static GatewayApiOutput translate(String yaml) {
        List<Resource> resources = GatewayApiManifests.read(yaml, "test.yaml").stream().map(Manifest::resource).toList();
        return GatewayApiTranslator.translate(GatewayApiInput.of(resources));
    }

    /** The expected VirtualServices, as YAML documents, in the output's order (namespace, name). */
    static List<VirtualService> virtualServices(String yaml) {
        return ManifestReader.read(yaml).stream().map(m -> (VirtualService) m.resource()).toList();
    }

    static VirtualService virtualService(String yaml) {
        return virtualServices(yaml).get(0);
    }

    static List<Gateway> gateways(String yaml) {
        return ManifestReader.read(yaml).stream().map(m -> (Gateway) m.resource()).toList();
    }

    static Condition cond(String type, boolean status, String reason, String message) {
        return new Condition(type, status ? "True" : "False", reason, message);
    }

    /** A Service with one port, as a manifest. */
    static String service(String name, String namespace, int port) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: %s}
                spec:
                  ports: [{name: http, port: %d}]
                ---
                """.formatted(name, namespace, port);
    }
}
