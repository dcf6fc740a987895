package dev.meshtest.internal.text;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A small streaming JSON writer: members come out in the order they are written, so a document's
 * key order is the code's, never a hash map's. Strings are escaped as RFC 8259 requires and a
 * little more (control characters, DEL, U+2028 and U+2029 and lone surrogates as backslash-u escapes;
 * every other character as it is, so the text is to be written out as UTF-8); numbers are written
 * without a locale ({@link Long#toString}, {@link Double#toString}, which reads back to the same
 * double); a double that is not finite is written {@code null}.
 *
 * <pre>{@code
 * Json w = Json.pretty();
 * w.beginObject().name("status").value(200).name("flags").beginArray().value("UO").endArray().endObject();
 * w.toString();   // {\n  "status": 200,\n  "flags": [\n    "UO"\n  ]\n}
 * }</pre>
 *
 * <p>{@link #go()} writes as Go's {@code json.MarshalIndent(v, "", "\t")} does, {@code <}, {@code >}
 * and {@code &} escaped, which is how istioctl prints {@code -o json}.
 */
@API(status = INTERNAL, since = "0.6")
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private enum Scope { ARRAY, OBJECT }

    private final StringBuilder out = new StringBuilder();
    private final String indent;
    private final boolean htmlSafe;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** Whether the innermost array or object has a member yet. */
    private boolean hasMember;
    /** Whether a name was written and its value is due. */
    private boolean nameWritten;
    private boolean done;

    private Json(String indent, boolean htmlSafe) {
        this.indent = indent;
        this.htmlSafe = htmlSafe;
    }

    /** A writer that indents by two spaces, a member per line. */
    public static Json pretty() {
        return new Json("  ", false);
    }

    /** A writer of one line, no spaces. */
    public static Json compact() {
        return new Json(null, false);
    }

    /** A writer as Go's {@code json.MarshalIndent(v, "", "\t")}: tabs, {@code <>&} escaped. */
    public static Json go() {
        return new Json("\t", true);
    }

    /** Starts an object, as a value. */
    public Json beginObject() {
        return open(Scope.OBJECT, '{');
    }

    /** Ends the innermost object. */
    public Json endObject() {
        return close(Scope.OBJECT, '}');
    }

    /** Starts an array, as a value. */
    public Json beginArray() {
        return open(Scope.ARRAY, '[');
    }

    /** Ends the innermost array. */
    public Json endArray() {
        return close(Scope.ARRAY, ']');
    }

    /** The name of the next member of the innermost object. */
    public Json name(String name) {
        if (scopes.peek() != Scope.OBJECT || nameWritten) {
            throw new IllegalStateException("name(" + name + ") outside an object or after another name");
        }
        separate();
        string(name);
        out.append(indent == null ? ":" : ": ");
        nameWritten = true;
        return this;
    }

    /** A string value, or {@code null}. */
    public Json value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** A whole number. */
    public Json value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A number as {@link Double#toString} writes it (it reads back to the same double), {@code null} when not finite. */
    public Json value(double value) {
        beforeValue();
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    /** {@code true} or {@code false}. */
    public Json value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** {@code null}. */
    public Json nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** An object of string members, in the map's iteration order (give a sorted map for sorted keys). */
    public Json stringMap(Map<String, String> map) {
        beginObject();
        map.forEach((k, v) -> name(k).value(v));
        return endObject();
    }

    /** An object of whole numbers, keys as {@link String#valueOf(Object)} writes them, in the map's iteration order. */
    public Json countMap(Map<?, Long> map) {
        beginObject();
        map.forEach((k, v) -> name(String.valueOf(k)).value((long) v));
        return endObject();
    }

    /**
     * {@return the document}
     *
     * @throws IllegalStateException while an array or object is open, or before any value
     */
    @Override
    public String toString() {
        if (!scopes.isEmpty() || !done) {
            throw new IllegalStateException("the JSON document is not complete");
        }
        return out.toString();
    }

    private Json open(Scope scope, char c) {
        beforeValue();
        done = false;   // not before it is closed
        out.append(c);
        scopes.push(scope);
        hasMember = false;
        return this;
    }

    private Json close(Scope scope, char c) {
        if (scopes.peek() != scope || nameWritten) {
            throw new IllegalStateException("closing " + scope + " with " + scopes.peek() + " open");
        }
        scopes.pop();
        if (hasMember) {
            newline(scopes.size());
        }
        out.append(c);
        hasMember = true;
        done = scopes.isEmpty();
        return this;
    }

    private void beforeValue() {
        if (done) {
            throw new IllegalStateException("the JSON document is complete");
        }
        if (scopes.peek() == Scope.OBJECT) {
            if (!nameWritten) {
                throw new IllegalStateException("a value in an object needs a name");
            }
            nameWritten = false;
        } else if (scopes.peek() == Scope.ARRAY) {
            separate();
        }
        if (scopes.isEmpty()) {
            done = true;
        } else {
            hasMember = true;
        }
    }

    /** The comma and new line before an array's element or an object's name. */
    private void separate() {
        if (hasMember) {
            out.append(',');
        }
        newline(scopes.size());
    }

    private void newline(int depth) {
        if (indent != null) {
            out.append('\n');
            out.append(indent.repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean escape = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029'
                            || (htmlSafe && (c == '<' || c == '>' || c == '&'));
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));   // a whole character outside the BMP
                    } else if (escape || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                                .append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
