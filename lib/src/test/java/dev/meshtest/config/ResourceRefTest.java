package dev.meshtest.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceRefTest {

    @Test
    void printsAsKubectlNamesObjects() {
        assertThat(new ResourceRef("Service", "default", "helloworld")).hasToString("Service default/helloworld");
        assertThat(new ResourceRef("Namespace", "", "shop")).hasToString("Namespace shop");
    }

    @Test
    void anUnknownNameIsLeftOutRatherThanPrintedEmpty() {
        assertThat(new ResourceRef("Service", "default", null)).hasToString("Service in default");
        assertThat(new ResourceRef("Namespace", null, "")).hasToString("Namespace");
    }

    @Test
    void ordersByKindNamespaceName() {
        assertThat(new ResourceRef("A", "b", "c")).isLessThan(new ResourceRef("A", "c", "a"));
    }

    @Test
    void theGatewayApisGatewayIsNotIstiosGatewayOfTheSameName() {
        ResourceRef istio = ResourceRef.of("networking.istio.io/v1beta1", "Gateway", "default", "web");
        ResourceRef gatewayApi = ResourceRef.of("gateway.networking.k8s.io/v1", "Gateway", "default", "web");

        assertThat(istio).isEqualTo(new ResourceRef("Gateway", "default", "web"));
        assertThat(gatewayApi).isNotEqualTo(istio);
        assertThat(gatewayApi.group()).isEqualTo("gateway.networking.k8s.io");
        assertThat(gatewayApi).hasToString("Gateway.gateway.networking.k8s.io default/web");
        assertThat(istio).isLessThan(gatewayApi);
    }

    @Test
    void kindsOfOneGroupKeepNoGroup() {
        assertThat(ResourceRef.of("gateway.networking.k8s.io/v1", "HTTPRoute", "default", "r"))
                .isEqualTo(new ResourceRef("HTTPRoute", "default", "r"));
        assertThat(ResourceRef.of("apps/v1", "Deployment", "default", "d")).hasToString("Deployment default/d");
    }
}
