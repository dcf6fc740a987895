package dev.meshtest.internal.sim;

import dev.meshtest.internal.proxy.LbEndpoint;
import dev.meshtest.internal.proxy.LoadBalancerPolicy;
import java.util.Arrays;
import java.util.List;

/**
 * The load balancer of one Envoy cluster in one proxy: picks a host among the healthy ones.
 * Each algorithm follows Envoy's own ({@code source/extensions/load_balancing_policies}); the
 * random numbers come from the simulation's one seeded stream, so picks repeat for a seed.
 *
 * <pre>{@code
 * LoadBalancer lb = LoadBalancer.of(policy, hosts);
 * LbEndpoint host = lb.pick(hosts, false, 0, random, LoadBalancer.ActiveRequests.NONE);
 * }</pre>
 */
abstract sealed class LoadBalancer {

    /** How many requests each host has in flight, as the least-request balancer sees it. */
    interface ActiveRequests {
        ActiveRequests NONE = host -> 0;

        int of(LbEndpoint host);
    }

    /** A balancer for a cluster's policy and (for the hashing ones) its current hosts. */
    static LoadBalancer of(LoadBalancerPolicy policy, List<LbEndpoint> hosts) {
        return switch (policy.algorithm()) {
            case LEAST_REQUEST -> new LeastRequest();
            case ROUND_ROBIN -> new RoundRobin();
            case RANDOM -> new Random();
            case RING_HASH -> new RingHash(hosts, policy.minimumRingSize());
            case MAGLEV -> new Maglev(hosts, policy.maglevTableSize());
        };
    }

    /**
     * This balancer after an endpoint update (EDS): the hashing ones rebuild their ring or table
     * over the new host objects; the others keep their state (a round robin its position).
     */
    LoadBalancer rehosted(List<LbEndpoint> hosts) {
        return this;
    }

    /** An independent copy, for a fork of the data plane. */
    abstract LoadBalancer copy();

    /**
     * Picks a host from a non-empty list of healthy hosts.
     *
     * @param hash the request's hash (consistent hashing) when {@code hasHash}
     */
    abstract LbEndpoint pick(List<LbEndpoint> hosts, boolean hasHash, long hash, SeededRandom random,
                             ActiveRequests active);

    /** Envoy's default in Istio: N random choices (2), keep the one with fewer active requests; ties keep the first. */
    static final class LeastRequest extends LoadBalancer {
        private static final int CHOICE_COUNT = 2;

        @Override
        LoadBalancer copy() {
            return this; // stateless: the active counts are the cluster's
        }

        @Override
        LbEndpoint pick(List<LbEndpoint> hosts, boolean hasHash, long hash, SeededRandom random,
                        ActiveRequests active) {
            LbEndpoint candidate = hosts.get(random.nextInt(hosts.size()));
            for (int i = 1; i < CHOICE_COUNT; i++) {
                LbEndpoint sampled = hosts.get(random.nextInt(hosts.size()));
                if (sampled != candidate && active.of(sampled) < active.of(candidate)) {   // one host: nothing to compare
                    candidate = sampled;
                }
            }
            return candidate;
        }
    }

    /** Rotates through the hosts, starting at a random one (as Envoy seeds its index). */
    static final class RoundRobin extends LoadBalancer {
        private long next = -1;

        @Override
        LoadBalancer copy() {
            RoundRobin c = new RoundRobin();
            c.next = next;
            return c;
        }

        @Override
        LbEndpoint pick(List<LbEndpoint> hosts, boolean hasHash, long hash, SeededRandom random,
                        ActiveRequests active) {
            if (next < 0) {
                next = random.nextInt(hosts.size());
            }
            return hosts.get((int) (next++ % hosts.size()));
        }
    }

    /** A uniformly random host. */
    static final class Random extends LoadBalancer {

        @Override
        LoadBalancer copy() {
            return this;
        }

        @Override
        LbEndpoint pick(List<LbEndpoint> hosts, boolean hasHash, long hash, SeededRandom random,
                        ActiveRequests active) {
            return hosts.get(random.nextInt(hosts.size()));
        }
    }

    /**
     * Envoy's ring hash (ketama): each host hashed {@code ceil(minRingSize / hosts)} times as
     * {@code "<address>_<i>"} with XXH64, the ring sorted, and a request's hash mapped to the first
     * ring entry at or after it, wrapping around. A request without a hash key gets a random hash.
     */
    static final class RingHash extends LoadBalancer {
        private final long minimumRingSize;
        private List<LbEndpoint> builtFor;
        private long[] hashes;
        private LbEndpoint[] owners;

