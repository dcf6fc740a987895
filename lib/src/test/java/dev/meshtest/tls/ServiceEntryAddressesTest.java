package dev.meshtest.tls;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ServiceEntry {@code addresses} on TCP and TLS ports, as the cases of Istio's
 * {@code serviceentry_simulation_test.go} expect: an address is a listener of its own, a range
 * (CIDR) a filter chain of the wildcard listener matched by the longest range that contains the
 * address dialled, then by server name; identical ranges (once masked) keep the first entry.
 */
class ServiceEntryAddressesTest {

    private static String entries(String protocol, String a1, String a2, boolean tlsRoute) {
        return """
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se1}
                spec:
                  hosts: [blah1.somedomain]
                  addresses: [%s]
                  ports: [{number: 9999, name: port-9999, protocol: %s}]
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: se2}
                spec:
                  hosts: [blah2.somedomain]
                  addresses: [%s]
                  ports: [{number: 9999, name: port-9999, protocol: %s}]
                """.formatted(a1, protocol, a2, protocol) + (tlsRoute ? """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs1}
                spec:
                  hosts: [blah1.somedomain]
                  tls:
                  - match: [{port: 9999, sniHosts: [blah1.somedomain]}]
                    route: [{destination: {host: blah1.somedomain, port: {number: 9999}}}]
                """ : "");
    }

    private static Mesh mesh(String yaml) {
        return dev.meshtest.Mesh.mesh().withNamespace("default", true).withPod("sleep").apply(yaml);
    }

    /** Where a plain-text connection to {@code address}:9999 goes: the cluster that took it. */
    private static String tcp(Mesh mesh, String address) {
        return mesh.send(1).from("sleep").resolve(address).to("http://blah.somedomain:9999/").outcomes().get(0).cluster().orElse("-");
    }

    private static String tls(Mesh mesh, String address, String sni) {
        Outcome o = mesh.send(1).from("sleep").resolve(address).insecure().to("https://" + sni + ":9999/").outcomes().get(0);
        return o.cluster().orElse("-");
    }

    @Test
    @DisplayName("identical CIDR (ignoring insignificant bits) is dropped: the first entry keeps it")
    void identicalCidr() {
        Mesh m = mesh(entries("TCP", "1234:1f1:123:123:f816:3eff:feb8:2287/32", "1234:1f1:123:123:f816:3eff:febf:57ce/32", false));
        assertThat(tcp(m, "1234:1f1:1:1:1:1:1:1")).isEqualTo("outbound|9999||blah1.somedomain");
    }

    @Test
    @DisplayName("overlapping CIDR: the more precise range wins, the wider takes the rest")
    void overlappingCidr() {
        Mesh m = mesh(entries("TCP", "1234:1f1:123:123:f816:3eff:feb8:2287/16", "1234:1f1:123:123:f816:3eff:febf:57ce/32", false));
        assertThat(tcp(m, "1234:1f1:123:123:f816:3eff:febf:57ce")).isEqualTo("outbound|9999||blah2.somedomain");
        assertThat(tcp(m, "1234::1")).isEqualTo("outbound|9999||blah1.somedomain");
    }

    @Test
    @DisplayName("overlapping CIDR with SNI: the address first, then the name; a name of the other range passes through")
    void overlappingCidrWithSni() {
        Mesh m = mesh(entries("TLS", "1234:1f1:123:123:f816:3eff:feb8:2287/16", "1234:1f1:123:123:f816:3eff:febf:57ce/32", true));
        assertThat(tls(m, "1234:1f1:123:123:f816:3eff:febf:57ce", "blah2.somedomain")).isEqualTo("outbound|9999||blah2.somedomain");
        assertThat(tls(m, "1234::1", "blah1.somedomain")).isEqualTo("outbound|9999||blah1.somedomain");
        assertThat(tls(m, "1234:1f1:123:123:f816:3eff:febf:57ce", "blah1.somedomain")).isEqualTo("PassthroughCluster");
        assertThat(tls(m, "1234::1", "blah2.somedomain")).isEqualTo("PassthroughCluster");
    }

    @Test
    @DisplayName("partial overlap of IP: each address a listener, the shared one the older entry's")
    void partialOverlap() {
        Mesh m = mesh(entries("TCP", "1.1.1.1", "2.2.2.2, 1.1.1.1", false));
        assertThat(tcp(m, "2.2.2.2")).isEqualTo("outbound|9999||blah2.somedomain");
        assertThat(tcp(m, "1.1.1.1")).isEqualTo("outbound|9999||blah1.somedomain");
        assertThat(m.proxyConfig("sleep").listeners().rows()).contains(
                List.of("1.1.1.1", "9999", "TCP", "Cluster: outbound|9999||blah1.somedomain"),
                List.of("2.2.2.2", "9999", "TCP", "Cluster: outbound|9999||blah2.somedomain"));
    }
}
