package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Values.isEmpty;
import static dev.meshtest.internal.validate.Values.orZero;
import static dev.meshtest.internal.validate.Values.quote;

import dev.meshtest.config.istio.CaptureMode;
import dev.meshtest.config.istio.IstioEgressListener;
import dev.meshtest.config.istio.IstioIngressListener;
import dev.meshtest.config.istio.OutboundTrafficPolicy;
import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.ServerTlsSettingsTlsMode;
import dev.meshtest.config.istio.Sidecar;
import dev.meshtest.config.istio.SidecarOutboundTrafficPolicy;
import dev.meshtest.config.istio.SidecarPort;
import dev.meshtest.config.istio.SidecarSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Istio's {@code ValidateSidecar} ({@code pkg/config/validation/validation.go}), with its messages.
 *
 * <pre>{@code
 * new SidecarValidator(findings, "default").validate(sidecar);
 * }</pre>
 */
final class SidecarValidator {

    private static final String UNIX = "unix://";

    private final Findings f;
    private final String namespace;

    SidecarValidator(Findings findings, String namespace) {
        this.f = findings;
        this.namespace = namespace;
    }

    void validate(Sidecar sidecar) {
        SidecarSpec spec = sidecar.spec() == null ? new SidecarSpec(null, null, null, null, null) : sidecar.spec();
        if (Values.alphaWorkloadSelector(f, spec.workloadSelector(), "sidecar")) {
            return;
        }
        if (spec.egress().isEmpty() && spec.ingress().isEmpty() && spec.outboundTrafficPolicy() == null
                && spec.inboundConnectionPool() == null) {
            f.error("spec", "sidecar: empty configuration provided");
            return;
        }
        ingress(spec.ingress());
        new DestinationRuleValidator(f, namespace).connectionPool(spec.inboundConnectionPool(), "spec.inboundConnectionPool");
        egress(spec.egress());
        outboundTrafficPolicy(spec.outboundTrafficPolicy());
    }

