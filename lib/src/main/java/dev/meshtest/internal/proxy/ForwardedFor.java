package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apiguardian.api.API;

/**
 * Envoy's {@code x-forwarded-for} handling (docs/security.md, "The client's address"): which
 * address a proxy trusts as the original client's ({@code remote.ip} of an AuthorizationPolicy,
 * RBAC's {@code remote_ip}) and what it appends before forwarding. Envoy's
 * {@code ConnectionManagerUtility::mutateRequestHeaders} and {@code Utility::getLastAddressFromXFF},
 * with Istio's settings: gateways {@code use_remote_address: true} and
 * {@code xff_num_trusted_hops} from {@code gatewayTopology.numTrustedProxies}
 * ({@code gateway.go buildGatewayConnectionManager}); sidecars {@code use_remote_address: false}
 * and no trusted hops ({@code listener_inbound.go buildSidecarInboundHTTPOpts}).
 *
 * <pre>{@code
 * ForwardedFor.lastAddress("203.0.113.128, 203.0.113.10, 203.0.113.1", 1);   // "203.0.113.10"
 * ForwardedFor.atGateway("203.0.113.128, 203.0.113.10, 203.0.113.1", 2, "192.0.2.5");   // "203.0.113.10"
 * ForwardedFor.appended("203.0.113.1", "192.0.2.5");                         // "203.0.113.1,192.0.2.5"
 * }</pre>
 */
@API(status = INTERNAL, since = "0.4")
public final class ForwardedFor {

    /** The header, as meshtest's requests name headers (lower case). */
    public static final String HEADER = "x-forwarded-for";

    private ForwardedFor() {
    }

    /**
     * {@code getLastAddressFromXFF}: the address {@code skip} entries from the right end of an
     * {@code x-forwarded-for} value, or {@code null} when the header is absent, has too few
     * entries, or that entry is not an IP address (a trailing comma, a host name, a port).
     *
     * @param xff the header's value, or {@code null}
     * @param skip how many entries at the right end to pass over
     * @return the address as written, trimmed, or {@code null}
     */
    public static String lastAddress(String xff, int skip) {
        if (xff == null) {
            return null;
        }
        String s = xff;
        for (int i = 0; i < skip; i++) {
            int comma = s.lastIndexOf(',');
            if (comma < 0) {
                return null;
            }
            s = s.substring(0, comma);
        }
        int comma = s.lastIndexOf(',');
        if (comma >= 0 && comma + 1 < s.length()) {
            s = s.substring(comma + 1);
        }
        s = s.strip();
        return ipLiteral(s) ? s : null;
    }

    /**
     * The trusted client address at a gateway ({@code use_remote_address: true}): with
     * {@code numTrustedProxies} N above zero, the Nth address from the right of the incoming
     * {@code x-forwarded-for}; otherwise, or when it has fewer, the connection's peer.
     *
     * @param xff the incoming header, or {@code null}
     * @param numTrustedProxies the gateway's {@code gatewayTopology.numTrustedProxies}
     * @param peer the address of the connection's peer
     * @return the address RBAC's {@code remote_ip} sees
     */
    public static String atGateway(String xff, int numTrustedProxies, String peer) {
        String trusted = numTrustedProxies > 0 ? lastAddress(xff, numTrustedProxies - 1) : null;
        return trusted != null ? trusted : peer;
    }

    /**
     * The trusted client address at a sidecar ({@code use_remote_address: false}, no trusted hops):
     * the last address of {@code x-forwarded-for}, or the connection's peer when there is none.
     *
     * @param xff the incoming header, or {@code null}
     * @param peer the address of the connection's peer
     * @return the address RBAC's {@code remote_ip} sees
     */
    public static String atSidecar(String xff, String peer) {
        String last = lastAddress(xff, 0);
        return last != null ? last : peer;
    }

    /**
     * {@code Utility::appendXff}: the header a gateway forwards, its peer's address appended with
     * a bare comma (Envoy's delimiter), or the address alone when the header is absent or empty.
     *
     * @param xff the incoming header, or {@code null}
     * @param peer the address of the connection's peer
     * @return the header's new value
     */
    public static String appended(String xff, String peer) {
        return xff == null || xff.isEmpty() ? peer : xff + "," + peer;
    }

    /** Whether {@code s} is an IPv4 or IPv6 address literal, as {@code parseInternetAddress} accepts them (no brackets, no port). */
    public static boolean ipLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            // IPv6: hex digits, colons and an embedded dotted quad only; InetAddress then checks the form.
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!(c < 128 && Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
        } else {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                // inet_pton: one to three digits, no leading zero, at most 255.
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                        || p.length() > 1 && p.charAt(0) == '0' || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }
        try {
            InetAddress.getByName(s);   // a literal: no lookup is made
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
