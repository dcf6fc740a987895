package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Which Envoy, if any, runs in a pod.
 *
 * <pre>{@code
 * state.pod("default", "nginx").orElseThrow().proxy();   // SIDECAR in an injected namespace
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public enum ProxyKind {
    /** No proxy: the pod talks through kube-proxy, Istio routing does not apply to its requests. */
    NONE,
    /** An injected sidecar: outbound routing (VirtualService, DestinationRule) happens here. */
    SIDECAR,
    /**
     * A gateway proxy (the pod carries annotation {@code inject.istio.io/templates: gateway}, as
     * Istio's gateway charts set, or label {@code gateway.istio.io/managed:
     * istio.io-gateway-controller}, as the pods Istio's gateway controller deploys for a Gateway API
     * Gateway do): it routes with the VirtualServices bound to its Gateways.
     */
    GATEWAY
}
