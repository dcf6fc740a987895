package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * Which rules a VirtualService routes by, from its {@code internal.istio.io/route-semantics}
 * annotation ({@code pilot/pkg/model/virtualservice.go} {@code UseGatewaySemantics},
 * {@code UseIngressSemantics}). Istio's Gateway API translator writes {@code gateway} on every
 * VirtualService it makes from an HTTPRoute, the Ingress translator {@code ingress}; istiod reads
 * the annotation whoever wrote it, so a VirtualService a user applies with it routes the same way
 * (istio-rules §5.5). The webhook does not forbid it. Also the Gateways' sibling,
 * {@code internal.istio.io/gateway-semantics}, which marks a Gateway made from the Gateway API.
 *
 * <pre>{@code
 * RouteSemantics.gateway(vs);   // true when annotated internal.istio.io/route-semantics: gateway
 * }</pre>
 */
@API(status = INTERNAL, since = "0.3")
public final class RouteSemantics {

    /** The annotation ({@code constants.InternalRouteSemantics}). */
    public static final String ANNOTATION = "internal.istio.io/route-semantics";

    /** The Gateway's annotation ({@code constants.InternalGatewaySemantics}). */
    public static final String GATEWAY_ANNOTATION = "internal.istio.io/gateway-semantics";

    private RouteSemantics() {
    }

    /** {@code UseGatewaySemantics}: the annotation's value is exactly {@code gateway}. */
    public static boolean gateway(Resource r) {
        return "gateway".equals(value(r));
    }

    /** {@code UseIngressSemantics}: the annotation's value is exactly {@code ingress}. */
    public static boolean ingress(Resource r) {
        return "ingress".equals(value(r));
    }

    /**
     * A Gateway made from the Gateway API ({@code internal.istio.io/gateway-semantics: gateway},
     * {@code constants.InternalGatewaySemantics}): the webhook checks its name and server hosts less,
     * and a managed one changes which Gateways a pod merges (istio-rules §5.5).
     */
    public static boolean gatewayApiGateway(Resource r) {
        return r != null && r.metadata() != null && "gateway".equals(r.metadata().annotations().get(GATEWAY_ANNOTATION));
    }

    private static String value(Resource r) {
        return r == null || r.metadata() == null ? null : r.metadata().annotations().get(ANNOTATION);
    }
}
