package dev.meshtest.internal.proxy;

import java.util.List;

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
     */
    record Forward(List<WeightedCluster> clusters, HashPolicy hashPolicy, PathRewrite rewrite,
                   String authorityRewrite, HeaderMutation requestHeaders, java.time.Duration timeout,
                   RetryPolicy retryPolicy, Fault fault, List<Mirror> mirrors) implements RouteAction {

        public Forward {
            clusters = List.copyOf(clusters);
            requestHeaders = requestHeaders == null ? HeaderMutation.NONE : requestHeaders;
            retryPolicy = retryPolicy == null ? RetryPolicy.ISTIO_DEFAULT : retryPolicy;
            mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        }

        /** A forward without timeout, fault or mirror, with Istio's default retries. */
        public Forward(List<WeightedCluster> clusters, HashPolicy hashPolicy, PathRewrite rewrite, String authorityRewrite,
                       HeaderMutation requestHeaders) {
            this(clusters, hashPolicy, rewrite, authorityRewrite, requestHeaders, null, RetryPolicy.ISTIO_DEFAULT, null,
                    List.of());
        }

        /** Forward everything to one cluster. */
        public static Forward to(String cluster) {
            return new Forward(List.of(new WeightedCluster(cluster, 1, HeaderMutation.NONE)), null, null, null,
                    HeaderMutation.NONE);
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
     */
    record WeightedCluster(String name, int weight, HeaderMutation requestHeaders, String authorityRewrite) {

        /** An entry without an authority rewrite of its own. */
        public WeightedCluster(String name, int weight, HeaderMutation requestHeaders) {
            this(name, weight, requestHeaders, null);
        }

        @Override
        public String toString() {
            return name + " " + weight;
        }
    }

    /**
     * An HTTP redirect (VirtualService {@code redirect}): status 301 unless set; the Location is
     * built from the request with the given parts replaced.
     */
    record Redirect(int status, String scheme, String authority, Integer port, String path,
                    String prefixRewrite) implements RouteAction {
    }

    /** An answer without any upstream call (VirtualService {@code directResponse}, or the {@code block_all} 502). */
    record DirectResponse(int status, String body) implements RouteAction {
    }
}
