package dev.meshtest.internal.validate;

import dev.meshtest.internal.istio.HostName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names, DNS labels, IP addresses and Kubernetes labels, checked the way Istio checks them
 * ({@code pkg/config/validation/agent/validation.go}, {@code pkg/config/labels/instance.go},
 * {@code pkg/config/host/name.go}). Each check returns Istio's message, or {@code null} when valid.
 *
 * <pre>{@code
 * Names.wildcardDomain("*.example.com");  // null
 * Names.wildcardDomain("foo_bar.com");     // domain name "foo_bar.com" invalid (label "foo_bar" invalid)
 * }</pre>
 */
final class Names {

    private static final String DNS1123_LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final Pattern DNS1123_LABEL_RE = Pattern.compile(DNS1123_LABEL);
    private static final Pattern WILDCARD_LABEL_RE = Pattern.compile("(\\*|(\\*|\\*-)?" + DNS1123_LABEL + ")");
    private static final String QUALIFIED_NAME = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern TAG_KEY_RE = Pattern.compile(
            "(" + DNS1123_LABEL + "(?:\\." + DNS1123_LABEL + ")*/)?(" + QUALIFIED_NAME + ")");
    private static final Pattern LABEL_VALUE_RE = Pattern.compile("(" + QUALIFIED_NAME + ")?");

    private Names() {
    }

    /** {@code labels.IsDNS1123Label}: at most 63 characters, alphanumerics and inner dashes. */
    static boolean isDns1123Label(String value) {
        return value != null && value.length() <= 63 && DNS1123_LABEL_RE.matcher(value).matches();
    }

    /** {@code labels.IsWildcardDNS1123Label}: a label, optionally with a leading {@code *} or {@code *-}, or just {@code *}. */
    static boolean isWildcardDns1123Label(String value) {
        return value.length() <= 63 && WILDCARD_LABEL_RE.matcher(value).matches();
    }

    /** {@code agent.CheckDNS1123Preconditions}. */
    private static String dnsPreconditions(String name) {
        if (name.length() > 255) {
            return "domain name " + Values.quote(name) + " too long (max 255)";
        }
        if (name.isEmpty()) {
            return "empty domain name not allowed";
        }
        return null;
    }

