package dev.meshtest.internal.validate;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.gateway.BackendRef;
import dev.meshtest.config.gateway.FrontendTlsConfig;
import dev.meshtest.config.gateway.GatewayClass;
import dev.meshtest.config.gateway.GatewaySpec;
import dev.meshtest.config.gateway.GrpcBackendRef;
import dev.meshtest.config.gateway.GrpcRoute;
import dev.meshtest.config.gateway.GrpcRouteFilter;
import dev.meshtest.config.gateway.GrpcRouteRule;
import dev.meshtest.config.gateway.HttpBackendRef;
import dev.meshtest.config.gateway.HttpRoute;
import dev.meshtest.config.gateway.HttpRouteFilter;
import dev.meshtest.config.gateway.HttpRouteRule;
import dev.meshtest.config.gateway.Listener;
import dev.meshtest.config.gateway.ListenerTlsConfig;
import dev.meshtest.config.gateway.ParentReference;
import dev.meshtest.config.gateway.TcpRoute;
import dev.meshtest.config.gateway.TlsConfig;
import dev.meshtest.config.gateway.TlsModeType;
import dev.meshtest.config.gateway.TlsPortConfig;
import dev.meshtest.config.gateway.TlsRoute;
import dev.meshtest.config.istio.AuthorizationCondition;
import dev.meshtest.config.istio.AuthorizationPolicy;
import dev.meshtest.config.istio.AuthorizationPolicyAction;
import dev.meshtest.config.istio.AuthorizationPolicySpec;
import dev.meshtest.config.istio.AuthorizationRule;
import dev.meshtest.config.istio.AuthorizationRuleTo;
import dev.meshtest.config.istio.ClientTlsSettings;
import dev.meshtest.config.istio.ClientTlsSettingsTlsMode;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.IstioEgressListener;
import dev.meshtest.config.istio.IstioIngressListener;
import dev.meshtest.config.istio.JwtRule;
import dev.meshtest.config.istio.PortTrafficPolicy;
import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.RequestAuthentication;
import dev.meshtest.config.istio.Server;
import dev.meshtest.internal.istio.GatewayClasses;
import dev.meshtest.internal.istio.GatewayListenerOptions;
import dev.meshtest.internal.istio.GatewayServers;
import dev.meshtest.config.istio.ServerTlsSettings;
import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.config.istio.Sidecar;
import dev.meshtest.config.istio.SidecarSpec;
import dev.meshtest.config.istio.Subset;
import dev.meshtest.config.istio.TrafficPolicy;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.config.kube.PodTemplateSpec;
import dev.meshtest.config.kube.Service;
import dev.meshtest.internal.istio.AuthorizationAttributes;
import dev.meshtest.internal.istio.GatewayTopology;
import dev.meshtest.internal.istio.SidecarEgress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What changes traffic on a real cluster but meshtest does not simulate: the one table strict mode
 * refuses from and the README's Limits list is checked against (docs/validation.md, "Strict and
 * lenient"). Each entry says what a cluster does with the kind or field, so the refusal can say
 * why a green test here could be red there.
 *
 * <pre>{@code
 * NotSimulated.KINDS.get("EnvoyFilter");   // "it patches the Envoy configuration Istio generates, ..."
 * for (NotSimulated.Gap g : NotSimulated.review(manifests)) {
 *     g.problem();   // strict: the refusal, at the object's line
 *     g.note();      // lenient: the note every result carries
 * }
 * }</pre>
 *
 * <p>Kinds and fields that do not change traffic (ServiceAccount, ConfigMap, Telemetry, access-log
 * settings, ...) are not here: they are read and ignored quietly.
 */
@API(status = INTERNAL, since = "0.1")
public final class NotSimulated {

    /** Kinds, by name, and what a cluster does with an object of that kind. */
    public static final Map<String, String> KINDS;

    /** Fields of simulated kinds, by kind and field, and what a cluster does with them. */
    public static final Map<String, String> FIELDS;

    /** MeshConfig fields, by name, and what a cluster does with them. */
    public static final Map<String, String> MESH_CONFIG_FIELDS;

    static final String NOT_READY_ADDRESSES = "Service spec.publishNotReadyAddresses: true";
    static final String INTERNAL_LOCAL = "Service spec.internalTrafficPolicy: Local";
    static final String TRAFFIC_DISTRIBUTION = "Service spec.trafficDistribution";
    static final String DNS_POLICY = "Pod spec.dnsPolicy: None or Default (also in a workload's pod template)";
    static final String DNS_CONFIG = "Pod spec.dnsConfig (also in a workload's pod template)";
    /** Bookinfo's images and env meshtest does not model ({@code internal.istio.SampleApps}). */
    public static final String BOOKINFO_VARIANTS = "Pod spec.containers[] running a Bookinfo image or env meshtest does not "
            + "model: details-v2 (ENABLE_EXTERNAL_BOOK_SERVICE), ratings-v2 and ratings-v-* (SERVICE_VERSION), "
            + "productpage-v-flooding (FLOOD_FACTOR), *_HOSTNAME, SERVICES_DOMAIN, a *_SERVICE_PORT that is no port number "
            + "or that two Services' service links set, valueFrom or envFrom (also in a workload's pod template)";
    static final String TRAFFIC_DISTRIBUTION_ANNOTATION =
            "annotation networking.istio.io/traffic-distribution (Service, ServiceEntry, Namespace)";
    static final String TCP_ROUTES = "VirtualService spec.tcp[].match[].destinationSubnets";
    static final String TLS_ROUTES = "VirtualService spec.tls[].match[].destinationSubnets";
    static final String SIDECAR_CAPTURE = "Sidecar spec.egress[] with captureMode: NONE, a Unix socket, or protocol HTTP_PROXY";
    static final String SIDECAR_EGRESS_PROXY = "Sidecar spec.outboundTrafficPolicy.egressProxy";
    static final String SIDECAR_INGRESS_TLS = "Sidecar spec.ingress[].tls";
    static final String DESTINATION_RULE_PROXY_PROTOCOL = "DestinationRule trafficPolicy.proxyProtocol (also in subsets)";
    static final String DESTINATION_RULE_TUNNEL = "DestinationRule trafficPolicy.tunnel (also in subsets)";
    static final String OUTLIER_ERROR_CODES = "DestinationRule trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes "
            + "(also port-level and in subsets)";
    static final String RETRY_BUDGET_INTERVAL = "DestinationRule trafficPolicy.retryBudget.budgetInterval (also in subsets)";
    static final String DESTINATION_RULE_TLS = "DestinationRule trafficPolicy.tls caCertificates, clientCertificate, privateKey, "
            + "caCrl, or a configmap:// credentialName (also port-level and in subsets)";
    static final String JWKS_URI = "RequestAuthentication jwksUri whose key set the test has not given (Mesh.withJwks)";
    static final String AUTHZ_CUSTOM = "AuthorizationPolicy action: CUSTOM";
    static final String GATEWAY_PROXY_PROTOCOL = "annotation proxy.istio.io/config with gatewayTopology.proxyProtocol "
            + "(Pod, workload template)";
    static final String POD_PROXY_HEADERS = "annotation proxy.istio.io/config with proxyHeaders (Pod, workload template)";
    static final String POD_CAPTURE = "annotations traffic.sidecar.istio.io/* and sidecar.istio.io/interceptionMode "
            + "other than the defaults (Pod, workload template)";
    static final String AUTHZ_WHEN = "AuthorizationPolicy when keys connection.sni and experimental.envoy.filters.*";
    static final String AUTHZ_PATH_TEMPLATES = "AuthorizationPolicy paths and notPaths with a template ({*}, {**}) Envoy's URI "
            + "template parser rejects (no leading /, an empty segment)";
    static final String GATEWAY_SERVERS = "Gateway spec.servers[] with protocol MONGO, MYSQL, ...";
    static final String GATEWAY_TLS_FIELDS = "Gateway spec.servers[].tls serverCertificate, privateKey, caCertificates, caCrl, "
            + "credentialNames, tlsCertificates, caCertCredentialName, subjectAltNames, verifyCertificateSpki, "
            + "verifyCertificateHash, cipherSuites";
    static final String GATEWAY_API_WAYPOINT = "Gateway API Gateway of class istio-waypoint, or a GatewayClass of controller "
            + "istio.io/mesh-controller";
    static final String GATEWAY_API_PARAMETERS = "Gateway API Gateway spec.infrastructure.parametersRef, and ConfigMaps in "
            + "istio-system labelled gateway.istio.io/defaults-for-class";
    static final String GATEWAY_API_FRONTEND_TLS = "Gateway API Gateway spec.tls.frontend validation (client certificates)";
    static final String GATEWAY_API_LISTENER_TLS = "Gateway API listener tls with two certificateRefs, or options "
            + "gateway.istio.io/tls-cipher-suites or gateway.istio.io/tls-terminate-mode: ISTIO_SIMPLE";
    static final String GATEWAY_API_AUTO_PASSTHROUGH = "Gateway API listener tls Passthrough with option "
            + "gateway.istio.io/listener-protocol: auto-passthrough, or on port 15443 (label networking.istio.io/gatewayPort) "
            + "of a Gateway labelled topology.istio.io/network";
    static final String GATEWAY_API_SERVICE_ENTRY_PARENT = "HTTPRoute, GRPCRoute, TCPRoute and TLSRoute spec.parentRefs[] "
            + "of kind ServiceEntry (networking.istio.io)";
    static final String GATEWAY_API_BACKEND_KINDS = "HTTPRoute, GRPCRoute, TCPRoute and TLSRoute backendRefs (also of "
            + "requestMirror) of kind Hostname (networking.istio.io) or ServiceImport (multicluster.x-k8s.io)";

