package dev.meshtest.internal.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bookinfo productpage's login session: Flask's session cookie ({@code SecureCookieSessionInterface},
 * Flask 3.1 with itsdangerous 2.2, as productpage's {@code requirements.txt} pins them), signed
 * with productpage's fixed {@code app.secret_key} ({@code productpage.py}). productpage's
 * {@code login()} stores the user there and its {@code getForwardHeaders} sends that user as
 * {@code end-user}; a request's own {@code end-user} header is not forwarded (docs/resilience.md,
 * "Bookinfo").
 *
 * <p>The cookie is itsdangerous' {@code URLSafeTimedSerializer}: the session as compact JSON with
 * sorted keys and ASCII escapes ({@code {"user":"jason"}}), zlib-compressed (then prefixed with
 * {@code .}) when that is shorter by more than a byte, base64url without padding; a {@code .}, the
 * signing time in whole seconds (big-endian, minimal bytes, base64url); a {@code .}, the HMAC-SHA1
 * of all that under the key HMAC-SHA1(secret key, {@code "cookie-session"}). A cookie whose
 * signature does not verify is an empty session, as Flask's {@code open_session} makes it. Not
 * checked: the cookie's age (Flask refuses one older than 31 days by the wall clock; meshtest's
 * clock is virtual).
 *
 * <pre>{@code
 * String cookie = FlaskSession.dumps("jason", 0);   // eyJ1c2VyIjoiamFzb24ifQ..<signature>
 * FlaskSession.user("session=" + cookie);           // "jason"
 * FlaskSession.user("session=forged");              // null: no user
 * }</pre>
 */
final class FlaskSession {
    /** productpage's {@code app.secret_key}: {@code b'_5#y2L"F4Q8z\n\xec]/'}. */
    private static final byte[] SECRET_KEY = {'_', '5', '#', 'y', '2', 'L', '"', 'F', '4', 'Q', '8', 'z', '\n', (byte) 0xec, ']',
        '/'};
    /** Flask's {@code SecureCookieSessionInterface.salt}. */
    private static final byte[] SALT = "cookie-session".getBytes(StandardCharsets.US_ASCII);
    /** Flask's default {@code SESSION_COOKIE_NAME}. */
    static final String COOKIE = "session";

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    /** The signing key, derived once ({@code Signer.derive_key}, {@code key_derivation="hmac"}). */
    private static final byte[] DERIVED_KEY = hmac(SECRET_KEY, SALT);

    private FlaskSession() {
    }

    /**
     * The cookie value Flask writes for the session {@code {"user": user}} ({@code user} {@code null}:
     * {@code {"user":null}}, what {@code login()} stores without a {@code username}), signed at
     * {@code seconds}.
     */
    static String dumps(String user, long seconds) {
        String json = "{\"user\":" + (user == null ? "null" : jsonString(user)) + "}";
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = zlib(bytes);
        String payload = compressed.length < bytes.length - 1 ? "." + BASE64.encodeToString(compressed) : BASE64.encodeToString(bytes);
        String value = payload + "." + BASE64.encodeToString(bigEndian(seconds));
        return value + "." + BASE64.encodeToString(hmac(DERIVED_KEY, value.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * What {@code logout()}'s answer sets when the session had a user: Werkzeug's
     * {@code delete_cookie} ({@code dump_cookie} with {@code expires=0}, {@code max_age=0}).
     */
    static final String DELETE_COOKIE = COOKIE + "=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/";

    /**
     * What {@code login()}'s answer sets: the session {@code {"user": user}} signed at {@code seconds},
     * as Flask's {@code save_session} writes it ({@code dump_cookie}: HttpOnly, path /, no expiry:
     * the session is not permanent).
     */
    static String setCookie(String user, long seconds) {
        return COOKIE + "=" + dumps(user, seconds) + "; HttpOnly; Path=/";
    }

    /**
     * The session's user, from a request's {@code cookie} header: {@code null} without a
     * {@code session} cookie, with one whose signature does not verify (an empty session), or with a
     * session whose {@code user} is not a string (none, or JSON {@code null}: {@code requests} drops
     * a header whose value is {@code None}).
     */
    static String user(String cookieHeader) {
        return session(cookieHeader) instanceof Map<?, ?> m && m.get("user") instanceof String s ? s : null;
    }

    /** Whether the session has a {@code user} key ({@code logout()} then changes it, and Flask deletes the cookie). */
    static boolean hasUser(String cookieHeader) {
        return session(cookieHeader) instanceof Map<?, ?> m && m.containsKey("user");
    }

    /** The session a {@code cookie} header carries, as JSON read it, or {@code null}: none, or not signed with productpage's key. */
    private static Object session(String cookieHeader) {
        String value = cookie(cookieHeader);
        if (value == null) {
            return null;
        }
        int sig = value.lastIndexOf('.');
        if (sig < 0) {
            return null;   // BadSignature: no separator
        }
        String signed = value.substring(0, sig);
        byte[] given = decode(value.substring(sig + 1));
        if (given == null || !MessageDigest.isEqual(given, hmac(DERIVED_KEY, signed.getBytes(StandardCharsets.UTF_8)))) {
            return null;
        }
        int ts = signed.lastIndexOf('.');
        if (ts < 0 || decode(signed.substring(ts + 1)) == null) {
            return null;   // BadTimeSignature: the timestamp is missing or malformed
        }
        String payload = signed.substring(0, ts);
        boolean compressed = payload.startsWith(".");
        byte[] json = decode(compressed ? payload.substring(1) : payload);
        if (json != null && compressed) {
            json = unzlib(json);
        }
        if (json == null) {
            return null;
        }
        try {
            return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).load(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code session} cookie's value in a {@code cookie} header (Werkzeug's {@code parse_cookie}: the first), or {@code null}. */
    static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(COOKIE)) {
                String v = part.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /** itsdangerous' {@code base64_decode}: padding added; {@code null} for what base64url cannot read. */
    private static byte[] decode(String s) {
        try {
            return Base64.getUrlDecoder().decode(s + "=".repeat((4 - s.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Python's {@code json.dumps} of a string with {@code ensure_ascii}. */
    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** itsdangerous' {@code int_to_bytes}: big-endian, as few bytes as the number needs (none for 0). */
    private static byte[] bigEndian(long n) {
        int len = (64 - Long.numberOfLeadingZeros(n) + 7) / 8;
        byte[] out = new byte[len];
        for (int i = len - 1; i >= 0; i--) {
            out[i] = (byte) n;
            n >>>= 8;
        }
        return out;
    }

    /** Python's {@code zlib.compress} at its default level, 6. */
    private static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(6);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] unzlib(byte[] data) {
        Inflater in = new Inflater();
        in.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        try {
            while (!in.finished()) {
                int n = in.inflate(buf);
                if (n == 0 && (in.needsInput() || in.needsDictionary())) {
                    return null;
                }
                out.write(buf, 0, n);
                if (out.size() > 1 << 16) {
                    return null;   // not a session productpage writes
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            in.end();
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }
}
