package dev.meshtest.internal.analysis;

/** Istio's {@code host.Name.Matches}: equal, or one a wildcard ({@code *.example.com}, {@code *}) covering the other. */
final class Hostnames {

    private Hostnames() {
    }

    static boolean matches(String a, String b) {
        if (a.equals(b) || a.equals("*") || b.equals("*")) {
            return true;
        }
        if (a.startsWith("*") && b.startsWith("*")) {
            return a.length() < b.length() ? b.endsWith(a.substring(1)) : a.endsWith(b.substring(1));
        }
        if (a.startsWith("*")) {
            return b.endsWith(a.substring(1));
        }
        return b.startsWith("*") && a.endsWith(b.substring(1));
    }
}