    /**
     * A DestinationRule's traffic policy (top level or a subset's): TLS from files, the
     * {@code proxyProtocol} and {@code tunnel} (port-level entries have neither), outlier
     * detection's error codes, a retry budget's interval.
     */
    private static void trafficPolicy(List<Gap> gaps, Manifest m, String path, TrafficPolicy tp) {
        if (tp == null) {
            return;
        }
        destinationRuleTls(gaps, m, path, tp);
        outlierErrorCodes(gaps, m, path, tp);
        if (tp.retryBudget() != null && tp.retryBudget().budgetInterval() != null) {
            gaps.add(new Gap(m, path + ".retryBudget.budgetInterval", "a retry budget's budgetInterval",
                    FIELDS.get(RETRY_BUDGET_INTERVAL)));
        }
        if (tp.proxyProtocol() != null) {
            gaps.add(new Gap(m, path + ".proxyProtocol", "a DestinationRule's proxyProtocol", FIELDS.get(DESTINATION_RULE_PROXY_PROTOCOL)));
        }
        if (tp.tunnel() != null) {
            gaps.add(new Gap(m, path + ".tunnel", "a DestinationRule's tunnel", FIELDS.get(DESTINATION_RULE_TUNNEL)));
        }
    }

    /** Outlier detection's {@code outlierDetectionHttpErrorCodes}, at the level given or in its port-level entries. */
    private static void outlierErrorCodes(List<Gap> gaps, Manifest m, String path, TrafficPolicy tp) {
        if (tp.outlierDetection() != null && !tp.outlierDetection().outlierDetectionHttpErrorCodes().isEmpty()) {
            gaps.add(new Gap(m, path + ".outlierDetection.outlierDetectionHttpErrorCodes", "outlierDetectionHttpErrorCodes",
                    FIELDS.get(OUTLIER_ERROR_CODES)));
        }
        for (int i = 0; i < tp.portLevelSettings().size(); i++) {
            PortTrafficPolicy p = tp.portLevelSettings().get(i);
            if (p != null && p.outlierDetection() != null && !p.outlierDetection().outlierDetectionHttpErrorCodes().isEmpty()) {
                gaps.add(new Gap(m, path + ".portLevelSettings[" + i + "].outlierDetection.outlierDetectionHttpErrorCodes",
                        "outlierDetectionHttpErrorCodes", FIELDS.get(OUTLIER_ERROR_CODES)));
            }
        }
    }

    /** A path template istiod accepts but Envoy's parser does not ({@link AuthorizationAttributes#pathTemplateRegex}). */
    private static boolean unparsedTemplate(String path) {
        return AuthorizationAttributes.pathTemplate(path) && AuthorizationAttributes.pathTemplateRegex(path) == null;
    }

    private static final String TRAFFIC_DISTRIBUTION_KEY = "networking.istio.io/traffic-distribution";

    /** The end of every refusal: how to go on. */
    static final String HOW_TO_GO_ON = "remove it from what the test applies, or call mesh().lenient() "
            + "(@MeshTest(lenient = true)) to simulate without it and have every result say so";

