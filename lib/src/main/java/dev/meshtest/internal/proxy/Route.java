package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.ResourceRef;
import dev.meshtest.internal.istio.GeneratedNames;
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
 * @param responseHeaders the route's response header edits
 * @param delegated the delegate VirtualService rule the route was merged from, or {@code null}
 * @param generatedFrom the Gateway API routes istiod generated the VirtualService from (its
 *     {@code internal.istio.io/parents} annotation, {@code HTTPRoute/hello.default,...}), or {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record Route(String name, RouteMatch match, RouteAction action, ResourceRef virtualService, int ruleIndex,
                    int matchIndex, HeaderMutation responseHeaders, Delegated delegated, String generatedFrom) {

    /**
     * The delegate rule a route of a root VirtualService was merged from (istio-rules §5.4).
     *
     * @param virtualService the delegate VirtualService
     * @param ruleIndex the index of its {@code http} rule
     */
    public record Delegated(ResourceRef virtualService, int ruleIndex) {
    }

    public Route {
        responseHeaders = responseHeaders == null ? HeaderMutation.NONE : responseHeaders;
    }

    /** A route without response header edits. */
    public Route(String name, RouteMatch match, RouteAction action, ResourceRef virtualService, int ruleIndex,
                 int matchIndex) {
        this(name, match, action, virtualService, ruleIndex, matchIndex, HeaderMutation.NONE, null, null);
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

    /**
     * Where the route came from, for explanations: {@code VirtualService default/reviews http[1] match[0]},
     * or for a delegated rule {@code VirtualService default/root http[0] delegated to VirtualService team/reviews http[1] match[0]}
     * (the match index counts the merged matches); for a VirtualService istiod generated from the
     * Gateway API, followed by the rule it came from: {@code (from HTTPRoute default/hello rules[0])}.
     */
    public String origin() {
        if (virtualService == null) {
            return name;
        }
        String match = matchIndex >= 0 ? " match[" + matchIndex + "]" : "";
        if (delegated != null) {
            return virtualService + " http[" + ruleIndex + "] delegated to " + delegated.virtualService() + " http["
                    + delegated.ruleIndex() + "]" + match;
        }
        return virtualService + " http[" + ruleIndex + "]" + match + (generatedFrom == null ? "" : " (" + gatewayApiRule() + ")");
    }

    /**
     * The Gateway API rule of a generated route, from its name and parents as istiod writes them
     * ({@link GeneratedNames}): the parent whose unnamed rule it is, else its parents and the rule's name.
     */
    private String gatewayApiRule() {
        java.util.List<String> routes = new java.util.ArrayList<>();
        for (String entry : generatedFrom.split(",")) {
            GeneratedNames.Parent parent = GeneratedNames.parseParent(entry);
            if (parent == null) {
                routes.add(entry);
                continue;
            }
            int rule = GeneratedNames.ruleIndex(name, parent);
            if (rule >= 0) {
                return "from " + parent.kind() + " " + parent.namespace() + "/" + parent.name() + " rules[" + rule + "]";
            }
            routes.add(parent.kind() + " " + parent.namespace() + "/" + parent.name());
        }
        return "from " + String.join(" or ", routes) + (name.isEmpty() ? "" : ", rule " + name);
    }
}
