package dev.meshtest.internal.validate;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Origin;
import dev.meshtest.config.Position;
import dev.meshtest.config.Resource;
import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.CorsPolicy;
import dev.meshtest.config.istio.Delegate;
import dev.meshtest.config.istio.Destination;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.DestinationRuleSpec;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.GatewaySpec;
import dev.meshtest.config.istio.Headers;
import dev.meshtest.config.istio.HttpDirectResponse;
import dev.meshtest.config.istio.HttpFaultInjection;
import dev.meshtest.config.istio.HttpMatchRequest;
import dev.meshtest.config.istio.HttpMirrorPolicy;
import dev.meshtest.config.istio.HttpRedirect;
import dev.meshtest.config.istio.HttpRetry;
import dev.meshtest.config.istio.HttpRewrite;
import dev.meshtest.config.istio.HttpRoute;
import dev.meshtest.config.istio.HttpRouteDestination;
import dev.meshtest.config.istio.LoadBalancerSettings;
import dev.meshtest.config.istio.OutlierDetection;
import dev.meshtest.config.istio.Percent;
import dev.meshtest.config.istio.Port;
import dev.meshtest.config.istio.PortSelector;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.istio.ServerTlsSettings;
import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.config.istio.ServiceEntrySpec;
import dev.meshtest.config.istio.StringMatch;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.TrafficPolicy;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.istio.VirtualServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small factories for the records, so tests read like the YAML they stand for. */
final class Fixtures {

    private Fixtures() {
    }

    static final String NS = "default";

    // ---- manifests ----

    /** A manifest from {@code file} whose only known positions are the object (1:1) and {@code path}. */
    static Manifest at(Resource r, String file, String path, int line, int column) {
        Map<String, Position> positions = new LinkedHashMap<>();
        positions.put("", new Position(1, 1));
        positions.put(path, new Position(line, column));
        return new Manifest(r, new Origin(file, positions));
    }

    static Manifest inFile(Resource r, String file, Map<String, Position> positions) {
        return new Manifest(r, new Origin(file, positions));
    }

    // ---- VirtualService ----

    static VirtualService vs(String name, VirtualServiceSpec spec) {
        return new VirtualService("networking.istio.io/v1", "VirtualService", ObjectMeta.of(name, NS), spec);
    }

    static VirtualServiceSpec vsSpec(List<String> hosts, List<String> gateways, HttpRoute... http) {
        return new VirtualServiceSpec(hosts, gateways, List.of(http), null, null, null);
    }

    static HttpRouteDestination dest(String host, Integer weight) {
        return new HttpRouteDestination(new Destination(host, null, null), weight, null);
    }

    static HttpRouteDestination dest(String host, String subset, Integer port, Integer weight) {
        return new HttpRouteDestination(new Destination(host, subset, port == null ? null : new PortSelector(port)),
                weight, null);
    }

    static StringMatch prefix(String p) {
        return new StringMatch(null, p, null);
    }

    static StringMatch exact(String e) {
        return new StringMatch(e, null, null);
    }

    static StringMatch regex(String r) {
        return new StringMatch(null, null, r);
    }

    static HttpMatchRequest uri(StringMatch uri) {
        return new HttpMatchRequest(null, uri, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static HttpMatchRequest headers(Map<String, StringMatch> headers) {
        return new HttpMatchRequest(null, null, null, null, null, headers, null, null, null, null, null, null, null, null);
    }

    /** Builds an {@link HttpRoute}; every field starts unset. */
    static final class Http {
        String name;
        List<HttpMatchRequest> match = new ArrayList<>();
        List<HttpRouteDestination> route = new ArrayList<>();
        HttpRedirect redirect;
        HttpDirectResponse directResponse;
        Delegate delegate;
        HttpRewrite rewrite;
        Duration timeout;
        HttpRetry retries;
        HttpFaultInjection fault;
        Destination mirror;
        List<HttpMirrorPolicy> mirrors = new ArrayList<>();
        Integer mirrorPercent;
        Percent mirrorPercentage;
        CorsPolicy corsPolicy;
        Headers headers;

        Http route(HttpRouteDestination... d) {
            route.addAll(List.of(d));
            return this;
        }

        Http match(HttpMatchRequest... m) {
            match.addAll(List.of(m));
            return this;
        }

        HttpRoute build() {
            return new HttpRoute(name, match, route, redirect, directResponse, delegate, rewrite, timeout, retries,
                    fault, mirror, mirrors, mirrorPercent, null, mirrorPercentage, corsPolicy, headers);
        }
    }

    static Http http() {
        return new Http();
    }

    static HttpRoute routeTo(HttpRouteDestination... d) {
        return http().route(d).build();
    }

    // ---- DestinationRule ----

    static DestinationRule dr(String name, DestinationRuleSpec spec) {
        return new DestinationRule("networking.istio.io/v1", "DestinationRule", ObjectMeta.of(name, NS), spec);
    }

    static DestinationRuleSpec drSpec(String host, TrafficPolicy policy, Subset... subsets) {
        return new DestinationRuleSpec(host, policy, List.of(subsets), null, null);
    }

    static Subset subset(String name, Map<String, String> labels) {
        return new Subset(name, labels, null);
    }

    static TrafficPolicy tp(LoadBalancerSettings lb, ConnectionPoolSettings pool, OutlierDetection outlier) {
        return new TrafficPolicy(lb, pool, outlier, null, null, null, null, null);
    }

    // ---- Gateway ----

    static Gateway gateway(String name, Server... servers) {
        return new Gateway("networking.istio.io/v1", "Gateway", ObjectMeta.of(name, NS),
                new GatewaySpec(List.of(servers), Map.of("istio", "ingressgateway")));
    }

    static Server server(int port, String name, String protocol, ServerTlsSettings tls, String... hosts) {
        return new Server(new Port(port, protocol, name, null), null, List.of(hosts), tls, null, null);
    }

    // ---- ServiceEntry ----

    static ServiceEntry se(String name, ServiceEntrySpec spec) {
        return new ServiceEntry("networking.istio.io/v1", "ServiceEntry", ObjectMeta.of(name, NS), spec);
    }
}
