package dev.meshtest.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The test certificates of {@code src/test/resources/tls} (see its README), as PEM and as Secrets. */
final class Certs {

    private Certs() {
    }

    /** A file of {@code tls/}, as text. */
    static String pem(String file) {
        try (InputStream in = Certs.class.getResourceAsStream("/tls/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource tls/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code kubectl create -n <ns> secret tls <name> --key=<host>.key --cert=<host>.crt}, as YAML. */
    static String tlsSecret(String namespace, String name, String host) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: %s, namespace: %s}
                type: kubernetes.io/tls
                data:
                  tls.crt: %s
                  tls.key: %s
                """.formatted(name, namespace, b64(pem(host + ".crt")), b64(pem(host + ".key")));
    }

    /** {@code kubectl create -n <ns> secret generic <name> --from-file=tls.key --from-file=tls.crt --from-file=ca.crt}. */
    static String mutualSecret(String namespace, String name, String host, String ca) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: %s, namespace: %s}
                type: Opaque
                data:
                  tls.crt: %s
                  tls.key: %s
                  ca.crt: %s
                """.formatted(name, namespace, b64(pem(host + ".crt")), b64(pem(host + ".key")), b64(pem(ca + ".crt")));
    }
}
