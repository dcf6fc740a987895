package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Values.isEmpty;
import static dev.meshtest.internal.validate.Values.orZero;

import dev.meshtest.config.istio.ClientTlsSettings;
import dev.meshtest.config.istio.ClientTlsSettingsTlsMode;
import dev.meshtest.config.istio.ConnectionPoolSettings;
import dev.meshtest.config.istio.ConsistentHashLb;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.DestinationRuleSpec;
import dev.meshtest.config.istio.H2UpgradePolicy;
import dev.meshtest.config.istio.HttpCookieAttribute;
import dev.meshtest.config.istio.HttpSettings;
import dev.meshtest.config.istio.LoadBalancerSettings;
import dev.meshtest.config.istio.LocalityLoadBalancerSetting;
import dev.meshtest.config.istio.LocalityLoadBalancerSettingDistribute;
import dev.meshtest.config.istio.LocalityLoadBalancerSettingFailover;
import dev.meshtest.config.istio.OutlierDetection;
import dev.meshtest.config.istio.PortTrafficPolicy;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.TcpSettings;
import dev.meshtest.config.istio.TrafficPolicy;
import dev.meshtest.config.istio.TunnelSettings;
import dev.meshtest.config.istio.WarmupConfiguration;
import dev.meshtest.config.istio.ZoneAwareLoadBalancerSetting;
import dev.meshtest.config.istio.ZoneAwareLoadBalancerSettingFailover;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Istio's {@code ValidateDestinationRule} ({@code pkg/config/validation/validation.go}) plus the
 * DestinationRule CRD's schema rules (load-balancer oneofs, CEL durations, error-code range,
 * workload-selector CEL rules).
 *
 * <pre>{@code
 * new DestinationRuleValidator(findings, "default").validate(destinationRule);
 * }</pre>
 */
final class DestinationRuleValidator {

    private static final Set<String> TOPOLOGY_LABELS = Set.of(
            "topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone");

    private final Findings f;
    private final String namespace;

    DestinationRuleValidator(Findings findings, String namespace) {
        this.f = findings;
        this.namespace = namespace;
    }

