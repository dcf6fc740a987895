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
}
