/**
 * The Kubernetes Gateway API as Istio implements it: istiod's translation
 * ({@code pilot/pkg/config/kube/gateway}) of Gateways, HTTPRoutes, GRPCRoutes and ReferenceGrants
 * into Istio Gateways and VirtualServices, with the status conditions istiod writes back. See
 * {@code docs/gateway-api.md} for the rules and what is not covered yet.
 */
package dev.meshtest.internal.gatewayapi;
