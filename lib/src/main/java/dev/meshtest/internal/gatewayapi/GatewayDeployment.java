package dev.meshtest.internal.gatewayapi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.gateway.Gateway;
import dev.meshtest.config.gateway.GatewayInfrastructure;
import dev.meshtest.config.gateway.GatewaySpecAddress;
import dev.meshtest.config.gateway.Listener;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.ContainerPort;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.DeploymentSpec;
import dev.meshtest.config.kube.LabelSelector;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.config.kube.PodTemplateSpec;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import dev.meshtest.internal.istio.GatewayClasses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * What Istio's gateway deployment controller creates for a Gateway of a class it manages
 * ({@code gatewaycommon/deploymentcontroller.go configureIstioGateway}, the {@code kube-gateway}
 * template of {@code istio-discovery}): a Deployment of one gateway proxy ({@code proxy router})
 * and a Service in front of it, both named {@code <gateway>-<class>} ({@code GetDefaultName}),
 * with the Gateway's infrastructure labels and the {@code gateway.networking.k8s.io/gateway-name}
 * label the Service selects on. The Service has Istio's {@code status-port} and one port per
 * listener port ({@code extractServicePorts}).
 *
 * <p>A Gateway is managed ({@code IsManaged}) unless it has more than one address or an address
 * that is not an IP address (one hostname names an existing Service to use). The Gateway's
 * annotations choose the Service's type ({@code networking.istio.io/service-type}, else the
 * class's: {@code LoadBalancer} for {@code istio}), the Deployment's name
 * ({@code gateway.istio.io/name-override}) and the service account
 * ({@code gateway.istio.io/service-account}). Not modelled: the ServiceAccount, the
 * HorizontalPodAutoscaler and PodDisruptionBudget the template also makes, parameters from a
 * ConfigMap ({@code infrastructure.parametersRef}), ListenerSets, the load-balancer IP of a
 * Gateway with one IP address.
 *
 * <pre>{@code
 * Optional<GatewayDeployment> d = GatewayDeployment.of(gateway, "istio");
 * d.get().deployment().metadata().name();   // "bookinfo-gateway-istio"
 * }</pre>
 *
 * @param deployment the gateway's Deployment
 * @param service the Service in front of it
 */
@API(status = INTERNAL, since = "0.7")
public record GatewayDeployment(Deployment deployment, Service service) {

    /** The label the gateway's pods carry and its Service selects on ({@code GatewayNameLabel}). */
    public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
    /** The label naming the Gateway's class. */
    public static final String GATEWAY_CLASS_LABEL = "gateway.networking.k8s.io/gateway-class-name";
    /** The label the controller puts on what it manages: meshtest reads it as "this pod runs {@code proxy router}". */
    public static final String MANAGED_LABEL = "gateway.istio.io/managed";
    /** Its value for Istio's gateway controller. */
    public static final String MANAGED_BY_ISTIO = "istio.io-gateway-controller";
    /** The port of the proxy's readiness endpoint, which the Service always exposes. */
    public static final int STATUS_PORT = 15021;

