package dev.meshtest.internal.sim;

import java.util.List;

/**
 * Envoy's response flags ({@code %RESPONSE_FLAGS%}): several are joined by commas in Envoy's own
 * order ({@code ResponseFlagUtils}), so a delayed request that timed out is {@code UT,DI} and a
 * connect failure after retries {@code UF,URX}, as in real access logs.
 *
 * <pre>{@code
 * Flags.add("-", "URX");     // "URX"
 * Flags.add("DI", "UT");     // "UT,DI"
 * }</pre>
 */
final class Flags {

    /** The order Envoy prints flags in. */
    static final List<String> ORDER = List.of("LH", "UH", "UT", "LR", "UR", "UF", "UC", "UO", "NR", "DI", "FI", "RL",
            "UAEX", "RLSE", "DC", "URX", "SI", "IH", "DPE", "UMSDR", "RFCF", "NFCF", "DT", "UPE", "NC", "OM", "DF", "DO", "DR");

    private Flags() {
    }

    /** {@code flags} plus every flag of {@code extra} (both comma-separated; {@code null} or {@code -} for none). */
    static String add(String flags, String extra) {
        if (extra == null || extra.equals("-") || extra.isEmpty()) {
            return flags == null ? "-" : flags;
        }
        if (flags == null || flags.equals("-") || flags.isEmpty()) {
            return extra.contains(",") ? add("-", extra, true) : extra;
        }
        return add(flags, extra, true);
    }

    private static String add(String flags, String extra, boolean merge) {
        java.util.Set<String> all = new java.util.HashSet<>();
        if (!flags.equals("-")) {
            all.addAll(List.of(flags.split(",")));
        }
        all.addAll(List.of(extra.split(",")));
        StringBuilder sb = new StringBuilder();
        for (String f : ORDER) {
            if (all.remove(f)) {
                sb.append(sb.length() == 0 ? "" : ",").append(f);
            }
        }
        for (String f : new java.util.TreeSet<>(all)) {
            sb.append(sb.length() == 0 ? "" : ",").append(f);
        }
        return sb.toString();
    }
}
