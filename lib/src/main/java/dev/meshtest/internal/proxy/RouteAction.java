package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What an Envoy route does once it matches: forward to one of its weighted clusters, answer
 * with a redirect, or answer directly. A VirtualService rule has exactly one of {@code route},
 * {@code redirect} and {@code directResponse}.
 *
 * <pre>{@code
 * if (route.action() instanceof RouteAction.Forward f) {
 *     f.clusters();      // [outbound|5000||helloworld-v1... 20, outbound|5000||helloworld-v2... 80]
 * }
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface RouteAction {

    /**
     * Forward to a cluster picked by weight (Envoy {@code weighted_clusters}; a single destination
     * is a plain cluster with weight 1). The name is what the VirtualService destination becomes:
     * {@code outbound|port|subset|host}, never looked up again.
     *
     * @param clusters the clusters and their weights, zero weights already dropped, in order
     * @param hashPolicy the consistent-hash key, or {@code null}
     * @param rewrite a path rewrite, or {@code null}
     * @param authorityRewrite the new Host header, or {@code null}
     * @param requestHeaders request header edits of the rule
     * @param timeout the route timeout covering all attempts (VirtualService {@code timeout}), or {@code null} for none (Istio's default)
     * @param retryPolicy the retry policy: the VirtualService's, else Istio's default
     * @param fault the fault injection, or {@code null}
     * @param mirrors request mirrors, in order
     * @param clusterNotFoundStatus the status Envoy answers (flag {@code NC}, empty body) when the picked
     *                              cluster does not exist ({@code cluster_not_found_response_code}): 503,
     *                              or 500 for a VirtualService with gateway route semantics (istio-rules §5.5)
     * @param cors the CORS policy of the route, or {@code null}: Envoy's CORS filter reads it only on
     *             a route that forwards (not on a redirect or a direct response)
     */
    record Forward(List<WeightedCluster> clusters, HashPolicy hashPolicy, PathRewrite rewrite,
                   String authorityRewrite, HeaderMutation requestHeaders, java.time.Duration timeout,
                   RetryPolicy retryPolicy, Fault fault, List<Mirror> mirrors, int clusterNotFoundStatus,
                   CorsPolicy cors) implements RouteAction {

        /** Envoy's default {@code cluster_not_found_response_code}, SERVICE_UNAVAILABLE. */
        public static final int CLUSTER_NOT_FOUND_DEFAULT = 503;

        public Forward {
            clusters = List.copyOf(clusters);
            requestHeaders = requestHeaders == null ? HeaderMutation.NONE : requestHeaders;
            // The retry policy is decided in one place, ResiliencePolicies.routeRetries; it must be given.
            java.util.Objects.requireNonNull(retryPolicy, "retryPolicy");
            mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
            if (clusterNotFoundStatus != 503 && clusterNotFoundStatus != 500 && clusterNotFoundStatus != 404) {
                // Envoy's ClusterNotFoundResponseCode enum: SERVICE_UNAVAILABLE, NOT_FOUND, INTERNAL_SERVER_ERROR.
                throw new IllegalArgumentException("cluster_not_found_response_code must be 503, 404 or 500, not " + clusterNotFoundStatus);
            }
        }

        /** A forward without a CORS policy. */
        public Forward(List<WeightedCluster> clusters, HashPolicy hashPolicy, PathRewrite rewrite,
                       String authorityRewrite, HeaderMutation requestHeaders, java.time.Duration timeout,
                       RetryPolicy retryPolicy, Fault fault, List<Mirror> mirrors, int clusterNotFoundStatus) {
            this(clusters, hashPolicy, rewrite, authorityRewrite, requestHeaders, timeout, retryPolicy, fault, mirrors,
                    clusterNotFoundStatus, null);
        }

        /** A forward with Envoy's default answer, 503, for a cluster that does not exist. */
        public Forward(List<WeightedCluster> clusters, HashPolicy hashPolicy, PathRewrite rewrite,
                       String authorityRewrite, HeaderMutation requestHeaders, java.time.Duration timeout,
                       RetryPolicy retryPolicy, Fault fault, List<Mirror> mirrors) {
            this(clusters, hashPolicy, rewrite, authorityRewrite, requestHeaders, timeout, retryPolicy, fault, mirrors,
                    CLUSTER_NOT_FOUND_DEFAULT);
        }

        /**
         * Forward everything to one cluster, with no retries: Istio's catch-all passthrough route
         * ({@code buildCatchAllVirtualHost}) sets none.
         */
        public static Forward to(String cluster) {
            return new Forward(List.of(new WeightedCluster(cluster, 1, HeaderMutation.NONE)), null, null, null,
                    HeaderMutation.NONE, null, RetryPolicy.NONE, null, List.of());
        }

        /** The sum of the weights. */
        public long totalWeight() {
            long t = 0;
            for (WeightedCluster c : clusters) {
                t += c.weight();
            }
            return t;
        }
    }

    /**
     * One entry of a weighted route.
     *
     * @param name the cluster name
     * @param weight its weight (relative; the sum need not be 100)
     * @param requestHeaders request header edits of this destination
     * @param authorityRewrite the Host this destination's {@code host}/{@code :authority} header edit sets, or {@code null}
     * @param responseHeaders response header edits of this destination (a weighted destination's own; a
     *                        single destination's join the route's)
     * @param destination the index of the VirtualService destination it was made from (in its rule's
     *                    {@code route}), or -1
     */
    record WeightedCluster(String name, int weight, HeaderMutation requestHeaders, String authorityRewrite,
                           HeaderMutation responseHeaders, int destination) {

        public WeightedCluster {
            requestHeaders = requestHeaders == null ? HeaderMutation.NONE : requestHeaders;
            responseHeaders = responseHeaders == null ? HeaderMutation.NONE : responseHeaders;
        }

        /** An entry not made from a VirtualService destination (a mirror, a default route): destination -1. */
        public WeightedCluster(String name, int weight, HeaderMutation requestHeaders, String authorityRewrite,
                               HeaderMutation responseHeaders) {
            this(name, weight, requestHeaders, authorityRewrite, responseHeaders, -1);
        }

        /** This entry with other edits, made from the same destination. */
        WeightedCluster with(HeaderMutation newRequestHeaders, String newAuthorityRewrite) {
            return new WeightedCluster(name, weight, newRequestHeaders, newAuthorityRewrite, responseHeaders, destination);
        }

        /** An entry without response edits of its own. */
        public WeightedCluster(String name, int weight, HeaderMutation requestHeaders, String authorityRewrite) {
            this(name, weight, requestHeaders, authorityRewrite, HeaderMutation.NONE);
        }

        /** An entry without an authority rewrite or response edits of its own. */
        public WeightedCluster(String name, int weight, HeaderMutation requestHeaders) {
            this(name, weight, requestHeaders, null);
        }

        @Override
        public String toString() {
            return name + " " + weight;
        }
    }

    /**
     * An HTTP redirect (VirtualService {@code redirect}, Envoy {@code RedirectAction}): status 301
     * unless set; the {@code location} is built from the request with the given parts replaced.
     *
     * @param status the redirect status
     * @param scheme the new scheme ({@code scheme_redirect}), or {@code null} to keep the request's
     * @param authority the new host ({@code host_redirect}), or {@code null} to keep the request's
     * @param port the new port ({@code port_redirect}), or {@code null}: Istio's {@code ApplyRedirect}
     *             has already turned {@code derivePort} into a port and dropped 80 for http and 443 for https
     * @param path the new path ({@code path_redirect}), or {@code null}
     * @param prefixRewrite the replacement of the matched prefix ({@code prefix_rewrite}), or {@code null}
     */
    record Redirect(int status, String scheme, String authority, Integer port, String path,
                    String prefixRewrite) implements RouteAction {

        /**
         * The {@code location} Envoy sends, as its {@code Http::Utility::newUri} builds it: scheme,
         * host (the request's, without its port when a new port is given or the scheme changes away
         * from the port's default), port, then the path: {@code path_redirect} (with the request's
         * query unless it has its own), else the request's path with the matched prefix rewritten,
         * else the request's path; the query is kept (Istio never sets {@code strip_query}).
         *
         * @param request the request as the route saw it
         * @param matched the route's path matcher, for a prefix rewrite
         * @return the absolute URL
         */
        public String newUri(HttpRequest request, StringMatcher matched) {
            String finalScheme = scheme != null && !scheme.isEmpty() ? scheme : request.scheme();
            String finalPort = port == null || port == 0 ? "" : ":" + port;
            String finalHost = authority != null && !authority.isEmpty() ? authority
                    : requestHost(request.authority(), request.scheme(), finalScheme, finalPort);
            String finalPath;
            String query = request.queryString().isEmpty() ? "" : "?" + request.queryString();
            if (path != null && !path.isEmpty()) {
                finalPath = path.contains("?") ? path : path + query;
            } else if (prefixRewrite != null && !prefixRewrite.isEmpty()) {
                finalPath = new PathRewrite(prefixRewrite, null, null).apply(request.path(), matched) + query;
            } else {
                finalPath = request.pathAndQuery();
            }
            if (!finalPath.startsWith("/")) {
                finalPath = "/" + finalPath;
            }
            return finalScheme + "://" + finalHost + finalPort + finalPath;
        }

        /** Envoy's {@code processRequestHost}: the request's host, its port dropped when it would mislead. */
        private static String requestHost(String host, String requestScheme, String newScheme, String newPort) {
            int end = host.startsWith("[") ? host.lastIndexOf("]:") + (host.lastIndexOf("]:") < 0 ? 0 : 1) : host.lastIndexOf(':');
            if (end <= 0) {
                return host;
            }
            String requestPort = host.substring(end);
            boolean remove = !newPort.isEmpty();
            if (!newScheme.equals(requestScheme)) {
                remove |= requestScheme.equals("https") && requestPort.equals(":443");
                remove |= requestScheme.equals("http") && requestPort.equals(":80");
            }
            return remove ? host.substring(0, end) : host;
        }
    }

    /** An answer without any upstream call (VirtualService {@code directResponse}, or the {@code block_all} 502). */
    record DirectResponse(int status, String body) implements RouteAction {
    }
}
