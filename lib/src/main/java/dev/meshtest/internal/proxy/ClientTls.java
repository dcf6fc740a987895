package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a curl client brings to a TLS handshake for an {@code https} URL: the server name it sends
 * (SNI: the URL's host, none for an IP address), the name it checks the certificate against, what
 * it trusts ({@code --cacert}; nothing else is trusted: the test's certificates are not in a
 * system store), whether it checks at all ({@code -k}), and its own certificate ({@code --cert}).
 *
 * <pre>{@code
 * ClientTls tls = new ClientTls("httpbin.example.com", "httpbin.example.com:443", false, List.of(ca), null);
 * tls.sni();   // "httpbin.example.com"
 * }</pre>
 *
 * @param host the URL's host: the name checked, and the SNI unless it is an IP address
 * @param hostPort {@code host:port} as curl names the connection in its messages
 * @param insecure {@code curl -k}: the server's certificate is not checked
 * @param trusted the certificates trusted ({@code --cacert})
 * @param clientCertificate the certificate presented when the server asks ({@code --cert}), or {@code null}
 */
@API(status = INTERNAL, since = "0.5")
public record ClientTls(String host, String hostPort, boolean insecure, List<PemCertificate> trusted,
                        PemCertificate clientCertificate) {

    public ClientTls {
        trusted = List.copyOf(trusted);
    }

    /** {@return the server name sent, or {@code null}: curl sends none for an IP address} */
    public String sni() {
        return Hosts.isIp(host) ? null : host;
    }
}
