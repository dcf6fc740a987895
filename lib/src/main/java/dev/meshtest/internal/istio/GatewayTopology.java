package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.StringReader;
import org.apiguardian.api.API;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A ProxyConfig's {@code gatewayTopology} ({@code mesh/v1alpha1/proxy.proto Topology}): how many
 * trusted proxies stand in front of a gateway, whose {@code x-forwarded-for} entries it believes
 * (docs/security.md, "The client's address"), and whether it expects the PROXY protocol. Read from
 * MeshConfig's {@code defaultConfig} and from a pod's {@code proxy.istio.io/config} annotation,
 * which wins field by field ({@code mesh.ApplyProxyConfig}, a proto merge).
 *
 * <pre>{@code
 * GatewayTopology t = GatewayTopology.parse("gatewayTopology: {numTrustedProxies: 2}");
 * t.over(GatewayTopology.NONE).trustedProxies();   // 2
 * }</pre>
 *
 * @param numTrustedProxies {@code numTrustedProxies}, or {@code null} when not set
 * @param proxyProtocol whether {@code proxyProtocol} is set (meshtest does not simulate it)
 */
@API(status = INTERNAL, since = "0.4")
public record GatewayTopology(Integer numTrustedProxies, boolean proxyProtocol) {

    /** Nothing set: no trusted proxies, no PROXY protocol. */
    public static final GatewayTopology NONE = new GatewayTopology(null, false);

    /** The pod annotation that overrides MeshConfig's {@code defaultConfig} for one workload. */
    public static final String ANNOTATION = "proxy.istio.io/config";

    /** @return the number of trusted proxies, 0 when not set */
    public int trustedProxies() {
        return numTrustedProxies == null ? 0 : numTrustedProxies;
    }

    /** These settings over {@code base}: each field set here wins. */
    public GatewayTopology over(GatewayTopology base) {
        return new GatewayTopology(numTrustedProxies != null ? numTrustedProxies : base.numTrustedProxies,
                proxyProtocol || base.proxyProtocol);
    }

    /**
     * The {@code gatewayTopology} of a ProxyConfig written as YAML or JSON (the annotation's value),
     * {@link #NONE} when it sets none.
     *
     * @param proxyConfig the ProxyConfig's text
     * @return its gateway topology
     * @throws IllegalArgumentException when the text is not YAML or {@code numTrustedProxies} is not
     *                                  a {@code uint32}, with the reason
     */
    public static GatewayTopology parse(String proxyConfig) {
        return of(compose(proxyConfig));
    }

    /**
     * The {@code gatewayTopology} of a MeshConfig's {@code defaultConfig}, as {@link #parse} reads it.
     *
     * @param meshConfig the MeshConfig's text (already read once, so known to be YAML)
     * @return its gateway topology
     * @throws IllegalArgumentException when {@code numTrustedProxies} is not a {@code uint32}
     */
    public static GatewayTopology ofMeshConfig(String meshConfig) {
        return of(child(compose(meshConfig), "defaultConfig"));
    }

    /**
     * Whether a ProxyConfig written as YAML or JSON sets {@code proxyHeaders}, which meshtest does
     * not simulate (read here, where the annotation is read).
     *
     * @throws IllegalArgumentException when the text is not YAML
     */
    public static boolean setsProxyHeaders(String proxyConfig) {
        return child(compose(proxyConfig), "proxyHeaders") != null;
    }

    private static Node compose(String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(64);
            options.setCodePointLimit(3 * 1024 * 1024);
            return new Yaml(options).compose(new StringReader(text));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(reason.lines().findFirst().orElse(reason), e);
        }
    }

    private static GatewayTopology of(Node proxyConfig) {
        Node topology = child(proxyConfig, "gatewayTopology");
        if (!(topology instanceof MappingNode)) {
            return NONE;
        }
        Node n = child(topology, "numTrustedProxies");
        Integer trusted = null;
        if (n instanceof ScalarNode s && !s.getValue().isEmpty() && !s.getValue().equals("null")) {
            trusted = uint32(s.getValue());
        } else if (n != null && !(n instanceof ScalarNode)) {
            throw new IllegalArgumentException("gatewayTopology.numTrustedProxies: invalid value for uint32: not a number");
        }
        return new GatewayTopology(trusted, child(topology, "proxyProtocol") != null);
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    /** A {@code uint32} as protojson reads one: a decimal integer (also quoted), 0 to 4294967295; meshtest caps it at int. */
    private static int uint32(String text) {
        String t = text.strip();
        if (!t.matches("[0-9]+")) {
            throw new IllegalArgumentException("gatewayTopology.numTrustedProxies: invalid value for uint32: " + text);
        }
        long v = t.length() > 10 ? Long.MAX_VALUE : Long.parseLong(t);
        if (v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("gatewayTopology.numTrustedProxies: invalid value for uint32: " + text);
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }
}
