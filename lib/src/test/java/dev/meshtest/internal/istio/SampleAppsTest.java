package dev.meshtest.internal.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.app.Sample;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.EnvVar;
import java.util.List;
import java.util.Map;
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
                .endsWith("where env REVIEWS_HOSTNAME points its calls elsewhere than meshtest's http://details:9080, "
                        + "http://reviews:9080 and http://ratings:9080");
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
}
