package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.config.Resource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The Gateway API kinds of this package: kind name to record class, and the {@code apiVersion}s
 * each is served under (by the standard channel CRDs of Gateway API v1.6, the version Istio builds
 * against). The manifest reader reads them at these versions.
 *
 * <pre>{@code
 * GatewayApiKinds.KINDS.get("HTTPRoute");              // HttpRoute.class
 * GatewayApiKinds.apiVersions("ReferenceGrant");       // [gateway.networking.k8s.io/v1beta1, .../v1]
 * GatewayApiKinds.apiVersions("GRPCRoute");            // [gateway.networking.k8s.io/v1]
 * GatewayApiKinds.apiVersions("TLSRoute");             // [gateway.networking.k8s.io/v1]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public final class GatewayApiKinds {

    /** The API group of every kind here. */
    public static final String GROUP = "gateway.networking.k8s.io";

    /** Kind name to record class, in a fixed order. */
    public static final Map<String, Class<? extends Resource>> KINDS;

    static {
        Map<String, Class<? extends Resource>> kinds = new LinkedHashMap<>();
        kinds.put("GatewayClass", GatewayClass.class);
        kinds.put("Gateway", Gateway.class);
        kinds.put("HTTPRoute", HttpRoute.class);
        kinds.put("GRPCRoute", GrpcRoute.class);
        kinds.put("TCPRoute", TcpRoute.class);
        kinds.put("TLSRoute", TlsRoute.class);
        kinds.put("ReferenceGrant", ReferenceGrant.class);
        KINDS = Collections.unmodifiableMap(kinds);
    }

    private GatewayApiKinds() {
    }

    /**
     * The {@code apiVersion}s a kind is served under.
     *
     * @param kind a key of {@link #KINDS}
     * @return {@code v1} and {@code v1beta1} for GatewayClass, Gateway and HTTPRoute; {@code v1}
     *     for GRPCRoute, TCPRoute and TLSRoute; {@code v1beta1} and {@code v1} (served, not stored, since v1.6) for ReferenceGrant
     * @throws IllegalArgumentException when {@code kind} is not one of {@link #KINDS}
     */
    public static List<String> apiVersions(String kind) {
        return switch (kind) {
            case "GatewayClass", "Gateway", "HTTPRoute" -> List.of(GROUP + "/v1", GROUP + "/v1beta1");
            case "GRPCRoute", "TCPRoute", "TLSRoute" -> List.of(GROUP + "/v1");
            case "ReferenceGrant" -> List.of(GROUP + "/v1beta1", GROUP + "/v1");
            default -> throw new IllegalArgumentException("not a Gateway API kind meshtest knows: " + kind);
        };
    }
}
