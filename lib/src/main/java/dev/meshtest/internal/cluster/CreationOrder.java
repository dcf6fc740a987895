package dev.meshtest.internal.cluster;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import org.apiguardian.api.API;

/**
 * The one home of "oldest first". Kubernetes stores {@code creationTimestamp} in whole seconds, so
 * Istio breaks ties, and does so two ways (pilot/pkg/model):
 * <ul>
 *   <li>configs and services ({@code configCompareByCreationTime}, {@code SortServicesByCreationTime}):
 *       creation time, then name, then namespace;</li>
 *   <li>a proxy's service targets ({@code SetServiceTargets}): creation time, then hostname.</li>
 * </ul>
 *
 * <pre>{@code
 * configs.sort(CreationOrder.CONFIGS);
 * int c = CreationOrder.compare(a.creationTime(), a.name(), a.namespace(), b.creationTime(), b.name(), b.namespace());
 * }</pre>
 */
@API(status = INTERNAL, since = "0.2")
public final class CreationOrder {

    private CreationOrder() {
    }

    /** Istio's {@code configCompareByCreationTime} on stored objects; apply order last, for objects of different kinds. */
    public static final Comparator<StoredConfig<?>> CONFIGS = (a, b) -> {
        int c = compare(a.creationTime(), a.resource().name(), a.resource().namespace(),
                b.creationTime(), b.resource().name(), b.resource().namespace());
        return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
    };

    /** Creation time as Kubernetes keeps it: whole seconds. */
    public static Instant stored(Instant creationTime) {
        return creationTime.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Istio's {@code configCompareByCreationTime} and {@code SortServicesByCreationTime}: time, then name, then namespace. */
    public static int compare(Instant aTime, String aName, String aNamespace, Instant bTime, String bName, String bNamespace) {
        int c = stored(aTime).compareTo(stored(bTime));
        if (c != 0) {
            return c;
        }
        c = aName.compareTo(bName);
        return c != 0 ? c : aNamespace.compareTo(bNamespace);
    }

    /** Istio's {@code SetServiceTargets} order: time, then hostname. */
    public static int compareTargets(Instant aTime, String aHostname, Instant bTime, String bHostname) {
        int c = stored(aTime).compareTo(stored(bTime));
        return c != 0 ? c : aHostname.compareTo(bHostname);
    }
}
