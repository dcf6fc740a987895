package dev.meshtest.internal.proxy;

import dev.meshtest.config.istio.ClientTlsSettings;
import dev.meshtest.config.istio.ClientTlsSettingsTlsMode;
import dev.meshtest.config.istio.PortTrafficPolicy;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.TrafficPolicy;
import dev.meshtest.config.kube.Secret;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.cluster.ProxyKind;
import java.util.List;

/**
 * How a client proxy secures its connections to a cluster's endpoints, as istiod decides it
 * (docs/security.md, "Mutual TLS"), in one place:
 *
 * <ul>
 *   <li>{@link #transportSocket}: {@code buildUpstreamTLSSettings} and
 *       {@code applyUpstreamTLSSettings} ({@code pilot/pkg/networking/core/cluster_tls.go}): a
 *       DestinationRule's {@code tls} decides when it has one; else auto mTLS, unless MeshConfig
 *       turns it off, the host is outside the mesh, or the service's namespace (or the mesh) is
 *       {@code DISABLE} ({@code BestEffortInferServiceMTLSMode});</li>
 *   <li>{@link #istioTlsMode}: the endpoint metadata auto mTLS matches on, {@code tlsMode: istio}
 *       ({@code mtlsChecker.checkMtlsEnabled}, {@code pilot/pkg/xds/endpoints/mtls_checker.go}):
 *       a DestinationRule's mode for the port and subset decides when it has one, else the pod
 *       has a sidecar and its own PeerAuthentication does not disable mutual TLS on the port.</li>
 * </ul>
 *
 * <pre>{@code
 * Cluster.TransportSocket ts = UpstreamTls.transportSocket(tls, svc, Cluster.Type.EDS, endpoints, mesh, pa);   // AUTO_MTLS
 * boolean mtls = UpstreamTls.istioTlsMode(pod, 8080, drMode, pa);                                               // true
 * }</pre>
 */
final class UpstreamTls {

    /** The label Istio's injector sets on pods with a sidecar ({@code security.istio.io/tlsMode: istio}). */
    static final String TLS_MODE_LABEL = "security.istio.io/tlsMode";

    private UpstreamTls() {
    }

    /**
     * The cluster's transport socket. {@code tls} is the DestinationRule's for the cluster's port
     * and subset ({@code null}: none); {@code originated} what {@link #originated} made of it when
     * it is {@code SIMPLE} or {@code MUTUAL}.
     */
    static Cluster.TransportSocket transportSocket(ClientTlsSettings tls, OriginatedTls originated, IstioService svc,
                                                   Cluster.Type type, List<LbEndpoint> endpoints, MeshSettings mesh,
                                                   PeerAuthentications pa) {
        if (originated != null) {
            return originated.notBuilt() == null ? Cluster.TransportSocket.TLS : Cluster.TransportSocket.PLAINTEXT;
        }
        ClientTlsSettingsTlsMode mode = mode(tls);
        if (mode == ClientTlsSettingsTlsMode.DISABLE) {
            return Cluster.TransportSocket.PLAINTEXT;
        }
        if (mode == ClientTlsSettingsTlsMode.ISTIO_MUTUAL) {
            // User supplied: every endpoint gets mutual TLS, with no transport socket match.
            return Cluster.TransportSocket.ISTIO_MUTUAL;
        }
        boolean external = svc.meshExternal();
        MutualTlsMode serviceMode = external ? null : inferServiceMode(svc, type, endpoints, pa);
        if (external || !mesh.autoMtls() || serviceMode == MutualTlsMode.DISABLE) {
            return Cluster.TransportSocket.PLAINTEXT;
        }
        // Auto-detected ISTIO_MUTUAL becomes transport socket matches, except on ORIGINAL_DST
        // clusters (headless services), which keep the TLS socket for every endpoint.
        return type == Cluster.Type.ORIGINAL_DST ? Cluster.TransportSocket.ISTIO_MUTUAL : Cluster.TransportSocket.AUTO_MTLS;
    }

