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
 * IstioKinds.NOT_SIMULATED.get("AuthorizationPolicy");                           // "security.istio.io"
 * }</pre>
 *
 * <p>Versions as served by the istio/api CRDs: every simulated kind at {@code networking.istio.io}
 * {@code v1}, {@code v1beta1} and {@code v1alpha3} with one schema; WorkloadEntry and
 * WorkloadGroup likewise; EnvoyFilter at {@code v1alpha3} only; ProxyConfig at {@code v1beta1}
 * only; AuthorizationPolicy, PeerAuthentication and RequestAuthentication at {@code v1} and
 * {@code v1beta1}; Telemetry at {@code v1} and {@code v1alpha1}; WasmPlugin at {@code v1alpha1}.
 */
@API(status = STABLE, since = "0.1")
public final class IstioKinds {

    /** Kinds simulated, kind name to record class, in a fixed order. Their group is {@code networking.istio.io}. */
    public static final Map<String, Class<? extends Resource>> SIMULATED;

    /** The {@code apiVersion}s the simulated kinds are accepted under; they share one schema. */
    public static final List<String> NETWORKING_API_VERSIONS = List.of(
            "networking.istio.io/v1",
            "networking.istio.io/v1beta1",
            "networking.istio.io/v1alpha3");

    /** Istio kinds read but not simulated yet, kind name to API group, in a fixed order. */
    public static final Map<String, String> NOT_SIMULATED;

    static {
        Map<String, Class<? extends Resource>> simulated = new LinkedHashMap<>();
        simulated.put("VirtualService", VirtualService.class);
        simulated.put("DestinationRule", DestinationRule.class);
        simulated.put("Gateway", Gateway.class);
        simulated.put("ServiceEntry", ServiceEntry.class);
        simulated.put("Sidecar", Sidecar.class);
        SIMULATED = Collections.unmodifiableMap(simulated);

        Map<String, String> notSimulated = new LinkedHashMap<>();
        notSimulated.put("WorkloadEntry", "networking.istio.io");
        notSimulated.put("WorkloadGroup", "networking.istio.io");
        notSimulated.put("EnvoyFilter", "networking.istio.io");
        notSimulated.put("ProxyConfig", "networking.istio.io");
        notSimulated.put("AuthorizationPolicy", "security.istio.io");
        notSimulated.put("PeerAuthentication", "security.istio.io");
        notSimulated.put("RequestAuthentication", "security.istio.io");
        notSimulated.put("Telemetry", "telemetry.istio.io");
        notSimulated.put("WasmPlugin", "extensions.istio.io");
        NOT_SIMULATED = Collections.unmodifiableMap(notSimulated);
    }

    private IstioKinds() {
    }
}
