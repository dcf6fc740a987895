package dev.meshtest.internal.analysis;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.analysis.AnalysisMessage;
import dev.meshtest.analysis.Level;
import dev.meshtest.config.Origin;
import dev.meshtest.config.Position;
import dev.meshtest.config.Resource;
import dev.meshtest.internal.cluster.ClusterState;
import dev.meshtest.internal.cluster.StoredConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What an analyzer reads and where it reports: the cluster's state, and the messages so far. As
 * istioctl's {@code analysis.Context}.
 *
 * <pre>{@code
 * Context c = new Context(state);
 * c.report(Code.REFERENCED_RESOURCE_NOT_FOUND, stored, "spec.http[0].route[0].destination.host", "host", "ratings2");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class Context {

    final ClusterState state;
    private final List<AnalysisMessage> messages = new ArrayList<>();

    /** @param state the cluster to analyze */
    public Context(ClusterState state) {
        this.state = state;
    }

    /** {@return the messages reported so far, in report order} */
    public List<AnalysisMessage> messages() {
        return messages;
    }

    /**
     * Reports a message about a stored object, at a field's line when the object came from YAML.
     *
     * @param code the message's code
     * @param about the object
     * @param fieldPath the field whose line to show, or {@code null} for the object's own line
     * @param args the template's arguments
     */
    void report(Code code, StoredConfig<? extends Resource> about, String fieldPath, Object... args) {
        Resource r = about.resource();
        if (ignored(r.kind(), r.namespace(), r.name())) {
            return;
        }
        messages.add(new AnalysisMessage(code.level, code.code, code.name, friendlyName(r.kind(), r.namespace(), r.name()),
                reference(about.origin(), fieldPath), code.format(args)));
    }

    /**
     * Reports a message about an object the cluster made (a pod of a Deployment) or has no file for.
     *
     * @param code the message's code
     * @param kind its kind
     * @param namespace its namespace, {@code ""} for a cluster-scoped one
     * @param name its name
     * @param args the template's arguments
     */
    void report(Code code, String kind, String namespace, String name, Object... args) {
        if (ignored(kind, namespace, name)) {
            return;
        }
        messages.add(new AnalysisMessage(code.level, code.code, code.name, friendlyName(kind, namespace, name), Optional.empty(),
                code.format(args)));
    }

    /**
     * Whether istioctl leaves the object out of the analysis: it reads nothing in the system
     * namespaces of {@code inject.IgnoredNamespaces}, nor those namespaces themselves
     * ({@code istiod_analyze.go}), so nothing about them is reported.
     */
    private static boolean ignored(String kind, String namespace, String name) {
        return dev.meshtest.internal.cluster.InjectionDecision.IGNORED_NAMESPACES.contains("Namespace".equals(kind) ? name : namespace);
    }

    /** istioctl's {@code FriendlyName}: {@code <Kind> <namespace>/<name>}, or {@code <Kind> <name>} when cluster-scoped. */
    static String friendlyName(String kind, String namespace, String name) {
        return kind + " " + (namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** {@code file:line} of a field (or the object when the field has no position); empty without a file. */
    private static Optional<String> reference(Origin origin, String fieldPath) {
        if (origin == null || origin.source() == null) {
            return Optional.empty();
        }
        Position p = origin.positionOf(fieldPath == null ? "" : fieldPath);
        return p == null ? Optional.empty() : Optional.of(origin.source() + ":" + p.line());
    }
}
