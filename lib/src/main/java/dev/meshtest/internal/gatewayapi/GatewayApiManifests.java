package dev.meshtest.internal.gatewayapi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Manifest;
import dev.meshtest.internal.yaml.Kinds;
import dev.meshtest.internal.yaml.ManifestReader;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Reads Gateway API manifests into the records of {@link dev.meshtest.config.gateway}, with the
 * reader's usual strictness and located errors: the standard reader, which reads these kinds at
 * every version Gateway API v1.6 serves them under ({@link Kinds#standard()}).
 *
 * <pre>{@code
 * List<Manifest> docs = GatewayApiManifests.read("""
 *         apiVersion: gateway.networking.k8s.io/v1
 *         kind: HTTPRoute
 *         metadata: {name: reviews}
 *         spec:
 *           parentRefs: [{group: "", kind: Service, name: reviews}]
 *         """, "route.yaml");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class GatewayApiManifests {

    private GatewayApiManifests() {
    }

    /**
     * Reads manifests that may hold Gateway API objects besides Kubernetes and Istio ones.
     *
     * @param yaml the manifests
     * @param sourceName how messages name the source
     * @return one manifest per object, in document order
     * @throws dev.meshtest.config.MeshConfigException if the YAML or any object in it is invalid
     */
    public static List<Manifest> read(String yaml, String sourceName) {
        return ManifestReader.read(yaml, sourceName, Kinds.standard());
    }
}
