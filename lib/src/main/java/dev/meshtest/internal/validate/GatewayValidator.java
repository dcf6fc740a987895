package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Values.isEmpty;
import static dev.meshtest.internal.validate.Values.orZero;
import static dev.meshtest.internal.validate.Values.quote;

import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.GatewaySpec;
import dev.meshtest.config.istio.Port;
import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.istio.ServerTlsSettings;
import dev.meshtest.config.istio.ServerTlsSettingsTlsMode;
import dev.meshtest.config.istio.TlsProtocol;
import dev.meshtest.internal.istio.RouteSemantics;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Istio's {@code ValidateGateway} ({@code pkg/config/validation/validation.go}) plus the Gateway
 * CRD's CEL rules on server TLS.
 *
 * <pre>{@code
 * new GatewayValidator(findings).validate(gateway);
 * }</pre>
 */
final class GatewayValidator {

    private final Findings f;
    private boolean gatewaySemantics;

    GatewayValidator(Findings findings) {
        this.f = findings;
    }

    void validate(Gateway gw) {
        String name = Objects.requireNonNullElse(gw.name(), "");
        // ValidateGateway: a Gateway made from the Gateway API (internal.istio.io/gateway-semantics) may have a
        // name that is no DNS label, and server hosts in namespace "~" (istio-rules §5.5).
        gatewaySemantics = RouteSemantics.gatewayApiGateway(gw);
        if (!Names.isDns1123Label(name) && !gatewaySemantics) {
            f.error("metadata.name", "invalid gateway name: " + quote(name));
        }
        GatewaySpec spec = gw.spec() == null ? new GatewaySpec(null, null) : gw.spec();
        if (spec.servers().isEmpty()) {
            f.error("spec.servers", "gateway must have at least one server");
        } else {
            for (int i = 0; i < spec.servers().size(); i++) {
                Server s = spec.servers().get(i);
                String p = "spec.servers[" + i + "]";
                if (s == null) {
                    f.error(p, "cannot have nil server");
                    continue;
                }
                tlsRules(f, s.tls(), p + ".tls");
                server(s, p);
            }
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < spec.servers().size(); i++) {
            Server s = spec.servers().get(i);
            String p = "spec.servers[" + i + "]";
            if (s == null) {
                f.error(p, "server may not be nil");
                continue;
            }
            if (s.port() != null) {
                String portName = Objects.requireNonNullElse(s.port().name(), "");
                if (!portNames.add(portName)) {
                    f.error(p + ".port.name", "port names in servers must be unique: duplicate name " + portName);
                }
                if (!Protocol.parse(s.port().protocol()).isHttp() && s.tls() != null
                        && Boolean.TRUE.equals(s.tls().httpsRedirect())) {
                    f.warn(p + ".tls.httpsRedirect", "tls.httpsRedirect should only be used with http servers");
                }
            }
        }
    }

    /**
     * The CRD's CEL rules on {@code ServerTLSSettings}, a Gateway server's and a Sidecar ingress
     * listener's (the third repeats the first's check, as in istio/api). {@code has()} is true for
     * a list written empty.
     */
    static void tlsRules(Findings f, ServerTlsSettings tls, String p) {
        if (tls == null) {
            return;
        }
        boolean certs = f.has(p + ".tlsCertificates", tls.tlsCertificates());
        boolean names = f.has(p + ".credentialNames", tls.credentialNames());
        boolean name = tls.credentialName() != null;
        if (certs && names) {
            Values.cel(f, p, "object", "only one of credentialNames or tlsCertificates can be set");
        }
        if (name && names) {
            Values.cel(f, p, "object", "only one of credentialName or credentialNames can be set");
        }
        if (names && certs) {
            Values.cel(f, p, "object", "only one of credentialName or tlsCertificates can be set");
        }
    }

