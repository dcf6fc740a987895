package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.traffic.TrafficResult;
import org.apiguardian.api.API;
import org.assertj.core.api.Assertions;

/**
 * The one entry point of meshtest's assertions: one static import gives AssertJ's
 * {@link Assertions} and meshtest's {@link #assertThat(TrafficResult)}, plus the factories that name
 * destinations.
 *
 * <pre>{@code
 * import static dev.meshtest.Mesh.mesh;
 * import static dev.meshtest.assertj.MeshAssertions.*;
 *
 * TrafficResult result = mesh().apply("classpath:helloworld.yaml").withPod("nginx")
 *         .send(1000).from("nginx").to("helloworld:5000/hello");
 *
 * assertThat(result).allSucceeded();
 * assertThat(result).reached("helloworld-v1").withShare(0.2);
 * assertThat(result).matchesWeights(Map.of("helloworld-v1", 20, "helloworld-v2", 80));
 * assertThat(result).reached(version("v2")).withShare(0.8, within(0.05));
 * assertThat(result.countByStatus()).containsOnlyKeys(200);   // AssertJ's own, same import
 * }</pre>
 *
 * <p>For soft assertions use {@link MeshSoftAssertions}.
 */
@API(status = STABLE, since = "0.1")
public class MeshAssertions extends Assertions {

    /** Static use only; subclass to add your own entry points. */
    protected MeshAssertions() {
    }

    /**
     * Assertions on where the requests of {@code actual} went.
     *
     * <pre>{@code assertThat(result).reached("helloworld-v1").withShare(0.2);}</pre>
     *
     * @param actual the traffic to check
     * @return an assertion on it
     */
    public static TrafficResultAssert assertThat(TrafficResult actual) {
        return new TrafficResultAssert(actual);
    }

    /**
     * Assertions on a mesh's route coverage.
     *
     * <pre>{@code assertThat(mesh.routeCoverage()).isAtLeast(0.9);}</pre>
     *
     * @param actual the coverage
     * @return the assertion
     */
    public static RouteCoverageAssert assertThat(dev.meshtest.traffic.RouteCoverage actual) {
        return new RouteCoverageAssert(actual);
    }

    /**
     * Assertions on the status istiod writes on a route.
     *
     * <pre>{@code assertThat(mesh.gatewayApiStatus().httpRoute("hello")).isAccepted().hasResolvedRefs();}</pre>
     *
     * @param actual the route's status
     * @return an assertion on it
     */
    public static RouteStatusAssert assertThat(dev.meshtest.status.RouteStatus actual) {
        return new RouteStatusAssert(actual);
    }

    /**
     * Assertions on the status istiod writes on a Gateway API Gateway.
     *
     * <pre>{@code assertThat(mesh.gatewayApiStatus().gateway("web")).isProgrammed();}</pre>
     *
     * @param actual the Gateway's status
     * @return an assertion on it
     */
    public static GatewayStatusAssert assertThat(dev.meshtest.status.GatewayStatus actual) {
        return new GatewayStatusAssert(actual);
    }

    /**
     * Assertions on a mesh's configuration as {@code istioctl analyze} sees it.
     *
     * <pre>{@code assertThat(mesh).hasNoAnalyzerErrors();}</pre>
     *
     * @param actual the mesh to check
     * @return an assertion on it
     */
    public static MeshAssert assertThat(dev.meshtest.Mesh actual) {
        return new MeshAssert(actual);
    }

    /**
     * The pods of a workload (a Deployment's name, a bare pod's own name). A plain string in
     * {@code reached("helloworld-v1")} means the same.
     *
     * <pre>{@code assertThat(result).never(workload("helloworld-v3"));}</pre>
     *
     * @param name a Deployment's name, or a bare pod's
     * @return the destination
     */
    public static Destination workload(String name) {
        return Destination.workload(name);
    }

    /**
     * One pod, {@code "namespace/name"} or {@code "name"}.
     *
     * <pre>{@code assertThat(result).reached(pod("ping/httpping-v1-7c9b5d8f6-4xk2p")).atLeast(1);}</pre>
     *
     * @param name {@code namespace/name}, or {@code name} in any namespace
     * @return the destination
     */
    public static Destination pod(String name) {
        return Destination.pod(name);
    }

    /**
     * Pods whose {@code version} label has this value.
     *
     * <pre>{@code assertThat(result).reached(version("v2")).withShare(0.8);}</pre>
     *
     * @param version the pods' {@code version} label
     * @return the destination
     */
    public static Destination version(String version) {
        return Destination.version(version);
    }

    /**
     * The Envoy clusters of a service: its host's short name, {@code name.namespace} or FQDN.
     *
     * <pre>{@code assertThat(result).allReached(service("helloworld-v1"));}</pre>
     *
     * @param host the Service: short name, {@code name.namespace}, or fully qualified
     * @return the destination
     */
    public static Destination service(String host) {
        return Destination.service(host);
    }

    /**
     * The Envoy cluster of a DestinationRule subset of a service.
     *
     * <pre>{@code assertThat(result).reached(subset("reviews", "v2")).withShare(0.5);}</pre>
     *
     * @param service the Service: short name, {@code name.namespace}, or fully qualified
     * @param subset the subset's name, as the DestinationRule names it
     * @return the destination
     */
    public static Destination subset(String service, String subset) {
        return Destination.subset(service, subset);
    }
}
