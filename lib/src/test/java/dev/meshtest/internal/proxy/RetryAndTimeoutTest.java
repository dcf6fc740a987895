package dev.meshtest.internal.proxy;

import static dev.meshtest.internal.proxy.Proxies.forward;
import static dev.meshtest.internal.proxy.Proxies.helloworld;
import static dev.meshtest.internal.proxy.Proxies.route;
import static dev.meshtest.internal.proxy.Proxies.virtualService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A VirtualService rule's {@code timeout} and {@code retries} on the route (istio-rules §4.6, §4.7; Istio's setTimeout and retry.ConvertPolicy). */
class RetryAndTimeoutTest {

    private static RouteAction.Forward rule(String rule) {
        return forward(helloworld().withVirtualService(virtualService(rule)));
    }

    @Test
    @DisplayName("no VirtualService: the default route has Istio's default retries and no timeout")
    void defaultRoute() {
        Route r = route(helloworld());
        assertThat(r.name()).isEqualTo("default");
        RouteAction.Forward f = (RouteAction.Forward) r.action();
        assertThat(f.retryPolicy()).isEqualTo(RetryPolicy.ISTIO_DEFAULT);
        assertThat(f.timeout()).isNull();
        assertThat(f.fault()).isNull();
        assertThat(f.mirrors()).isEmpty();
    }

