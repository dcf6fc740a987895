package dev.meshtest.internal.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.gateway.Gateway;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What Istio's deployment controller creates for a Gateway of class {@code istio} (the kube-gateway template). */
class GatewayDeploymentTest {

    private static Gateway gateway(String yaml) {
        return (Gateway) GatewayApiManifests.read(yaml, "gw.yaml").get(0).resource();
    }

    @Test
    @DisplayName("bookinfo's Gateway: a Deployment and a LoadBalancer Service named <gateway>-istio, selected by the gateway-name label")
    void bookinfoGateway() {
        Gateway gw = gateway("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: bookinfo-gateway
                  namespace: default
                  labels: {team: shop}
                  annotations: {gateway.istio.io/controller-version: "5", owner: me}
                spec:
                  gatewayClassName: istio
                  listeners:
                  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Same}}}
                  - {name: http.alt, port: 80, protocol: HTTP, hostname: alt.example.com}
                  - {name: secure.web, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}}
                """);
        GatewayDeployment d = GatewayDeployment.of(gw, "istio").orElseThrow();
        Deployment dep = d.deployment();
        assertThat(dep.metadata().name()).isEqualTo("bookinfo-gateway-istio");
        assertThat(dep.metadata().namespace()).isEqualTo("default");
        assertThat(dep.metadata().labels()).isEqualTo(Map.of("team", "shop",
                "gateway.networking.k8s.io/gateway-name", "bookinfo-gateway",
                "gateway.networking.k8s.io/gateway-class-name", "istio",
                "gateway.istio.io/managed", "istio.io-gateway-controller"));
        assertThat(dep.metadata().annotations()).isEqualTo(Map.of("owner", "me"));
        assertThat(dep.spec().selector().matchLabels()).isEqualTo(Map.of("gateway.networking.k8s.io/gateway-name", "bookinfo-gateway"));
        assertThat(dep.spec().template().metadata().labels()).containsEntry("sidecar.istio.io/inject", "false")
                .containsEntry("service.istio.io/canonical-name", "bookinfo-gateway-istio")
                .containsEntry("gateway.istio.io/managed", "istio.io-gateway-controller")
                .containsEntry("gateway.networking.k8s.io/gateway-name", "bookinfo-gateway")
                .containsEntry("team", "shop");
        assertThat(dep.spec().template().spec().serviceAccountName()).isEqualTo("bookinfo-gateway-istio");
        Service svc = d.service();
        assertThat(svc.metadata().name()).isEqualTo("bookinfo-gateway-istio");
        assertThat(svc.metadata().labels()).doesNotContainKey("gateway.istio.io/managed");
        assertThat(svc.spec().type()).isEqualTo("LoadBalancer");
        assertThat(svc.spec().selector()).isEqualTo(Map.of("gateway.networking.k8s.io/gateway-name", "bookinfo-gateway"));
        // status-port, then one port per listener port, named after its first listener, dots as dashes.
        assertThat(svc.spec().ports()).containsExactly(
                new ServicePort("status-port", 15021, null, "TCP", "tcp", null),
                new ServicePort("http", 80, null, "TCP", "http", null),
                new ServicePort("secure-web", 443, null, "TCP", "https", null));
    }

    @Test
    @DisplayName("Annotations choose the Service type and names; infrastructure labels replace the Gateway's, without gateway.networking.k8s.io keys")
    void annotationsAndInfrastructure() {
        Gateway gw = gateway("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: internal
                  namespace: shop
                  labels: {team: shop}
                  annotations:
                    networking.istio.io/service-type: ClusterIP
                    gateway.istio.io/name-override: edge
                    gateway.istio.io/service-account: edge-sa
                spec:
                  gatewayClassName: istio
                  infrastructure:
                    labels: {tier: edge, gateway.networking.k8s.io/ignored: x}
                  listeners:
                  - {name: a, port: 8080, protocol: HTTP}
                """);
        GatewayDeployment d = GatewayDeployment.of(gw, "istio").orElseThrow();
        assertThat(d.deployment().metadata().name()).isEqualTo("edge");
        assertThat(d.service().metadata().name()).isEqualTo("edge");
        assertThat(d.service().spec().type()).isEqualTo("ClusterIP");
        assertThat(d.deployment().spec().template().spec().serviceAccountName()).isEqualTo("edge-sa");
        assertThat(d.service().metadata().labels()).isEqualTo(Map.of("tier", "edge",
                "gateway.networking.k8s.io/gateway-name", "internal", "gateway.networking.k8s.io/gateway-class-name", "istio"));
        assertThat(d.service().metadata().annotations()).containsOnlyKeys("networking.istio.io/service-type");
    }

    @Test
    @DisplayName("IsManaged: a hostname address or two addresses name an existing Service, nothing is deployed; one IP is managed")
    void unmanaged() {
        String base = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: istio
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                """;
        assertThat(GatewayDeployment.of(gateway(base + "  addresses: [{type: Hostname, value: istio-ingressgateway.istio-system.svc.cluster.local}]\n"),
                "istio")).isEqualTo(Optional.empty());
        assertThat(GatewayDeployment.of(gateway(base + "  addresses: [{value: 10.0.0.1}, {value: 10.0.0.2}]\n"), "istio")).isEmpty();
        assertThat(GatewayDeployment.of(gateway(base + "  addresses: [{type: IPAddress, value: 10.0.0.1}]\n"), "istio")).isPresent();
    }

    @Test
    @DisplayName("uniquePortName: port names cut to 63 characters and made unique with the port number")
    void longAndClashingPortNames() {
        String long70 = "l".repeat(70);
        List<ServicePort> ports = GatewayDeployment.servicePorts(List.of(
                new dev.meshtest.config.gateway.Listener(long70, null, 8080, "HTTP", null, null),
                new dev.meshtest.config.gateway.Listener(long70 + "x", null, 8081, "HTTP", null, null),
                new dev.meshtest.config.gateway.Listener("status.port", null, 9000, "TCP", null, null)));
        assertThat(ports).extracting(ServicePort::name).containsExactly("status-port", "l".repeat(63),
                "l".repeat(58) + "-8081", "status-port-9000");
    }

    @Test
    @DisplayName("The Deployment applied as a cluster export would hold it makes gateway pods: the managed label says they run proxy router")
    void itsPodsAreGateways() {
        dev.meshtest.Mesh mesh = dev.meshtest.Mesh.mesh().apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: bookinfo-gateway-istio}
                spec:
                  selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: bookinfo-gateway}}
                  template:
                    metadata:
                      labels:
                        gateway.networking.k8s.io/gateway-name: bookinfo-gateway
                        gateway.istio.io/managed: istio.io-gateway-controller
                        sidecar.istio.io/inject: "false"
                    spec:
                      containers:
                      - name: istio-proxy
                        image: auto
                        args: [proxy, router]
                """);
        assertThat(mesh.proxyConfig("bookinfo-gateway-istio").isGateway()).isTrue();
    }
}
