package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.apiguardian.api.API;

/**
 * An X.509 certificate chain read from PEM text (a Secret's {@code tls.crt}, a client's
 * {@code --cacert}), with the checks a TLS client makes of it: the names it is valid for, as
 * OpenSSL's {@code X509_check_host} matches them (curl's hostname check), and whether it was issued
 * by a trusted certificate ({@code X509_verify_cert} with curl's {@code X509_V_FLAG_PARTIAL_CHAIN}:
 * a trusted leaf or intermediate is enough). Validity dates are not checked (docs/routing.md).
 *
 * <pre>{@code
 * PemCertificate served = PemCertificate.parse(secret.value("tls.crt").orElseThrow());
 * served.matchesHost("httpbin.example.com");        // true: its CN, it has no DNS names
 * served.chainsTo(List.of(PemCertificate.parse(caPem)));
 * }</pre>
 */
@API(status = INTERNAL, since = "0.5")
public final class PemCertificate {

    private final List<X509Certificate> chain;

    private PemCertificate(List<X509Certificate> chain) {
        this.chain = List.copyOf(chain);
    }

    /**
     * Reads every certificate of a PEM text, leaf first.
     *
     * @throws IllegalArgumentException when the text holds no certificate or one that does not parse
     */
    public static PemCertificate parse(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) in the text");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Collection<? extends java.security.cert.Certificate> read =
                    factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : read) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate in the text");
            }
            return new PemCertificate(out);
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("no PEM")) {
                throw iae;
            }
            throw new IllegalArgumentException("the PEM certificate does not parse: " + e.getMessage(), e);
        }
    }

    /** {@return the certificates, leaf first} */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** {@return the leaf's subject, as OpenSSL prints it ({@code CN = httpbin.example.com, O = httpbin organization})} */
    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName();
    }

    /** {@return the leaf's DNS subject alternative names, in certificate order} */
    public List<String> dnsNames() {
        return altNames(2);
    }

    /** {@return the leaf's IP address subject alternative names} */
    public List<String> ipAddresses() {
        return altNames(7);
    }

    private List<String> altNames(int type) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = chain.get(0).getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (n.size() >= 2 && n.get(0) instanceof Integer t && t == type && n.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return out;
        }
        return out;
    }

    /** {@return the leaf's last subject common name (the one OpenSSL checks), or {@code null}} */
    public String commonName() {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(chain.get(0).getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    /** {@return whether the leaf has subject alternative names (DNS or IP): its common name then does not count} */
    public boolean hasAltNames() {
        return !dnsNames().isEmpty() || !ipAddresses().isEmpty();
    }

    /**
     * Whether the leaf is valid for {@code host}, as curl's {@code verifyhost} decides (OpenSSL
     * backend): its DNS or IP subject alternative names when it has any, else its last common
     * name; a {@code *} only as the whole first label, standing for one label, with at least two
     * labels after it ({@code *.com} matches nothing), never for an IP address; case-insensitive.
     */
    public boolean matchesHost(String host) {
        boolean ip = Hosts.isIp(host);
        if (hasAltNames()) {
            if (ip) {
                return ipAddresses().contains(host);
            }
            for (String n : dnsNames()) {
                if (nameMatches(n, host)) {
                    return true;
                }
            }
            return false;
        }
        String cn = commonName();
        return cn != null && (ip ? cn.equals(host) : nameMatches(cn, host));
    }

    /**
     * Whether a DNS subject alternative name of the leaf covers {@code name}, as Envoy's SAN
     * validation decides ({@code DefaultCertValidator::verifySubjectAltName}, {@code dnsNameMatch}):
     * names only, never the common name; a {@code *} as the whole first label stands for one label.
     */
    public boolean hasDnsName(String name) {
        for (String n : dnsNames()) {
            if (nameMatches(n, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (p.startsWith("*.")) {
            String suffix = p.substring(1);   // ".example.com"
            // OpenSSL's valid_star: at least two labels after the star.
            if (suffix.indexOf('.', 1) < 0) {
                return false;
            }
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(suffix);
        }
        return p.equals(h);
    }

    /**
     * Whether a TLS client trusting {@code trusted} accepts this chain: some certificate of it is
     * trusted itself (curl sets {@code X509_V_FLAG_PARTIAL_CHAIN}), or was signed by a trusted one.
     */
    public boolean chainsTo(List<PemCertificate> trusted) {
        for (X509Certificate c : chain) {
            for (PemCertificate t : trusted) {
                for (X509Certificate anchor : t.chain) {
                    if (c.equals(anchor) || signedBy(c, anchor)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@return whether the leaf is self-signed (its issuer is its subject and its own key verifies it)} */
    public boolean selfSigned() {
        return signedBy(chain.get(0), chain.get(0));
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PemCertificate p && p.chain.equals(chain);
    }

    @Override
    public int hashCode() {
        return chain.hashCode();
    }

    @Override
    public String toString() {
        return subject();
    }
}
