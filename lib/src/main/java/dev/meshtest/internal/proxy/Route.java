package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One Envoy route of a virtual host: a match and an action, and where it came from.
 *
 * <pre>{@code
 * route.name();             // "default" for a Service's default route
 * route.virtualService();   // VirtualService default/reviews, or null
 * route.ruleIndex();        // index of the http rule in that VirtualService
 * }</pre>
 *
 * @param name Istio's route name (the rule's name, {@code .matchName} appended), or {@code default}
 * @param match the match
 * @param action the action
 * @param virtualService the VirtualService the route was built from, or {@code null}
 * @param ruleIndex the index of its {@code http} rule, or -1
 * @param matchIndex the index of the match block in that rule, or -1 when it has none
 */
@API(status = INTERNAL, since = "0.1")
public record Route(String name, RouteMatch match, RouteAction action, ResourceRef virtualService, int ruleIndex,
                    int matchIndex, HeaderMutation responseHeaders) {

    public Route {
        responseHeaders = responseHeaders == null ? HeaderMutation.NONE : responseHeaders;
    }

    /** A route without response header edits. */
    public Route(String name, RouteMatch match, RouteAction action, ResourceRef virtualService, int ruleIndex,
                 int matchIndex) {
        this(name, match, action, virtualService, ruleIndex, matchIndex, HeaderMutation.NONE);
    }

    /**
     * Istio's {@code BuildDefaultHTTPOutboundRoute}: prefix {@code /}, one cluster, the mesh's default retries.
     *
     * @param cluster the cluster
     * @param hash the consistent-hash policy, or {@code null}
     * @param retries the retry policy
     * @return the route
     */
    public static Route defaultRoute(String cluster, HashPolicy hash, RetryPolicy retries) {
        RouteAction.Forward f = new RouteAction.Forward(List.of(new RouteAction.WeightedCluster(cluster, 1, HeaderMutation.NONE)),
                hash, null, null, HeaderMutation.NONE, null, retries, null, List.of());
        return new Route("default", RouteMatch.ANY, f, null, -1, -1);
    }

    /** Where the route came from, for explanations: {@code VirtualService default/reviews http[1] match[0]}. */
    public String origin() {
        if (virtualService == null) {
            return name;
        }
        return virtualService + " http[" + ruleIndex + "]" + (matchIndex >= 0 ? " match[" + matchIndex + "]" : "");
    }
}