    /**
     * {@code BestEffortInferServiceMTLSMode} for a service inside the mesh: a passthrough
     * (headless) service is {@code DISABLE} when it has no endpoint or an endpoint without a
     * sidecar; else its namespace's mode, else the mesh's, else permissive.
     */
    private static MutualTlsMode inferServiceMode(IstioService svc, Cluster.Type type, List<LbEndpoint> endpoints,
                                                  PeerAuthentications pa) {
        if (type == Cluster.Type.ORIGINAL_DST) {
            if (endpoints.isEmpty()) {
                return MutualTlsMode.DISABLE;
            }
            for (LbEndpoint e : endpoints) {
                if (!podTlsModeIstio(e.pod())) {
                    return MutualTlsMode.DISABLE;
                }
            }
        }
        MutualTlsMode ns = pa.namespaceMode(svc.namespace());
        return ns != null ? ns : MutualTlsMode.PERMISSIVE;
    }

    /**
     * {@code checkMtlsEnabled}: whether an endpoint carries {@code tlsMode: istio}. {@code drMode}
     * is {@link #destinationRuleMode}'s answer for the cluster.
     */
    static boolean istioTlsMode(ClusterPod pod, int endpointPort, ClientTlsSettingsTlsMode drMode, PeerAuthentications pa) {
        if (drMode != null) {
            return drMode == ClientTlsSettingsTlsMode.ISTIO_MUTUAL;
        }
        return podTlsModeIstio(pod) && pa.forPort(pod, endpointPort) != MutualTlsMode.DISABLE;
    }

    /** The pod's {@code security.istio.io/tlsMode} label as the injector leaves it: {@code istio} on a sidecar's pod unless set otherwise. */
    private static boolean podTlsModeIstio(ClusterPod pod) {
        if (pod == null) {
            return false;
        }
        String label = pod.labels().get(TLS_MODE_LABEL);
        if (label != null) {
            return label.equals("istio");
        }
        return pod.proxy() == ProxyKind.SIDECAR;
    }

    /**
     * {@code tlsModeForDestinationRule}: the mode the endpoint metadata follows. Unlike the
     * cluster's settings (where a port-level entry replaces the whole block), a field at a time:
     * the top level's {@code tls}, replaced by the port-level entry's when it has one; in a subset,
     * the subset's policy the same way, else the rule's. {@code null}: the rule says nothing, or
     * there is no rule. With SIMPLE or MUTUAL, no endpoint is {@code tlsMode: istio} (only ISTIO_MUTUAL is).
     */
    static ClientTlsSettingsTlsMode destinationRuleMode(DestinationRules.Applied dr, String subsetName, int port) {
        if (dr == null) {
            return null;
        }
        if (subsetName == null || subsetName.isEmpty()) {
            return policyMode(dr.trafficPolicy(), port);
        }
        for (Subset s : dr.subsets()) {
            if (s.name() != null && s.name().equals(subsetName)) {
                ClientTlsSettingsTlsMode own = policyMode(s.trafficPolicy(), port);
                return own != null ? own : policyMode(dr.trafficPolicy(), port);
            }
        }
        return null;
    }

    private static ClientTlsSettingsTlsMode policyMode(TrafficPolicy tp, int port) {
        if (tp == null) {
            return null;
        }
        ClientTlsSettingsTlsMode mode = tp.tls() == null ? null : mode(tp.tls());
        for (PortTrafficPolicy p : tp.portLevelSettings()) {
            if (p != null && p.port() != null && p.port().number() != null && p.port().number() == port && p.tls() != null) {
                mode = mode(p.tls());
                break;
            }
        }
        return mode;
    }

    /** A settings block's mode (absent: the proto's zero value, DISABLE). */
    private static ClientTlsSettingsTlsMode mode(ClientTlsSettings tls) {
        if (tls == null) {
            return null;
        }
        return tls.mode() == null ? ClientTlsSettingsTlsMode.DISABLE : tls.mode();
    }

