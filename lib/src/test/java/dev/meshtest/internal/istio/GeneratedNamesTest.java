package dev.meshtest.internal.istio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedNamesTest {

    @Test
    void anUnnamedRuleIsReadBackByItsIndex() {
        String name = GeneratedNames.rule(null, "default", "hello", 3);
        GeneratedNames.Parent parent = GeneratedNames.parseParent(GeneratedNames.parent("HTTPRoute", "hello", "default"));

        assertThat(name).isEqualTo("default.hello.3");
        assertThat(parent).isEqualTo(new GeneratedNames.Parent("HTTPRoute", "hello", "default"));
        assertThat(GeneratedNames.ruleIndex(name, parent)).isEqualTo(3);
    }

    @Test
    void aNamedRuleKeepsItsNameAndHasNoIndex() {
        GeneratedNames.Parent parent = GeneratedNames.parseParent("GRPCRoute/echo.shop");

        assertThat(GeneratedNames.rule("canary", "shop", "echo", 0)).isEqualTo("canary");
        assertThat(GeneratedNames.ruleIndex("canary", parent)).isEqualTo(-1);
        assertThat(GeneratedNames.ruleIndex("shop.echo.", parent)).isEqualTo(-1);
        assertThat(GeneratedNames.ruleIndex("shop.echo.first", parent)).isEqualTo(-1);
        assertThat(GeneratedNames.ruleIndex("shop.echo.99999999999", parent)).isEqualTo(-1);
        assertThat(GeneratedNames.ruleIndex("default.echo.0", parent)).isEqualTo(-1);   // another namespace's route
    }

    @Test
    void aGatewayListenerEntryIsNoRoute() {
        assertThat(GeneratedNames.parseParent("Gateway/web/http.default")).isNull();
        assertThat(GeneratedNames.parseParent("no-kind")).isNull();
    }
}
