package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How istiod names what it generates from the Gateway API, which meshtest writes (the
 * translation) and reads back (explanations): an HTTPRoute's or GRPCRoute's rule becomes a
 * VirtualService route named {@code <namespace>.<route>.<rule index>} unless the rule has a name
 * ({@code conversion.go convertHTTPRoute}, {@code convertGRPCRoute}), and each route it came from
 * is an entry {@code <Kind>/<name>.<namespace>} of the {@link InternalAnnotations#PARENTS}
 * annotation.
 *
 * <pre>{@code
 * GeneratedNames.rule(null, "default", "hello", 0);              // "default.hello.0"
 * GeneratedNames.parent("HTTPRoute", "hello", "default");        // "HTTPRoute/hello.default"
 * GeneratedNames.ruleIndex("default.hello.0", GeneratedNames.parseParent("HTTPRoute/hello.default"));   // 0
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class GeneratedNames {

    private GeneratedNames() {
    }

    /** An entry of the parents annotation, read back: the route's kind, name and namespace. */
    public record Parent(String kind, String name, String namespace) {
    }

    /** The name of the route a rule becomes: the rule's own name, else {@code <namespace>.<route>.<index>}. */
    public static String rule(String ruleName, String namespace, String route, int index) {
        return ruleName != null ? ruleName : namespace + "." + route + "." + index;
    }

    /** The parents annotation's entry for a route: {@code HTTPRoute/hello.default}. */
    public static String parent(String kind, String name, String namespace) {
        return kind + "/" + name + "." + namespace;
    }

    /** An entry of the parents annotation read back, or {@code null} when it is not a route's ({@code Gateway/web/http.default}). */
    public static Parent parseParent(String entry) {
        int slash = entry.indexOf('/');
        int dot = entry.lastIndexOf('.');
        if (slash < 0 || dot < slash || entry.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return new Parent(entry.substring(0, slash), entry.substring(slash + 1, dot), entry.substring(dot + 1));
    }

    /** The index of the rule of {@code parent} a route named {@code routeName} came from, or -1 when the rule had a name of its own. */
    public static int ruleIndex(String routeName, Parent parent) {
        String prefix = parent.namespace() + "." + parent.name() + ".";
        if (!routeName.startsWith(prefix) || routeName.length() == prefix.length()
                || !routeName.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Integer.parseInt(routeName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;   // more digits than an index has: a name of the user's
        }
    }
}
