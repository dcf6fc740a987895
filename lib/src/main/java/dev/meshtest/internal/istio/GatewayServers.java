package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.Server;
import dev.meshtest.config.istio.ServerTlsSettingsTlsMode;
import org.apiguardian.api.API;

/**
 * What a Gateway server is, as istiod's gateway builder sorts them (gateway.go
 * {@code IsHTTPSServerWithTLSTermination}, {@code IsTCPServerWithTLSTermination},
 * {@code IsPassThroughServer}): the proxy compiler builds its filter chains by it, and strict
 * mode refuses the servers it is none of.
 *
 * <pre>{@code
 * GatewayServers.terminatesTls(server);   // HTTPS or TLS with SIMPLE, MUTUAL, OPTIONAL_MUTUAL, ISTIO_MUTUAL
 * GatewayServers.simulated(server);       // false for MONGO
 * }</pre>
 */
@API(status = INTERNAL, since = "0.5")
public final class GatewayServers {

    private GatewayServers() {
    }

    /** HTTPS or TLS with {@code SIMPLE}, {@code MUTUAL}, {@code OPTIONAL_MUTUAL} or {@code ISTIO_MUTUAL}: the gateway terminates TLS. */
    public static boolean terminatesTls(Server s) {
        ServerTlsSettingsTlsMode m = s.tls() == null ? null : s.tls().mode();
        return tlsProtocol(s) && (m == ServerTlsSettingsTlsMode.SIMPLE || m == ServerTlsSettingsTlsMode.MUTUAL
                || m == ServerTlsSettingsTlsMode.OPTIONAL_MUTUAL || m == ServerTlsSettingsTlsMode.ISTIO_MUTUAL);
    }

    /** HTTPS or TLS with {@code PASSTHROUGH}: chains by the {@code tls} rules' SNI, TLS forwarded as it is. */
    public static boolean passesTlsThrough(Server s) {
        return tlsProtocol(s) && s.tls() != null && s.tls().mode() == ServerTlsSettingsTlsMode.PASSTHROUGH;
    }

    /**
     * HTTPS or TLS with {@code AUTO_PASSTHROUGH} (multi-network east-west gateways): a chain per
     * service cluster, matched by Istio's SNI {@code outbound_.<port>_.<subset>_.<host>}, forwarding
     * the mutual TLS as it is.
     */
    public static boolean autoPassthrough(Server s) {
        return tlsProtocol(s) && s.tls() != null && s.tls().mode() == ServerTlsSettingsTlsMode.AUTO_PASSTHROUGH;
    }

    /** A plain-text TCP server: forwarded by a {@code tcp} rule. */
    public static boolean plainTcp(Server s) {
        return Protocol.parse(s.port().protocol()) == Protocol.TCP && s.tls() == null;
    }

    /** Whether meshtest builds the server: plain HTTP, one of the above; not other protocols (MONGO, MYSQL, ...). */
    public static boolean simulated(Server s) {
        return Protocol.parse(s.port().protocol()).isHttp() || terminatesTls(s) || passesTlsThrough(s) || autoPassthrough(s)
                || plainTcp(s);
    }

    private static boolean tlsProtocol(Server s) {
        Protocol p = Protocol.parse(s.port().protocol());
        return p == Protocol.HTTPS || p == Protocol.TLS;
    }
}
