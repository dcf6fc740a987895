package dev.meshtest.internal.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.app.Sample;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which sample a pod runs: Bookinfo by image and environment, helloworld by label. */
class SampleAppsTest {

    private static SampleApps.Choice of(String image, EnvVar... env) {
        return SampleApps.of(Map.of(), List.of(new Container("c", image, List.of(), List.of(env))));
    }

    @ParameterizedTest
    @CsvSource({
        "docker.io/istio/examples-bookinfo-productpage-v1:1.20.3, BOOKINFO_PRODUCTPAGE",
        "registry.istio.io/release/examples-bookinfo-details-v1:1.20.3, BOOKINFO_DETAILS",
        "examples-bookinfo-reviews-v1, BOOKINFO_REVIEWS_V1",
        "localhost:5000/examples-bookinfo-reviews-v2:latest, BOOKINFO_REVIEWS_V2",
        "docker.io/istio/examples-bookinfo-reviews-v3@sha256:0123abcd, BOOKINFO_REVIEWS_V3",
        "docker.io/istio/examples-bookinfo-ratings-v1:1.20.3, BOOKINFO_RATINGS"})
    void anImageOfBookinfoRunsItsApp(String image, Sample sample) {
        assertThat(of(image)).isEqualTo(new SampleApps.Choice(sample, null, "c"));
    }

    @Test
    void theContainersEnvironmentOverridesTheImages() {
        assertThat(of("examples-bookinfo-reviews-v2", new EnvVar("ENABLE_RATINGS", "false")).sample())
                .isEqualTo(Sample.BOOKINFO_REVIEWS_V1);
        assertThat(of("examples-bookinfo-reviews-v3", new EnvVar("STAR_COLOR", "black")).sample())
                .isEqualTo(Sample.BOOKINFO_REVIEWS_V2);
        assertThat(of("examples-bookinfo-reviews-v1", new EnvVar("ENABLE_RATINGS", "TRUE"), new EnvVar("STAR_COLOR", "gold"))
                .sample()).isEqualTo(Sample.BOOKINFO_REVIEWS_V3);
        assertThat(of("examples-bookinfo-reviews-v2", new EnvVar("LOG_DIR", "/tmp/logs")).notSimulated()).isNull();
    }

    @Test
    void whatMeshtestDoesNotModelHasAReason() {
        assertThat(of("examples-bookinfo-ratings-v2:1.20.3").notSimulated()).isEqualTo("Bookinfo's ratings (container c) "
                + "where SERVICE_VERSION v2 (the v2 image) makes ratings read them from MongoDB or MySQL");
        assertThat(of("examples-bookinfo-ratings-v-faulty").notSimulated())
                .endsWith("where SERVICE_VERSION v-faulty makes ratings fail or stall on purpose");
        assertThat(of("examples-bookinfo-productpage-v-flooding").notSimulated())
                .endsWith("where FLOOD_FACTOR 100 makes productpage flood reviews with that many extra requests on each /productpage");
        assertThat(of("examples-bookinfo-productpage-v1", new EnvVar("REVIEWS_HOSTNAME", "reviews.other")).notSimulated())
                .endsWith("where env REVIEWS_HOSTNAME points its calls at other hosts than meshtest's http://details:<port>, "
                        + "http://reviews:<port> and http://ratings:<port>");
        assertThat(of("examples-bookinfo-reviews-v2", new EnvVar("STAR_COLOR", null)).notSimulated())
                .endsWith("where env STAR_COLOR comes from valueFrom, which meshtest does not resolve");
        assertThat(of("examples-bookinfo-reviews-v4").notSimulated()).endsWith("where meshtest knows the images Istio builds "
                + "(samples/bookinfo/src/docker-bake.hcl), not examples-bookinfo-reviews-v4");
        // details reads no host variables: Kubernetes' service links are nothing to it.
        assertThat(of("examples-bookinfo-details-v1", new EnvVar("REVIEWS_SERVICE_PORT", "9080")).notSimulated()).isNull();
    }

    @Test
    void otherImagesAndLabels() {
        assertThat(of("docker.io/istio/examples-bookinfo-mongodb:1.20.3").sample()).isNull();
        assertThat(of("example.com/reviews:v2").sample()).isNull();
        assertThat(SampleApps.of(Map.of("app", "helloworld"), List.of()).sample()).isEqualTo(Sample.HELLOWORLD);
        assertThat(SampleApps.of(Map.of("app", "reviews", "version", "v2"), List.of()).sample()).isNull();
    }

    /** Service links: the variable's values by the Service that sets each. */
    private static Function<String, SortedMap<String, String>> links(String... variableServiceValue) {
        return variable -> {
            SortedMap<String, String> out = new TreeMap<>();
            for (String l : variableServiceValue) {
                String[] p = l.split(" ");
                if (p[0].equals(variable)) {
                    out.put(p[1], p[2]);
                }
            }
            return out;
        };
    }

    private static SampleApps.Choice of(Function<String, SortedMap<String, String>> links, String image, EnvVar... env) {
        return SampleApps.of(Map.of(), List.of(new Container("c", image, List.of(), List.of(env))), links);
    }