    private void ingress(List<IstioIngressListener> ingress) {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < ingress.size(); i++) {
            IstioIngressListener in = ingress.get(i);
            String p = "spec.ingress[" + i + "]";
            if (in == null) {
                f.error(p, "sidecar: ingress may not be null");
                continue;
            }
            if (in.port() == null) {
                f.error(p + ".port", "sidecar: port is required for ingress listeners");
                continue;
            }
            if (orZero(in.port().targetPort()) > 0) {
                f.error(p + ".port.targetPort", "targetPort has no impact on Sidecars");
            }
            portAndBind(in.port(), in.bind(), p);
            if (!ports.add(orZero(in.port().number()))) {
                f.error(p + ".port.number", "sidecar: ports on IP bound listeners must be unique");
            }
            if (!isEmpty(in.defaultEndpoint())) {
                defaultEndpoint(in.defaultEndpoint(), p + ".defaultEndpoint");
            }
            GatewayValidator.tlsRules(f, in.tls(), p + ".tls");
            if (in.tls() != null) {
                String tp = p + ".tls";
                if (!in.tls().subjectAltNames().isEmpty()) {
                    f.error(tp + ".subjectAltNames", "sidecar: subjectAltNames is not supported in ingress tls");
                }
                if (Boolean.TRUE.equals(in.tls().httpsRedirect())) {
                    f.error(tp + ".httpsRedirect", "sidecar: httpsRedirect is not supported");
                }
                if (!isEmpty(in.tls().credentialName())) {
                    f.error(tp + ".credentialName", "sidecar: credentialName is not currently supported");
                }
                if (!in.tls().credentialNames().isEmpty()) {
                    f.error(tp + ".credentialNames", "sidecar: credentialNames is not currently supported");
                }
                if (!in.tls().tlsCertificates().isEmpty()) {
                    f.error(tp + ".tlsCertificates", "sidecar: tls_certificates is not currently supported");
                }
                ServerTlsSettingsTlsMode mode = in.tls().mode();
                if (mode == ServerTlsSettingsTlsMode.ISTIO_MUTUAL || mode == ServerTlsSettingsTlsMode.AUTO_PASSTHROUGH) {
                    f.error(tp + ".mode", "configuration is invalid: cannot set mode to " + mode + " in sidecar ingress tls");
                }
                if (!Protocol.parse(Objects.requireNonNullElse(in.port().protocol(), "")).isTls()) {
                    f.error(tp, "server cannot have TLS settings for non HTTPS/TLS ports");
                }
            }
            new DestinationRuleValidator(f, namespace).connectionPool(in.connectionPool(), p + ".connectionPool");
            if (in.connectionPool() != null && in.connectionPool().http() != null
                    && !Protocol.parse(Objects.requireNonNullElse(in.port().protocol(), "")).isHttp()) {
                f.warn(p + ".connectionPool.http", "sidecar: HTTP connection pool settings are configured for port "
                        + orZero(in.port().number()) + " (" + quote(Objects.requireNonNullElse(in.port().name(), ""))
                        + ") but its protocol is not HTTP (" + Objects.requireNonNullElse(in.port().protocol(), "")
                        + "); only TCP settings will apply");
            }
        }
    }

    /** {@code 127.0.0.1:<port>}, {@code 0.0.0.0:<port>}, {@code [::1]:<port>}, {@code [::]:<port>}, {@code :<port>} or a Unix socket. */
    private void defaultEndpoint(String endpoint, String p) {
        if (endpoint.startsWith(UNIX)) {
            f.error(p, unixAddress(endpoint.substring(UNIX.length())));
            return;
        }
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? null : endpoint.substring(0, colon);
        String port = colon < 0 ? null : endpoint.substring(colon + 1);
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host != null && host.contains(":")) {
            f.error(p, "address " + endpoint + ": too many colons in address");
            return;
        }
        if (host == null) {
            f.error(p, "address " + endpoint + ": missing port in address");
            return;
        }
        if (!host.isEmpty() && !List.of("127.0.0.1", "0.0.0.0", "::1", "::").contains(host)) {
            f.error(p, "sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,"
                    + "unix://filepath or unset");
        }
        if (!Names.isGoInteger(port)) {
            f.error(p, "sidecar: defaultEndpoint port (" + port + ") is not a number: strconv.Atoi: parsing "
                    + quote(port) + ": invalid syntax");
        } else {
            f.error(p, Values.port(parsePort(port)));
        }
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return -1;   // out of int range: not a port
        }
    }

    private void egress(List<IstioEgressListener> egress) {
        Set<Integer> ports = new HashSet<>();
        Set<String> sockets = new HashSet<>();
        boolean catchAll = false;
        for (int i = 0; i < egress.size(); i++) {
            IstioEgressListener e = egress.get(i);
            String p = "spec.egress[" + i + "]";
            if (e == null) {
                f.error(p, "egress listener may not be null");
                continue;
            }
            if (e.port() == null) {
                if (!catchAll) {
                    if (i == egress.size() - 1) {
                        catchAll = true;
                    } else {
                        f.error(p, "sidecar: the egress listener with empty port should be the last listener in the list");
                    }
                } else {
                    f.error(p, "sidecar: egress can have only one listener with empty port");
                    continue;
                }
            } else {
                if (orZero(e.port().targetPort()) > 0) {
                    f.error(p + ".port.targetPort", "targetPort has no impact on Sidecars");
                }
                egressPortBindAndCaptureMode(e.port(), e.bind(), e.captureMode(), p);
                if (orZero(e.port().number()) == 0) {
                    if (!sockets.add(Objects.requireNonNullElse(e.bind(), ""))) {
                        f.error(p + ".bind", "sidecar: unix domain socket values for listeners must be unique");
                    }
                } else if (!ports.add(e.port().number())) {
                    f.error(p + ".port.number", "sidecar: ports on IP bound listeners must be unique");
                }
            }
            hosts(e.hosts(), p + ".hosts");
        }
    }

    /** The {@code namespace/dnsName} entries of one egress listener. */
    private void hosts(List<String> hosts, String p) {
        if (hosts.isEmpty()) {
            f.error(p, "sidecar: egress listener must contain at least one host");
            return;
        }
        Map<String, Set<String>> byNamespace = new HashMap<>();
        for (int j = 0; j < hosts.size(); j++) {
            String hostname = Objects.requireNonNullElse(hosts.get(j), "");
            String hp = p + "[" + j + "]";
            int slash = hostname.indexOf('/');
            if (slash >= 0 && !hostname.startsWith("~")) {
                String ns = hostname.substring(0, slash);
                String svc = hostname.substring(slash + 1);
                if (ns.equals(".")) {
                    ns = namespace;
                }
                Set<String> seen = byNamespace.computeIfAbsent(ns, k -> new HashSet<>());
                if (!svc.equals("*")) {
                    if (seen.contains(svc) || seen.contains("*")) {
                        f.warn(hp, "duplicated egress host: " + hostname);
                    }
                } else if (!seen.isEmpty()) {
                    f.warn(hp, "duplicated egress host: " + hostname);
                }
                seen.add(svc);
            }
            for (String err : namespaceSlashHostname(hostname)) {
                f.error(hp, err);
            }
        }
        if (byNamespace.getOrDefault("*", Set.of()).contains("*") && byNamespace.size() != 1) {
            f.warn(p, "`*/*` host select all resources, no other hosts can be added");
        }
    }

    /** {@code agent.ValidateNamespaceSlashWildcardHostname} for a Sidecar: {@code [~]namespace/dnsName}. */
    static List<String> namespaceSlashHostname(String hostname) {
        java.util.ArrayList<String> errs = new java.util.ArrayList<>();
        int slash = hostname.indexOf('/');
        if (slash < 0) {
            errs.add("host must be of form namespace/dnsName");
            return errs;
        }
        String ns = hostname.substring(0, slash);
        String host = hostname.substring(slash + 1);
        if (ns.isEmpty() || host.isEmpty()) {
            errs.add("config namespace and dnsName in host entry cannot be empty");
        }
        String bare = ns.startsWith("~") ? ns.substring(1) : ns;
        if (!bare.isEmpty() && !bare.equals("*") && !bare.equals(".") && !Names.isDns1123Label(bare)) {
            errs.add("invalid namespace value " + quote(ns) + " in sidecar");
        }
        // validateSidecarOrGatewayHostnamePart without isGateway (Istio appends a bad domain's error
        // twice when the host is not an IP either; it is reported once here)
        if (!host.equals("*") && !host.contains(".")) {
            errs.add("short names (non FQDN) are not allowed");
        }
        String domain = Names.wildcardDomain(host);
        if (domain != null) {
            errs.add(domain);
        }
        String partial = Names.partialWildcard(host);
        if (partial != null) {
            errs.add(partial);
        }
        return errs;
    }

    /** {@code validateSidecarEgressPortBindAndCaptureMode}. */
    private void egressPortBindAndCaptureMode(SidecarPort port, String bind, CaptureMode captureMode, String p) {
        if (!isEmpty(port.name()) && !Names.isDns1123Label(port.name())) {
            f.error(p + ".port.name", "invalid port name: " + port.name());
        }
        f.error(p + ".port.protocol", protocol(port.protocol()));
        if (orZero(port.number()) == 0) {
            if (bind == null || !bind.startsWith(UNIX)) {
                f.error(p + ".bind", "sidecar: ports with 0 value must have a unix domain socket bind address");
            } else {
                f.error(p + ".bind", unixAddress(bind.substring(UNIX.length())));
            }
            if (captureMode != null && captureMode != CaptureMode.DEFAULT && captureMode != CaptureMode.NONE) {
                f.error(p + ".captureMode", "sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners");
            }
        } else {
            f.error(p + ".port.number", Values.port(port.number()));
            if (!isEmpty(bind)) {
                f.error(p + ".bind", ipAddress(bind));
            }
        }
    }

    /** {@code validateSidecarIngressPortAndBind}. */
    private void portAndBind(SidecarPort port, String bind, String p) {
        if (!isEmpty(port.name()) && !Names.isDns1123Label(port.name())) {
            f.error(p + ".port.name", "invalid port name: " + port.name());
        }
        f.error(p + ".port.protocol", protocol(port.protocol()));
        f.error(p + ".port.number", Values.port(orZero(port.number())));
        if (!isEmpty(bind)) {
            f.error(p + ".bind", ipAddress(bind));
        }
    }

    /** {@code validateSidecarOutboundTrafficPolicy}. */
    private void outboundTrafficPolicy(SidecarOutboundTrafficPolicy tp) {
        if (tp == null || tp.egressProxy() == null) {
            return;
        }
        String p = "spec.outboundTrafficPolicy.egressProxy";
        if (tp.mode() != OutboundTrafficPolicy.Mode.ALLOW_ANY) {
            f.error(p, "sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode");
            return;
        }
        f.error(p + ".host", Names.fqdn(Objects.requireNonNullElse(tp.egressProxy().host(), "")));
        if (tp.egressProxy().port() == null) {
            f.error(p + ".port", "sidecar: egress_proxy port must be non-nil");
            return;
        }
        new VirtualServiceValidator(f, namespace).destination(tp.egressProxy(), p);
    }

    /** {@code ValidateProtocol}: empty is sniffing; a name Istio does not know is refused. */
    private static String protocol(String protocol) {
        return !isEmpty(protocol) && Protocol.parse(protocol) == Protocol.AUTO ? "unsupported protocol: " + protocol : null;
    }

    /** {@code agent.ValidateIPAddress}. */
    private static String ipAddress(String addr) {
        return Names.isIpAddress(addr) ? null : addr + " is not a valid IP";
    }

    /** {@code ValidateUnixAddress}. */
    private static String unixAddress(String addr) {
        if (addr.isEmpty()) {
            return "unix address must not be empty";
        }
        if (addr.startsWith("@")) {
            return null;   // an abstract socket
        }
        return addr.startsWith("/") && !addr.endsWith("/") ? null : addr + " is not an absolute path to a file";
    }
}
