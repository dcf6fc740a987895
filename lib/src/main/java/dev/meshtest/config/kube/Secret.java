package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A Kubernetes Secret. meshtest reads the ones a Gateway's {@code tls.credentialName} names: a
 * {@code kubernetes.io/tls} Secret in the gateway pod's namespace holds the server's certificate
 * ({@code tls.crt}, PEM) and key ({@code tls.key}), and for {@code MUTUAL} the CA that client
 * certificates must chain to ({@code ca.crt}, or a Secret named {@code <credentialName>-cacert}).
 * Other Secrets are stored and not used.
 *
 * <pre>{@code
 * apiVersion: v1
 * kind: Secret
 * metadata: {name: httpbin-credential, namespace: istio-system}
 * type: kubernetes.io/tls
 * data:
 *   tls.crt: LS0tLS1CRUdJTi...   # base64 of the PEM, as kubectl create secret tls writes it
 *   tls.key: LS0tLS1CRUdJTi...
 * }</pre>
 *
 * @param apiVersion {@code v1}
 * @param kind {@code Secret}
 * @param metadata the name and namespace
 * @param type {@code kubernetes.io/tls}, {@code Opaque} (the default) or another type
 * @param data values in base64, by key
 * @param stringData values in plain text, by key; the API server merges them into {@code data}
 *                   (they win over a {@code data} value of the same key)
 */
@AcceptedFields({"immutable"})
@API(status = STABLE, since = "0.5")
public record Secret(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata, String type,
                     Map<String, String> data, Map<String, String> stringData) implements Resource {

    /** The type of a Secret holding a TLS certificate and its key. */
    public static final String TLS = "kubernetes.io/tls";

    /**
     * Reads absent maps as empty.
     *
     * @param apiVersion {@code v1}
     * @param kind {@code Secret}
     * @param metadata the name and namespace
     * @param type the Secret's type, or {@code null} for {@code Opaque}
     * @param data values in base64, by key
     * @param stringData values in plain text, by key
     */
    public Secret {
        data = data == null ? Map.of() : data;
        stringData = stringData == null ? Map.of() : stringData;
    }

    /** {@return the type, {@code Opaque} when none was given (the API server's default)} */
    public String typeOrDefault() {
        return type == null || type.isEmpty() ? "Opaque" : type;
    }

    /**
     * A value as the API server stores it: {@code stringData}'s, else {@code data}'s decoded from
     * base64 (whitespace ignored, as the API server's JSON decoder reads it), as UTF-8 text.
     *
     * @param key the key, for example {@code tls.crt}
     * @return the value, or empty when the Secret has no such key or its value is not base64
     */
    public Optional<String> value(String key) {
        String plain = stringData.get(key);
        if (plain != null) {
            return Optional.of(plain);
        }
        String encoded = data.get(key);
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@return every key, of {@code data} and {@code stringData}, sorted} */
    public java.util.Set<String> keys() {
        TreeMap<String, String> all = new TreeMap<>(data);
        all.putAll(stringData);
        return all.keySet();
    }
}
