package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.Cluster;
import dev.meshtest.internal.proxy.HttpRequest;
import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.traffic.Outcome;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One Envoy cluster at run time in one proxy (Envoy's {@code ClusterEntry}): its load balancer,
 * connection pool and circuit breakers, outlier detector and each host's active requests. It
 * belongs to the {@link DataPlane} and outlives configuration versions while its cluster's
 * settings do not change (docs/architecture.md, "Data-plane state").
 *
 * <pre>{@code
 * UpstreamCluster up = new UpstreamCluster(cluster, engine, connectNanos);
 * LbEndpoint host = up.lb.pick(up.cluster.healthyEndpoints(), false, 0, random, up);
 * }</pre>
 */
final class UpstreamCluster implements LoadBalancer.ActiveRequests {
    Cluster cluster;
    LoadBalancer lb;
    final CircuitBreaker breaker;
    final OutlierDetector outliers;
    private final IdentityTable<LbEndpoint, int[]> active = new IdentityTable<>();
    private final IdentityTable<Outcome, Outcome> withCluster = new IdentityTable<>();

    /** The last request sent and its copies with {@code x-envoy-attempt-count}, by attempt: most requests share one. */
    private HttpRequest lastRequest;
    private HttpRequest[] lastCounted = new HttpRequest[0];

    /** A new cluster (Envoy's on a CDS add or change): fresh pool, no ejections. */
    UpstreamCluster(Cluster cluster, Engine engine, long connectNanos) {
        this.cluster = cluster;
        this.lb = LoadBalancer.of(cluster.loadBalancer(), cluster.healthyEndpoints());
        this.breaker = new CircuitBreaker(cluster.circuitBreakers(), engine, connectNanos);
        this.outliers = cluster.outlierDetection() == null ? null : new OutlierDetector(cluster.outlierDetection(), engine.now());
    }

    private UpstreamCluster(UpstreamCluster from, Engine engine) {
        this.cluster = from.cluster;
        this.lb = from.lb.copy();
        this.breaker = from.breaker.copyAtRest(engine);
        this.outliers = from.outliers == null ? null : from.outliers.copy();
    }

    /** An independent copy at rest on another clock, for a fork of the data plane. */
    UpstreamCluster copy(Engine engine) {
        return new UpstreamCluster(this, engine);
    }

    /**
     * Whether {@code next} is the same cluster as far as CDS goes: everything but the endpoints of
     * an EDS cluster, which Istio pushes by EDS without touching the cluster (docs/architecture.md).
     */
    boolean sameCluster(Cluster next) {
        Cluster c = cluster;
        return c.name().equals(next.name()) && c.type() == next.type() && c.host().equals(next.host())
                && c.port() == next.port() && c.subset().equals(next.subset())
                && c.loadBalancer().equals(next.loadBalancer())
                && java.util.Objects.equals(c.destinationRule(), next.destinationRule())
                && c.circuitBreakers().equals(next.circuitBreakers())
                && java.util.Objects.equals(c.outlierDetection(), next.outlierDetection())
                && c.transportSocket() == next.transportSocket()
                && java.util.Objects.equals(c.originatedTls(), next.originatedTls())
                && (c.type() == Cluster.Type.EDS || c.endpoints().equals(next.endpoints()));
    }

    /**
     * An endpoint update at rest: the same cluster with {@code next}'s endpoints. Hosts keep their
     * pools and outlier state by address; hosts that are gone lose theirs.
     */
    void update(Cluster next) {
        if (next == cluster) {
            return;
        }
        Map<String, LbEndpoint> byAddress = new HashMap<>();
        for (LbEndpoint e : next.endpoints()) {
            byAddress.put(e.address(), e);
        }
        breaker.rehost(h -> h instanceof LbEndpoint e ? byAddress.get(e.address()) : null);
        if (outliers != null) {
            outliers.rehost(e -> byAddress.get(e.address()));
        }
        lb = lb.rehosted(next.healthyEndpoints());
        active.clear();
        withCluster.clear();
        lastRequest = null;
        lastCounted = new HttpRequest[0];
        cluster = next;
    }

    @Override
    public int of(LbEndpoint host) {
        int[] a = active.get(host);
        return a == null ? 0 : a[0];
    }

    /**
     * A push reaches this cluster's proxy while requests may be in flight, with {@code next} (the
     * same cluster as far as CDS goes, {@link #sameCluster}): returns whether this state goes on.
     * An identical cluster keeps its objects (Envoy ignores a push that changes nothing,
     * {@code blockUpdate}); a pool at rest takes the new endpoints ({@link #update}); a pool with
     * requests in flight cannot move them, so the push replaces the cluster and this one drains.
     */
    boolean pushed(Cluster next) {
        if (next.equals(cluster)) {
            return true;
        }
        if (!breaker.atRest()) {
            return false;
        }
        update(next);
        return true;
    }

    /** The active-request counter of {@code host}. */
    int[] counter(LbEndpoint host) {
        int[] a = active.get(host);
        if (a == null) {
            a = new int[1];
            active.put(host, a);
        }
        return a;
    }

    /** The outcome with this cluster's name when it has none (made by {@code replies}, kept per outcome). */
    Outcome tag(Outcome o, LocalReplies replies) {
        if (!o.cluster().isEmpty()) {
            return o;
        }
        Outcome t = withCluster.get(o);
        if (t == null) {
            t = replies.withCluster(o, cluster.name());
            withCluster.put(o, t);
        }
        return t;
    }

    /** {@link Simulation#counted}, kept per attempt for the last request sent: most requests of a send share one. */
    HttpRequest withAttemptCount(HttpRequest request, int attempt) {
        if (request != lastRequest) {
            lastRequest = request;
            lastCounted = new HttpRequest[Math.max(attempt, 3)];
        } else if (attempt > lastCounted.length) {
            lastCounted = Arrays.copyOf(lastCounted, attempt);
        }
        HttpRequest r = lastCounted[attempt - 1];
        if (r == null) {
            r = Simulation.counted(request, attempt);
            lastCounted[attempt - 1] = r;
        }
        return r;
    }
}
