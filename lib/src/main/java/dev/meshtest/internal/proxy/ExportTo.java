package dev.meshtest.internal.proxy;

import java.util.Collection;
import java.util.List;

/**
 * Istio's {@code exportTo} (istio-rules §5.3): which namespaces see a Service, ServiceEntry, VirtualService
 * or DestinationRule. Unset or {@code *} means every namespace (the mesh default),
 * {@code .} the object's own namespace, otherwise the namespaces listed.
 *
 * <pre>{@code
 * ExportTo.visible(List.of("."), "shop", "web");   // false
 * ExportTo.visible(List.of(), "shop", "web");      // true
 * }</pre>
 */
final class ExportTo {

    private ExportTo() {
    }

    static boolean visible(Collection<String> exportTo, String ownNamespace, String clientNamespace) {
        if (exportTo.isEmpty()) {
            return true;
        }
        for (String e : exportTo) {
            if (e.equals("*") || e.equals(clientNamespace) || (e.equals(".") && ownNamespace.equals(clientNamespace))) {
                return true;
            }
        }
        return false;
    }

    /** Public: unset or {@code *}. */
    static boolean isPublic(List<String> exportTo) {
        return exportTo.isEmpty() || exportTo.contains("*");
    }

    /** Private to its own namespace: {@code .} or only that namespace's name. */
    static boolean isPrivateTo(List<String> exportTo, String ownNamespace) {
        return !exportTo.isEmpty() && exportTo.stream().allMatch(e -> e.equals(".") || e.equals(ownNamespace));
    }
}
