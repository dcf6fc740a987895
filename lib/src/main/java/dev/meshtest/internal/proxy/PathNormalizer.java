package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.istio.PathNormalization.Normalization;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * What a proxy's HTTP connection manager does to a request's path before routing, as Istio
 * configures it for MeshConfig {@code pathNormalization} (listener_builder.go
 * {@code buildHTTPConnectionManager}) and Envoy applies it
 * ({@code ConnectionManagerUtility::maybeNormalizePath}, {@code PathUtil} in
 * {@code source/common/http/path_utility.cc}, and the Chromium path canonicalizer Envoy keeps in
 * {@code source/common/chromium_url}). docs/routing.md, "Paths as Envoy sees them", says it in
 * words. The path is the part before {@code ?}; the query is never touched.
 *
 * <pre>{@code
 * PathNormalizer.normalize("/x/../v1/%68ello", Normalization.DEFAULT);   // "/v1/hello"
 * PathNormalizer.normalize("/a%00b", Normalization.DEFAULT);             // null: Envoy answers 400
 * }</pre>
 */
@API(status = INTERNAL, since = "0.3")
public final class PathNormalizer {

    private PathNormalizer() {
    }

    /**
     * The path the routes see and the upstream receives, or {@code null} when Envoy rejects it
     * (400, {@code path_normalization_failed}). The same reference when nothing changes.
     *
     * @param path the path, without the query
     * @param mode MeshConfig's {@code pathNormalization.normalization}
     */
    public static String normalize(String path, Normalization mode) {
        switch (mode) {
            case NONE:
                return path;
            case DECODE_AND_MERGE_SLASHES: {
                // UNESCAPE_AND_FORWARD comes first, then normalize_path, then merge_slashes.
                String canonical = canonicalPath(unescapeSlashes(path));
                return canonical == null ? null : mergeSlashes(canonical);
            }
            case MERGE_SLASHES: {
                String canonical = canonicalPath(path);
                return canonical == null ? null : mergeSlashes(canonical);
            }
            default:   // DEFAULT, BASE: normalize_path only
                return canonicalPath(path);
        }
    }

    // ---------------------------------------------------------------- Chromium's CanonicalizePath

    private static final byte PASS = 0;
    /** Needs handling in {@link #canonicalPath}; set on every flag below but {@link #UNESCAPE}. */
    private static final byte SPECIAL = 1;
    private static final byte ESCAPE = 2 | SPECIAL;
    /** An escape of this character is decoded. */
    private static final byte UNESCAPE = 4;
    /** Not allowed in a path at all (NUL): escaped, and the path is invalid. */
    private static final byte INVALID = 8 | SPECIAL;

    /** {@code kPathCharLookup} of Envoy's snapshot of Chromium, by byte value. */
    private static final byte[] FLAGS = new byte[256];

    static {
        java.util.Arrays.fill(FLAGS, ESCAPE);   // controls and every byte from 0x7F up
        FLAGS[0] = INVALID;
        for (char c : "!$&'()*+,/:;=@[]".toCharArray()) {
            FLAGS[c] = PASS;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            FLAGS[c] = UNESCAPE;
            FLAGS[Character.toUpperCase(c)] = UNESCAPE;
        }
        for (char c = '0'; c <= '9'; c++) {
            FLAGS[c] = UNESCAPE;
        }
        for (char c : "-_~".toCharArray()) {
            FLAGS[c] = UNESCAPE;
        }
        FLAGS['.'] = SPECIAL;
        // Escaped: space " # % < > ? \ ^ ` { | } (and '%' and '\' are handled specially).
    }

    /**
     * Envoy's {@code PathUtil::canonicalPath}: Chromium's {@code CanonicalizePath} over the path's
     * UTF-8 bytes. {@code null} when the path holds a NUL, raw or escaped.
     */
    static String canonicalPath(String path) {
        if (isCanonical(path)) {
            return path;
        }
        byte[] in = path.getBytes(StandardCharsets.UTF_8);
        Out out = new Out(in.length + 8);
        if (in.length == 0) {
            out.push('/');
            return out.text();
        }
        if (!isSlash(in[0])) {
            out.push('/');
        }
        boolean success = true;
        int lastInvalidPercent = Integer.MIN_VALUE;
        for (int i = 0; i < in.length; i++) {
            int ch = in[i] & 0xFF;
            byte flags = FLAGS[ch];
            if ((flags & SPECIAL) == 0) {
                out.push(ch);
                continue;
            }
            int dot = dotLength(in, i);
            if (dot > 0) {
                if (out.length > 0 && out.at(out.length - 1) == '/') {
                    int after = i + dot;
                    if (after == in.length) {
                        i += dot - 1;                                   // "/." at the end: the current directory
                    } else if (isSlash(in[after])) {
                        i += dot;                                       // "/./": skip the dot and its slash
                    } else {
                        int second = dotLength(in, after);
                        int afterSecond = after + second;
                        if (second > 0 && afterSecond == in.length) {
                            out.backUpToPreviousSlash();                // "/.." at the end
                            i += dot + second - 1;
                        } else if (second > 0 && isSlash(in[afterSecond])) {
                            out.backUpToPreviousSlash();                // "/../"
                            i += dot + second;
                        } else {
                            out.push('.');                              // ".x": part of a name
                            i += dot - 1;
                        }
                    }
                } else {
                    out.push('.');
                    i += dot - 1;
                }
            } else if (ch == '\\') {
                out.push('/');
            } else if (ch == '%') {
                int value = decodeEscaped(in, i);
                if (value >= 0) {
                    i += 2;
                    byte escapedFlags = FLAGS[value];
                    if ((escapedFlags & UNESCAPE) != 0) {
                        out.push(value);
                        if (lastInvalidPercent >= out.length - 3) {
                            out.checkForNestedEscapes(in, i + 1, lastInvalidPercent);
                        }
                    } else {
                        // Kept as written, hex case and all.
                        out.push('%');
                        out.push(in[i - 1] & 0xFF);
                        out.push(in[i] & 0xFF);
                        if ((escapedFlags & INVALID) == INVALID) {
                            success = false;
                        }
                    }
                } else {
                    lastInvalidPercent = out.length;
                    out.push('%');
                }
            } else {
                out.pushEscaped(ch);
                if (flags == INVALID) {
                    success = false;
                }
            }
        }
        return success ? out.text() : null;
    }