    static {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("EnvoyFilter", "it patches the Envoy configuration Istio generates, which can change any routing decision");
        kinds.put("WasmPlugin", "it adds a filter to the selected proxies, which can answer, change or reject requests");
        kinds.put("WorkloadEntry", "it makes a VM or another workload an endpoint of the Services and ServiceEntries that "
                + "select it");
        kinds.put("WorkloadGroup", "it registers VMs as WorkloadEntries, endpoints of the Services that select them");
        kinds.put("NetworkPolicy", "the network plugin drops connections it does not allow: such a request never connects");
        KINDS = Collections.unmodifiableMap(kinds);

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(NOT_READY_ADDRESSES, "pods that are not ready are endpoints too and get traffic");
        fields.put(INTERNAL_LOCAL, "a client only reaches endpoints on its own node, and gets no answer from a node "
                + "without one");
        fields.put(TRAFFIC_DISTRIBUTION, "proxies prefer endpoints in the client's zone");
        fields.put(DNS_POLICY, "the pod resolves names with the node's resolver (Default) or only its dnsConfig (None): "
                + "Service names may not resolve at all");
        fields.put(DNS_CONFIG, "its name servers, search domains and options (ndots) change how the pod resolves names");
        fields.put(BOOKINFO_VARIANTS, "the app then calls Google Books, reads a database, fails or stalls on purpose, floods "
                + "reviews, or calls other hosts and ports than the ones meshtest's model of it calls; a lenient mesh runs the app "
                + "as meshtest models it, without that");
        fields.put(TRAFFIC_DISTRIBUTION_ANNOTATION, "proxies prefer endpoints in the client's zone (PreferClose) or node");
        fields.put(POD_CAPTURE, "the sidecar's iptables rules then leave some of the pod's traffic (ports, IP ranges, "
                + "interfaces) out of the sidecar, or intercept it otherwise (TPROXY keeps addresses, NONE captures nothing)");
        fields.put(GATEWAY_PROXY_PROTOCOL, "the gateway then expects a PROXY protocol header on every connection (clients "
                + "without one fail) and takes the client's address from it");
        fields.put(POD_PROXY_HEADERS, "it changes the headers the pod's proxy adds: server, x-request-id, "
                + "x-envoy-attempt-count, x-forwarded-client-cert");
        fields.put(TCP_ROUTES, "they route TCP connections by the address dialled");
        fields.put(TLS_ROUTES, "the sidecars route TLS connections by the address dialled");
        fields.put(SIDECAR_CAPTURE, "the listener is an address the application connects to itself (or an HTTP proxy it "
                + "is configured to use), not where its requests to services are captured");
        fields.put(SIDECAR_EGRESS_PROXY, "requests to hosts the sidecar does not know go to the egress proxy instead of "
                + "their own destination");
        fields.put(SIDECAR_INGRESS_TLS, "the sidecar terminates TLS on the port: a client speaking plain HTTP to it fails");
        fields.put(DESTINATION_RULE_PROXY_PROTOCOL, "the proxies send a PROXY protocol header first on every connection to "
                + "the destination (applyUpstreamProxyProtocol): an app that does not expect one fails the request");
        fields.put(DESTINATION_RULE_TUNNEL, "the proxies' TCP proxies tunnel each connection through an HTTP CONNECT (or POST) "
                + "request to the destination, usually an egress gateway, for targetHost:targetPort, which decides where it goes");
        fields.put(OUTLIER_ERROR_CODES, "the proxies then match each response against those status codes (Envoy's outlier "
                + "detection error matcher) to decide what counts as an error, which changes when hosts are ejected");
        fields.put(RETRY_BUDGET_INTERVAL, "the proxies then measure the budget over a window of recent requests rather than "
                + "the requests active at the moment, which changes which retries are refused (503 UO)");
        fields.put(DESTINATION_RULE_TLS, "the proxy originates TLS with certificates from files mounted in its pod (or a "
                + "ConfigMap's CA), which meshtest cannot read: use a credentialName Secret");
        fields.put(JWKS_URI, "istiod fetches the key set from the URI, and the proxies verify tokens with it; meshtest "
                + "fetches nothing, so without the key set every token fails verification (401), as when istiod cannot fetch it");
        fields.put(AUTHZ_CUSTOM, "the selected proxies ask the external authorizer named by its provider (MeshConfig "
                + "extensionProviders), which can deny any request its rules match");
        fields.put(AUTHZ_WHEN, "they match the TLS server name or Envoy's dynamic metadata of the request");
        fields.put(AUTHZ_PATH_TEMPLATES, "istiod passes the template to the proxies, whose URI template parser rejects it "
                + "and with it the listener update: the proxies keep the configuration they had");
        fields.put(GATEWAY_SERVERS, "the gateway listens on the port and proxies the protocol");
        fields.put(GATEWAY_TLS_FIELDS, "the gateway serves certificates from files or several Secrets, or checks client "
                + "certificates beyond their CA, or limits the ciphers and TLS versions a client may use: handshakes can "
                + "fail that meshtest would let through");
        fields.put(GATEWAY_API_WAYPOINT, "with ambient mode istiod deploys a waypoint proxy, and traffic to the Services and "
                + "workloads that use it (istio.io/use-waypoint) goes through it, its routes and its policies; meshtest "
                + "simulates sidecars, not ambient mode");
        fields.put(GATEWAY_API_PARAMETERS, "istiod's deployment controller patches the gateway's Deployment, Service, "
                + "HorizontalPodAutoscaler and PodDisruptionBudget with the ConfigMap's overlays (replicas, Service type and "
                + "ports, pod annotations, ...), and deploys nothing while a parametersRef names no ConfigMap that exists");
        fields.put(GATEWAY_API_FRONTEND_TLS, "the gateway asks TLS clients for a certificate and checks it against the CA "
                + "referenced: handshakes without one that chains to it fail, unless the mode is AllowInsecureFallback");
        fields.put(GATEWAY_API_LISTENER_TLS, "the gateway serves one of two certificates by what the client supports (RSA "
                + "or ECDSA), accepts only the ciphers listed, or serves its own workload certificate from the mesh's CA "
                + "(ISTIO_SIMPLE): handshakes can fail, or succeed, otherwise than meshtest's");
        fields.put(GATEWAY_API_AUTO_PASSTHROUGH, "the listener is AUTO_PASSTHROUGH: it forwards mutual TLS from other "
                + "networks' proxies to the service cluster its server name names (outbound_.<port>_.<subset>_.<host>), "
                + "without TLSRoutes, where meshtest's PASSTHROUGH listener forwards by TLSRoutes only");
        fields.put(GATEWAY_API_SERVICE_ENTRY_PARENT, "istiod attaches the route to the ServiceEntry's hosts: the sidecars "
                + "route requests for them by its rules, where meshtest leaves the route out");
        fields.put(GATEWAY_API_BACKEND_KINDS, "istiod routes to the host named (Hostname: a Service's or ServiceEntry's "
                + "host) or to the Service of the ServiceImport's name, where meshtest reports an unsupported kind "
                + "(InvalidKind) and routes nowhere");
        FIELDS = Collections.unmodifiableMap(fields);

        Map<String, String> mc = new LinkedHashMap<>();
        mc.put("connectTimeout", "it bounds how long a proxy waits for an upstream connection before answering 503 UF");
        mc.put("localityLbSetting", "it makes proxies prefer endpoints in their own locality and fail over by it");
        mc.put("h2UpgradePolicy", "UPGRADE makes sidecars speak HTTP/2 upstream, so requests share connections");
        mc.put("discoverySelectors", "istiod ignores the Services and endpoints of the namespaces it does not select");
        mc.put("defaultTrafficPolicy", "its connection pool and TLS settings apply to every cluster without a "
                + "DestinationRule setting them");
        mc.put("trustDomainAliases", "AuthorizationPolicy principals in these trust domains match the mesh's own identities");
        mc.put("defaultConfig.proxyHeaders", "it changes the headers proxies add: server, x-request-id, "
                + "x-envoy-attempt-count, x-forwarded-client-cert");
        mc.put("defaultConfig.gatewayTopology.proxyProtocol", "gateways then expect a PROXY protocol header on every "
                + "connection (clients without one fail) and take the client's address from it");
        MESH_CONFIG_FIELDS = Collections.unmodifiableMap(mc);
    }