    /**
     * The TLS a {@code SIMPLE} or {@code MUTUAL} block has {@code proxy} originate
     * ({@code buildUpstreamClusterTLSContext}, {@code constructUpstreamTLS},
     * {@code setAutoSniAndAutoSanValidation}, {@code ApplyCustomSDSToClientCommonTLSContext}), or
     * {@code null} for other modes:
     * <ul>
     *   <li>a sidecar with a {@code credentialName} from a rule without {@code workloadSelector}
     *       gets no TLS at all (istiod will not hand every sidecar the rule reaches that Secret);</li>
     *   <li>no {@code sni}: Envoy's auto SNI, the request's host; and with no {@code subjectAltNames}
     *       either (and verification on), auto SAN validation against that name;</li>
     *   <li>a ServiceEntry's {@code subjectAltNames} stand in when the rule has none;</li>
     *   <li>with {@code credentialName}: the CA from Secret {@code <name>-cacert}, else the Secret's
     *       own {@code ca.crt}; for {@code MUTUAL} the Secret's {@code tls.crt}/{@code tls.key};
     *       all from the proxy's namespace (SDS serves a proxy its own namespace's Secrets);</li>
     *   <li>without it: the system's CAs (file paths are refused as not simulated, NotSimulated).</li>
     * </ul>
     */
    static OriginatedTls originated(ClientTlsSettings tls, ClusterPod proxy, boolean ruleWithSelector, IstioService svc,
                                    java.util.function.BiFunction<String, String, Secret> secrets) {
        ClientTlsSettingsTlsMode mode = mode(tls);
        if (mode != ClientTlsSettingsTlsMode.SIMPLE && mode != ClientTlsSettingsTlsMode.MUTUAL) {
            return null;
        }
        boolean mutual = mode == ClientTlsSettingsTlsMode.MUTUAL;
        boolean insecure = Boolean.TRUE.equals(tls.insecureSkipVerify());
        String sni = tls.sni() == null || tls.sni().isEmpty() ? null : tls.sni();
        List<String> sans = tls.subjectAltNames();
        if (sans.isEmpty() && svc.serviceEntry() != null) {
            sans = svc.serviceEntry().spec().subjectAltNames();
        }
        boolean autoSan = sni == null && sans.isEmpty() && !insecure;
        String name = tls.credentialName() == null ? "" : tls.credentialName();
        if (name.startsWith("kubernetes://")) {
            name = name.substring("kubernetes://".length());
        }
        if (name.isEmpty()) {
            return new OriginatedTls(mutual, sni, sans, autoSan, insecure, true, List.of(), null, null, null, null);
        }
        String credential = proxy.namespace() + "/" + name;
        if (proxy.proxy() == ProxyKind.SIDECAR && !ruleWithSelector) {
            return new OriginatedTls(mutual, sni, sans, autoSan, insecure, false, List.of(), null, credential, null,
                    "a sidecar gets TLS with a credentialName only from a DestinationRule with a workloadSelector "
                            + "(buildUpstreamClusterTLSContext): istiod builds none, and the sidecar sends plain text");
        }
        PemCertificate client = null;
        if (mutual) {
            Secret secret = secrets.apply(proxy.namespace(), name);
            String pem = secret == null ? null : secret.value("tls.crt").or(() -> secret.value("cert")).orElse(null);
            String problem = secret == null ? "Secret " + credential + " not found"
                    : pem == null || secret.value("tls.key").or(() -> secret.value("key")).isEmpty()
                    ? "Secret " + credential + " has no tls.crt and tls.key (or cert and key)" : null;
            if (problem == null) {
                try {
                    client = PemCertificate.parse(pem);
                } catch (IllegalArgumentException e) {
                    problem = "Secret " + credential + ": tls.crt: " + e.getMessage();
                }
            }
            if (problem != null) {
                return new OriginatedTls(true, sni, sans, autoSan, insecure, false, List.of(), null, credential, problem, null);
            }
        }
        if (insecure) {
            return new OriginatedTls(mutual, sni, sans, autoSan, true, false, List.of(), client, credential, null, null);
        }
        Secret caSecret = secrets.apply(proxy.namespace(), name + "-cacert");
        Secret from = caSecret != null ? caSecret : secrets.apply(proxy.namespace(), name);
        String caPem = from == null ? null : from.value("ca.crt").or(() -> from.value("cacert")).orElse(null);
        String where = "Secret " + credential + "-cacert or " + credential;
        if (caPem == null) {
            return new OriginatedTls(mutual, sni, sans, autoSan, false, false, List.of(), client, credential,
                    "neither " + where + " has a ca.crt (or cacert) to check the server's certificate with", null);
        }
        try {
            return new OriginatedTls(mutual, sni, sans, autoSan, false, false, List.of(PemCertificate.parse(caPem)), client,
                    credential, null, null);
        } catch (IllegalArgumentException e) {
            return new OriginatedTls(mutual, sni, sans, autoSan, false, false, List.of(), client, credential,
                    where + ": ca.crt: " + e.getMessage(), null);
        }
    }
}