    @Test
    @DisplayName("Istio's default policy: 2 retries on connect-failure, refused-stream, unavailable, cancelled; no status codes")
    void istioDefault() {
        RetryPolicy p = rule("route: [{destination: {host: helloworld}}]").retryPolicy();
        assertThat(p).isEqualTo(RetryPolicy.ISTIO_DEFAULT);
        assertThat(p.numRetries()).isEqualTo(2);
        assertThat(p.retryOn()).containsExactlyInAnyOrder("connect-failure", "refused-stream", "unavailable", "cancelled",
                "retriable-status-codes");
        assertThat(p.retriableStatusCodes()).isEmpty();
        assertThat(p.perTryTimeout()).isNull();
        assertThat(p.retryOtherHosts()).isTrue();
        assertThat(p.backoffBase()).isEqualTo(Duration.ofMillis(25));
        assertThat(p.backoffMax()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    @DisplayName("timeout: 3s on the rule; unset means none")
    void timeout() {
        assertThat(rule("""
                route: [{destination: {host: helloworld}}]
                timeout: 3s""").timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(rule("route: [{destination: {host: helloworld}}]").timeout()).isNull();
    }

    @Test
    @DisplayName("attempts: 0 disables retries")
    void attemptsZero() {
        assertThat(rule("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 0}""").retryPolicy()).isEqualTo(RetryPolicy.NONE);
    }

    @Test
    @DisplayName("retries without attempts is attempts 0: no retries")
    void attemptsUnset() {
        assertThat(rule("""
                route: [{destination: {host: helloworld}}]
                retries: {retryIgnorePreviousHosts: false}""").retryPolicy()).isEqualTo(RetryPolicy.NONE);
    }

    @Test
    @DisplayName("attempts without retryOn keeps the default conditions")
    void attemptsOnly() {
        RetryPolicy p = rule("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 5}""").retryPolicy();
        assertThat(p.numRetries()).isEqualTo(5);
        assertThat(p.retryOn()).isEqualTo(RetryPolicy.ISTIO_DEFAULT.retryOn());
        assertThat(p.retriableStatusCodes()).isEmpty();
        assertThat(p.retryOtherHosts()).isTrue();
    }

    @Test
    @DisplayName("retryOn with status codes: the numbers become retriable status codes and retriable-status-codes is added")
    void retryOnWithCodes() {
        RetryPolicy p = rule("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 3, perTryTimeout: 2s, retryOn: "gateway-error,503,connect-failure,429"}""").retryPolicy();
        assertThat(p.numRetries()).isEqualTo(3);
        assertThat(p.retryOn()).containsExactlyInAnyOrder("gateway-error", "connect-failure", "retriable-status-codes");
        assertThat(p.retriableStatusCodes()).containsExactlyInAnyOrder(503, 429);
        assertThat(p.perTryTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("retryOn with only a status code: the only condition is retriable-status-codes")
    void retryOnOnlyCode() {
        RetryPolicy p = rule("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 1, retryOn: "503"}""").retryPolicy();
        assertThat(p.retryOn()).containsExactly("retriable-status-codes");
        assertThat(p.retriableStatusCodes()).containsExactly(503);
    }

    @Test
    @DisplayName("retryOn naming retriable-status-codes itself is not doubled; 5xx stays a condition")
    void retryOnExplicitRetriable() {
        RetryPolicy p = rule("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 2, retryOn: "5xx,retriable-status-codes,502"}""").retryPolicy();
        assertThat(p.retryOn()).containsExactlyInAnyOrder("5xx", "retriable-status-codes");
        assertThat(p.retriableStatusCodes()).containsExactly(502);
    }

    @Test
    @DisplayName("backoff sets Envoy's base interval; the maximum is Envoy's 10 x base")
    void backoff() {
        RetryPolicy p = rule("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 2, backoff: 100ms}""").retryPolicy();
        assertThat(p.backoffBase()).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoffMax()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("retryIgnorePreviousHosts: false drops the previous_hosts predicate; retryRemoteLocalities is carried")
    void hostPredicateAndLocalities() {
        RetryPolicy p = rule("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 2, retryIgnorePreviousHosts: false, retryRemoteLocalities: true}""").retryPolicy();
        assertThat(p.retryOtherHosts()).isFalse();
        assertThat(p.retryRemoteLocalities()).isTrue();
    }

    private static Mesh consistentHash() {
        return helloworld().withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: helloworld}
                spec:
                  host: helloworld
                  trafficPolicy:
                    loadBalancer: {consistentHash: {httpHeaderName: x-user}}
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v2, labels: {version: v2}}
                """);
    }

    @Test
    @DisplayName("a single destination with consistent hashing: default retries without previous_hosts")
    void consistentHashDefault() {
        RetryPolicy p = forward(consistentHash().withVirtualService(virtualService("route: [{destination: {host: helloworld, subset: v1}}]")))
                .retryPolicy();
        assertThat(p).isEqualTo(RetryPolicy.ISTIO_DEFAULT_CONSISTENT_HASH);
        assertThat(p.retryOtherHosts()).isFalse();
        assertThat(p.numRetries()).isEqualTo(2);
    }

    @Test
    @DisplayName("consistent hashing with a user policy: no previous_hosts unless retryIgnorePreviousHosts says so")
    void consistentHashUserPolicy() {
        assertThat(forward(consistentHash().withVirtualService(virtualService("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 4}"""))).retryPolicy().retryOtherHosts()).isFalse();
        assertThat(forward(consistentHash().withVirtualService(virtualService("""
                route: [{destination: {host: helloworld}}]
                retries: {attempts: 4, retryIgnorePreviousHosts: true}"""))).retryPolicy().retryOtherHosts()).isTrue();
    }

    @Test
    @DisplayName("a weighted route never counts as consistent hashing for retries (Istio checks single destinations only)")
    void weightedRouteKeepsPreviousHosts() {
        RetryPolicy p = forward(consistentHash().withVirtualService(virtualService("""
                route:
                - {destination: {host: helloworld, subset: v1}, weight: 50}
                - {destination: {host: helloworld, subset: v2}, weight: 50}"""))).retryPolicy();
        assertThat(p).isEqualTo(RetryPolicy.ISTIO_DEFAULT);
    }

    @Test
    @DisplayName("the default route keeps previous_hosts even when the DestinationRule hashes consistently")
    void defaultRouteWithConsistentHash() {
        RouteAction.Forward f = (RouteAction.Forward) route(consistentHash()).action();
        assertThat(f.hashPolicy()).isNotNull();
        assertThat(f.retryPolicy()).isEqualTo(RetryPolicy.ISTIO_DEFAULT);
    }
}