    private NotSimulated() {
    }

    /**
     * One thing applied that meshtest does not simulate.
     *
     * @param manifest the object
     * @param fieldPath the field, or {@code null} for the object as a whole
     * @param what what is not simulated ({@code EnvoyFilter}, {@code a CUSTOM AuthorizationPolicy})
     * @param onACluster what a cluster does with it
     */
    public record Gap(Manifest manifest, String fieldPath, String what, String onACluster) {

        /** @return the refusal, located at the object or field */
        public Problem problem() {
            return Problem.at(manifest, fieldPath, refusal(what, onACluster));
        }

        /** @return the note a lenient mesh keeps: {@code lenient: EnvoyFilter default/lua (file:3) is not simulated; ...} */
        public String note() {
            String at = manifest.origin().locate(fieldPath == null ? "" : fieldPath);
            String object = manifest.resource().kind() + " " + manifest.resource().namespace() + "/" + manifest.resource().name()
                    + (fieldPath == null ? "" : " " + fieldPath) + (at == null ? "" : " (" + at + ")");
            return NotSimulated.note(object + ", " + what + ",", onACluster);
        }
    }

    /**
     * Every object of a kind in {@link #KINDS}, and every field of {@link #FIELDS} that an object
     * uses, in the order of the objects.
     *
     * @param manifests the objects of one apply
     * @return the gaps
     */
    public static List<Gap> review(List<Manifest> manifests) {
        return review(manifests, java.util.Set.of());
    }

    /**
     * As {@link #review(List)}, knowing the key sets the test has given ({@code Mesh.withJwks}).
     *
     * @param manifests the objects of one apply
     * @param jwksUris the URIs whose key sets the test has given
     * @return the gaps
     */
    public static List<Gap> review(List<Manifest> manifests, java.util.Set<String> jwksUris) {
        List<Gap> gaps = new ArrayList<>();
        for (Manifest m : manifests) {
            var meta = m.resource().metadata();
            if (meta != null && meta.annotations().containsKey(TRAFFIC_DISTRIBUTION_KEY)
                    && (m.resource() instanceof Service || m.resource() instanceof ServiceEntry || m.resource() instanceof Namespace)) {
                gaps.add(new Gap(m, "metadata.annotations", "the " + TRAFFIC_DISTRIBUTION_KEY + " annotation",
                        FIELDS.get(TRAFFIC_DISTRIBUTION_ANNOTATION)));
            }
            if (m.resource() instanceof IgnoredResource ir && KINDS.containsKey(ir.kind())) {
                gaps.add(new Gap(m, null, ir.kind(), KINDS.get(ir.kind())));
            } else if (m.resource() instanceof IgnoredResource ir && ir.kind().equals("ConfigMap")) {
                gatewayClassDefaults(gaps, m, ir);
            } else if (m.resource() instanceof dev.meshtest.config.gateway.Gateway g && g.spec() != null) {
                gatewayApiGateway(gaps, m, g, GatewayClasses.controllerOf(g.spec().gatewayClassName(), classes(manifests)));
            } else if (m.resource() instanceof GatewayClass c && c.spec() != null
                    && GatewayClasses.MESH_CONTROLLER.equals(c.spec().controllerName())) {
                gaps.add(new Gap(m, "spec.controllerName", "a waypoint class (controller " + GatewayClasses.MESH_CONTROLLER + ")",
                        FIELDS.get(GATEWAY_API_WAYPOINT)));
            } else if (m.resource() instanceof HttpRoute r && r.spec() != null) {
                parentRefs(gaps, m, r.spec().parentRefs());
                for (int i = 0; i < r.spec().rules().size(); i++) {
                    HttpRouteRule rule = r.spec().rules().get(i);
                    if (rule == null) {
                        continue;
                    }
                    String p = "spec.rules[" + i + "]";
                    httpMirrors(gaps, m, p, rule.filters());
                    for (int j = 0; j < rule.backendRefs().size(); j++) {
                        HttpBackendRef b = rule.backendRefs().get(j);
                        if (b != null) {
                            backendKind(gaps, m, p + ".backendRefs[" + j + "]", b.group(), b.kind(), b.name());
                            httpMirrors(gaps, m, p + ".backendRefs[" + j + "]", b.filters());
                        }
                    }
                }
            } else if (m.resource() instanceof GrpcRoute r && r.spec() != null) {
                parentRefs(gaps, m, r.spec().parentRefs());
                for (int i = 0; i < r.spec().rules().size(); i++) {
                    GrpcRouteRule rule = r.spec().rules().get(i);
                    if (rule == null) {
                        continue;
                    }
                    String p = "spec.rules[" + i + "]";
                    grpcMirrors(gaps, m, p, rule.filters());
                    for (int j = 0; j < rule.backendRefs().size(); j++) {
                        GrpcBackendRef b = rule.backendRefs().get(j);
                        if (b != null) {
                            backendKind(gaps, m, p + ".backendRefs[" + j + "]", b.group(), b.kind(), b.name());
                            grpcMirrors(gaps, m, p + ".backendRefs[" + j + "]", b.filters());
                        }
                    }
                }
            } else if (m.resource() instanceof TcpRoute r && r.spec() != null) {
                parentRefs(gaps, m, r.spec().parentRefs());
                for (int i = 0; i < r.spec().rules().size(); i++) {
                    if (r.spec().rules().get(i) != null) {
                        backendRefs(gaps, m, "spec.rules[" + i + "]", r.spec().rules().get(i).backendRefs());
                    }
                }
            } else if (m.resource() instanceof TlsRoute r && r.spec() != null) {
                parentRefs(gaps, m, r.spec().parentRefs());
                for (int i = 0; i < r.spec().rules().size(); i++) {
                    if (r.spec().rules().get(i) != null) {
                        backendRefs(gaps, m, "spec.rules[" + i + "]", r.spec().rules().get(i).backendRefs());
                    }
                }
            } else if (m.resource() instanceof VirtualService vs && vs.spec() != null) {
                destinationSubnets(gaps, m, "tcp", vs.spec().tcp().stream().map(r -> r == null ? List.<List<String>>of()
                        : r.match().stream().map(x -> x == null ? List.<String>of() : x.destinationSubnets()).toList()).toList(), TCP_ROUTES);
                destinationSubnets(gaps, m, "tls", vs.spec().tls().stream().map(r -> r == null ? List.<List<String>>of()
                        : r.match().stream().map(x -> x == null ? List.<String>of() : x.destinationSubnets()).toList()).toList(), TLS_ROUTES);
            } else if (m.resource() instanceof Service s && s.spec() != null) {
                if (Boolean.TRUE.equals(s.spec().publishNotReadyAddresses())) {
                    gaps.add(new Gap(m, "spec.publishNotReadyAddresses", "publishNotReadyAddresses", FIELDS.get(NOT_READY_ADDRESSES)));
                }
                if ("Local".equals(s.spec().internalTrafficPolicy())) {
                    gaps.add(new Gap(m, "spec.internalTrafficPolicy", "internalTrafficPolicy: Local", FIELDS.get(INTERNAL_LOCAL)));
                }
                if (s.spec().trafficDistribution() != null) {
                    gaps.add(new Gap(m, "spec.trafficDistribution", "trafficDistribution", FIELDS.get(TRAFFIC_DISTRIBUTION)));
                }
            } else if (m.resource() instanceof Pod p && p.spec() != null) {
                pod(gaps, m, "metadata.annotations", p.metadata(), "spec", p.spec());
            } else if (template(m.resource()) != null && template(m.resource()).spec() != null) {
                PodTemplateSpec t = template(m.resource());
                pod(gaps, m, "spec.template.metadata.annotations", t.metadata(), "spec.template.spec", t.spec());
            } else if (m.resource() instanceof Sidecar sc && sc.spec() != null) {
                sidecar(gaps, m, sc.spec());
            } else if (m.resource() instanceof RequestAuthentication ra && ra.spec() != null) {
                for (int i = 0; i < ra.spec().jwtRules().size(); i++) {
                    JwtRule r = ra.spec().jwtRules().get(i);
                    if (r != null && r.jwksUri() != null && !r.jwksUri().isEmpty() && (r.jwks() == null || r.jwks().isEmpty())
                            && !jwksUris.contains(r.jwksUri())) {
                        gaps.add(new Gap(m, "spec.jwtRules[" + i + "].jwksUri", "the key set at " + r.jwksUri(),
                                FIELDS.get(JWKS_URI) + "; give it with mesh.withJwks(\"" + r.jwksUri() + "\", json) before applying"));
                    }
                }
            } else if (m.resource() instanceof AuthorizationPolicy ap && ap.spec() != null) {
                authorizationPolicy(gaps, m, ap.spec());
            } else if (m.resource() instanceof DestinationRule dr && dr.spec() != null) {
                trafficPolicy(gaps, m, "spec.trafficPolicy", dr.spec().trafficPolicy());
                for (int i = 0; i < dr.spec().subsets().size(); i++) {
                    Subset subset = dr.spec().subsets().get(i);
                    if (subset != null) {
                        trafficPolicy(gaps, m, "spec.subsets[" + i + "].trafficPolicy", subset.trafficPolicy());
                    }
                }
            } else if (m.resource() instanceof Gateway g && g.spec() != null) {
                List<Server> servers = g.spec().servers();
                for (int i = 0; i < servers.size(); i++) {
                    Server server = servers.get(i);
                    if (server == null || server.port() == null || server.port().protocol() == null) {
                        continue;
                    }
                    Protocol protocol = Protocol.parse(server.port().protocol());
                    ServerTlsSettings tls = server.tls();
                    boolean terminates = GatewayServers.terminatesTls(server);
                    if (!GatewayServers.simulated(server)) {
                        gaps.add(new Gap(m, "spec.servers[" + i + "].port.protocol", "a " + server.port().protocol()
                                + " server of a Gateway" + (protocol == Protocol.HTTPS && tls != null && tls.mode() != null
                                        ? " with tls.mode " + tls.mode() : ""), FIELDS.get(GATEWAY_SERVERS)));
                    } else if (terminates) {
                        gatewayTls(gaps, m, "spec.servers[" + i + "].tls", tls);
                    }
                }
            }
        }
        return gaps;
    }

