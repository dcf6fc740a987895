package dev.meshtest.internal.proxy;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Internals;
import dev.meshtest.Mesh;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ClusterState;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The matchers Istio generates for each AuthorizationPolicy field ({@code generator_test.go},
 * {@code matcher/*_test.go}), written as our own cases: one ALLOW rule with one value, evaluated
 * on requests that differ in the attribute it reads.
 */
class AuthorizationPoliciesTest {

    private static final String BAR_SLEEP = "spiffe://cluster.local/ns/bar/sa/sleep";

    /** The RBAC of httpbin's pod in foo under one ALLOW rule. */
    private static Rbac rbac(String rule) {
        Mesh mesh = mesh().apply("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: foo, labels: {istio-injection: enabled}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: httpbin, namespace: foo, labels: {app: httpbin}}
                spec: {containers: [{name: httpbin, image: kong/httpbin}]}
                ---
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: p, namespace: foo}
                spec:
                  rules:
                """ + ("- " + rule).indent(4));
        ClusterState state = Internals.state(mesh);
        ClusterPod pod = state.pod("foo", "httpbin").orElseThrow();
        return ProxyConfigs.of(state, MeshSettings.DEFAULT).rbac(pod);
    }

    private static boolean allows(Rbac rbac, String peer, String sourceIp, int port, HttpRequest request) {
        return allows(rbac, peer, sourceIp, sourceIp, port, request);
    }

    private static boolean allows(Rbac rbac, String peer, String sourceIp, String remoteIp, int port, HttpRequest request) {
        return rbac.evaluate(new Rbac.Request(peer, sourceIp, remoteIp, "10.244.0.9", port, request)).allowed();
    }

    private static boolean allowsPeer(String rule, String peer) {
        return allows(rbac(rule), peer, "10.244.0.5", 8080, HttpRequest.get("httpbin.foo:8000", "/ip", Map.of()));
    }

    private static boolean allowsRequest(String rule, String method, String authority, String pathAndQuery, Map<String, String> headers) {
        HttpRequest r = HttpRequest.get(authority, pathAndQuery, headers);
        if (!method.equals("GET")) {
            r = new HttpRequest(method, r.scheme(), r.authority(), r.path(), r.queryString(), r.headers());
        }
        return allows(rbac(rule), BAR_SLEEP, "10.244.0.5", 8080, r);
    }

    @Test
    @DisplayName("srcPrincipalGenerator: spiffe:// before the value; exact, prefix, suffix, * for any identity; none without mTLS")
    void principals() {
        assertThat(allowsPeer("from: [{source: {principals: [cluster.local/ns/bar/sa/sleep]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {principals: [cluster.local/ns/bar/sa/sleep]}}]", null)).isFalse();
        assertThat(allowsPeer("from: [{source: {principals: [\"cluster.local/ns/bar/*\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {principals: [\"*/sa/sleep\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {principals: [\"*/sa/other\"]}}]", BAR_SLEEP)).isFalse();
        assertThat(allowsPeer("from: [{source: {principals: [\"*\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {principals: [\"*\"]}}]", null)).isFalse();
        // notPrincipals: plain text has no principal, so it is "not" every one.
        assertThat(allowsPeer("from: [{source: {notPrincipals: [cluster.local/ns/bar/sa/sleep]}}]", null)).isTrue();
    }

    @Test
    @DisplayName("srcNamespaceGenerator: the regex .*/ns/<ns>/.* on the identity, * inside a namespace as .*")
    void namespaces() {
        assertThat(allowsPeer("from: [{source: {namespaces: [bar]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {namespaces: [ba]}}]", BAR_SLEEP)).isFalse();
        assertThat(allowsPeer("from: [{source: {namespaces: [\"b*\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {namespaces: [\"*r\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {namespaces: [bar]}}]", null)).isFalse();
    }

    @Test
    @DisplayName("srcTrustDomainGenerator: exact, *, prefix and suffix wildcards within the trust domain")
    void trustDomains() {
        assertThat(allowsPeer("from: [{source: {trustDomains: [cluster.local]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {trustDomains: [cluster]}}]", BAR_SLEEP)).isFalse();
        assertThat(allowsPeer("from: [{source: {trustDomains: [\"*\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {trustDomains: [\"*.local\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {trustDomains: [\"cluster.*\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {trustDomains: [\"other.*\"]}}]", BAR_SLEEP)).isFalse();
    }

    @Test
    @DisplayName("srcServiceAccountGenerator: sa in the policy's namespace, or ns/sa")
    void serviceAccounts() {
        assertThat(allowsPeer("from: [{source: {serviceAccounts: [bar/sleep]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("from: [{source: {serviceAccounts: [sleep]}}]", BAR_SLEEP)).isFalse();
        assertThat(allowsPeer("from: [{source: {serviceAccounts: [sleep]}}]", "spiffe://cluster.local/ns/foo/sa/sleep")).isTrue();
    }

    @Test
    @DisplayName("hostGenerator: :authority case-insensitive, port included; pathGenerator: the path without the query")
    void hostsAndPaths() {
        assertThat(allowsRequest("to: [{operation: {hosts: [Httpbin.Foo:8000]}}]", "GET", "httpbin.foo:8000", "/ip", Map.of())).isTrue();
        assertThat(allowsRequest("to: [{operation: {hosts: [\"*.foo:8000\"]}}]", "GET", "httpbin.foo:8000", "/ip", Map.of())).isTrue();
        assertThat(allowsRequest("to: [{operation: {hosts: [\"httpbin*\"]}}]", "GET", "httpbin.foo:8000", "/ip", Map.of())).isTrue();
        assertThat(allowsRequest("to: [{operation: {hosts: [httpbin.foo]}}]", "GET", "httpbin.foo:8000", "/ip", Map.of())).isFalse();
        assertThat(allowsRequest("to: [{operation: {paths: [/ip]}}]", "GET", "h", "/ip?x=/headers", Map.of())).isTrue();
        assertThat(allowsRequest("to: [{operation: {paths: [\"/IP\"]}}]", "GET", "h", "/ip", Map.of())).isFalse();
        assertThat(allowsRequest("to: [{operation: {paths: [\"*\"]}}]", "GET", "h", "/anything", Map.of())).isTrue();
    }

    @Test
    @DisplayName("methodGenerator and requestHeaderGenerator: exact, case-sensitive; * for a header's presence")
    void methodsAndHeaders() {
        assertThat(allowsRequest("to: [{operation: {methods: [GET]}}]", "GET", "h", "/", Map.of())).isTrue();
        assertThat(allowsRequest("to: [{operation: {methods: [get]}}]", "GET", "h", "/", Map.of())).isFalse();
        String when = "when: [{key: \"request.headers[X-Version]\", values: [\"*\"]}]";
        assertThat(allowsRequest(when, "GET", "h", "/", Map.of("x-version", "v2"))).isTrue();
        assertThat(allowsRequest(when, "GET", "h", "/", Map.of())).isFalse();
        assertThat(allowsRequest("when: [{key: \"request.headers[x-v]\", values: [\"V*\"]}]", "GET", "h", "/", Map.of("x-v", "v2")))
                .isFalse();
    }

    @Test
    @DisplayName("destIPGenerator, destPortGenerator and srcIPGenerator: CIDR ranges and addresses; the destination port as received")
    void addressesAndPorts() {
        Rbac ip = rbac("from: [{source: {ipBlocks: [10.244.0.0/24]}}]");
        HttpRequest r = HttpRequest.get("h", "/", Map.of());
        assertThat(allows(ip, null, "10.244.0.5", 8080, r)).isTrue();
        assertThat(allows(ip, null, "10.245.0.5", 8080, r)).isFalse();
        Rbac dest = rbac("when: [{key: destination.ip, values: [10.244.0.9]}, {key: destination.port, notValues: [\"9090\"]}]");
        assertThat(allows(dest, null, "1.1.1.1", 8080, r)).isTrue();
        assertThat(allows(dest, null, "1.1.1.1", 9090, r)).isFalse();
    }

    @Test
    @DisplayName("remoteIpGenerator: remoteIpBlocks and remote.ip match the address the proxy trusts as the client's, "
            + "ipBlocks the connection's peer")
    void remoteAddresses() {
        HttpRequest r = HttpRequest.get("h", "/", Map.of());
        Rbac remote = rbac("from: [{source: {remoteIpBlocks: [203.0.113.0/24]}}]");
        assertThat(allows(remote, null, "10.244.0.3", "203.0.113.7", 8080, r)).isTrue();
        assertThat(allows(remote, null, "203.0.113.7", "10.244.0.3", 8080, r)).isFalse();
        Rbac notRemote = rbac("from: [{source: {notRemoteIpBlocks: [203.0.113.7]}}]");
        assertThat(allows(notRemote, null, "10.244.0.3", "203.0.113.7", 8080, r)).isFalse();
        assertThat(allows(notRemote, null, "10.244.0.3", "203.0.113.8", 8080, r)).isTrue();
        Rbac when = rbac("when: [{key: remote.ip, values: [\"2001:db8::/32\"]}]");
        assertThat(allows(when, null, "10.244.0.3", "2001:db8::1", 8080, r)).isTrue();
        assertThat(allows(when, null, "2001:db8::1", "10.244.0.3", 8080, r)).isFalse();
        Rbac direct = rbac("from: [{source: {ipBlocks: [203.0.113.0/24]}}]");
        assertThat(allows(direct, null, "10.244.0.3", "203.0.113.7", 8080, r)).isFalse();
    }

    @Test
    @DisplayName("request.auth.* without RequestAuthentication: never present, so values never match and notValues always do")
    void requestAuthWithoutJwt() {
        assertThat(allowsPeer("from: [{source: {requestPrincipals: [\"*\"]}}]", BAR_SLEEP)).isFalse();
        assertThat(allowsPeer("from: [{source: {notRequestPrincipals: [\"*\"]}}]", BAR_SLEEP)).isTrue();
        assertThat(allowsPeer("when: [{key: \"request.auth.claims[iss]\", values: [x]}]", BAR_SLEEP)).isFalse();
    }
}
