package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Fixtures.at;
import static dev.meshtest.internal.validate.Fixtures.dr;
import static dev.meshtest.internal.validate.Fixtures.drSpec;
import static dev.meshtest.internal.validate.Fixtures.gateway;
import static dev.meshtest.internal.validate.Fixtures.se;
import static dev.meshtest.internal.validate.Fixtures.server;
import static dev.meshtest.internal.validate.Fixtures.subset;
import static dev.meshtest.internal.validate.Fixtures.tp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.Resource;
import dev.meshtest.internal.yaml.ManifestReader;
import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.ConsistentHashLb;
import dev.meshtest.config.istio.DestinationRuleSpec;
import dev.meshtest.config.istio.HttpCookie;
import dev.meshtest.config.istio.HttpSettings;
import dev.meshtest.config.istio.LoadBalancerSettings;
import dev.meshtest.config.istio.MagLev;
import dev.meshtest.config.istio.OutlierDetection;
import dev.meshtest.config.istio.PortTrafficPolicy;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.istio.ServerTlsSettings;
import dev.meshtest.config.istio.ServerTlsSettingsTlsMode;
import dev.meshtest.config.istio.ServiceEntryResolution;
import dev.meshtest.config.istio.ServiceEntrySpec;
import dev.meshtest.config.istio.ServicePort;
import dev.meshtest.config.istio.SimpleLb;
import dev.meshtest.config.istio.TcpSettings;
import dev.meshtest.config.istio.TrafficPolicy;
import dev.meshtest.config.istio.TypeWorkloadSelector;
import dev.meshtest.config.istio.WorkloadEntry;
import dev.meshtest.internal.text.ApiServerText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationRuleGatewayServiceEntryTest {

    private static final String HOST = "helloworld.default.svc.cluster.local";

    private static void assertRejects(Resource r, String path, String reason) {
        String file = switch (r.kind()) {
            case "DestinationRule" -> "dr.yaml";
            case "Gateway" -> "gw.yaml";
            default -> "se.yaml";
        };
        assertThat(Admission.review(at(r, file, path, 7, 9)).stream().map(Problem::toString))
                .containsExactly(file + ":7:9: " + r.ref() + ": " + path + ": " + reason);
    }

    private static void assertWarns(Resource r, String path, String reason) {
        assertThat(Admission.review(at(r, "x.yaml", path, 7, 9))).isEmpty();
        assertThat(Admission.warnings(at(r, "x.yaml", path, 7, 9)).stream().map(Problem::toString))
                .containsExactly("x.yaml:7:9: " + r.ref() + ": " + path + ": " + reason);
    }

    private static HttpSettings http(Integer pending, Integer h2, Integer perConn, Integer retries) {
        return new HttpSettings(pending, h2, perConn, retries, null, null, null, null, null);
    }

    private static TrafficPolicy pool(HttpSettings http, TcpSettings tcp) {
        return tp(null, new ConnectionPoolSettings(tcp, http), null);
    }

    private static OutlierDetection outlier(Integer maxEjection, Integer minHealth) {
        return new OutlierDetection(null, null, null, null, 5, null, null, maxEjection, minHealth, null);
    }

    private static LoadBalancerSettings hash(ConsistentHashLb ch) {
        return new LoadBalancerSettings(null, ch, null, null, null, null);
    }

    // ---- DestinationRule ----

    @Test
    void duplicateSubsetNames() {
        assertRejects(dr("helloworld-dr", drSpec(HOST, null, subset("v1", Map.of("version", "v1")),
                subset("v1", Map.of("version", "v2")))), "spec.subsets[1].name", "duplicate subset names: v1");
    }

    @Test
    void badSubsetName() {
        assertRejects(dr("helloworld-dr", drSpec(HOST, null, subset("V1.x", Map.of()))), "spec.subsets[0].name",
                "subset name is invalid: V1.x");
    }

    @Test
    void badHost() {
        // Istio checks the labels after the first one as a domain of their own, and names that
        assertRejects(dr("helloworld-dr", drSpec("a..b", null)), "spec.host",
                "domain name \".b\" invalid (label \"\" invalid)");
    }

    @Test
    void emptyTrafficPolicy() {
        assertRejects(dr("helloworld-dr", drSpec(HOST, tp(null, null, null))), "spec.trafficPolicy",
                "traffic policy must have at least one field");
    }

    @Test
    void emptyConnectionPool() {
        assertRejects(dr("helloworld-dr", drSpec(HOST, pool(null, null))), "spec.trafficPolicy.connectionPool",
                "connection pool must have at least one field");
    }

    @Test
    void negativePoolValues() {
        String p = "spec.trafficPolicy.connectionPool.";
        assertRejects(dr("d", drSpec(HOST, pool(null, new TcpSettings(-1, null, null, null, null)))),
                p + "tcp.maxConnections", "max connections must be non-negative");
        assertRejects(dr("d", drSpec(HOST, pool(http(-1, null, null, null), null))),
                p + "http.http1MaxPendingRequests", "http1 max pending requests must be non-negative");
        assertRejects(dr("d", drSpec(HOST, pool(http(null, -1, null, null), null))),
                p + "http.http2MaxRequests", "http2 max requests must be non-negative");
        assertRejects(dr("d", drSpec(HOST, pool(http(null, null, -1, null), null))),
                p + "http.maxRequestsPerConnection", "max requests per connection must be non-negative");
        assertRejects(dr("d", drSpec(HOST, pool(http(null, null, null, -1), null))),
                p + "http.maxRetries", "max retries must be non-negative");
    }

    @Test
    void boundsAndListSizesInTheApiServersWords() {
        List<String> problems = Admission.review(ManifestReader.read("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: d}
                spec:
                  host: helloworld
                  trafficPolicy: {outlierDetection: {outlierDetectionHttpErrorCodes: [99, 600]}}
                """).get(0)).stream().map(Problem::toString).toList();
        String codes = "spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes";
        assertThat(problems).containsExactly(
                "<string>:6:71: DestinationRule default/d: " + codes + "[0]: Invalid value: 99: " + codes
                        + "[0] in body should be greater than or equal to 100",
                "<string>:6:75: DestinationRule default/d: " + codes + "[1]: Invalid value: 600: " + codes
                        + "[1] in body should be less than or equal to 599");
        assertThat(Admission.review(ManifestReader.read("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: g}
                spec:
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: ["*"]
                    tls: {mode: SIMPLE, credentialNames: [a, b, c]}
                """).get(0)).stream().map(Problem::toString)).containsExactly(
                // Too many is a blocking failure: the API server then skips the CEL rules, and says so.
                "<string>:8:25: Gateway default/g: spec.servers[0].tls.credentialNames: Too many: 3: must have at most 2 items",
                "<string>:1:1: Gateway default/g: <nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    void connectTimeoutCelRule() {
        assertRejects(dr("d", drSpec(HOST, pool(null, new TcpSettings(null, Duration.ZERO, null, null, null)))),
                "spec.trafficPolicy.connectionPool.tcp.connectTimeout", "Invalid value: \"string\": must be a valid duration greater than 1ms");
    }

    @Test
    void outlierPercentages() {
        assertRejects(dr("d", drSpec(HOST, tp(null, null, outlier(150, null)))),
                "spec.trafficPolicy.outlierDetection.maxEjectionPercent", "percentage 150 is not in range 0..100");
        assertRejects(dr("d", drSpec(HOST, tp(null, null, outlier(null, -1)))),
                "spec.trafficPolicy.outlierDetection.minHealthPercent", "percentage -1 is not in range 0..100");
    }

    @Test
    void portLevelEntries() {
        TrafficPolicy policy = new TrafficPolicy(null, null, null, null,
                List.of(new PortTrafficPolicy(null, new LoadBalancerSettings(SimpleLb.RANDOM, null, null, null, null, null),
                        null, null, null)), null, null, null);
        assertRejects(dr("d", drSpec(HOST, policy)), "spec.trafficPolicy.portLevelSettings[0].port",
                "portTrafficPolicy must have valid port");
        TrafficPolicy empty = new TrafficPolicy(null, null, null, null,
                List.of(new PortTrafficPolicy(new dev.meshtest.config.istio.PortSelector(80), null, null, null, null)),
                null, null, null);
        assertRejects(dr("d", drSpec(HOST, empty)), "spec.trafficPolicy.portLevelSettings[0]",
                "port traffic policy must have at least one field");
    }

    @Test
    void cookieNeedsName() {
        ConsistentHashLb ch = new ConsistentHashLb(null, new HttpCookie("", null, Duration.ofSeconds(10), null),
                null, null, null, null, null);
        assertRejects(dr("d", drSpec(HOST, tp(hash(ch), null, null))),
                "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name", "name required for HttpCookie");
    }

    @Test
    void maglevTableSize() {
        String p = "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize";
        ConsistentHashLb notPrime = new ConsistentHashLb("x-user", null, null, null, null, new MagLev(65536L), null);
        assertRejects(dr("d", drSpec(HOST, tp(hash(notPrime), null, null))), p, "tableSize must be a prime number for maglev");
        ConsistentHashLb tooBig = new ConsistentHashLb("x-user", null, null, null, null, new MagLev(5000011L), null);
        assertRejects(dr("d", drSpec(HOST, tp(hash(tooBig), null, null))), p, "tableSize must be less than 5000011 for maglev");
        ConsistentHashLb unset = new ConsistentHashLb("x-user", null, null, null, null, new MagLev(null), null);
        assertThat(dev.meshtest.internal.validate.Admission.review(at(dr("d", drSpec(HOST, tp(hash(unset), null, null))), "dr.yaml", p, 7, 9))
                .stream().map(Problem::reason))
                .containsExactly("tableSize must be set for maglev", "tableSize must be a prime number for maglev");
    }

    @Test
    void loadBalancerOneOf() {
        LoadBalancerSettings both = new LoadBalancerSettings(SimpleLb.RANDOM,
                new ConsistentHashLb("foo", null, null, null, null, null, null), null, null, null, null);
        // kube-openapi's composite error: at no field, the path in the message (the YAML line is the field's).
        Resource r = dr("d", drSpec(HOST, tp(both, null, null)));
        assertThat(Admission.review(at(r, "dr.yaml", "spec.trafficPolicy.loadBalancer", 7, 9)).stream().map(Problem::toString))
                .containsExactly("dr.yaml:7:9: " + r.ref() + ": <nil>: Invalid value: \"\": \"spec.trafficPolicy.loadBalancer\" must "
                        + "validate one and only one schema (oneOf). Found 2 valid alternatives");
    }

    @Test
    void exportToPublicAndPrivate() {
        DestinationRuleSpec spec = new DestinationRuleSpec(HOST, null, null, List.of("*", "."), null);
        assertRejects(dr("d", spec), "spec.exportTo",
                "cannot have both public (*) and non-public exportTo values for a resource");
    }

    @Test
    void exportToDuplicate() {
        DestinationRuleSpec spec = new DestinationRuleSpec(HOST, null, null, List.of("foo", "foo"), null);
        assertRejects(dr("d", spec), "spec.exportTo", "duplicate entries in exportTo for entry foo");
    }

    @Test
    void workloadSelectorExportTo() {
        DestinationRuleSpec spec = new DestinationRuleSpec(HOST, null, null, List.of("other"),
                new TypeWorkloadSelector(Map.of("app", "x")));
        assertRejects(dr("d", spec), "spec.exportTo",
                "destination rule with workload selector cannot have exportTo beyond current namespace");
    }

    @Test
    void consecutiveErrorsIsDeprecated() {
        OutlierDetection od = new OutlierDetection(5, null, null, null, null, null, null, null, null, null);
        assertWarns(dr("d", drSpec(HOST, tp(null, null, od))), "spec.trafficPolicy.outlierDetection.consecutiveErrors",
                "outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead");
    }

    // ---- Gateway ----

    @Test
    void gatewayNameWithDots() {
        assertRejects(gateway("my.gateway", server(80, "http", "HTTP", null, "*")), "metadata.name",
                "invalid gateway name: \"my.gateway\"");
    }

    @Test
    void gatewayWithoutServers() {
        assertRejects(gateway("gw"), "spec.servers", "gateway must have at least one server");
    }

    @Test
    void serverWithoutHosts() {
        assertRejects(gateway("gw", server(80, "http", "HTTP", null)), "spec.servers[0].hosts",
                "server config must contain at least one host");
    }

    @Test
    void shortHost() {
        assertRejects(gateway("gw", server(80, "http", "HTTP", null, "helloworld")), "spec.servers[0].hosts[0]",
                "short names (non FQDN) are not allowed");
    }

    @Test
    void partialWildcard() {
        // the host fails both the domain-name check and the partial-wildcard check, and Istio reports both
        assertThat(Admission.review(at(gateway("gw", server(80, "http", "HTTP", null, "foo*.com")), "gw.yaml",
                "spec.servers[0].hosts[0]", 7, 9)).stream().map(Problem::toString)).containsExactly(
                "gw.yaml:7:9: Gateway default/gw: spec.servers[0].hosts[0]: domain name \"foo*.com\" invalid (label \"foo*\" invalid)",
                "gw.yaml:7:9: Gateway default/gw: spec.servers[0].hosts[0]: partial wildcard \"foo*.com\" not allowed");
    }

    @Test
    void namespacePrefix() {
        assertRejects(gateway("gw", server(80, "http", "HTTP", null, "Bad_NS/foo.com")), "spec.servers[0].hosts[0]",
                "invalid namespace value \"Bad_NS\" in gateway");
    }

    @Test
    void portRequired() {
        // The CRD requires it: the API server refuses first, and the webhook's "port is required" is never reached.
        Resource g = gateway("gw", new Server(null, null, List.of("*"), null, null, null));
        assertThat(Admission.review(at(g, "gw.yaml", "spec.servers[0].port", 7, 9)).stream().map(Problem::toString))
                .containsExactly("gw.yaml:7:9: Gateway default/gw: spec.servers[0].port: Required value",
                        "gw.yaml:1:1: Gateway default/gw: <nil>: " + ApiServerText.NOT_CHECKED);
    }

    @Test
    void portNameRequired() {
        assertRejects(gateway("gw", server(80, "", "HTTP", null, "*")), "spec.servers[0].port.name",
                "port name must be set: number:80 protocol:\"HTTP\"");
    }

    @Test
    void portNamesUnique() {
        assertRejects(gateway("gw", server(80, "web", "HTTP", null, "*"), server(8080, "web", "HTTP", null, "*")),
                "spec.servers[1].port.name", "port names in servers must be unique: duplicate name web");
    }

    @Test
    void invalidProtocol() {
        assertRejects(gateway("gw", server(80, "http", "SMTP", null, "*")), "spec.servers[0].port.protocol",
                "invalid protocol \"SMTP\", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP");
    }

    private static ServerTlsSettings tls(ServerTlsSettingsTlsMode mode, String credentialName) {
        return new ServerTlsSettings(null, mode, null, null, null, null, credentialName, null, null, null, null,
                null, null, null, null, null, null);
    }

    @Test
    void httpsNeedsTls() {
        assertRejects(gateway("gw", server(443, "https", "HTTPS", null, "*.example.com")), "spec.servers[0]",
                "server must have TLS settings for HTTPS/TLS protocols");
    }

    @Test
    void plainHttpCannotTerminateTls() {
        assertRejects(gateway("gw", server(80, "http", "HTTP", tls(ServerTlsSettingsTlsMode.SIMPLE, "cert"), "*")),
                "spec.servers[0].tls", "server cannot have TLS settings for plain text HTTP ports");
    }

    @Test
    void httpsRedirectOnHttpIsFine() {
        ServerTlsSettings redirect = new ServerTlsSettings(true, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThat(Admission.review(at(gateway("gw", server(80, "http", "HTTP", redirect, "*")), "gw.yaml", "", 1, 1))).isEmpty();
    }

    // ---- ServiceEntry ----

    private static ServiceEntrySpec seSpec(List<String> hosts, List<ServicePort> ports, ServiceEntryResolution res,
                                           List<WorkloadEntry> endpoints) {
        return new ServiceEntrySpec(hosts, null, ports, null, res, endpoints, null, null, null);
    }

    private static ServicePort port(int n, String name, String protocol) {
        return new ServicePort(n, protocol, name, null);
    }

    private static WorkloadEntry endpoint(String address) {
        return new WorkloadEntry(address, null, null, null, null, null, null);
    }

    @Test
    void serviceEntryNeedsHosts() {
        // hosts: [] fails the CRD's minItems before the webhook's "service entry must have at least one host".
        assertRejects(se("ext", seSpec(List.of(), List.of(port(443, "https", "TLS")), ServiceEntryResolution.DNS, null)),
                "spec.hosts", "Invalid value: 0: spec.hosts in body should have at least 1 items");
    }

    @Test
    void wildcardHostWithDnsResolution() {
        assertRejects(se("ext", seSpec(List.of("*.example.com"), List.of(port(443, "https", "TLS")),
                        ServiceEntryResolution.DNS, null)), "spec.hosts[0]",
                "hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode DNS, "
                        + "domain name \"*.example.com\" invalid (label \"*\" invalid)");
    }

    @Test
    void endpointsWithResolutionNoneAreRejectedByTheCrd() {
        assertRejects(se("ext", seSpec(List.of("api.example.com"), List.of(port(443, "https", "TLS")),
                ServiceEntryResolution.NONE, List.of(endpoint("1.2.3.4")))), "spec", "Invalid value: \"object\": NONE mode cannot set endpoints");
    }

    @Test
    void fullWildcardHostIsRejectedByTheCrd() {
        assertRejects(se("ext", seSpec(List.of("*"), List.of(port(80, "http", "HTTP")), ServiceEntryResolution.DNS, null)),
                "spec.hosts[0]", "Invalid value: \"string\": hostname cannot be wildcard");
    }

    @Test
    void portRangeIsACrdRule() {
        assertRejects(se("ext", seSpec(List.of("api.example.com"), List.of(port(0, "http", "HTTP")),
                ServiceEntryResolution.DNS, null)), "spec.ports[0].number", "Invalid value: \"integer\": port must be between 1-65535");
    }

    @Test
    void duplicatePortName() {
        assertRejects(se("ext", seSpec(List.of("api.example.com"), List.of(port(80, "http", "HTTP"), port(8080, "http", "HTTP")),
                ServiceEntryResolution.DNS, null)), "spec.ports[1].name", "service entry port name \"http\" already defined");
    }

    @Test
    void staticEndpointMustBeAnIp() {
        assertRejects(se("ext", seSpec(List.of("api.example.com"), List.of(port(80, "http", "HTTP")),
                ServiceEntryResolution.STATIC, List.of(endpoint("api.internal")))), "spec.endpoints[0].address",
                "endpoint address \"api.internal\" is not a valid IP address");
    }

    @Test
    void multipleHostsWithTcpPort() {
        assertRejects(se("ext", new ServiceEntrySpec(List.of("a.example.com", "b.example.com"), List.of("10.0.0.1"),
                        List.of(port(3306, "mysql", "TCP")), null, ServiceEntryResolution.DNS, null, null, null, null)),
                "spec.ports[0].protocol", "multiple hosts provided with non-HTTP, non-TLS ports");
    }

    @Test
    void tcpPortWithoutAddressesWarnsForResolutionNone() {
        assertWarns(se("ext", seSpec(List.of("db.example.com"), List.of(port(5432, "pg", "TCP")),
                ServiceEntryResolution.NONE, null)), "spec.ports[0]",
                "addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled");
    }

    @Test
    void plainExternalServiceEntryIsValid() {
        assertThat(Admission.review(at(se("httpbin", seSpec(List.of("httpbin.org"), List.of(port(80, "http", "HTTP")),
                ServiceEntryResolution.DNS, null)), "se.yaml", "", 1, 1))).isEmpty();
    }
}
