package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.MeshAssertions.assertThatThrownBy;
import static dev.meshtest.assertj.MeshAssertions.pod;
import static dev.meshtest.assertj.MeshAssertions.service;
import static dev.meshtest.assertj.MeshAssertions.subset;
import static dev.meshtest.assertj.MeshAssertions.version;
import static dev.meshtest.assertj.MeshAssertions.workload;

import dev.meshtest.traffic.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How each kind of destination matches an outcome and how messages name it. */
class DestinationTest {

    private static final Outcome REVIEWS_V2 = Outcome.of(200).withPod("bookinfo", "reviews-v2-5b8c7d9f4-abcde", "reviews-v2", "v2").withCluster("outbound|9080|v2|reviews.bookinfo.svc.cluster.local");
    private static final Outcome EXTERNAL = Outcome.of(200).withCluster("outbound|443||httpbin.org");
    private static final Outcome NO_SIDECAR = Outcome.of(200).withPod("bookinfo", "reviews-v2-5b8c7d9f4-abcde", "reviews-v2", "v2");

    @Test
    @DisplayName("names say what kind of destination they are")
    void names() {
        assertThat(workload("helloworld-v1")).hasToString("workload helloworld-v1");
        assertThat(pod("default/x")).hasToString("pod default/x");
        assertThat(pod("x")).hasToString("pod x");
        assertThat(version("v2")).hasToString("version v2");
        assertThat(service("reviews")).hasToString("service reviews");
        assertThat(subset("reviews", "v2")).hasToString("subset v2 of reviews");
    }

    @Test
    void workloadPodAndVersionNameTheAnsweringPod() {
        assertThat(workload("reviews-v2").matches(REVIEWS_V2)).isTrue();
        assertThat(workload("reviews").matches(REVIEWS_V2)).isFalse();
        assertThat(pod("reviews-v2-5b8c7d9f4-abcde").matches(REVIEWS_V2)).isTrue();
        assertThat(pod("bookinfo/reviews-v2-5b8c7d9f4-abcde").matches(REVIEWS_V2)).isTrue();
        assertThat(pod("default/reviews-v2-5b8c7d9f4-abcde").matches(REVIEWS_V2)).isFalse();
        assertThat(version("v2").matches(REVIEWS_V2)).isTrue();
        assertThat(version("v2").matches(Results.OVERFLOW)).isFalse();
    }

    @Test
    void serviceAndSubsetNameTheEnvoyCluster() {
        for (String host : new String[] {"reviews", "reviews.bookinfo", "reviews.bookinfo.svc", "reviews.bookinfo.svc.cluster.local"}) {
            assertThat(service(host).matches(REVIEWS_V2)).as(host).isTrue();
            assertThat(subset(host, "v2").matches(REVIEWS_V2)).as(host).isTrue();
        }
        assertThat(service("review").matches(REVIEWS_V2)).isFalse();
        assertThat(service("reviews.default").matches(REVIEWS_V2)).isFalse();
        assertThat(subset("reviews", "v1").matches(REVIEWS_V2)).isFalse();
        assertThat(service("reviews").matches(NO_SIDECAR)).as("no sidecar, no Envoy cluster").isFalse();
        assertThat(service("httpbin.org").matches(EXTERNAL)).isTrue();
        assertThat(service("httpbin").matches(EXTERNAL)).as("short names are for Kubernetes services only").isFalse();
        assertThat(service("x").matches(Outcome.of(200).withCluster("PassthroughCluster"))).isFalse();
    }

    @Test
    void equality() {
        assertThat(workload("a")).isEqualTo(workload("a")).hasSameHashCodeAs(workload("a")).isNotEqualTo(version("a"));
        assertThat(subset("r", "v1")).isEqualTo(subset("r", "v1")).isNotEqualTo(subset("r", "v2"));
        assertThat(pod("ns/p")).isNotEqualTo(pod("p"));
    }

    @Test
    void badNamesAreRejected() {
        assertThatThrownBy(() -> workload(" ")).isInstanceOf(IllegalArgumentException.class).hasMessage("workload name must not be blank");
        assertThatThrownBy(() -> version(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("version name must not be null");
        assertThatThrownBy(() -> pod("a/b/c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pod \"a/b/c\": write \"namespace/name\" or \"name\"");
    }
}
