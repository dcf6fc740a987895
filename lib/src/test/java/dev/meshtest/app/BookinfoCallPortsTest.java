package dev.meshtest.app;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bookinfo's apps call the ports their environment gives them, as on a cluster: productpage.py and
 * LibertyRestEndpoint.java read {@code DETAILS_SERVICE_PORT}, {@code REVIEWS_SERVICE_PORT} and
 * {@code RATINGS_SERVICE_PORT} (9080 when unset), which the kubelet sets from the first port of the
 * Services of the pod's namespace that exist when the pod starts ({@code kubelet_pods.go
 * getServiceEnvVarMap}), unless the pod says {@code enableServiceLinks: false}; the container's own
 * {@code env} wins.
 */
class BookinfoCallPortsTest {

    private static final String BOOKINFO = resource("/samples/istio-bookinfo.yaml");
    private static final String DETAILS_PORT = "  labels: {app: details, service: details}\nspec:\n  ports:\n  - {port: 9080, name: http}";
    private static final String RATINGS_PORT = "  labels: {app: ratings, service: ratings}\nspec:\n  ports:\n  - {port: 9080, name: http}";
    private static final String PRODUCTPAGE_SPEC = "    spec:\n      serviceAccountName: bookinfo-productpage\n";
    private static final String PRODUCTPAGE_IMAGE = "      - name: productpage\n"
            + "        image: registry.istio.io/release/examples-bookinfo-productpage-v1:1.20.3\n";