    /** {@code validateServer}. */
    private void server(Server s, String p) {
        if (s.hosts().isEmpty()) {
            f.error(p + ".hosts", "server config must contain at least one host");
        } else {
            for (int i = 0; i < s.hosts().size(); i++) {
                for (String err : Names.gatewayServerHost(Objects.requireNonNullElse(s.hosts().get(i), ""), gatewaySemantics)) {
                    f.error(p + ".hosts[" + i + "]", err);
                }
            }
        }
        boolean portOk = serverPort(s.port(), s.bind(), p + ".port");
        serverBind(s.port(), s.bind(), p + ".bind");
        tlsOptions(s.tls(), p + ".tls");
        if (portOk) {
            Protocol proto = Protocol.parse(s.port().protocol());
            if (proto.isTls() && s.tls() == null) {
                f.error(p, "server must have TLS settings for HTTPS/TLS protocols");
            } else if (!proto.isTls() && s.tls() != null) {
                if (proto.isHttp()) {
                    if (!isPassthrough(s.tls()) || !isEmpty(s.tls().caCertificates())
                            || !isEmpty(s.tls().privateKey()) || !isEmpty(s.tls().serverCertificate())) {
                        f.error(p + ".tls", "server cannot have TLS settings for plain text HTTP ports");
                    }
                } else {
                    f.error(p + ".tls", "server cannot have TLS settings for non HTTPS/TLS ports");
                }
            }
        }
    }

    private static ServerTlsSettingsTlsMode mode(ServerTlsSettings tls) {
        return tls.mode() == null ? ServerTlsSettingsTlsMode.PASSTHROUGH : tls.mode();
    }

    /** {@code gateway.IsPassThroughServer}; an unset mode is PASSTHROUGH, the proto default. */
    private static boolean isPassthrough(ServerTlsSettings tls) {
        ServerTlsSettingsTlsMode m = mode(tls);
        return m == ServerTlsSettingsTlsMode.PASSTHROUGH || m == ServerTlsSettingsTlsMode.AUTO_PASSTHROUGH;
    }

    /** {@code validateServerPort}; true when the port has no error. */
    private boolean serverPort(Port port, String bind, String p) {
        if (port == null) {
            f.error(p, "port is required");
            return false;
        }
        boolean ok = true;
        String protocol = Objects.requireNonNullElse(port.protocol(), "");
        if (Protocol.parse(protocol) == Protocol.AUTO) {
            f.error(p + ".protocol", "invalid protocol " + quote(protocol)
                    + ", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP");
            ok = false;
        }
        int number = orZero(port.number());
        if (number > 0 || bind == null || !bind.startsWith("unix://")) {
            String err = Values.port(number);
            if (err != null) {
                f.error(p + ".number", err);
                ok = false;
            }
        }
        if (orZero(port.targetPort()) > 0) {
            f.error(p + ".targetPort", "targetPort has no impact on Gateways");
            ok = false;
        }
        if (isEmpty(port.name())) {
            f.error(p + ".name", "port name must be set: " + describe(port));
            ok = false;
        }
        return ok;
    }

    /** Roughly how Go prints a {@code *networking.Port} with {@code %v}. */
    private static String describe(Port port) {
        StringBuilder sb = new StringBuilder();
        if (orZero(port.number()) != 0) {
            sb.append("number:").append(port.number());
        }
        if (!isEmpty(port.protocol())) {
            sb.append(sb.length() > 0 ? " " : "").append("protocol:").append(quote(port.protocol()));
        }
        return sb.toString();
    }

    /** {@code validateServerBind}. */
    private void serverBind(Port port, String bind, String p) {
        if (bind == null || bind.isEmpty()) {
            return;
        }
        if (bind.startsWith("unix://")) {
            f.error(p, unixAddress(bind.substring("unix://".length())));
            if (port != null && orZero(port.number()) != 0) {
                f.error(p, "port number must be 0 for unix domain socket: " + describe(port));
            }
        } else {
            f.error(p, Names.ipAddress(bind));
        }
    }

    /** {@code ValidateUnixAddress}. */
    static String unixAddress(String addr) {
        if (addr.isEmpty()) {
            return "unix address must not be empty";
        }
        if (addr.startsWith("@")) {
            return null;
        }
        if (!addr.startsWith("/") || addr.endsWith("/")) {
            return addr + " is not an absolute path to a file";
        }
        return null;
    }

