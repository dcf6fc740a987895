/**
 * What the cluster writes back into objects' {@code status}, as {@code kubectl get -o yaml} shows
 * it: the conditions istiod reports on Gateway API objects ({@link dev.meshtest.status.GatewayApiStatus},
 * from {@code mesh.gatewayApiStatus()}). Experimental since 0.7.
 *
 * <pre>{@code
 * RouteStatus hello = mesh.gatewayApiStatus().httpRoute("hello");
 * assertThat(hello).isAccepted().hasResolvedRefs();
 * }</pre>
 */
package dev.meshtest.status;
