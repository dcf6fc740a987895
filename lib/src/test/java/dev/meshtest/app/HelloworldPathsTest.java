package dev.meshtest.app;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The helloworld sample answers only its Flask routes ({@code samples/helloworld/src/app.py}):
 * a test that sends to another path gets the 404 a cluster gives, not a green 200.
 */
class HelloworldPathsTest {

    private static final String NOT_FOUND = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
            + "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and "
            + "try again.</p>\n";

    private static Mesh helloworld() {
        return mesh().apply("classpath:experiments/helloworld.yaml").withPod("nginx");
    }

    private static Outcome one(Mesh mesh, String method, String url) {
        return mesh.send(1).from("nginx").method(method).to(url).outcomes().get(0);
    }

    @Test
    void helloAnswersAfterTheCpuLoop() {
        TrafficResult r = helloworld().send(1).from("nginx").to("helloworld:5000/hello?name=x");
        Outcome o = r.outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.body()).startsWith("Hello version: v");
        assertThat(r.latencyOf(0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void healthAnswersWithoutTheCpuLoop() {
        TrafficResult r = helloworld().send(1).from("nginx").to("helloworld:5000/health");
        Outcome o = r.outcomes().get(0);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.body()).isEqualTo("Helloworld is healthy");
        assertThat(r.latencyOf(0)).isLessThan(Duration.ofMillis(100));
    }

    @ParameterizedTest
    @CsvSource({"/", "/hello/", "/api/users", "/Hello", "///hello", "/hello%2F"})
    void anyOtherPathIsWerkzeugsNotFound(String path) {
        Outcome o = one(helloworld(), "GET", "helloworld:5000" + path);
        assertThat(o.status()).isEqualTo(404);
        assertThat(o.body()).isEqualTo(NOT_FOUND);
        assertThat(o.workload()).hasValueSatisfying(w -> assertThat(w).startsWith("helloworld-v"));
    }

    @Test
    void anExplanationSaysWhyTheAppAnswered404() {
        assertThat(helloworld().explain().from("nginx").to("helloworld:5000/api").toString()).contains(
                ": the helloworld sample's Flask app has routes /hello and /health only, so GET /api is 404 (Werkzeug's NotFound)");
        assertThat(helloworld().explain().from("nginx").method("POST").to("helloworld:5000/hello").toString()).contains(
                ": POST /hello is a route of the helloworld sample for GET, HEAD and OPTIONS only: 405 (Werkzeug's MethodNotAllowed)");
        assertThat(helloworld().explain().from("nginx").to("helloworld:5000//hello").toString()).contains(
                ": GET //hello matches /hello once its doubled slashes are merged: Werkzeug redirects there, 308");
    }

    @Test
    void anEscapedPathIsDecodedFirst() {
        assertThat(one(helloworld(), "GET", "helloworld:5000/hell%6F").status()).isEqualTo(200);
    }

    @Test
    void anotherMethodIsNotAllowed() {
        Outcome o = one(helloworld(), "POST", "helloworld:5000/hello");
        assertThat(o.status()).isEqualTo(405);
        assertThat(o.responseHeader("allow")).hasValue("GET, HEAD, OPTIONS");
        assertThat(o.body()).contains("<title>405 Method Not Allowed</title>", "The method is not allowed for the requested URL.");
    }

    @Test
    void headHasNoBodyAndOptionsListsTheMethods() {
        Outcome head = one(helloworld(), "HEAD", "helloworld:5000/hello");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        Outcome options = one(helloworld(), "OPTIONS", "helloworld:5000/health");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.responseHeader("allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void doubledSlashesRedirectToTheMergedPath() {
        Outcome o = one(helloworld(), "GET", "helloworld:5000//hello?x=1");
        assertThat(o.status()).isEqualTo(308);
        assertThat(o.responseHeader("location")).hasValue("http://helloworld:5000/hello?x=1");
        assertThat(o.body()).contains("<a href=\"http://helloworld:5000/hello?x=1\">");
        assertThat(one(helloworld(), "DELETE", "helloworld:5000//hello").status()).isEqualTo(405);
    }

    @Test
    void theAppsSettingsApplyToHelloOnly() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.helloworld().status(503))
                .withApp("helloworld-v2", App.helloworld().status(503));
        assertThat(one(mesh, "GET", "helloworld:5000/hello").status()).isEqualTo(503);
        assertThat(one(mesh, "GET", "helloworld:5000/health").status()).isEqualTo(200);
        assertThat(one(mesh, "GET", "helloworld:5000/").status()).isEqualTo(404);
    }

    @Test
    void noAppAnswersHeadWithABody() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.generic().body("page"))
                .withApp("helloworld-v2", App.generic().body("page"));
        assertThat(one(mesh, "GET", "helloworld:5000/x").body()).isEqualTo("page");
        assertThat(one(mesh, "HEAD", "helloworld:5000/x").body()).isEmpty();
    }

    @Test
    void aGenericAppAnswersEveryPath() {
        Mesh mesh = helloworld().withApp("helloworld-v1", App.generic()).withApp("helloworld-v2", App.generic());
        assertThat(one(mesh, "GET", "helloworld:5000/anything").status()).isEqualTo(200);
        assertThat(App.generic().sample()).isEmpty();
        assertThat(App.helloworld().withServiceTime(Duration.ofMillis(5)).body("x").sample()).contains(Sample.HELLOWORLD);
    }
}