    @Test
    void theCallPortsComeFromTheEnvThenTheServiceLinksThen9080() {
        var links = links("DETAILS_SERVICE_PORT details 80", "RATINGS_SERVICE_PORT ratings 8080");
        assertThat(of(links, "examples-bookinfo-productpage-v1").ports()).isEqualTo(new SampleApps.CallPorts(80, 9080, 8080));
        assertThat(of(links, "examples-bookinfo-productpage-v1", new EnvVar("DETAILS_SERVICE_PORT", "9080"),
                new EnvVar("REVIEWS_SERVICE_PORT", "81")).ports()).isEqualTo(new SampleApps.CallPorts(9080, 81, 8080));
        assertThat(of(links, "examples-bookinfo-reviews-v3").ports()).isEqualTo(new SampleApps.CallPorts(9080, 9080, 8080));
        assertThat(of(links, "examples-bookinfo-reviews-v3").notSimulated()).isNull();
        // A port in the container's env is honoured: no longer refused.
        assertThat(of("examples-bookinfo-productpage-v1", new EnvVar("DETAILS_SERVICE_PORT", "80")).notSimulated()).isNull();
        assertThat(of("examples-bookinfo-productpage-v1").ports()).isEqualTo(SampleApps.CallPorts.DEFAULT);
        // callPorts: the same for a sample given to a pod, with the env of its Bookinfo container, if any.
        List<Container> reviews = List.of(new Container("c", "examples-bookinfo-reviews-v1", List.of(),
                List.of(new EnvVar("RATINGS_SERVICE_PORT", "7000"))));
        assertThat(SampleApps.callPorts(Sample.BOOKINFO_REVIEWS_V2, reviews, links)).isEqualTo(new SampleApps.CallPorts(9080,
                9080, 7000));
        assertThat(SampleApps.callPorts(Sample.BOOKINFO_PRODUCTPAGE, List.of(), links)).isEqualTo(new SampleApps.CallPorts(80,
                9080, 8080));
        assertThat(SampleApps.callPorts(Sample.BOOKINFO_DETAILS, reviews, links)).isEqualTo(SampleApps.CallPorts.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0", "65536", "080", "+80", "' 80'", "''", "tcp://10.96.0.9:9080", "$(PORT)"})
    void aPortThatIsNoPortNumberIsNotSimulated(String value) {
        SampleApps.Choice c = of("examples-bookinfo-productpage-v1", new EnvVar("RATINGS_SERVICE_PORT", value));
        assertThat(c.notSimulated()).isEqualTo("Bookinfo's productpage (container c) where env RATINGS_SERVICE_PORT is \""
                + value + "\", not a port number: the app's calls to http://ratings:" + value + "/... are not calls meshtest can make");
        assertThat(c.ports()).isEqualTo(SampleApps.CallPorts.DEFAULT);
        assertThat(of("examples-bookinfo-productpage-v1", new EnvVar("RATINGS_SERVICE_PORT", "65535")).ports().ratings())
                .isEqualTo(65535);
    }

    @Test
    void serviceLinksMeshtestCannotCallHaveAReasonOfTheirOwn() {
        var twins = links("DETAILS_SERVICE_PORT details 9080", "DETAILS_SERVICE_PORT details-service tcp://10.96.0.9:9080");
        List<Container> productpage = List.of(new Container("c", "examples-bookinfo-productpage-v1", List.of(), List.of()));
        assertThat(SampleApps.linkProblem(Map.of(), productpage, twins)).isEqualTo("Bookinfo's productpage (container c) where "
                + "env DETAILS_SERVICE_PORT comes from the kubelet's service links of Service details (\"9080\") and Service "
                + "details-service (\"tcp://10.96.0.9:9080\"): which one the container gets depends on the order of the "
                + "kubelet's map (kubelet_pods.go getServiceEnvVarMap)");
        assertThat(SampleApps.linkProblem(Map.of(), productpage, links("DETAILS_SERVICE_PORT details-service "
                + "tcp://10.96.0.9:9080"))).endsWith("where env DETAILS_SERVICE_PORT is \"tcp://10.96.0.9:9080\" (the kubelet's "
                + "service link of Service details-service), not a port number: the app's calls to "
                + "http://details:tcp://10.96.0.9:9080/... are not calls meshtest can make");
        // The container's env wins, so the links do not matter; reviews-v1 never calls ratings; details calls nobody.
        assertThat(SampleApps.linkProblem(Map.of(), List.of(new Container("c", "examples-bookinfo-productpage-v1", List.of(),
                List.of(new EnvVar("DETAILS_SERVICE_PORT", "80")))), twins)).isNull();
        var ratingsTwins = links("RATINGS_SERVICE_PORT ratings 9080", "RATINGS_SERVICE_PORT ratings-service tcp://10.96.0.9:9080");
        assertThat(SampleApps.linkProblem(Map.of(), List.of(new Container("c", "examples-bookinfo-reviews-v1", List.of(),
                List.of())), ratingsTwins)).isNull();
        assertThat(SampleApps.linkProblem(Map.of(), List.of(new Container("c", "examples-bookinfo-reviews-v2", List.of(),
                List.of())), ratingsTwins)).contains("env RATINGS_SERVICE_PORT comes from the kubelet's service links");
        assertThat(SampleApps.linkProblem(Map.of(), List.of(new Container("c", "examples-bookinfo-details-v1", List.of(),
                List.of())), twins)).isNull();
        // A problem of the pod spec alone is not the links'.
        assertThat(SampleApps.linkProblem(Map.of(), List.of(new Container("c", "examples-bookinfo-productpage-v-flooding",
                List.of(), List.of())), links())).isNull();
    }
}
