package dev.meshtest.internal.text;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A value as messages show it: whole when short, else its first {@value #PREFIX} characters and
 * how long it was. A 3-million-character label in a message would bury the message (and cost
 * memory for each copy of it); its start is enough to find it.
 *
 * <pre>{@code
 * Shown.value("helloworld");                // helloworld
 * Shown.value("a".repeat(1_000_000));       // aaaa...aaaa... (1000000 characters), 64 a's
 * Shown.quoted("a\"b");                     // "a\"b", as Go's %q writes it
 * }</pre>
 */
@API(status = INTERNAL, since = "0.3")
public final class Shown {
    /** Values up to this long are shown whole. */
    public static final int MAX = 100;
    /** How much of a longer value is shown. */
    static final int PREFIX = 64;

    private Shown() {
    }

    /** {@code value} whole when at most {@link #MAX} characters, else its prefix and its length. */
    public static String value(String value) {
        return value == null ? null : head(value) + tail(value);
    }

    /**
     * {@code value} as Go's {@code %q} writes it, the way Kubernetes' and Istio's messages quote
     * values (escapes for quotes, backslashes and control characters); a long value's prefix only,
     * its length after the closing quote.
     */
    public static String quoted(String value) {
        String head = head(value);
        StringBuilder sb = new StringBuilder(head.length() + 2).append('"');
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').append(tail(value)).toString();
    }

    private static String head(String value) {
        if (value.length() <= MAX) {
            return value;
        }
        int end = PREFIX;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;   // never half a character
        }
        return value.substring(0, end);
    }

    private static String tail(String value) {
        return value.length() <= MAX ? "" : "... (" + value.length() + " characters)";
    }
}