        RingHash(List<LbEndpoint> hosts, long minimumRingSize) {
            this.minimumRingSize = minimumRingSize;
            build(hosts);
        }

        @Override
        LoadBalancer rehosted(List<LbEndpoint> hosts) {
            return new RingHash(hosts, minimumRingSize);
        }

        @Override
        LoadBalancer copy() {
            return this; // its ring is a function of the hosts, rebuilt when they change: a fork may share it
        }

        /** Envoy rebuilds the ring when the healthy host set changes (an ejection, a host back). */
        private void build(List<LbEndpoint> hosts) {
            builtFor = hosts;
            int n = hosts.size();
            int perHost = n == 0 ? 0 : (int) Math.ceil((double) minimumRingSize / n);
            long[][] entries = new long[n * perHost][];
            int k = 0;
            for (int h = 0; h < n; h++) {
                String prefix = hosts.get(h).address() + "_";
                for (int i = 0; i < perHost; i++) {
                    entries[k++] = new long[] {XxHash64.hash(prefix + i), h};
                }
            }
            Arrays.sort(entries, (a, b) -> Long.compareUnsigned(a[0], b[0]));
            hashes = new long[entries.length];
            owners = new LbEndpoint[entries.length];
            for (int i = 0; i < entries.length; i++) {
                hashes[i] = entries[i][0];
                owners[i] = hosts.get((int) entries[i][1]);
            }
        }

        @Override
        LbEndpoint pick(List<LbEndpoint> hosts, boolean hasHash, long hash, SeededRandom random,
                        ActiveRequests active) {
            if (hosts != builtFor && !hosts.equals(builtFor)) {
                build(hosts);
            }
            long h = hasHash ? hash : random.nextLong();
            // First entry whose hash is >= h (unsigned), wrapping to the start.
            int lo = 0;
            int hi = hashes.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(hashes[mid], h) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return owners[lo == hashes.length ? 0 : lo];
        }
    }

    /**
     * Envoy's Maglev: hosts sorted by address, each with offset {@code XXH64(address) % size} and
     * skip {@code XXH64(address, seed 1) % (size - 1) + 1}, filling the table in turns; a request's
     * hash picks {@code table[hash % size]}.
     */
    static final class Maglev extends LoadBalancer {
        private final long tableSize;
        private List<LbEndpoint> builtFor;
        private LbEndpoint[] table;

        Maglev(List<LbEndpoint> hosts, long tableSize) {
            this.tableSize = tableSize;
            build(hosts);
        }

        @Override
        LoadBalancer rehosted(List<LbEndpoint> hosts) {
            return new Maglev(hosts, tableSize);
        }

        @Override
        LoadBalancer copy() {
            return this; // its table is a function of the hosts, rebuilt when they change: a fork may share it
        }

        /** Envoy rebuilds the table when the healthy host set changes. */
        private void build(List<LbEndpoint> hosts) {
            builtFor = hosts;
            int size = (int) tableSize;
            table = new LbEndpoint[size];
            LbEndpoint[] sorted = hosts.toArray(LbEndpoint[]::new);
            Arrays.sort(sorted, (a, b) -> a.address().compareTo(b.address()));
            int n = sorted.length;
            long[] offset = new long[n];
            long[] skip = new long[n];
            long[] next = new long[n];
            for (int i = 0; i < n; i++) {
                offset[i] = Long.remainderUnsigned(XxHash64.hash(sorted[i].address()), size);
                skip[i] = Long.remainderUnsigned(XxHash64.hash(sorted[i].address(), 1), size - 1) + 1;
            }
            int filled = 0;
            while (n > 0 && filled < size) {
                for (int i = 0; i < n && filled < size; i++) {
                    int c = (int) ((offset[i] + skip[i] * next[i]) % size);
                    while (table[c] != null) {
                        next[i]++;
                        c = (int) ((offset[i] + skip[i] * next[i]) % size);
                    }
                    table[c] = sorted[i];
                    next[i]++;
                    filled++;
                }
            }
        }

        @Override
        LbEndpoint pick(List<LbEndpoint> hosts, boolean hasHash, long hash, SeededRandom random,
                        ActiveRequests active) {
            if (hosts != builtFor && !hosts.equals(builtFor)) {
                build(hosts);
            }
            long h = hasHash ? hash : random.nextLong();
            return table[(int) Long.remainderUnsigned(h, table.length)];
        }
    }
}