    private static final String SERVICE_TYPE_ANNOTATION = "networking.istio.io/service-type";
    private static final String NAME_OVERRIDE_ANNOTATION = "gateway.istio.io/name-override";
    private static final String SERVICE_ACCOUNT_ANNOTATION = "gateway.istio.io/service-account";
    /** What the template leaves out of the annotations it copies. */
    private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            NAME_OVERRIDE_ANNOTATION, SERVICE_ACCOUNT_ANNOTATION, "gateway.istio.io/controller-version");

    /**
     * What the controller deploys for {@code gateway}, whose class {@code className} Istio's
     * {@code istio.io/gateway-controller} manages with the {@code kube-gateway} template; empty
     * when it deploys nothing (an unmanaged Gateway: its addresses name an existing Service).
     */
    public static Optional<GatewayDeployment> of(Gateway gateway, String className) {
        if (gateway.spec() == null || !managed(gateway.spec().addresses())) {
            return Optional.empty();
        }
        ObjectMeta meta = gateway.metadata();
        String name = meta.name();
        String namespace = meta.namespace();
        String defaultName = name + "-" + className;   // GetDefaultName, without DisableNameSuffix
        String deploymentName = meta.annotations().getOrDefault(NAME_OVERRIDE_ANNOTATION, defaultName);
        String serviceAccount = meta.annotations().getOrDefault(SERVICE_ACCOUNT_ANNOTATION, defaultName);
        Map<String, String> infraLabels = infrastructure(gateway, true);
        Map<String, String> infraAnnotations = infrastructure(gateway, false);
        infraAnnotations.keySet().removeAll(NOT_COPIED);

        Map<String, String> objectLabels = new TreeMap<>(infraLabels);
        objectLabels.put(GATEWAY_NAME_LABEL, name);
        objectLabels.put(GATEWAY_CLASS_LABEL, className);
        Map<String, String> deploymentLabels = new TreeMap<>(objectLabels);
        deploymentLabels.put(MANAGED_LABEL, MANAGED_BY_ISTIO);

        Map<String, String> podLabels = new TreeMap<>();
        podLabels.put("sidecar.istio.io/inject", "false");
        podLabels.put("service.istio.io/canonical-name", deploymentName);
        podLabels.put("service.istio.io/canonical-revision", "latest");
        podLabels.putAll(infraLabels);
        podLabels.put(GATEWAY_NAME_LABEL, name);
        podLabels.put(GATEWAY_CLASS_LABEL, className);
        podLabels.put(MANAGED_LABEL, MANAGED_BY_ISTIO);
        Map<String, String> podAnnotations = new TreeMap<>(infraAnnotations);
        podAnnotations.put("istio.io/rev", "default");
        podAnnotations.put("prometheus.io/path", "/stats/prometheus");
        podAnnotations.put("prometheus.io/port", "15020");
        podAnnotations.put("prometheus.io/scrape", "true");

        Container proxy = new Container("istio-proxy", "auto", List.of(
                new ContainerPort("metrics", 15020, "TCP", null, null),
                new ContainerPort("status-port", STATUS_PORT, "TCP", null, null),
                new ContainerPort("http-envoy-prom", 15090, "TCP", null, null)));
        Deployment deployment = new Deployment("apps/v1", "Deployment",
                new ObjectMeta(deploymentName, namespace, deploymentLabels, infraAnnotations, null, null),
                new DeploymentSpec(1, new LabelSelector(Map.of(GATEWAY_NAME_LABEL, name), List.of()),
                        new PodTemplateSpec(new ObjectMeta(null, null, podLabels, podAnnotations, null, null),
                                new PodSpec(List.of(proxy), List.of(), null, serviceAccount, null))));

        // One IP address would be the Service's loadBalancerIP, which meshtest does not model.
        String type = meta.annotations().getOrDefault(SERVICE_TYPE_ANNOTATION, "LoadBalancer");
        ServiceSpec spec = new ServiceSpec(Map.of(GATEWAY_NAME_LABEL, name), servicePorts(gateway.spec().listeners()), type,
                null, null, null, null, null, null, null, null, null);
        Service service = new Service("v1", "Service",
                new ObjectMeta(deploymentName, namespace, objectLabels, infraAnnotations, null, null), spec);
        return Optional.of(new GatewayDeployment(deployment, service));
    }

    /**
     * What the deployment controller keeps deployed for these Gateways: one {@link #of} for each
     * Gateway whose class (a stored GatewayClass, else a built-in one: {@code istio}) names
     * {@code istio.io/gateway-controller}, in the Gateways' order. Waypoints
     * ({@code istio-waypoint}) are not deployed: meshtest does not simulate ambient mode.
     *
     * @param gateways the Gateway API Gateways stored
     * @param classes the GatewayClasses stored
     * @return the Deployments and Services to keep
     */
    public static List<GatewayDeployment> of(List<Gateway> gateways, List<dev.meshtest.config.gateway.GatewayClass> classes) {
        List<GatewayDeployment> out = new ArrayList<>();
        for (Gateway gw : gateways) {
            String className = gw.spec() == null ? null : gw.spec().gatewayClassName();
            if (GatewayClasses.GATEWAY_CONTROLLER.equals(GatewayClasses.controllerOf(className, classes))) {
                of(gw, className).ifPresent(out::add);
            }
        }
        return out;
    }

    /** {@code IsManaged}: no address, or one IP address (the Service's load-balancer IP). */
    static boolean managed(List<GatewaySpecAddress> addresses) {
        if (addresses.isEmpty()) {
            return true;
        }
        if (addresses.size() > 1) {
            return false;
        }
        String type = addresses.get(0).type();
        return type == null || type.equals("IPAddress");
    }

    /**
     * The Gateway's {@code infrastructure} labels or annotations, else its own
     * ({@code extractInfrastructureMetadata}, {@code PILOT_ENABLE_GATEWAY_API_COPY_LABELS_ANNOTATIONS}
     * on by default), without keys under {@code gateway.networking.k8s.io/}.
     */
    private static Map<String, String> infrastructure(Gateway gateway, boolean labels) {
        GatewayInfrastructure infra = gateway.spec().infrastructure();
        Map<String, String> from = labels ? gateway.metadata().labels() : gateway.metadata().annotations();
        if (infra != null && !(labels ? infra.labels() : infra.annotations()).isEmpty()) {
            from = labels ? infra.labels() : infra.annotations();
            Map<String, String> kept = new TreeMap<>();
            from.forEach((k, v) -> {
                if (!k.startsWith("gateway.networking.k8s.io/")) {
                    kept.put(k, v);
                }
            });
            return kept;
        }
        return new TreeMap<>(from);
    }

    /**
     * {@code extractServicePorts}: {@code status-port} first, then a port per listener port (the
     * first listener on a port names it: its name with dots as dashes, cut to 63 characters, made
     * unique with the port number), all TCP, {@code appProtocol} the listener's protocol in lower case.
     */
    static List<ServicePort> servicePorts(List<Listener> listeners) {
        List<ServicePort> ports = new ArrayList<>();
        ports.add(new ServicePort("status-port", STATUS_PORT, null, "TCP", "tcp", null));
        Set<Integer> numbers = new HashSet<>();
        Set<String> used = new HashSet<>(Set.of("status-port"));
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            if (l.port() == null || !numbers.add(l.port())) {
                continue;
            }
            String protocol = l.protocol() == null ? "" : l.protocol().toLowerCase(Locale.ROOT);
            String name = l.name() == null ? "" : l.name().replace('.', '-');
            if (name.length() > 63) {
                name = name.substring(0, 63);
            }
            if (name.isEmpty()) {
                name = protocol + "-" + i;
            }
            ports.add(new ServicePort(unique(name, l.port(), used), l.port(), null, "TCP", protocol, null));
        }
        return ports;
    }

    /** {@code uniquePortName}: the name, else with {@code -<port>} (and more {@code x}s) within 63 characters. */
    private static String unique(String name, int port, Set<String> used) {
        String candidate = name;
        for (String suffix = "-" + port; used.contains(candidate); suffix += "x") {
            String trimmed = name.length() + suffix.length() > 63 ? name.substring(0, 63 - suffix.length()) : name;
            candidate = trimmed + suffix;
        }
        used.add(candidate);
        return candidate;
    }
}
