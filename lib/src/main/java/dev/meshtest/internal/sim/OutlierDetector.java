package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.OutlierDetectionPolicy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Envoy's outlier detection for one cluster in one client proxy (istio-rules §6.7;
 * {@code outlier_detection_impl.cc}): counts consecutive 5xx and gateway errors per host, ejects
 * a host on the N-th, and brings it back at the first {@code interval} tick after
 * {@code baseEjectionTime × ejections} (capped at 300 s) has passed.
 *
 * <p>Ticks are the instants {@code created + k × interval}; they are evaluated lazily when the
 * detector is next consulted, so no timer events are needed and the result is the same.
 *
 * <pre>{@code
 * OutlierDetector od = new OutlierDetector(policy, now);
 * od.record(host, 503, now);          // the N-th consecutive 5xx ejects it, if maxEjectionPercent allows
 * od.available(healthyHosts, now);    // the hosts the load balancer may pick
 * }</pre>
 */
final class OutlierDetector {

    /** Envoy's {@code max_ejection_time} default. */
    static final long MAX_EJECTION_NANOS = 300_000_000_000L;

    private static final class Host {
        int consecutive5xx;
        int consecutiveGateway;
        int ejections;
        boolean ejected;
        long ejectedAt;

        Host copy() {
            Host c = new Host();
            c.consecutive5xx = consecutive5xx;
            c.consecutiveGateway = consecutiveGateway;
            c.ejections = ejections;
            c.ejected = ejected;
            c.ejectedAt = ejectedAt;
            return c;
        }
    }

    private final OutlierDetectionPolicy policy;
    private final long start;
    private final long interval;
    private final Map<LbEndpoint, Host> hosts = new IdentityHashMap<>();
    private final List<LbEndpoint> ejectedHosts = new ArrayList<>();

    OutlierDetector(OutlierDetectionPolicy policy, long now) {
        this.policy = policy;
        this.start = now;
        this.interval = Math.max(1, policy.interval().toNanos());
    }

    /** An independent copy: the same counts, ejections and ticks, for a fork of the data plane. */
    OutlierDetector copy() {
        OutlierDetector c = new OutlierDetector(policy, start);
        for (Map.Entry<LbEndpoint, Host> e : hosts.entrySet()) {
            c.hosts.put(e.getKey(), e.getValue().copy());
        }
        c.ejectedHosts.addAll(ejectedHosts);
        return c;
    }

    /**
     * An endpoint update (EDS, the cluster unchanged): each host keeps its counts and ejection
     * under its object in the new endpoint set ({@code newHost}); a host that is gone is
     * forgotten, as Envoy's detector drops removed hosts ({@code outlier_detection_impl.cc}).
     */
    void rehost(java.util.function.Function<LbEndpoint, LbEndpoint> newHost) {
        Map<LbEndpoint, Host> old = new IdentityHashMap<>(hosts);
        List<LbEndpoint> wasEjected = new ArrayList<>(ejectedHosts);
        hosts.clear();
        ejectedHosts.clear();
        for (Map.Entry<LbEndpoint, Host> e : old.entrySet()) {
            LbEndpoint now = newHost.apply(e.getKey());
            if (now != null) {
                hosts.put(now, e.getValue());
            }
        }
        for (LbEndpoint e : wasEjected) {
            LbEndpoint now = newHost.apply(e);
            if (now != null) {
                ejectedHosts.add(now);
            }
        }
    }

    /** How many hosts are ejected now. */
    int ejected(long now) {
        refresh(now);
        return ejectedHosts.size();
    }

    /** Whether {@code host} is ejected now. */
    boolean isEjected(LbEndpoint host, long now) {
        refresh(now);
        Host h = hosts.get(host);
        return h != null && h.ejected;
    }

    /**
     * The hosts the load balancer may use now: the healthy ones less the ejected, or all of them
     * when fewer than {@code minHealthPercent} are left (Envoy's panic mode). Returns
     * {@code healthy} itself when nothing is ejected.
     */
    List<LbEndpoint> available(List<LbEndpoint> healthy, long now) {
        refresh(now);
        if (ejectedHosts.isEmpty()) {
            return healthy;
        }
        List<LbEndpoint> left = new ArrayList<>(healthy.size());
        for (LbEndpoint e : healthy) {
            Host h = hosts.get(e);
            if (h == null || !h.ejected) {
                left.add(e);
            }
        }
        if (policy.minHealthPercent() > 0 && 100.0 * left.size() / healthy.size() < policy.minHealthPercent()) {
            return healthy; // panic: Envoy balances over every host, ejected ones included
        }
        return left;
    }

    /**
     * Records a response (or a local-origin failure mapped to its status: a connect failure is
     * 503, a timeout 504) from {@code host}, one of {@code hostCount} hosts of the cluster.
     * Returns whether this response ejected the host.
     */
    boolean record(LbEndpoint host, int status, int hostCount, long now) {
        refresh(now);
        Host h = hosts.computeIfAbsent(host, k -> new Host());
        if (status < 500 || status > 599) {
            h.consecutive5xx = 0;
            h.consecutiveGateway = 0;
            return false;
        }
        boolean ejected = false;
        if (status >= 502 && status <= 504) {
            h.consecutiveGateway++;
            if (policy.consecutiveGatewayErrors() > 0 && h.consecutiveGateway == policy.consecutiveGatewayErrors()) {
                h.consecutiveGateway = 0;
                ejected = eject(host, h, hostCount, now);
            }
        } else {
            h.consecutiveGateway = 0;
        }
        h.consecutive5xx++;
        if (policy.consecutive5xx() > 0 && h.consecutive5xx == policy.consecutive5xx()) {
            h.consecutive5xx = 0;
            ejected |= eject(host, h, hostCount, now);
        }
        return ejected;
    }

    /** Envoy's {@code ejectHost}: only if (ejected + 1) / hosts stays within {@code maxEjectionPercent}. */
    private boolean eject(LbEndpoint host, Host h, int hostCount, long now) {
        if (h.ejected) {
            return false;
        }
        double percent = 100.0 * (ejectedHosts.size() + 1) / Math.max(1, hostCount);
        if (percent > policy.maxEjectionPercent()) {
            return false;
        }
        h.ejected = true;
        h.ejections++;
        h.ejectedAt = now;
        ejectedHosts.add(host);
        return true;
    }

    /** How long {@code host}'s current (or last) ejection lasts (it returns at the first interval tick after), for explanations. */
    long ejectionNanos(LbEndpoint host) {
        Host h = hosts.get(host);
        return h == null ? 0 : ejectionNanos(h.ejections);
    }

    /** Ejection time for a host ejected {@code n} times: base × n, capped at max(300 s, base). */
    long ejectionNanos(int n) {
        long base = policy.baseEjectionTime().toNanos();
        long cap = Math.max(MAX_EJECTION_NANOS, base);
        return base > cap / Math.max(1, n) ? cap : Math.min(cap, base * n);
    }

    /** Un-ejects every host whose time is up at a tick not after {@code now}. */
    private void refresh(long now) {
        if (ejectedHosts.isEmpty()) {
            return;
        }
        for (int i = ejectedHosts.size() - 1; i >= 0; i--) {
            Host h = hosts.get(ejectedHosts.get(i));
            long due = h.ejectedAt + ejectionNanos(h.ejections);
            // The first tick at or after the due time.
            long k = Math.floorDiv(due - start + interval - 1, interval);
            long tick = start + k * interval;
            if (tick <= now) {
                h.ejected = false;
                h.consecutive5xx = 0;
                h.consecutiveGateway = 0;
                ejectedHosts.remove(i);
            }
        }
    }
}
