package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The protocol Istio assigns to a Service port, which decides how a sidecar treats it: HTTP
 * ports share one listener and the Host header picks the service; {@link #AUTO} ports are sniffed
 * per destination IP; TCP and TLS ports get no HTTP routing at all.
 *
 * <pre>{@code
 * Protocol.of(5000, "http-web", "TCP", null);          // HTTP
 * Protocol.of(9080, "web", "TCP", null);               // AUTO (sniffed)
 * Protocol.of(8080, "web", "TCP", "kubernetes.io/h2c"); // HTTP2
 * Protocol.of(3306, null, "TCP", null);                // TCP (well-known port, never sniffed)
 * }</pre>
 *
 * <p>The rule is Istio's {@code ConvertProtocol} ({@code pkg/config/kube/conversion.go}) and
 * {@code protocol.Parse} ({@code pkg/config/protocol/instance.go}); see {@link #of}.
 */
@API(status = STABLE, since = "0.1")
public enum Protocol {
    /** gRPC (HTTP/2 transport). */
    GRPC("GRPC"),
    /** gRPC-Web. */
    GRPC_WEB("GRPC-Web"),
    /** HTTP/1.1. */
    HTTP("HTTP"),
    /** A generic outbound HTTP proxy port. */
    HTTP_PROXY("HTTP_PROXY"),
    /** HTTP/2 (cleartext). */
    HTTP2("HTTP2"),
    /** HTTPS: TLS the sidecar passes through; routed by SNI, not by HTTP rules. */
    HTTPS("HTTPS"),
    /** Opaque TCP. */
    TCP("TCP"),
    /** TLS with SNI. */
    TLS("TLS"),
    /** UDP: not proxied by the sidecar. */
    UDP("UDP"),
    /** MongoDB (TCP). */
    MONGO("Mongo"),
    /** Redis (TCP). */
    REDIS("Redis"),
    /** MySQL (TCP). */
    MYSQL("MySQL"),
    /**
     * Istio's "unsupported protocol": the name says nothing Istio knows, so the sidecar
     * <em>auto-detects</em> (sniffs) HTTP on the connection. Such ports get a listener per
     * {@code ClusterIP:port}: the destination IP, not the Host header, picks the service.
     */
    AUTO("UnsupportedProtocol");

    /** Ports never sniffed: SMTP, DNS, MySQL, MongoDB. An unnamed port there is TCP. */
    private static final int[] WELL_KNOWN_TCP_PORTS = {25, 53, 3306, 27017};
    private static final String GRPC_WEB_PREFIX = "grpc-web";

    private final String istioName;

    Protocol(String istioName) {
        this.istioName = istioName;
    }

    /** {@return the name Istio prints for this protocol ({@code "GRPC-Web"}, {@code "UnsupportedProtocol"})} */
    public String istioName() {
        return istioName;
    }

    /**
     * Istio's protocol for a Service port.
     *
     * <p>Rule (Istio {@code ConvertProtocol}): Kubernetes protocol UDP gives UDP; otherwise
     * {@code appProtocol}, when set, replaces the port name, with Kubernetes' standard values
     * {@code kubernetes.io/h2c} → HTTP2, {@code kubernetes.io/ws} → HTTP, {@code kubernetes.io/wss}
     * → HTTPS; a name starting with {@code grpc-web} (any case) is GRPC-Web; otherwise the part
     * before the first {@code -} is {@link #parse parsed}; an unknown result on port 25, 53, 3306
     * or 27017 is TCP, elsewhere {@link #AUTO}.
     *
     * @param port the Service port number (not the targetPort)
     * @param name the port's name, or {@code null}
     * @param kubeProtocol {@code TCP} (also when {@code null}), {@code UDP} or {@code SCTP}
     * @param appProtocol the port's {@code appProtocol}, or {@code null}
     * @return the protocol the sidecar treats the port as
     */
    public static Protocol of(int port, String name, String kubeProtocol, String appProtocol) {
        if ("UDP".equals(kubeProtocol)) {
            return UDP;
        }
        String n = name == null ? "" : name;
        if (appProtocol != null) {
            switch (appProtocol) {
                case "kubernetes.io/h2c":
                    return HTTP2;
                case "kubernetes.io/ws":
                    return HTTP;
                case "kubernetes.io/wss":
                    return HTTPS;
                default:
                    n = appProtocol;
            }
        }
        if (n.length() >= GRPC_WEB_PREFIX.length()
                && n.substring(0, GRPC_WEB_PREFIX.length()).equalsIgnoreCase(GRPC_WEB_PREFIX)) {
            return GRPC_WEB;
        }
        int dash = n.indexOf('-');
        Protocol p = parse(dash >= 0 ? n.substring(0, dash) : n);
        if (p == AUTO) {
            for (int wk : WELL_KNOWN_TCP_PORTS) {
                if (wk == port) {
                    return TCP;
                }
            }
        }
        return p;
    }

    /**
     * Istio's {@code protocol.Parse}: a protocol name, case-insensitive; anything unknown
     * (including {@code ""}) is {@link #AUTO}.
     *
     * @param s a protocol name such as {@code http2} or {@code TCP}, or {@code null}
     * @return the protocol, {@link #AUTO} when the name is unknown or {@code null}
     */
    public static Protocol parse(String s) {
        if (s == null) {
            return AUTO;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "grpc" -> GRPC;
            case "grpc-web" -> GRPC_WEB;
            case "http" -> HTTP;
            case "http_proxy" -> HTTP_PROXY;
            case "http2" -> HTTP2;
            case "https" -> HTTPS;
            case "tls" -> TLS;
            case "mongo" -> MONGO;
            case "redis" -> REDIS;
            case "mysql" -> MYSQL;
            default -> AUTO;
        };
    }

    /**
     * {@return whether HTTP is the transport: HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC_WEB} A
     * VirtualService's {@code http} routes apply to these.
     */
    public boolean isHttp() {
        return switch (this) {
            case HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC_WEB -> true;
            default -> false;
        };
    }

    /** {@return whether HTTP/2 is the transport: HTTP2, GRPC, GRPC_WEB} */
    public boolean isHttp2() {
        return this == HTTP2 || this == GRPC || this == GRPC_WEB;
    }

    /** {@return whether this is HTTP, or sniffed and so possibly HTTP ({@link #AUTO})} */
    public boolean isHttpOrSniffed() {
        return isHttp() || this == AUTO;
    }

    /**
     * {@return whether TCP is the transport and HTTP routing does not apply: TCP, HTTPS, TLS, MONGO,
     * REDIS, MYSQL}
     */
    public boolean isTcp() {
        return switch (this) {
            case TCP, HTTPS, TLS, MONGO, REDIS, MYSQL -> true;
            default -> false;
        };
    }

    /** {@return whether the traffic is carried over TLS: HTTPS, TLS} */
    public boolean isTls() {
        return this == HTTPS || this == TLS;
    }

    /** {@return whether this is gRPC or gRPC-Web} */
    public boolean isGrpc() {
        return this == GRPC || this == GRPC_WEB;
    }

    /** {@return whether this is {@link #AUTO}: the sidecar sniffs the protocol} */
    public boolean isAutoDetect() {
        return this == AUTO;
    }
}