    // ---- the Gateway API, as istiod translates it (pilot/pkg/config/kube/gateway) ----------------

    private static final String TERMINATE_MODE = GatewayListenerOptions.TLS_TERMINATE_MODE;
    private static final String CIPHER_SUITES = GatewayListenerOptions.TLS_CIPHER_SUITES;
    private static final String LISTENER_PROTOCOL = GatewayListenerOptions.LISTENER_PROTOCOL;
    private static final String NETWORK_LABEL = "topology.istio.io/network";
    private static final String GATEWAY_PORT_LABEL = "networking.istio.io/gatewayPort";
    private static final String CLASS_DEFAULTS_LABEL = "gateway.istio.io/defaults-for-class";

    /**
     * The GatewayClasses among the objects of this apply (classes applied before are not known
     * here: their Gateways fall back to the built-in classes, {@link GatewayClasses}).
     */
    private static List<GatewayClass> classes(List<Manifest> manifests) {
        List<GatewayClass> out = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.resource() instanceof GatewayClass c) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A Gateway API Gateway: a waypoint as a whole; else its deployment parameters, its client
     * certificate validation where a listener terminates TLS with it ({@code conversion.go
     * resolveGatewayTLS}, {@code buildTLS}), and each listener's TLS that istiod translates to
     * what the Istio Gateway simulation does not serve. Gateways of other controllers' classes are
     * left alone, by istiod as by meshtest.
     */
    private static void gatewayApiGateway(List<Gap> gaps, Manifest m, dev.meshtest.config.gateway.Gateway g, String controller) {
        GatewaySpec spec = g.spec();
        if (GatewayClasses.MESH_CONTROLLER.equals(controller)) {
            gaps.add(new Gap(m, "spec.gatewayClassName", "a waypoint (a Gateway of class " + spec.gatewayClassName() + ")",
                    FIELDS.get(GATEWAY_API_WAYPOINT)));
            return;
        }
        if (!GatewayClasses.GATEWAY_CONTROLLER.equals(controller)) {
            return;
        }
        if (spec.infrastructure() != null && spec.infrastructure().parametersRef() != null) {
            var ref = spec.infrastructure().parametersRef();
            gaps.add(new Gap(m, "spec.infrastructure.parametersRef", "infrastructure.parametersRef (" + ref.kind() + " "
                    + ref.name() + ")", FIELDS.get(GATEWAY_API_PARAMETERS)));
        }
        FrontendTlsConfig frontend = spec.tls() == null ? null : spec.tls().frontend();
        java.util.Set<String> validations = new java.util.LinkedHashSet<>();
        Map<String, String> labels = g.metadata() == null || g.metadata().labels() == null ? Map.of() : g.metadata().labels();
        for (int i = 0; i < spec.listeners().size(); i++) {
            Listener l = spec.listeners().get(i);
            if (l == null || l.tls() == null) {
                continue;
            }
            ListenerTlsConfig tls = l.tls();
            String p = "spec.listeners[" + i + "].tls";
            if (tls.mode() == TlsModeType.Passthrough) {
                // kube.IsAutoPassthrough: the option, or a network gateway's port
                if ("auto-passthrough".equals(tls.options().get(LISTENER_PROTOCOL))) {
                    gaps.add(new Gap(m, p + ".options." + LISTENER_PROTOCOL, "an auto-passthrough listener ("
                            + LISTENER_PROTOCOL + ")", FIELDS.get(GATEWAY_API_AUTO_PASSTHROUGH)));
                } else if (labels.containsKey(NETWORK_LABEL)
                        && String.valueOf(l.port()).equals(labels.getOrDefault(GATEWAY_PORT_LABEL, "15443"))) {
                    gaps.add(new Gap(m, "spec.listeners[" + i + "].port", "an auto-passthrough listener (port " + l.port()
                            + " of a Gateway labelled " + NETWORK_LABEL + ")", FIELDS.get(GATEWAY_API_AUTO_PASSTHROUGH)));
                }
                continue;
            }
            String terminate = tls.options().get(TERMINATE_MODE);
            if ("ISTIO_SIMPLE".equals(terminate)) {
                gaps.add(new Gap(m, p + ".options." + TERMINATE_MODE, "TLS termination with the gateway's own certificate ("
                        + TERMINATE_MODE + ": ISTIO_SIMPLE)", FIELDS.get(GATEWAY_API_LISTENER_TLS)));
                continue;
            }
            if ("ISTIO_MUTUAL".equals(terminate)) {
                continue;   // an ISTIO_MUTUAL server, simulated; istiod reads nothing else of the listener's TLS
            }
            if (tls.certificateRefs().size() == 2) {
                gaps.add(new Gap(m, p + ".certificateRefs", "two certificates on one listener (credentialNames)",
                        FIELDS.get(GATEWAY_API_LISTENER_TLS)));
            }
            String ciphers = tls.options().get(CIPHER_SUITES);
            if (ciphers != null && !ciphers.isBlank()) {
                gaps.add(new Gap(m, p + ".options." + CIPHER_SUITES, "the cipher suites of " + CIPHER_SUITES,
                        FIELDS.get(GATEWAY_API_LISTENER_TLS)));
            }
            if (frontend != null) {
                String at = "spec.tls.frontend.default";
                TlsConfig config = frontend.defaultConfig();
                for (int k = 0; k < frontend.perPort().size(); k++) {
                    TlsPortConfig pp = frontend.perPort().get(k);
                    if (pp != null && pp.port() != null && pp.port().equals(l.port())) {
                        at = "spec.tls.frontend.perPort[" + k + "].tls";
                        config = pp.tls();
                        break;
                    }
                }
                if (config != null && config.validation() != null && !config.validation().caCertificateRefs().isEmpty()) {
                    validations.add(at + ".validation");
                }
            }
        }
        for (String at : validations) {
            gaps.add(new Gap(m, at, "client certificate validation (tls.frontend)", FIELDS.get(GATEWAY_API_FRONTEND_TLS)));
        }
    }