    /** {@code agent.ValidateDNS1123Labels}. */
    private static String dns1123Labels(String domain) {
        String[] parts = domain.split("\\.", -1);
        String top = parts[parts.length - 1];
        if (isGoInteger(top)) {
            return "domain name " + Values.quote(domain) + " invalid (top level domain " + Values.quote(top)
                    + " cannot be all-numeric)";
        }
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                return null; // a trailing dot, as in "istio.io."
            }
            if (!isDns1123Label(parts[i])) {
                return "domain name " + Values.quote(domain) + " invalid (label " + Values.quote(parts[i]) + " invalid)";
            }
        }
        return null;
    }

    /** What Go's {@code strconv.Atoi} accepts: an optional sign and decimal digits that fit. */
    static boolean isGoInteger(String s) {
        if (!s.matches("[+-]?[0-9]+")) {
            return false;
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code agent.ValidateFQDN}. */
    static String fqdn(String fqdn) {
        String err = dnsPreconditions(fqdn);
        return err != null ? err : dns1123Labels(fqdn);
    }

    /** {@code agent.ValidateWildcardDomain}: an FQDN whose first label may be a wildcard. */
    static String wildcardDomain(String domain) {
        String err = dnsPreconditions(domain);
        if (err != null) {
            return err;
        }
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        if (!isWildcardDns1123Label(first)) {
            return "domain name " + Values.quote(domain) + " invalid (label " + Values.quote(first) + " invalid)";
        }
        return dot < 0 ? null : dns1123Labels(domain.substring(dot + 1));
    }

    /**
     * {@code agent.ValidateWildcardDomainForVirtualServiceBoundToGateway}: like
     * {@link #wildcardDomain} but, for SNI hosts, also accepts Istio's generated
     * {@code outbound_.<port>_._.<host>} names.
     */
    static String wildcardDomainForGateway(boolean sni, String domain) {
        String err = dnsPreconditions(domain);
        if (err != null) {
            return err;
        }
        if (sni && domain.startsWith("outbound_")) {
            String[] parts = domain.split("_", -1);
            if (parts.length < 4) {
                return "domain name " + domain + " invalid, should follow 'outbound_.<PORT>_._.<HOSTNAME>' format";
            }
            String port = trimDots(parts[1]);
            String host = trimDots(parts[3]);
            if (!parts[0].equals("outbound")) {
                return "domain name " + Values.quote(domain) + " invalid (label " + Values.quote(parts[0]) + " invalid)";
            }
            if (!Pattern.compile("[0-9]").matcher(port).find()) {
                return "domain name " + Values.quote(domain) + " invalid (label " + Values.quote(port)
                        + " invalid). should follow outbound_.<PORT>_._.<HOSTNAME> format";
            }
            if (!Pattern.compile("[a-zA-Z]").matcher(host).find()) {
                return "domain name " + Values.quote(domain) + " invalid (label " + Values.quote(host)
                        + " invalid). should follow outbound_.<PORT>_._.<HOSTNAME> format";
            }
            return null;
        }
        return wildcardDomain(domain);
    }

    private static String trimDots(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == '.') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == '.') {
            e--;
        }
        return s.substring(b, e);
    }

    /** {@code agent.ValidatePartialWildCard}: {@code *} only alone or as {@code *.}. */
    static String partialWildcard(String host) {
        if (host.contains("*") && host.length() != 1 && !host.startsWith("*.")) {
            return "partial wildcard " + Values.quote(host) + " not allowed";
        }
        return null;
    }

    /**
     * {@code agent.ValidateNamespaceSlashWildcardHostname} for gateways: {@code host} or
     * {@code namespace/host}, where the namespace is {@code *}, {@code .} or a DNS label, or {@code ~}
     * in a Gateway made from the Gateway API ({@code gatewaySemantics}).
     */
    static List<String> gatewayServerHost(String hostname, boolean gatewaySemantics) {
        List<String> errs = new ArrayList<>();
        int slash = hostname.indexOf('/');
        if (slash < 0) {
            gatewayHostPart(hostname, errs);
            return errs;
        }
        String ns = hostname.substring(0, slash);
        String host = hostname.substring(slash + 1);
        if (ns.isEmpty() || host.isEmpty()) {
            errs.add("config namespace and dnsName in host entry cannot be empty");
        }
        if (!ns.equals("*") && !ns.equals(".") && !(ns.equals("~") && gatewaySemantics) && !isDns1123Label(ns)) {
            errs.add("invalid namespace value " + Values.quote(ns) + " in gateway");
        }
        gatewayHostPart(host, errs);
        return errs;
    }

    /** {@code agent.validateSidecarOrGatewayHostnamePart} with {@code isGateway}: an IP is also fine. */
    private static void gatewayHostPart(String hostname, List<String> errs) {
        if (!hostname.equals("*") && !hostname.contains(".")) {
            errs.add("short names (non FQDN) are not allowed");
        }
        String err = wildcardDomain(hostname);
        if (err != null && !isIpAddress(hostname)) {
            errs.add(err);
        }
        String partial = partialWildcard(hostname);
        if (partial != null) {
            errs.add(partial);
        }
    }

    /** {@code host.Name.IsWildCarded} ({@link HostName}). */
    static boolean isWildcarded(String h) {
        return HostName.isWildcarded(h);
    }

    // ---- IP addresses (Go's netip.ParseAddr / ParsePrefix, without any DNS lookup) ----

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    /** {@code netutil.IsValidIPAddress}: an IPv4 or IPv6 literal (IPv6 may carry a {@code %zone}). */
    static boolean isIpAddress(String s) {
        return isIpv4(s) || isIpv6(s, true);
    }

    /** A dotted-quad IPv4 address, each part at most 255. */
    static boolean isIpv4(String s) {
        if (!IPV4.matcher(s).matches()) {
            return false;
        }
        for (String part : s.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s, boolean zoneAllowed) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            if (!zoneAllowed || pct == s.length() - 1) {
                return false;
            }
            s = s.substring(0, pct);
        }
        int ellipsis = s.indexOf("::");
        if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) {
            return false;
        }
        if (ellipsis < 0) {
            int groups = ipv6Groups(s, true);
            return groups == 8;
        }
        int left = ipv6Groups(s.substring(0, ellipsis), false);
        int right = ipv6Groups(s.substring(ellipsis + 2), true);
        return left >= 0 && right >= 0 && left + right < 8;
    }

    /** Counts the 16-bit groups of one side of an IPv6 literal; -1 when malformed. */
    private static int ipv6Groups(String side, boolean ipv4TailAllowed) {
        if (side.isEmpty()) {
            return 0;
        }
        String[] parts = side.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (ipv4TailAllowed && i == parts.length - 1 && p.contains(".")) {
                if (!isIpv4(p)) {
                    return -1;
                }
                groups += 2;
            } else if (p.isEmpty() || p.length() > 4 || !p.matches("[0-9a-fA-F]+")) {
                return -1;
            } else {
                groups++;
            }
        }
        return groups;
    }

    /** {@code agent.ValidateIPAddress}. */
    static String ipAddress(String addr) {
        return isIpAddress(addr) ? null : addr + " is not a valid IP";
    }

    /** {@code agent.ValidateIPSubnet}: CIDR notation, or a plain address. */
    static String ipSubnet(String subnet) {
        if (subnet.chars().filter(c -> c == '/').count() == 1) {
            int slash = subnet.indexOf('/');
            String addr = subnet.substring(0, slash);
            String bits = subnet.substring(slash + 1);
            boolean v4 = isIpv4(addr);
            boolean ok = (v4 || isIpv6(addr, false)) && bits.matches("0|[1-9][0-9]{0,2}")
                    && Integer.parseInt(bits) <= (v4 ? 32 : 128);
            return ok ? null : subnet + " is not a valid CIDR block";
        }
        return ipAddress(subnet);
    }

    // ---- Kubernetes labels (labels.Instance.Validate) ----

    /** {@code labels.Instance.Validate}: every key and value, in the map's order. */
    static List<String[]> labels(Map<String, String> labels) {
        List<String[]> errs = new ArrayList<>(); // {key, message}
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String k = e.getKey();
            Matcher m = TAG_KEY_RE.matcher(k);
            if (!m.matches()) {
                errs.add(new String[] {k, "invalid tag key: " + Values.quote(k)});
            } else if (m.group(1) != null && m.group(1).length() - 1 > 253) {
                errs.add(new String[] {k, "invalid tag key: " + Values.quote(k) + " (DNS prefix is too long)"});
            } else if (m.group(2).length() > 63) {
                errs.add(new String[] {k, "invalid tag key: " + Values.quote(k) + " (name is too long)"});
            }
            String v = e.getValue() == null ? "" : e.getValue();
            if (!LABEL_VALUE_RE.matcher(v).matches()) {
                errs.add(new String[] {k, "invalid tag value: " + Values.quote(v)});
            }
        }
        return errs;
    }
}