    void validate(DestinationRule dr) {
        DestinationRuleSpec spec = dr.spec();
        if (spec == null) {
            spec = new DestinationRuleSpec(null, null, null, null, null);
        }
        f.error("spec.host", Names.wildcardDomain(Objects.requireNonNullElse(spec.host(), "")));
        trafficPolicy(spec.trafficPolicy(), "spec.trafficPolicy");

        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.subsets().size(); i++) {
            Subset s = spec.subsets().get(i);
            String p = "spec.subsets[" + i + "]";
            if (s == null) {
                f.error(p, "subset may not be null");
                continue;
            }
            String name = Objects.requireNonNullElse(s.name(), "");
            if (!names.add(name)) {
                f.error(p + ".name", "duplicate subset names: " + name);
            }
            // validateSubset
            f.error(p + ".name", VirtualServiceValidator.subsetName(name));
            for (String[] err : Names.labels(s.labels())) {
                f.error(Findings.key(p + ".labels", err[0]), err[1]);
            }
            trafficPolicy(s.trafficPolicy(), p + ".trafficPolicy");
        }
        for (String err : Values.exportTo(namespace, spec.exportTo(), false, spec.workloadSelector() != null)) {
            f.error("spec.exportTo", err);
        }
        Values.typeWorkloadSelector(f, spec.workloadSelector(), "spec.workloadSelector");
    }

    /** {@code validateTrafficPolicy}. */
    private void trafficPolicy(TrafficPolicy tp, String p) {
        if (tp == null) {
            return;
        }
        schemaLoadBalancer(tp.loadBalancer(), p + ".loadBalancer");
        for (int i = 0; i < tp.portLevelSettings().size(); i++) {
            PortTrafficPolicy pl = tp.portLevelSettings().get(i);
            if (pl != null) {
                schemaLoadBalancer(pl.loadBalancer(), p + ".portLevelSettings[" + i + "].loadBalancer");
            }
        }
        if (tp.outlierDetection() == null && tp.connectionPool() == null && tp.loadBalancer() == null
                && tp.tls() == null && tp.portLevelSettings().isEmpty() && tp.tunnel() == null
                && tp.proxyProtocol() == null && tp.retryBudget() == null) {
            f.error(p, "traffic policy must have at least one field");
            return;
        }
        if (tp.tunnel() != null && tp.proxyProtocol() != null) {
            f.error(p, "tunnel and proxyProtocol must not be set together");
            return;
        }
        outlierDetection(tp.outlierDetection(), p + ".outlierDetection");
        connectionPool(tp.connectionPool(), p + ".connectionPool");
        loadBalancer(tp.loadBalancer(), tp.outlierDetection(), p + ".loadBalancer");
        tls(tp.tls(), p + ".tls");
        portLevelSettings(tp.portLevelSettings(), p + ".portLevelSettings");
        tunnel(tp.tunnel(), p + ".tunnel");
    }

    /** The CRD's oneofs on a load balancer and its consistent hash (its ranges are IstioSchema's). */
    private void schemaLoadBalancer(LoadBalancerSettings lb, String p) {
        if (lb == null) {
            return;
        }
        Values.oneOf(f, p, lb.simple(), lb.consistentHash());
        ConsistentHashLb ch = lb.consistentHash();
        if (ch != null) {
            String cp = p + ".consistentHash";
            Values.oneOf(f, cp, ch.httpHeaderName(), ch.httpCookie(), ch.useSourceIp(), ch.httpQueryParameterName());
            Values.oneOf(f, cp, ch.ringHash(), ch.maglev());
        }
    }

    /** {@code validateOutlierDetection}. */
    private void outlierDetection(OutlierDetection od, String p) {
        if (od == null) {
            return;
        }
        Values.validateDuration(f, p + ".baseEjectionTime", od.baseEjectionTime());
        if (orZero(od.consecutiveErrors()) != 0) {
            f.warn(p + ".consecutiveErrors", "outlier detection consecutive errors is deprecated, "
                    + "use consecutiveGatewayErrors or consecutive5xxErrors instead");
        }
        if (!Boolean.TRUE.equals(od.splitExternalLocalOriginErrors()) && orZero(od.consecutiveLocalOriginFailures()) > 0) {
            f.error(p + ".consecutiveLocalOriginFailures", "outlier detection consecutive local origin failures is "
                    + "specified, but split external local origin errors is set to false");
        }
        Values.validateDuration(f, p + ".interval", od.interval());
        f.error(p + ".maxEjectionPercent", Values.percent(orZero(od.maxEjectionPercent())));
        f.error(p + ".minHealthPercent", Values.percent(orZero(od.minHealthPercent())));
    }

    /** {@code validateConnectionPool}. */
    void connectionPool(ConnectionPoolSettings cp, String p) {
        if (cp == null) {
            return;
        }
        if (cp.http() == null && cp.tcp() == null) {
            f.error(p, "connection pool must have at least one field");
            return;
        }
        HttpSettings http = cp.http();
        if (http != null) {
            String hp = p + ".http";
            if (orZero(http.http1MaxPendingRequests()) < 0) {
                f.error(hp + ".http1MaxPendingRequests", "http1 max pending requests must be non-negative");
            }
            if (orZero(http.http2MaxRequests()) < 0) {
                f.error(hp + ".http2MaxRequests", "http2 max requests must be non-negative");
            }
            if (orZero(http.maxRequestsPerConnection()) < 0) {
                f.error(hp + ".maxRequestsPerConnection", "max requests per connection must be non-negative");
            }
            if (orZero(http.maxRetries()) < 0) {
                f.error(hp + ".maxRetries", "max retries must be non-negative");
            }
            Values.validateDuration(f, hp + ".idleTimeout", http.idleTimeout());
            if (http.h2UpgradePolicy() == H2UpgradePolicy.UPGRADE && Boolean.TRUE.equals(http.useClientProtocol())) {
                f.error(hp + ".useClientProtocol", "use client protocol must not be true when H2UpgradePolicy is UPGRADE");
            }
            if (orZero(http.maxConcurrentStreams()) < 0) {
                f.error(hp + ".maxConcurrentStreams", "max concurrent streams must be non-negative");
            }
            if (http.http2KeepAlive() != null) {
                String kp = hp + ".http2KeepAlive";
                if (http.http2KeepAlive().interval() == null) {
                    f.error(kp, "http2 keepalive interval is required");
                } else {
                    Values.validateDuration(f, kp + ".interval", http.http2KeepAlive().interval());
                }
                if (http.http2KeepAlive().timeout() == null) {
                    f.error(kp, "http2 keepalive timeout is required");
                } else {
                    Values.validateDuration(f, kp + ".timeout", http.http2KeepAlive().timeout());
                }
            }
        }
        TcpSettings tcp = cp.tcp();
        if (tcp != null) {
            String tp = p + ".tcp";
            if (orZero(tcp.maxConnections()) < 0) {
                f.error(tp + ".maxConnections", "max connections must be non-negative");
            }
            Values.validateDuration(f, tp + ".connectTimeout", tcp.connectTimeout());
            Values.validateDuration(f, tp + ".maxConnectionDuration", tcp.maxConnectionDuration());
            // no CEL rule here, and 0s (under 1ms) means "disabled"
            if (tcp.idleTimeout() != null && tcp.idleTimeout().toMillis() != 0) {
                f.error(tp + ".idleTimeout", Values.duration(tcp.idleTimeout()));
            }
            if (tcp.tcpKeepalive() != null) {
                Values.validateDuration(f, tp + ".tcpKeepalive.time", tcp.tcpKeepalive().time());
                Values.validateDuration(f, tp + ".tcpKeepalive.interval", tcp.tcpKeepalive().interval());
            }
        }
    }

    /** {@code validateLoadBalancer}. */
    private void loadBalancer(LoadBalancerSettings lb, OutlierDetection outlier, String p) {
        if (lb == null) {
            return;
        }
        ConsistentHashLb ch = lb.consistentHash();
        if (ch != null) {
            String cp = p + ".consistentHash";
            if (ch.httpCookie() != null) {
                if (isEmpty(ch.httpCookie().name())) {
                    f.error(cp + ".httpCookie.name", "name required for HttpCookie");
                }
                Set<String> attrs = new HashSet<>();
                List<HttpCookieAttribute> list = ch.httpCookie().attributes();
                for (int i = 0; i < list.size(); i++) {
                    String name = list.get(i) == null ? "" : Objects.requireNonNullElse(list.get(i).name(), "");
                    String ap = cp + ".httpCookie.attributes[" + i + "].name";
                    if (name.isEmpty()) {
                        f.error(ap, "cookie attribute name cannot be empty");
                    } else if (!attrs.add(name)) {
                        f.error(ap, "duplicate cookie attribute name: " + name);
                    }
                }
            }
            long minRing = ch.minimumRingSize() == null ? 0 : ch.minimumRingSize();
            if (minRing != 0) {
                f.warn(cp + ".minimumRingSize", "consistent hash MinimumRingSize is deprecated, "
                        + "use ConsistentHashLB's RingHash configuration instead");
                if (ch.ringHash() != null || ch.maglev() != null) {
                    f.error(cp + ".minimumRingSize", "only one of MinimumRingSize or Maglev/Ringhash can be specified");
                }
            }
            if (ch.maglev() != null) {
                long size = ch.maglev().tableSize() == null ? 0 : ch.maglev().tableSize();
                String mp = cp + ".maglev.tableSize";
                if (size == 0) {
                    f.error(mp, "tableSize must be set for maglev");
                }
                if (size >= 5000011) {
                    f.error(mp, "tableSize must be less than 5000011 for maglev");
                }
                if (!isPrime(size)) {
                    f.error(mp, "tableSize must be a prime number for maglev");
                }
            }
        }
        if (lb.localityLbSetting() != null && lb.zoneAwareLbSetting() != null) {
            f.error(p, "only one of localityLbSetting and zoneAwareLbSetting can be set");
        }
        localityLb(lb.localityLbSetting(), outlier, p + ".localityLbSetting");
        zoneAwareLb(lb.zoneAwareLbSetting(), outlier, p + ".zoneAwareLbSetting");
        WarmupConfiguration warm = lb.warmup();
        if (warm != null) {
            if (warm.duration() == null) {
                f.error(p + ".warmup", "duration is required");
            } else {
                Values.validateDuration(f, p + ".warmup.duration", warm.duration());
            }
            if (warm.minimumPercent() != null && warm.minimumPercent() > 100) {
                f.error(p + ".warmup.minimumPercent", "minimumPercent value should be less than or equal to 100");
            }
            if (warm.aggression() != null && warm.aggression() <= 0) {
                f.error(p + ".warmup.aggression", "aggression should be greater than 0");
            }
        }
    }

    /** Envoy's primality test, as Istio copies it ({@code isPrime}); 0 is not prime. */
    static boolean isPrime(long x) {
        if (x != 0 && x < 4) {
            return x > 0;
        }
        if (x <= 0 || (x & 1) == 0) {
            return false;
        }
        long limit = (long) Math.sqrt((double) x);
        for (long factor = 3; factor <= limit; factor += 2) {
            if (x % factor == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code agent.ValidateLocalityLbSetting}. */
    private void localityLb(LocalityLoadBalancerSetting lb, OutlierDetection outlier, String p) {
        if (lb == null) {
            return;
        }
        if (!lb.distribute().isEmpty() && !lb.failover().isEmpty()) {
            f.error(p, "can not simultaneously specify 'distribute' and 'failover'");
            return;
        }
        if (!lb.failover().isEmpty()) {
            for (String label : lb.failoverPriority()) {
                if (TOPOLOGY_LABELS.contains(label)) {
                    f.error(p + ".failoverPriority", "can not simultaneously set 'failover' and topology label '"
                            + label + "' in 'failover_priority'");
                    return;
                }
            }
        }
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < lb.distribute().size(); i++) {
            LocalityLoadBalancerSettingDistribute d = lb.distribute().get(i);
            String dp = p + ".distribute[" + i + "]";
            if (d == null) {
                continue;
            }
            sources.add(Objects.requireNonNullElse(d.from(), ""));
            long total = 0;
            for (Integer w : d.to().values()) {
                long weight = w == null ? 0 : Integer.toUnsignedLong(w);
                if (weight <= 0 || weight > 100) {
                    f.error(dp + ".to", "locality weight must be in range [1, 100]");
                    return;
                }
                total += weight;
            }
            if (total != 100) {
                f.error(dp + ".to", "total locality weight " + total + " != 100");
                return;
            }
            f.error(dp + ".to", localities(new ArrayList<>(d.to().keySet())));
        }
        f.error(p + ".distribute", localities(sources));
        if ((!lb.failover().isEmpty() || !lb.failoverPriority().isEmpty()) && outlier == null) {
            f.warn(p, "outlier detection policy must be provided for failover");
        }
        for (int i = 0; i < lb.failover().size(); i++) {
            LocalityLoadBalancerSettingFailover fo = lb.failover().get(i);
            if (fo == null) {
                continue;
            }
            String from = Objects.requireNonNullElse(fo.from(), "");
            String to = Objects.requireNonNullElse(fo.to(), "");
            String fp = p + ".failover[" + i + "]";
            if (from.equals(to)) {
                f.error(fp, "locality lb failover settings must specify different regions");
            }
            if (from.contains("/") || to.contains("/")) {
                f.error(fp, "locality lb failover only specify region");
            }
            if (from.contains("*") || to.contains("*")) {
                f.error(fp, "locality lb failover region should not contain '*' wildcard");
            }
        }
    }

    /** {@code agent.validateLocalities}: no overlapping {@code region/zone/subzone} entries. */
    static String localities(List<String> localities) {
        Map<String, Map<String, Set<String>>> seen = new HashMap<>();
        for (String locality : localities) {
            long stars = locality.chars().filter(c -> c == '*').count();
            if (stars > 0 && (stars > 1 || !locality.endsWith("*"))) {
                return "locality " + locality + " wildcard '*' number can not exceed 1 and must be in the end";
            }
            if (seen.containsKey("*")) {
                return "locality " + locality + " overlap with previous specified ones";
            }
            String[] items = locality.split("/", 3);
            for (String item : items) {
                if (item.isEmpty()) {
                    return "locality " + locality + " must not contain empty region/zone/subzone info";
                }
            }
            String overlap = "locality " + locality + " overlap with previous specified ones";
            String region = items[0];
            Map<String, Set<String>> zones = seen.get(region);
            if (items.length == 1) {
                if (zones != null) {
                    return overlap;
                }
                Map<String, Set<String>> all = new HashMap<>();
                all.put("*", new HashSet<>(Set.of("*")));
                seen.put(region, all);
            } else if (items.length == 2) {
                if (zones != null) {
                    if (zones.containsKey("*") || zones.containsKey(items[1])) {
                        return overlap;
                    }
                    zones.put(items[1], new HashSet<>(Set.of("*")));
                } else {
                    Map<String, Set<String>> z = new HashMap<>();
                    z.put(items[1], new HashSet<>(Set.of("*")));
                    seen.put(region, z);
                }
            } else {
                if (zones != null) {
                    if (zones.containsKey("*")) {
                        return overlap;
                    }
                    Set<String> subzones = zones.get(items[1]);
                    if (subzones != null) {
                        if (subzones.contains("*") || subzones.contains(items[2])) {
                            return overlap;
                        }
                        subzones.add(items[2]);
                    } else {
                        zones.put(items[1], new HashSet<>(Set.of(items[2])));
                    }
                } else {
                    Map<String, Set<String>> z = new HashMap<>();
                    z.put(items[1], new HashSet<>(Set.of(items[2])));
                    seen.put(region, z);
                }
            }
        }
        return null;
    }

    /** {@code agent.ValidateZoneAwareLbSetting}. */
    private void zoneAwareLb(ZoneAwareLoadBalancerSetting lb, OutlierDetection outlier, String p) {
        if (lb == null) {
            return;
        }
        for (String label : lb.failoverPriority()) {
            if (TOPOLOGY_LABELS.contains(label)) {
                f.error(p + ".failoverPriority", "'failover_priority' for zone aware lb must not use topology label '"
                        + label + "'; region- and zone-level routing are handled automatically");
            }
        }
        if ((!lb.failover().isEmpty() || !lb.failoverPriority().isEmpty()) && outlier == null) {
            f.warn(p, "outlier detection policy must be provided for failover");
        }
        for (int i = 0; i < lb.failover().size(); i++) {
            ZoneAwareLoadBalancerSettingFailover fo = lb.failover().get(i);
            if (fo == null) {
                continue;
            }
            String from = Objects.requireNonNullElse(fo.from(), "");
            String to = Objects.requireNonNullElse(fo.to(), "");
            String fp = p + ".failover[" + i + "]";
            if (from.equals(to)) {
                f.error(fp, "zone aware lb failover settings must specify different regions");
            }
            if (from.contains("/") || to.contains("/")) {
                f.error(fp, "zone aware lb failover only specifies region; zone and subzone failover are handled automatically");
            }
            if (from.contains("*") || to.contains("*")) {
                f.error(fp, "zone aware lb failover region should not contain '*' wildcard");
            }
        }
    }

    /** {@code agent.ValidateTLS} (without the {@code configmap://} credential checks). */
    private void tls(ClientTlsSettings tls, String p) {
        if (tls == null) {
            return;
        }
        ClientTlsSettingsTlsMode mode = tls.mode() == null ? ClientTlsSettingsTlsMode.DISABLE : tls.mode();
        if (Boolean.TRUE.equals(tls.insecureSkipVerify())) {
            if (mode == ClientTlsSettingsTlsMode.SIMPLE && (!isEmpty(tls.caCertificates())
                    || !isEmpty(tls.credentialName()) || !tls.subjectAltNames().isEmpty())) {
                f.error(p, "cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true");
            }
            if (mode == ClientTlsSettingsTlsMode.MUTUAL && (!isEmpty(tls.caCertificates()) || !tls.subjectAltNames().isEmpty())) {
                f.error(p, "cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true");
            }
        }
        boolean simpleOrMutual = mode == ClientTlsSettingsTlsMode.SIMPLE || mode == ClientTlsSettingsTlsMode.MUTUAL;
        if (simpleOrMutual && !isEmpty(tls.credentialName())) {
            if (!isEmpty(tls.clientCertificate()) || !isEmpty(tls.caCertificates()) || !isEmpty(tls.privateKey())
                    || !isEmpty(tls.caCrl())) {
                f.error(p, "cannot specify client certificates or CA certificate or CA CRL If credentialName is set");
            }
            return;
        }
        if (mode == ClientTlsSettingsTlsMode.MUTUAL) {
            if (isEmpty(tls.clientCertificate())) {
                f.error(p + ".clientCertificate", "client certificate required for mutual tls");
            }
            if (isEmpty(tls.privateKey())) {
                f.error(p + ".privateKey", "private key required for mutual tls");
            }
        }
    }

    /** {@code validatePortTrafficPolicies}. */
    private void portLevelSettings(List<PortTrafficPolicy> list, String p) {
        for (int i = 0; i < list.size(); i++) {
            PortTrafficPolicy t = list.get(i);
            String tp = p + "[" + i + "]";
            if (t == null) {
                f.error(tp, "traffic policy may not be null");
                continue;
            }
            if (t.port() == null) {
                f.error(tp + ".port", "portTrafficPolicy must have valid port");
            }
            if (t.outlierDetection() == null && t.connectionPool() == null && t.loadBalancer() == null && t.tls() == null) {
                f.error(tp, "port traffic policy must have at least one field");
            } else {
                outlierDetection(t.outlierDetection(), tp + ".outlierDetection");
                connectionPool(t.connectionPool(), tp + ".connectionPool");
                loadBalancer(t.loadBalancer(), t.outlierDetection(), tp + ".loadBalancer");
                tls(t.tls(), tp + ".tls");
            }
        }
    }

    /** {@code validateTunnelSettings}. */
    private void tunnel(TunnelSettings t, String p) {
        if (t == null) {
            return;
        }
        if (!isEmpty(t.protocol()) && !t.protocol().equals("CONNECT") && !t.protocol().equals("POST")) {
            f.error(p + ".protocol", "tunnel protocol must be \"CONNECT\" or \"POST\"");
        }
        String host = Objects.requireNonNullElse(t.targetHost(), "");
        String fqdnErr = Names.fqdn(host);
        String ipErr = Names.ipAddress(host);
        if (fqdnErr != null && ipErr != null) {
            f.error(p + ".targetHost", "tunnel target host must be valid FQDN or IP address: " + fqdnErr + "; " + ipErr);
        }
        String portErr = Values.port(orZero(t.targetPort()));
        if (portErr != null) {
            f.error(p + ".targetPort", "tunnel target port is invalid: " + portErr);
        }
    }
}
