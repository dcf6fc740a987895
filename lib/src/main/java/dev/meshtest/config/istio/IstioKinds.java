package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.Resource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The reader's registry of Istio kinds: which kinds bind to records of this package, under which
 * {@code apiVersion}s, and which Istio kinds real manifests carry that meshtest reads but does not
 * simulate yet (the reader returns those as {@link dev.meshtest.config.IgnoredResource}).
 *
 * <pre>{@code
 * Class<? extends Resource> type = IstioKinds.SIMULATED.get("VirtualService");   // VirtualService.class
 * IstioKinds.NETWORKING_API_VERSIONS.contains("networking.istio.io/v1beta1");    // true
 * IstioKinds.NOT_SIMULATED.get("Telemetry");                                     // "telemetry.istio.io"
 * IstioKinds.SECURITY_API_VERSIONS.contains("security.istio.io/v1beta1");        // true
 * }</pre>
 *
 * <p>Versions as served by the istio/api CRDs: every simulated kind at {@code networking.istio.io}
 * {@code v1}, {@code v1beta1} and {@code v1alpha3} with one schema, PeerAuthentication,
 * AuthorizationPolicy and RequestAuthentication at {@code security.istio.io} {@code v1} and
 * {@code v1beta1}; WorkloadEntry and
 * WorkloadGroup likewise; EnvoyFilter at {@code v1alpha3} only; ProxyConfig at {@code v1beta1}
 * only; Telemetry at {@code v1} and {@code v1alpha1}; WasmPlugin at {@code v1alpha1}.
 */
@API(status = STABLE, since = "0.1")
public final class IstioKinds {

    /**
     * Kinds simulated, kind name to record class, in a fixed order. The networking kinds' group is
     * {@code networking.istio.io} ({@link #NETWORKING_API_VERSIONS}); the security kinds'
     * {@code security.istio.io} ({@link #SECURITY_API_VERSIONS}); {@link #apiVersions} gives each kind's.
     */
    public static final Map<String, Class<? extends Resource>> SIMULATED;

    /** The {@code apiVersion}s the simulated kinds are accepted under; they share one schema. */
    public static final List<String> NETWORKING_API_VERSIONS = List.of(
            "networking.istio.io/v1",
            "networking.istio.io/v1beta1",
            "networking.istio.io/v1alpha3");

    /** The {@code apiVersion}s the simulated security kinds (PeerAuthentication, AuthorizationPolicy, RequestAuthentication) are accepted under. */
    public static final List<String> SECURITY_API_VERSIONS = List.of(
            "security.istio.io/v1",
            "security.istio.io/v1beta1");

    /** Istio kinds read but not simulated yet, kind name to API group, in a fixed order. */
    public static final Map<String, String> NOT_SIMULATED;

    static {
        Map<String, Class<? extends Resource>> simulated = new LinkedHashMap<>();
        simulated.put("VirtualService", VirtualService.class);
        simulated.put("DestinationRule", DestinationRule.class);
        simulated.put("Gateway", Gateway.class);
        simulated.put("ServiceEntry", ServiceEntry.class);
        simulated.put("Sidecar", Sidecar.class);
        simulated.put("PeerAuthentication", PeerAuthentication.class);
        simulated.put("AuthorizationPolicy", AuthorizationPolicy.class);
        simulated.put("RequestAuthentication", RequestAuthentication.class);
        SIMULATED = Collections.unmodifiableMap(simulated);

        Map<String, String> notSimulated = new LinkedHashMap<>();
        notSimulated.put("WorkloadEntry", "networking.istio.io");
        notSimulated.put("WorkloadGroup", "networking.istio.io");
        notSimulated.put("EnvoyFilter", "networking.istio.io");
        notSimulated.put("ProxyConfig", "networking.istio.io");
        notSimulated.put("Telemetry", "telemetry.istio.io");
        notSimulated.put("WasmPlugin", "extensions.istio.io");
        NOT_SIMULATED = Collections.unmodifiableMap(notSimulated);
    }

    private IstioKinds() {
    }

    /**
     * The {@code apiVersion}s a simulated kind is accepted under.
     *
     * <pre>{@code
     * IstioKinds.apiVersions("PeerAuthentication");   // [security.istio.io/v1, security.istio.io/v1beta1]
     * }</pre>
     *
     * @param kind a key of {@link #SIMULATED}
     * @return its versions, {@link #SECURITY_API_VERSIONS} or {@link #NETWORKING_API_VERSIONS}
     * @throws IllegalArgumentException when {@code kind} is not simulated
     */
    public static List<String> apiVersions(String kind) {
        if (!SIMULATED.containsKey(kind)) {
            throw new IllegalArgumentException("not a simulated Istio kind: " + kind);
        }
        return kind.equals("PeerAuthentication") || kind.equals("AuthorizationPolicy") || kind.equals("RequestAuthentication")
                ? SECURITY_API_VERSIONS
                : NETWORKING_API_VERSIONS;
    }
}