    /** A ConfigMap of gateway overlays for every Gateway of a class (deploymentcontroller.go {@code render}). */
    private static void gatewayClassDefaults(List<Gap> gaps, Manifest m, IgnoredResource configMap) {
        var meta = configMap.metadata();
        String cls = meta == null || meta.labels() == null ? null : meta.labels().get(CLASS_DEFAULTS_LABEL);
        if (cls != null && "v1".equals(configMap.apiVersion()) && "istio-system".equals(configMap.namespace())) {
            gaps.add(new Gap(m, "metadata.labels." + CLASS_DEFAULTS_LABEL, "the gateway overlays of class " + cls + " (label "
                    + CLASS_DEFAULTS_LABEL + ")", FIELDS.get(GATEWAY_API_PARAMETERS)));
        }
    }

    /** Parents of kind ServiceEntry ({@code conversion.go extractParentReferenceInfo}: mesh parents with its hosts). */
    private static void parentRefs(List<Gap> gaps, Manifest m, List<ParentReference> refs) {
        for (int i = 0; i < refs.size(); i++) {
            ParentReference r = refs.get(i);
            if (r != null && "networking.istio.io".equals(r.group()) && "ServiceEntry".equals(r.kind())) {
                gaps.add(new Gap(m, "spec.parentRefs[" + i + "].kind", "a route attached to ServiceEntry " + r.name(),
                        FIELDS.get(GATEWAY_API_SERVICE_ENTRY_PARENT)));
            }
        }
    }

    /**
     * The backend kinds istiod routes to by default that meshtest does not ({@code conversion.go
     * buildDestination}); InferencePool and XBackend are invalid kinds there too unless istiod
     * enables them.
     */
    private static void backendKind(List<Gap> gaps, Manifest m, String path, String group, String kind, String name) {
        if (("networking.istio.io".equals(group) && "Hostname".equals(kind))
                || ("multicluster.x-k8s.io".equals(group) && "ServiceImport".equals(kind))) {
            gaps.add(new Gap(m, path + ".kind", "a backendRef of kind " + kind + " (" + name + ")",
                    FIELDS.get(GATEWAY_API_BACKEND_KINDS)));
        }
    }

    private static void backendRefs(List<Gap> gaps, Manifest m, String path, List<BackendRef> refs) {
        for (int j = 0; j < refs.size(); j++) {
            BackendRef b = refs.get(j);
            if (b != null) {
                backendKind(gaps, m, path + ".backendRefs[" + j + "]", b.group(), b.kind(), b.name());
            }
        }
    }

    private static void httpMirrors(List<Gap> gaps, Manifest m, String path, List<HttpRouteFilter> filters) {
        for (int k = 0; k < filters.size(); k++) {
            HttpRouteFilter f = filters.get(k);
            if (f != null && f.requestMirror() != null && f.requestMirror().backendRef() != null) {
                var b = f.requestMirror().backendRef();
                backendKind(gaps, m, path + ".filters[" + k + "].requestMirror.backendRef", b.group(), b.kind(), b.name());
            }
        }
    }

    private static void grpcMirrors(List<Gap> gaps, Manifest m, String path, List<GrpcRouteFilter> filters) {
        for (int k = 0; k < filters.size(); k++) {
            GrpcRouteFilter f = filters.get(k);
            if (f != null && f.requestMirror() != null && f.requestMirror().backendRef() != null) {
                var b = f.requestMirror().backendRef();
                backendKind(gaps, m, path + ".filters[" + k + "].requestMirror.backendRef", b.group(), b.kind(), b.name());
            }
        }
    }

