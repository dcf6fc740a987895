package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The {@code internal.istio.io/} annotations istiod writes on the Gateways and VirtualServices it
 * generates from the Gateway API ({@code pkg/config/constants}), which its proxy config
 * builders read back; users may not write them (the webhook refuses them). The translation writes
 * them, the proxy compiler and admission read them, all from here. The route semantics ones are
 * {@link RouteSemantics}'.
 *
 * <pre>{@code
 * vs.metadata().annotations().get(InternalAnnotations.PARENTS);   // "HTTPRoute/hello.default"
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class InternalAnnotations {

    /** {@code constants.InternalParentNames}: the Gateway API objects a config was generated from. */
    public static final String PARENTS = "internal.istio.io/parents";
    /** {@code constants.InternalParentNamespace}: the namespace of the Gateway a generated Gateway stands for. */
    public static final String PARENT_NAMESPACE = "internal.istio.io/parent-namespace";
    /** {@code model.InternalGatewayServiceAnnotation}: the gateway Services a generated Gateway binds to, by host. */
    public static final String GATEWAY_SERVICE = "internal.istio.io/gateway-service";
    /** {@code constants.InternalServiceAccount}: the service account the gateway's pods must run as. */
    public static final String SERVICE_ACCOUNT_NAME = "internal.istio.io/service-account-name";

    private InternalAnnotations() {
    }
}