    private static String resource(String name) {
        try (InputStream in = BookinfoCallPortsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Istio's bookinfo with {@code from} replaced by {@code to}, which must be there. */
    private static String bookinfo(String from, String to) {
        assertThat(BOOKINFO).contains(from);
        return BOOKINFO.replace(from, to);
    }

    /** The details Service on port 80, to the same container port. */
    private static String detailsOn80() {
        return bookinfo(DETAILS_PORT, DETAILS_PORT.replace("{port: 9080, name: http}", "{port: 80, targetPort: 9080, name: http}"));
    }

    private static Mesh sleepAnd(String yaml) {
        return Fixtures.apply(mesh(), "sleep").apply(yaml);
    }

    private static Outcome one(Mesh mesh, String url) {
        return mesh.send(1).from("sleep").to(url).outcomes().get(0);
    }

    /** The calls the apps made for one request, in order, as its explanation lists them. */
    private static List<String> calls(Mesh mesh, String url) {
        return mesh.explain().from("sleep").to(url).steps().stream().filter(s -> s.matches("app of \\S+ calls http.*"))
                .map(s -> s.substring(s.indexOf(" calls ") + 7)).toList();
    }

    @Test
    void productpageCallsDetailsOnTheFirstPortOfItsService() {
        Mesh mesh = sleepAnd(detailsOn80());
        assertThat(calls(mesh, "http://productpage:9080/api/v1/products/0")).containsExactly("http://details:80/details/0");
        Outcome o = one(mesh, "http://productpage:9080/api/v1/products/0");
        assertThat(o.status()).isEqualTo(200);
        // details answered: the explanation follows the call to its pod.
        assertThat(mesh.explain().from("sleep").to("http://productpage:9080/api/v1/products/0").toString())
                .contains("is under details' /details mount");
        assertThat(calls(mesh, "http://productpage:9080/productpage"))
                .startsWith("http://details:80/details/0", "http://reviews:9080/reviews/0");
        // The edge productpage -> details carries the request.
        assertThat(mesh.send(10).from("sleep").to("http://productpage:9080/productpage").edges())
                .anySatisfy(e -> {
                    assertThat(e.source()).isEqualTo("productpage-v1");
                    assertThat(e.destination()).isEqualTo("details.default.svc.cluster.local");
                    assertThat(e.requests().countByStatus()).isEqualTo(java.util.Map.of(200, 10L));
                });
    }

    @Test
    void reviewsCallsRatingsOnTheFirstPortOfItsService() {
        Mesh mesh = sleepAnd(bookinfo(RATINGS_PORT, RATINGS_PORT.replace("{port: 9080, name: http}",
                "{port: 8080, targetPort: 9080, name: http}")));
        // reviews-v2 and -v3 call ratings:8080 (reviews-v1 calls nobody); productpage's ratings API too.
        assertThat(calls(mesh, "http://productpage:9080/api/v1/products/3/ratings")).containsExactly("http://ratings:8080/ratings/3");
        assertThat(mesh.send(30).from("sleep").to("http://reviews:9080/reviews/0").edges())
                .filteredOn(e -> e.destination().startsWith("ratings."))
                .allSatisfy(e -> assertThat(e.requests().countByStatus()).containsOnlyKeys(200))
                .extracting(dev.meshtest.traffic.Edge::source).containsExactlyInAnyOrder("reviews-v2", "reviews-v3");
        // A sample given to another workload reads the same environment.
        mesh.withApp("details-v1", App.sample(Sample.BOOKINFO_REVIEWS_V3));
        assertThat(calls(mesh, "http://details:9080/reviews/0")).containsExactly("http://ratings:8080/ratings/0");
    }

    @Test
    void withoutServiceLinksProductpageCallsItsDefault9080WhichTheDetailsServiceDoesNotServe() {
        String yaml = bookinfo(PRODUCTPAGE_SPEC, PRODUCTPAGE_SPEC + "      enableServiceLinks: false\n")
                .replace(DETAILS_PORT, DETAILS_PORT.replace("{port: 9080, name: http}", "{port: 80, targetPort: 9080, name: http}"));
        Mesh mesh = sleepAnd(yaml);
        String url = "http://productpage:9080/api/v1/products/0";
        assertThat(calls(mesh, url)).containsExactly("http://details:9080/details/0");
        // Port 9080 has a listener (reviews, ratings, productpage), whose route configuration has no virtual host
        // for details: with ALLOW_ANY, the catch-all sends the request to the address dialled, details' ClusterIP,
        // where no Service port 9080 leads to a details pod.
        String explained = mesh.explain().from("sleep").to(url).toString();
        assertThat(explained).contains("route 9080 > virtual host allow_any > allow_any (match /*)")
                .containsPattern("PassthroughCluster: to the original destination 10\\.96\\.\\d+\\.\\d+:9080")
                .doesNotContain("served by default/details");
        assertThat(one(mesh, url).status()).isNotEqualTo(200);
        // With REGISTRY_ONLY the catch-all is block_all, which answers 502; productpage passes the status on.
        Mesh registryOnly = sleepAnd(yaml).apply("""
                apiVersion: networking.istio.io/v1
                kind: Sidecar
                metadata: {name: default, namespace: default}
                spec: {outboundTrafficPolicy: {mode: REGISTRY_ONLY}}
                """);
        assertThat(one(registryOnly, url).status()).isEqualTo(502);
        // The same manifests with the links: port 80, which details serves.
        assertThat(one(sleepAnd(detailsOn80()), url).status()).isEqualTo(200);
    }

    @Test
    void aRunningPodKeepsThePortsItStartedWithUntilItIsReplaced() {
        Mesh mesh = sleepAnd(BOOKINFO);
        String url = "http://productpage:9080/api/v1/products/0";
        // The details Service moves to port 80 after productpage started: its environment still says 9080.
        mesh.apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: details, labels: {app: details, service: details}}
                spec: {selector: {app: details}, ports: [{port: 80, targetPort: 9080, name: http}]}
                """);
        assertThat(calls(mesh, url)).containsExactly("http://details:9080/details/0");
        assertThat(one(mesh, url).status()).isNotEqualTo(200);
        // A new productpage pod (a changed template) starts with the Service as it is now.
        mesh.apply(BOOKINFO.substring(BOOKINFO.indexOf("kind: Deployment\nmetadata:\n  name: productpage-v1") - "apiVersion: apps/v1\n".length())
                .replace("prometheus.io/scrape: \"true\"", "prometheus.io/scrape: \"false\""));
        assertThat(calls(mesh, url)).containsExactly("http://details:80/details/0");
        assertThat(one(mesh, url).status()).isEqualTo(200);
    }

    @Test
    void twoServicesSettingOnePortVariableAreRefusedUnlessLenient() {
        // Service details-service's Docker link variable is DETAILS_SERVICE_PORT=tcp://<its ClusterIP>:9080.
        String twin = """
                apiVersion: v1
                kind: Service
                metadata: {name: details-service}
                spec: {selector: {app: details}, ports: [{port: 9080, name: http}]}
                ---
                """;
        // Placed at the containers of the workload that made the pod (its owner), with file and line.
        assertThatThrownBy(() -> sleepAnd(twin + BOOKINFO)).isInstanceOf(MeshConfigException.class)
                .hasMessageStartingWith("<string>:231:7: Deployment default/productpage-v1: spec.template.spec.containers: "
                        + "meshtest does not simulate pod default/productpage-v1-")
                .hasMessageContaining("Bookinfo's productpage (container productpage) where env DETAILS_SERVICE_PORT comes from "
                        + "the kubelet's service links of Service details (\"9080\") and Service details-service (\"tcp://10.96.")
                .hasMessageContaining("which one the container gets depends on the order of the kubelet's map");
        Mesh lenient = Fixtures.apply(mesh().lenient(), "sleep").apply(twin + BOOKINFO);
        assertThat(lenient.notes()).singleElement().asString().startsWith("lenient: pod default/productpage-v1-");
        assertThat(calls(lenient, "http://productpage:9080/api/v1/products/0")).containsExactly("http://details:9080/details/0");
        // Alone, details-service gives productpage a URL that is no port: refused too.
        String detailsRenamed = "  name: details\n" + DETAILS_PORT;
        assertThatThrownBy(() -> sleepAnd(twin + bookinfo(detailsRenamed, detailsRenamed.replace("name: details\n",
                "name: book-details\n")))).isInstanceOf(MeshConfigException.class).hasMessageContaining("where env "
                + "DETAILS_SERVICE_PORT is \"tcp://10.96.").hasMessageContaining(":9080\" (the kubelet's service link of Service "
                + "details-service), not a port number: the app's calls to http://details:tcp://10.96.");
    }

    @Test
    void aContainerEnvPortThatIsNoPortNumberIsRefusedUnlessLenient() {
        String yaml = BOOKINFO.replace(PRODUCTPAGE_IMAGE, PRODUCTPAGE_IMAGE
                + "        env: [{name: REVIEWS_SERVICE_PORT, value: \"$(REVIEWS_PORT)\"}]\n");
        assertThat(yaml).isNotEqualTo(BOOKINFO);
        assertThatThrownBy(() -> sleepAnd(yaml)).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("Bookinfo's productpage (container productpage) where env REVIEWS_SERVICE_PORT is "
                        + "\"$(REVIEWS_PORT)\", not a port number");
    }

    @Test
    void theContainersOwnEnvWinsOverTheServiceLink() {
        assertThat(BOOKINFO).contains(PRODUCTPAGE_IMAGE);
        Mesh mesh = sleepAnd(detailsOn80().replace(PRODUCTPAGE_IMAGE, PRODUCTPAGE_IMAGE
                + "        env: [{name: DETAILS_SERVICE_PORT, value: \"9080\"}, {name: REVIEWS_SERVICE_PORT, value: \"80\"}]\n"));
        assertThat(calls(mesh, "http://productpage:9080/productpage")).startsWith("http://details:9080/details/0",
                "http://reviews:80/reviews/0");
    }

    @Test
    void aBookinfoContainerWithEnvFromIsRefusedUnlessLenient() {
        // A ConfigMap's keys become variables too, and meshtest does not read them: one may be a call port.
        String yaml = BOOKINFO.replace(PRODUCTPAGE_IMAGE, PRODUCTPAGE_IMAGE + "        envFrom: [{configMapRef: {name: ports}}]\n");
        assertThat(yaml).isNotEqualTo(BOOKINFO);
        assertThatThrownBy(() -> sleepAnd(yaml)).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("meshtest does not simulate Bookinfo's container productpage with envFrom, whose ConfigMap "
                        + "or Secret keys become variables the app may read");
        Mesh lenient = Fixtures.apply(mesh().lenient(), "sleep").apply(yaml);
        assertThat(lenient.notes()).singleElement().asString().startsWith("lenient: Deployment default/productpage-v1 "
                + "spec.template.spec.containers[0].envFrom");
        // envFrom on another app's container is nothing to meshtest.
        assertThat(sleepAnd(BOOKINFO).apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx, envFrom: [{configMapRef: {name: ports}}]}]}
                """).notes()).isEmpty();
    }
}