    /** {@code validateTLSOptions} (cipher suite names are not checked). */
    private void tlsOptions(ServerTlsSettings tls, String p) {
        if (tls == null) {
            return;
        }
        if ((tls.minProtocolVersion() == TlsProtocol.TLSV1_0 || tls.minProtocolVersion() == TlsProtocol.TLSV1_1)
                && tls.cipherSuites().isEmpty()) {
            f.warn(p + ".minProtocolVersion", "TLS version below TLSV1_2 require setting compatible ciphers as by "
                    + "default they no longer include compatible ciphers.");
        }
        ServerTlsSettingsTlsMode mode = mode(tls);
        if (mode == ServerTlsSettingsTlsMode.ISTIO_MUTUAL) {
            if (!isEmpty(tls.serverCertificate())) {
                f.error(p + ".serverCertificate", "ISTIO_MUTUAL TLS cannot have associated server certificate");
            }
            if (!isEmpty(tls.privateKey())) {
                f.error(p + ".privateKey", "ISTIO_MUTUAL TLS cannot have associated private key");
            }
            if (!isEmpty(tls.caCertificates())) {
                f.error(p + ".caCertificates", "ISTIO_MUTUAL TLS cannot have associated CA bundle");
            }
            if (!tls.tlsCertificates().isEmpty()) {
                f.error(p + ".tlsCertificates", "ISTIO_MUTUAL TLS cannot have associated tlsCertificates");
            }
            if (!isEmpty(tls.credentialName())) {
                f.error(p + ".credentialName", "ISTIO_MUTUAL TLS cannot have associated credentialName");
            }
            if (!tls.credentialNames().isEmpty()) {
                f.error(p + ".credentialNames", "ISTIO_MUTUAL TLS cannot have associated credentialNames");
            }
            return;
        }
        if (isPassthrough(tls) && (!isEmpty(tls.caCrl()) || !isEmpty(tls.serverCertificate())
                || !isEmpty(tls.privateKey()) || !isEmpty(tls.caCertificates()) || !tls.tlsCertificates().isEmpty()
                || !isEmpty(tls.credentialName()) || !tls.credentialNames().isEmpty())) {
            f.warn(p, mode + " mode does not use certificates, they will be ignored");
        }
        int sources = 0;
        if (!isEmpty(tls.serverCertificate()) && !isEmpty(tls.privateKey())) {
            sources++;
        }
        if (!isEmpty(tls.credentialName())) {
            sources++;
        }
        if (!tls.credentialNames().isEmpty()) {
            sources++;
        }
        if (!tls.tlsCertificates().isEmpty()) {
            sources++;
        }
        if (sources > 1) {
            f.error(p, "only one of credential_name, credential_names, server_certificate/private_key, "
                    + "tls_certificates should be specified");
        }
        boolean terminates = mode == ServerTlsSettingsTlsMode.SIMPLE || mode == ServerTlsSettingsTlsMode.MUTUAL
                || mode == ServerTlsSettingsTlsMode.OPTIONAL_MUTUAL;
        if (terminates && (!isEmpty(tls.credentialName()) || !tls.credentialNames().isEmpty())) {
            return; // certificates come from the credential
        }
        if (terminates) {
            String prefix = mode == ServerTlsSettingsTlsMode.SIMPLE ? "SIMPLE TLS" : "MUTUAL TLS";
            if (!prefix.startsWith("SIMPLE") && isEmpty(tls.caCertificates())) {
                f.error(p + ".caCertificates", prefix + " requires a client CA bundle");
            }
            if (tls.tlsCertificates().size() > 2) {
                f.warn(p + ".tlsCertificates", prefix + " can support up to 2 server certificates");
            }
            if (tls.tlsCertificates().isEmpty()) {
                certificate(tls.serverCertificate(), tls.privateKey(), prefix, p);
            } else {
                List<dev.meshtest.config.istio.TlsCertificate> certs = tls.tlsCertificates();
                for (int i = 0; i < certs.size(); i++) {
                    dev.meshtest.config.istio.TlsCertificate c = certs.get(i);
                    certificate(c == null ? null : c.serverCertificate(), c == null ? null : c.privateKey(), prefix,
                            p + ".tlsCertificates[" + i + "]");
                }
            }
        }
        if (!isEmpty(tls.caCrl())) {
            if (!isEmpty(tls.credentialName())) {
                f.error(p + ".caCrl", "CRL is not supported with credentialName. CRL has to be specified in the credential");
            }
            if (mode == ServerTlsSettingsTlsMode.SIMPLE) {
                f.error(p + ".caCrl", "CRL is not supported with SIMPLE TLS");
            }
        }
    }

    private void certificate(String cert, String key, String prefix, String p) {
        if (isEmpty(cert)) {
            f.error(p + ".serverCertificate", prefix + " requires a server certificate");
        }
        if (isEmpty(key)) {
            f.error(p + ".privateKey", prefix + " requires a private key");
        }
    }
}
