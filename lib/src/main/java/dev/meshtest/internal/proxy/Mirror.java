package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A route's request mirror (VirtualService {@code mirror}/{@code mirrors}, istio-rules §4.8): a copy of the
 * request, fire and forget, to another cluster for a share of the requests.
 *
 * <pre>{@code
 * mirror: {host: httpbin, subset: v2}
 * mirrorPercentage: {value: 100.0}
 * }</pre>
 *
 * @param cluster the mirror's cluster name
 * @param percent the share of requests copied, 0..100 (unset is 100)
 */
@API(status = INTERNAL, since = "0.1")
public record Mirror(String cluster, double percent) {
}