    /** Whether a path has nothing for the canonicalizer to do: it starts with '/' and holds no special byte. */
    private static boolean isCanonical(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c >= 0x80 || (FLAGS[c] & SPECIAL) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSlash(byte b) {
        return b == '/' || b == '\\';
    }

    /** Chromium's {@code IsDot}: 1 for {@code .}, 3 for {@code %2e} or {@code %2E}, else 0. */
    private static int dotLength(byte[] in, int at) {
        if (in[at] == '.') {
            return 1;
        }
        if (in[at] == '%' && at + 3 <= in.length && in[at + 1] == '2' && (in[at + 2] == 'e' || in[at + 2] == 'E')) {
            return 3;
        }
        return 0;
    }

    /** Chromium's {@code DecodeEscaped}: the byte {@code %XX} at {@code at} stands for, or -1. */
    private static int decodeEscaped(byte[] in, int at) {
        if (at + 3 > in.length) {
            return -1;
        }
        int hi = Character.digit(in[at + 1], 16);
        int lo = Character.digit(in[at + 2], 16);
        return hi < 0 || lo < 0 || in[at + 1] < 0 || in[at + 2] < 0 ? -1 : hi << 4 | lo;
    }

    /** Chromium's {@code CanonOutput}, as far as the path needs it. */
    private static final class Out {
        byte[] bytes;
        int length;

        Out(int capacity) {
            bytes = new byte[capacity];
        }

        int at(int i) {
            return bytes[i] & 0xFF;
        }

        void push(int b) {
            if (length == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, 2 * length + 4);
            }
            bytes[length++] = (byte) b;
        }

        /** Chromium's {@code AppendEscapedChar}: {@code %} and two upper-case hex digits. */
        void pushEscaped(int b) {
            push('%');
            push(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
            push(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }

        /** Chromium's {@code BackUpToPreviousSlash}: drops the last segment, never the first slash. */
        void backUpToPreviousSlash() {
            int i = length - 1;
            if (i == 0) {
                return;
            }
            i--;
            while (bytes[i] != '/' && i > 0) {
                i--;
            }
            length = i + 1;
        }

        /**
         * Chromium's {@code CheckForNestedEscapes}: after a decoded escape right behind a
         * {@code %} that began no valid escape, a {@code %} that would now begin one is written
         * {@code %25}, so the output cannot be decoded into something else ({@code %%30%30}).
         */
        void checkForNestedEscapes(byte[] in, int next, int lastInvalidPercent) {
            int before = length;
            int lastUnescaped = at(length - 1);
            boolean appendNext = lastInvalidPercent == length - 2;
            if (appendNext) {
                if (next == in.length || in[next] < 0) {
                    return;
                }
                push(in[next]);
            }
            byte[] view = java.util.Arrays.copyOf(bytes, length);
            if (decodeEscaped(view, lastInvalidPercent) >= 0) {
                if (!appendNext) {
                    push(at(lastInvalidPercent + 1));
                }
                bytes[lastInvalidPercent + 1] = '2';
                bytes[lastInvalidPercent + 2] = '5';
                push(lastUnescaped);
            } else if (appendNext) {
                length = before;
            }
        }

        String text() {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
    }

    // ---------------------------------------------------------------- Envoy's PathUtil

    /**
     * Envoy's {@code PathUtil::mergeSlashes}: runs of slashes become one; a leading and a
     * trailing slash are kept (so {@code //} stays {@code //}).
     */
    static String mergeSlashes(String path) {
        if (!path.contains("//")) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        if (path.startsWith("/")) {
            out.append('/');
        }
        boolean first = true;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append('/');
            }
            out.append(segment);
            first = false;
        }
        if (path.endsWith("/")) {
            out.append('/');
        }
        return out.toString();
    }

    /** Envoy's {@code PathUtil::unescapeSlashes}: {@code %2F} and {@code %5C}, either case, decoded. */
    static String unescapeSlashes(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                char a = path.charAt(i + 1);
                char b = Character.toLowerCase(path.charAt(i + 2));
                if (a == '2' && b == 'f') {
                    out.append('/');
                    i += 2;
                    continue;
                }
                if (a == '5' && b == 'c') {
                    out.append('\\');
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
