package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.gateway.GatewayClass;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Which controller handles a Gateway API Gateway's class, for the translation, the gateway
 * deployment controller and strict mode alike: the GatewayClass of that name if one exists
 * (its {@code controllerName}), else a built-in class istiod creates when it is missing
 * ({@code classinfo.go GetBuiltinGatewayClasses}).
 *
 * <pre>{@code
 * GatewayClasses.controllerOf("istio", List.of());   // "istio.io/gateway-controller"
 * GatewayClasses.controllerOf("other", List.of());   // null: no controller of Istio's
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class GatewayClasses {

    /** {@code features.ManagedGatewayController}: gateways Istio deploys and programs. */
    public static final String GATEWAY_CONTROLLER = "istio.io/gateway-controller";
    /** {@code constants.ManagedGatewayMeshController}: waypoints. */
    public static final String MESH_CONTROLLER = "istio.io/mesh-controller";

    /**
     * The built-in classes: {@code istio}, and {@code istio-waypoint}, which istiod creates only
     * in the ambient profile (meshtest recognises it to report waypoints' status, and strict mode
     * refuses them).
     */
    private static final Map<String, String> BUILTIN = Map.of("istio", GATEWAY_CONTROLLER, "istio-waypoint", MESH_CONTROLLER);

    private GatewayClasses() {
    }

    /**
     * The controller of a class.
     *
     * @param className a Gateway's {@code spec.gatewayClassName}; may be {@code null}
     * @param classes the GatewayClasses there are
     * @return the controller's name, or {@code null} when there is none
     */
    public static String controllerOf(String className, Iterable<GatewayClass> classes) {
        if (className == null) {
            return null;
        }
        for (GatewayClass c : classes) {
            if (c.name().equals(className)) {
                return c.spec() == null ? null : c.spec().controllerName();
            }
        }
        return BUILTIN.get(className);
    }

    /**
     * Whether the controller is one of Istio's (gateways or waypoints).
     *
     * @param controller a controller's name, or {@code null}
     * @return whether istiod handles its classes
     */
    public static boolean istios(String controller) {
        return GATEWAY_CONTROLLER.equals(controller) || MESH_CONTROLLER.equals(controller);
    }
}