    /** {@code tcp} or {@code tls} matches on {@code destinationSubnets} ({@code subnets[rule][match]}), each where it is written. */
    private static void destinationSubnets(List<Gap> gaps, Manifest m, String kind, List<List<List<String>>> subnets, String field) {
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = 0; j < subnets.get(i).size(); j++) {
                if (!subnets.get(i).get(j).isEmpty()) {
                    gaps.add(new Gap(m, "spec." + kind + "[" + i + "].match[" + j + "].destinationSubnets",
                            "a " + kind + " match on destinationSubnets", FIELDS.get(field)));
                }
            }
        }
    }

    /** The server TLS fields meshtest does not simulate (GATEWAY_TLS_FIELDS), each where it is written. */
    private static void gatewayTls(List<Gap> gaps, Manifest m, String path, ServerTlsSettings tls) {
        java.util.Map<String, Boolean> set = new java.util.LinkedHashMap<>();
        set.put("serverCertificate", tls.serverCertificate() != null && !tls.serverCertificate().isEmpty());
        set.put("privateKey", tls.privateKey() != null && !tls.privateKey().isEmpty());
        set.put("caCertificates", tls.caCertificates() != null && !tls.caCertificates().isEmpty());
        set.put("caCrl", tls.caCrl() != null && !tls.caCrl().isEmpty());
        set.put("credentialNames", !tls.credentialNames().isEmpty());
        set.put("tlsCertificates", !tls.tlsCertificates().isEmpty());
        set.put("caCertCredentialName", tls.caCertCredentialName() != null && !tls.caCertCredentialName().isEmpty());
        set.put("subjectAltNames", !tls.subjectAltNames().isEmpty());
        set.put("verifyCertificateSpki", !tls.verifyCertificateSpki().isEmpty());
        set.put("verifyCertificateHash", !tls.verifyCertificateHash().isEmpty());
        set.put("cipherSuites", !tls.cipherSuites().isEmpty());
        set.forEach((field, present) -> {
            if (present) {
                gaps.add(new Gap(m, path + "." + field, "a Gateway server's tls." + field, FIELDS.get(GATEWAY_TLS_FIELDS)));
            }
        });
    }

    private static void authorizationPolicy(List<Gap> gaps, Manifest m, AuthorizationPolicySpec spec) {
        if (spec.action() == AuthorizationPolicyAction.CUSTOM) {
            gaps.add(new Gap(m, "spec.action", "a CUSTOM AuthorizationPolicy", FIELDS.get(AUTHZ_CUSTOM)));
        }
        for (int i = 0; i < spec.rules().size(); i++) {
            AuthorizationRule rule = spec.rules().get(i);
            if (rule == null) {
                continue;
            }
            String p = "spec.rules[" + i + "]";
            for (int j = 0; j < rule.to().size(); j++) {
                AuthorizationRuleTo t = rule.to().get(j);
                if (t == null || t.operation() == null) {
                    continue;
                }
                if (t.operation().paths().stream().anyMatch(NotSimulated::unparsedTemplate)) {
                    gaps.add(new Gap(m, p + ".to[" + j + "].operation.paths", "a path template Envoy cannot parse",
                            FIELDS.get(AUTHZ_PATH_TEMPLATES)));
                }
                if (t.operation().notPaths().stream().anyMatch(NotSimulated::unparsedTemplate)) {
                    gaps.add(new Gap(m, p + ".to[" + j + "].operation.notPaths", "a path template Envoy cannot parse",
                            FIELDS.get(AUTHZ_PATH_TEMPLATES)));
                }
            }
            for (int j = 0; j < rule.when().size(); j++) {
                AuthorizationCondition c = rule.when().get(j);
                if (c == null || c.key() == null || !AuthorizationAttributes.notSimulated(c.key())) {
                    continue;
                }
                gaps.add(new Gap(m, p + ".when[" + j + "].key", "the condition " + c.key(),
                        FIELDS.get(AUTHZ_WHEN)));
            }
        }
    }

    /** TLS origination (SIMPLE, MUTUAL) from files in the proxy's pod, in a traffic policy and its port-level settings. */
    private static void destinationRuleTls(List<Gap> gaps, Manifest m, String path, TrafficPolicy tp) {
        if (tp == null) {
            return;
        }
        originates(gaps, m, path + ".tls", tp.tls());
        for (int i = 0; i < tp.portLevelSettings().size(); i++) {
            PortTrafficPolicy p = tp.portLevelSettings().get(i);
            if (p != null) {
                originates(gaps, m, path + ".portLevelSettings[" + i + "].tls", p.tls());
            }
        }
    }

    private static void originates(List<Gap> gaps, Manifest m, String path, ClientTlsSettings tls) {
        if (tls == null || (tls.mode() != ClientTlsSettingsTlsMode.SIMPLE && tls.mode() != ClientTlsSettingsTlsMode.MUTUAL)) {
            return;
        }
        String[][] files = {{"caCertificates", tls.caCertificates()}, {"clientCertificate", tls.clientCertificate()},
            {"privateKey", tls.privateKey()}, {"caCrl", tls.caCrl()}};
        for (String[] f : files) {
            if (f[1] != null && !f[1].isEmpty()) {
                gaps.add(new Gap(m, path + "." + f[0], "TLS origination with " + f[0] + " from a file (" + f[1] + ")",
                        FIELDS.get(DESTINATION_RULE_TLS)));
            }
        }
        if (tls.credentialName() != null && tls.credentialName().startsWith("configmap://")) {
            gaps.add(new Gap(m, path + ".credentialName", "TLS origination with a ConfigMap's CA (" + tls.credentialName() + ")",
                    FIELDS.get(DESTINATION_RULE_TLS)));
        }
    }

    private static void sidecar(List<Gap> gaps, Manifest m, SidecarSpec spec) {
        for (int i = 0; i < spec.egress().size(); i++) {
            IstioEgressListener e = spec.egress().get(i);
            if (e == null) {
                continue;
            }
            if (!SidecarEgress.capturesServiceTraffic(e)) {
                boolean none = SidecarEgress.boundByTheApplication(e);
                boolean socket = SidecarEgress.unixSocket(e);
                String field = none ? ".captureMode" : socket ? ".bind" : ".port.protocol";
                String what = none ? "captureMode: NONE" : socket ? "a Unix socket listener" : "protocol HTTP_PROXY";
                gaps.add(new Gap(m, "spec.egress[" + i + "]" + field, "a Sidecar egress listener with " + what,
                        FIELDS.get(SIDECAR_CAPTURE)));
            }
        }
        if (spec.outboundTrafficPolicy() != null && spec.outboundTrafficPolicy().egressProxy() != null) {
            gaps.add(new Gap(m, "spec.outboundTrafficPolicy.egressProxy", "a Sidecar's egressProxy", FIELDS.get(SIDECAR_EGRESS_PROXY)));
        }
        for (int i = 0; i < spec.ingress().size(); i++) {
            IstioIngressListener in = spec.ingress().get(i);
            if (in != null && in.tls() != null) {
                gaps.add(new Gap(m, "spec.ingress[" + i + "].tls", "TLS of a Sidecar ingress listener", FIELDS.get(SIDECAR_INGRESS_TLS)));
            }
        }
    }

    /** The pod template of a workload (Deployment, StatefulSet, ReplicaSet, DaemonSet), else {@code null}. */
    private static PodTemplateSpec template(dev.meshtest.config.Resource r) {
        if (r instanceof Deployment d) {
            return d.spec() == null ? null : d.spec().template();
        }
        if (r instanceof dev.meshtest.config.kube.StatefulSet s) {
            return s.spec() == null ? null : s.spec().template();
        }
        if (r instanceof dev.meshtest.config.kube.ReplicaSet s) {
            return s.spec() == null ? null : s.spec().template();
        }
        if (r instanceof dev.meshtest.config.kube.DaemonSet s) {
            return s.spec() == null ? null : s.spec().template();
        }
        return null;
    }

    /** A pod's or pod template's annotations and spec. */
    private static void pod(List<Gap> gaps, Manifest m, String annotationsPath, dev.meshtest.config.ObjectMeta meta,
                            String specPath, PodSpec spec) {
        java.util.Map<String, String> annotations = meta == null ? java.util.Map.of() : meta.annotations();
        for (Map.Entry<String, String> a : new java.util.TreeMap<>(annotations).entrySet()) {
            String key = a.getKey();
            String value = a.getValue() == null ? "" : a.getValue().trim();
            String name = key.startsWith(CAPTURE_PREFIX) ? key.substring(CAPTURE_PREFIX.length()) : "";
            // The two include lists capture everything with "*" (their default; "" captures nothing),
            // the others add or leave out nothing when empty.
            boolean captures = CAPTURE_KEYS.contains(name) && (name.equals("includeOutboundIPRanges")
                    || name.equals("includeInboundPorts") ? !value.equals("*") : !value.isEmpty());
            boolean intercepts = key.equals(INTERCEPTION_MODE) && !value.equals("REDIRECT");
            if (captures || intercepts) {
                gaps.add(new Gap(m, annotationsPath + "." + key, "the " + key + " annotation", FIELDS.get(POD_CAPTURE)));
            }
        }
        proxyConfig(gaps, m, annotationsPath, meta);
        podSpec(gaps, m, specPath, spec);
    }

    private static final String CAPTURE_PREFIX = "traffic.sidecar.istio.io/";
    /** The annotations that change which traffic the sidecar's iptables rules send through it (the injector's). */
    private static final java.util.Set<String> CAPTURE_KEYS = java.util.Set.of("includeOutboundIPRanges",
            "excludeOutboundIPRanges", "includeInboundPorts", "excludeInboundPorts", "includeOutboundPorts",
            "excludeOutboundPorts", "excludeInterfaces", "kubevirtInterfaces");
    private static final String INTERCEPTION_MODE = "sidecar.istio.io/interceptionMode";

    private static void podSpec(List<Gap> gaps, Manifest m, String path, PodSpec spec) {
        if ("None".equals(spec.dnsPolicy()) || "Default".equals(spec.dnsPolicy())) {
            gaps.add(new Gap(m, path + ".dnsPolicy", "dnsPolicy: " + spec.dnsPolicy(), FIELDS.get(DNS_POLICY)));
        }
        if (spec.dnsConfig() != null) {
            gaps.add(new Gap(m, path + ".dnsConfig", "dnsConfig", FIELDS.get(DNS_CONFIG)));
        }
        for (int i = 0; i < spec.containers().size(); i++) {
            var c = spec.containers().get(i);
            var choice = c == null ? null : dev.meshtest.internal.istio.SampleApps.of(java.util.Map.of(), List.of(c));
            if (choice != null && choice.notSimulated() != null) {
                gaps.add(new Gap(m, path + ".containers[" + i + "]", choice.notSimulated(), FIELDS.get(BOOKINFO_VARIANTS)));
            } else if (choice != null && choice.container() != null
                    && m.origin().positions().get(path + ".containers[" + i + "].envFrom") != null) {
                // The kubelet sets each key of the ConfigMap or Secret as a variable (makeEnvironmentVariables),
                // which meshtest does not read: one may be what the app reads.
                gaps.add(new Gap(m, path + ".containers[" + i + "].envFrom", "Bookinfo's container " + c.name() + " with "
                        + "envFrom, whose ConfigMap or Secret keys become variables the app may read (ENABLE_RATINGS, "
                        + "STAR_COLOR, *_SERVICE_PORT, ...), which meshtest does not resolve", FIELDS.get(BOOKINFO_VARIANTS)));
            }
        }
    }

    /**
     * A pod's {@code proxy.istio.io/config} asking for what meshtest does not simulate: the PROXY
     * protocol ({@link GatewayTopology}), or other proxy headers.
     */
    private static void proxyConfig(List<Gap> gaps, Manifest m, String at, dev.meshtest.config.ObjectMeta meta) {
        String config = meta == null ? null : meta.annotations().get(GatewayTopology.ANNOTATION);
        if (config == null) {
            return;
        }
        try {
            GatewayTopology topology = GatewayTopology.parse(config);
            if (topology.proxyProtocol()) {
                gaps.add(new Gap(m, at + "." + GatewayTopology.ANNOTATION, "gatewayTopology.proxyProtocol in " + GatewayTopology.ANNOTATION,
                        FIELDS.get(GATEWAY_PROXY_PROTOCOL)));
            }
            if (GatewayTopology.setsProxyHeaders(config)) {
                gaps.add(new Gap(m, at + "." + GatewayTopology.ANNOTATION, "proxyHeaders in " + GatewayTopology.ANNOTATION,
                        FIELDS.get(POD_PROXY_HEADERS)));
            }
        } catch (IllegalArgumentException e) {
            // Not ProxyConfig YAML: reported, in the sidecar injector's words, when a send reaches the gateway.
        }
    }

    /**
     * The MeshConfig fields in {@link #MESH_CONFIG_FIELDS} that a MeshConfig sets.
     *
     * @param topLevel the MeshConfig's top-level keys
     * @param defaultConfigKeys the keys under its {@code defaultConfig}
     * @return the fields, in the table's order
     */
    public static List<String> meshConfigFields(java.util.Set<String> topLevel, java.util.Set<String> defaultConfigKeys) {
        List<String> found = new ArrayList<>();
        for (String f : MESH_CONFIG_FIELDS.keySet()) {
            if (f.startsWith("defaultConfig.") ? defaultConfigKeys.contains(f.substring("defaultConfig.".length()))
                    : topLevel.contains(f)) {
                found.add(f);
            }
        }
        return found;
    }

    /**
     * The refusal of one thing, in the form every refusal takes.
     *
     * @param what what is refused ({@code EnvoyFilter}, {@code MeshConfig defaultHttpRetryPolicy})
     * @param onACluster what a cluster does with it
     * @return the message
     */
    public static String refusal(String what, String onACluster) {
        return "meshtest does not simulate " + what + " yet: on a cluster " + onACluster
                + "; a test here could pass where the cluster fails. To go on, " + HOW_TO_GO_ON;
    }

    /**
     * The note a lenient mesh keeps for one thing it simulates without.
     *
     * @param what what was applied and not simulated ({@code EnvoyFilter default/lua})
     * @param onACluster what a cluster does with it
     * @return the note
     */
    public static String note(String what, String onACluster) {
        return "lenient: " + what + " is not simulated; on a cluster " + onACluster;
    }
}
