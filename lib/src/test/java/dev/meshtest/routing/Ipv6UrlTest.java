package dev.meshtest.routing;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IPv6 literals in URLs, as curl takes them: the address in brackets, then the port. */
class Ipv6UrlTest {

    private static Mesh nginx() {
        return mesh().withNamespace("default", true).withPod("nginx");
    }

    @Test
    @DisplayName("http://[fd00::1]:8080/x: the address without its brackets is dialled, the Host header keeps them")
    void bracketed() {
        Mesh m = nginx();
        Outcome o = m.send(1).from("nginx").to("http://[fd00::1]:8080/x").outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        String explained = m.explain().from("nginx").to("http://[fd00::1]:8080/x").toString();
        assertThat(explained).startsWith("GET http://[fd00::1]:8080/x from default/nginx").contains("fd00::1:8080");
        assertThat(m.explain().from("nginx").to("http://[fd00::1]/").toString()).startsWith("GET http://[fd00::1]/ from default/nginx");
    }

    @Test
    @DisplayName("an unclosed bracket or text after it: refused with how to write it")
    void refused() {
        for (String url : new String[] {"http://[fd00::1/x", "http://[fd00::1]x/", "http://[]/"}) {
            assertThatThrownBy(() -> nginx().send(1).from("nginx").to(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("to(\"" + url + "\"): an IPv6 address goes in brackets, for example \"http://[fd00::1]:8080/\"");
        }
        assertThatThrownBy(() -> nginx().send(1).from("nginx").to("http://[fd00::1]:http/"))
                .hasMessage("to(\"http://[fd00::1]:http/\"): port \"http\" is not a number in 1..65535");
    }
}
