package dev.meshtest.internal.proxy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apiguardian.api.API;

/**
 * An IPv4 or IPv6 address range, as Istio's {@code AddrStrToCidrRange} reads it: an address alone
 * is a {@code /32} (or {@code /128}); the bits past the prefix do not count
 * ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). Used by AuthorizationPolicy's address matches and by
 * filter chains matched on the destination address.
 *
 * <pre>{@code
 * Cidr c = Cidr.parse("10.0.0.0/8");
 * c.contains("10.1.2.3");   // true
 * c.bits();                 // 8
 * }</pre>
 *
 * @param network the prefix, as a number of {@code bits} bits
 * @param bits the prefix length
 * @param length the address length in bytes (4 or 16)
 */
@API(status = INTERNAL, since = "0.5")
public record Cidr(BigInteger network, int bits, int length) {

    /**
     * Reads an address or {@code address/prefix}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] addr = bytes(slash < 0 ? t : t.substring(0, slash));
        int len = slash < 0 ? addr.length * 8 : Integer.parseInt(t.substring(slash + 1));
        if (len < 0 || len > addr.length * 8) {
            throw new IllegalArgumentException("prefix length " + len + " out of range: " + text);
        }
        return new Cidr(new BigInteger(1, addr).shiftRight(addr.length * 8 - len), len, addr.length);
    }

    /** {@return whether {@code text} names a range ({@code address/prefix}) rather than one address} */
    public static boolean isRange(String text) {
        return text.indexOf('/') >= 0;
    }

    /** Whether the address {@code ip} is in the range ({@code false} for {@code null} or what is not an address). */
    public boolean contains(String ip) {
        if (ip == null) {
            return false;
        }
        byte[] a;
        try {
            a = bytes(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return a.length == length && new BigInteger(1, a).shiftRight(a.length * 8 - bits).equals(network);
    }

    private static byte[] bytes(String literal) {
        if (!literal.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress();   // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
