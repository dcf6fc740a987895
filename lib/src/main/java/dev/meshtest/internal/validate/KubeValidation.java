package dev.meshtest.internal.validate;

import static dev.meshtest.internal.text.ApiServerText.duplicate;
import static dev.meshtest.internal.text.ApiServerText.invalid;
import static dev.meshtest.internal.text.ApiServerText.notSupported;
import static dev.meshtest.internal.text.ApiServerText.required;
import static dev.meshtest.internal.text.ApiServerText.tooMany;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Resource;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.ContainerPort;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.EndpointAddress;
import dev.meshtest.config.kube.EndpointPort;
import dev.meshtest.config.kube.EndpointSlice;
import dev.meshtest.config.kube.EndpointSubset;
import dev.meshtest.config.kube.Endpoints;
import dev.meshtest.config.kube.DaemonSet;
import dev.meshtest.config.kube.ReplicaSet;
import dev.meshtest.config.kube.SliceEndpoint;
import dev.meshtest.config.kube.StatefulSet;
import dev.meshtest.config.kube.StatefulSetSpec;
import dev.meshtest.config.kube.DeploymentSpec;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.config.kube.LabelSelector;
import dev.meshtest.config.kube.LabelSelectorRequirement;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.config.kube.PodTemplateSpec;
import dev.meshtest.config.kube.Secret;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import dev.meshtest.internal.yaml.Kinds;
import org.apiguardian.api.API;

/**
 * What the Kubernetes API server itself rejects and the reader cannot know: object names, Service
 * ports, Deployment selectors, container ports. Messages are Kubernetes' own
 * ({@code k8s.io/apimachinery/pkg/util/validation} and {@code pkg/apis/core/validation}), as
 * {@code fieldPath: Invalid value: "x": detail}.
 */
@API(status = INTERNAL, since = "0.1")
public final class KubeValidation {

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must"
            + " start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    /** apimachinery's {@code TotalAnnotationSizeLimitB}. */
    private static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;

    static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
    private static final List<String> PORT_PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> EXTERNAL_TRAFFIC_POLICIES = List.of("Cluster", "Local");
    private static final List<String> SERVICE_TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final Set<String> PATH_SEGMENT_NAMED_KINDS =
            Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    private KubeValidation() {
    }

    // ---- apimachinery's string checks: each returns the detail messages, empty when valid ----

    // The formats above, matched by loops: in time linear in the value and without the regex
    // engine's recursion per repeated group (a name of a million dots must not overflow the stack).
    // Lengths are Go's len(): bytes of UTF-8, not Java's UTF-16 units.

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isLowerAlnum(char c) {
        return isLower(c) || (c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    /** {@code v[from, to)} matches {@value #DNS1123_LABEL_FMT}. */
    private static boolean isDns1123Label(String v, int from, int to) {
        if (to <= from || !isLowerAlnum(v.charAt(from)) || !isLowerAlnum(v.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            if (!isLowerAlnum(v.charAt(i)) && v.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code v} matches {@value #DNS1123_SUBDOMAIN_FMT}: labels joined by dots. */
    private static boolean isDns1123Subdomain(String v) {
        int start = 0;
        while (true) {
            int dot = v.indexOf('.', start);
            int end = dot < 0 ? v.length() : dot;
            if (!isDns1123Label(v, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    /** {@code v} matches {@value #QUALIFIED_NAME_FMT}. */
    private static boolean isQualifiedNamePart(String v) {
        if (v.isEmpty() || !isAlnum(v.charAt(0)) || !isAlnum(v.charAt(v.length() - 1))) {
            return false;
        }
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (!isAlnum(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    static List<String> dns1123Label(String v) {
        List<String> errs = new ArrayList<>();
        if (utf8Length(v) > 63) {
            errs.add(maxLen(63));
        }
        if (!isDns1123Label(v, 0, v.length())) {
            if (isDns1123Subdomain(v)) {
                errs.add("must not contain dots");
            } else {
                errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters"
                        + " or '-', and must start and end with an alphanumeric character",
                        DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    static List<String> dns1123Subdomain(String v) {
        List<String> errs = new ArrayList<>();
        if (utf8Length(v) > 253) {
            errs.add(maxLen(253));
        }
        if (!isDns1123Subdomain(v)) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                    + " '-' or '.', and must start and end with an alphanumeric character",
                    DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    static List<String> dns1035Label(String v) {
        List<String> errs = new ArrayList<>();
        if (utf8Length(v) > 63) {
            errs.add(maxLen(63));
        }
        if (v.isEmpty() || !isLower(v.charAt(0)) || !isDns1123Label(v, 0, v.length())) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-',"
                    + " start with an alphabetic character, and end with an alphanumeric character",
                    DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /** An IANA service name, as container port names and named targetPorts must be. */
    static List<String> portName(String v) {
        List<String> errs = new ArrayList<>();
        if (utf8Length(v) > 15) {
            errs.add(maxLen(15));
        }
        if (v.isEmpty() || !v.chars().allMatch(c -> isLowerAlnum((char) c) || c == '-')) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (v.chars().noneMatch(c -> isLower((char) c))) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (v.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!v.isEmpty() && (v.charAt(0) == '-' || v.charAt(v.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    static boolean isPortNumber(Integer p) {
        return p != null && p >= 1 && p <= 65535;
    }

    /** Whether {@code s} is a dotted-quad IPv4 address. */

    private static String maxLen(int n) {
        return "must be no more than " + n + " characters";
    }

    private static String regexError(String msg, String fmt, String... examples) {
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    // ---- per-object checks ----

    /**
     * Why an object built in code is refused for its {@code apiVersion} and {@code kind}, as the
     * reader refuses them in YAML ({@code no matches for kind ...}, or a kind meshtest does not
     * simulate), or null. One of meshtest's records under an apiVersion and kind the reader binds to
     * another record is refused too: it would be stored and routed as something it is not.
     */
    private static String unsupported(Resource r) {
        if (r instanceof dev.meshtest.config.IgnoredResource) {
            return null;
        }
        String apiVersion = r.apiVersion() == null ? "" : r.apiVersion();
        Kinds.Resolution resolution = Kinds.standard().resolve(apiVersion, r.kind());
        if (resolution instanceof Kinds.Simulated s) {
            boolean ours = r.getClass().getPackageName().startsWith("dev.meshtest.config");
            return s.type() == r.getClass() || !ours ? null : "a " + r.getClass().getName() + " may not be applied as "
                    + apiVersion + " " + r.kind() + ", which is read as a " + s.type().getName();
        }
        if (resolution instanceof Kinds.Unsupported u) {
            return u.why();
        }
        return resolution instanceof Kinds.NoMatch n ? n.message() : null;
    }

    /** Every problem the API server would find in this object on its own (not against the cluster). */
    public static List<Problem> review(Manifest m) {
        List<Problem> out = new ArrayList<>();
        ObjectMeta meta = m.resource().metadata();
        if (m.resource().kind() == null || m.resource().kind().isEmpty()) {
            out.add(new Problem(m.origin().locate("kind"), null, "kind", required("")));
            return out;
        }
        if (meta == null) {
            out.add(new Problem(m.origin().locate("metadata"), new ResourceRef(m.resource().kind(), "", "(unnamed)"),
                    "metadata", required("")));
            return out;
        }
        String unsupported = unsupported(m.resource());
        if (unsupported != null) {
            out.add(new Problem(m.origin().locate("kind"), m.resource().ref(), null, unsupported));
            return out;
        }
        checkName(m, meta, out);
        checkMetadata(m, "metadata", meta.labels(), meta.annotations(), out);
        if (m.resource() instanceof Service s) {
            checkService(m, s, out);
        } else if (m.resource() instanceof Deployment d) {
            checkDeployment(m, d, out);
        } else if (m.resource() instanceof StatefulSet set) {
            checkStatefulSet(m, set, out);
        } else if (m.resource() instanceof ReplicaSet rs) {
            if (rs.spec() == null) {
                out.add(Problem.at(m, "spec", required("")));
            } else {
                // ValidateReplicaSetSpec says "deployment" in its empty-selector message.
                checkWorkload(m, "deployment", rs.spec().replicas(), rs.spec().selector(), rs.spec().template(), out);
            }
        } else if (m.resource() instanceof DaemonSet ds) {
            checkDaemonSet(m, ds, out);
        } else if (m.resource() instanceof Endpoints e) {
            checkEndpoints(m, e, out);
        } else if (m.resource() instanceof EndpointSlice slice) {
            checkEndpointSlice(m, slice, out);
        } else if (m.resource() instanceof Secret secret) {
            checkSecret(m, secret, out);
        } else if (m.resource() instanceof Pod p) {
            if (p.spec() == null) {
                out.add(Problem.at(m, "spec", required("")));
            } else {
                checkPodSpec(m, "spec", p.spec(), out);
            }
        }
        return out;
    }

    private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);

    /**
     * The API server's Secret checks: base64 {@code data} (the JSON decoder's error, before any
     * validation), keys as {@code IsConfigMapKey} allows them, and a {@code kubernetes.io/tls}
     * Secret's {@code tls.crt} and {@code tls.key} ({@code ValidateSecret}).
     */
    private static void checkSecret(Manifest m, Secret secret, List<Problem> out) {
        for (Map.Entry<String, String> e : new TreeMap<>(secret.data()).entrySet()) {
            int bad = illegalBase64At(e.getValue() == null ? "" : e.getValue());
            if (bad >= 0) {
                out.add(Problem.at(m, "data[" + e.getKey() + "]", "Secret in version \"v1\" cannot be handled as a Secret: "
                        + "illegal base64 data at input byte " + bad));
                return;
            }
        }
        for (String key : secret.keys()) {
            String path = (secret.data().containsKey(key) ? "data" : "stringData") + "[" + key + "]";
            if (key.length() > 253) {
                out.add(Problem.at(m, path, invalid(key, maxLen(253))));
            } else if (key.equals(".") || key.equals("..")) {
                out.add(Problem.at(m, path, invalid(key, "must not be '" + key + "'")));
            } else if (!CONFIG_KEY.matcher(key).matches()) {
                out.add(Problem.at(m, path, invalid(key, regexError("a valid config key must consist of alphanumeric characters, "
                        + "'-', '_' or '.'", CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"))));
            }
        }
        if (Secret.TLS.equals(secret.type())) {
            for (String key : List.of("tls.crt", "tls.key")) {
                if (!secret.keys().contains(key)) {
                    out.add(Problem.at(m, "data[" + key + "]", required("")));
                }
            }
        }
    }

    /**
     * Where Go's {@code base64.StdEncoding} (which the API server's JSON decoder uses for bytes)
     * finds {@code value} corrupt, or -1 when it decodes: the first character outside the alphabet,
     * else the start of an unfinished last quantum (padding is required). Newlines are skipped.
     */
    static int illegalBase64At(String value) {
        int quantum = 0;
        int quantumStart = 0;
        int padding = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                continue;
            }
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            if (padding >= 0 && c != '=') {
                return i;   // data after padding
            }
            if (c == '=') {
                if (quantum < 2) {
                    return i;
                }
                if (padding < 0) {
                    padding = i;
                }
            } else if (!alphabet) {
                return i;
            }
            if (quantum == 0) {
                quantumStart = i;
            }
            quantum = (quantum + 1) % 4;
        }
        return quantum == 0 ? -1 : quantumStart;
    }

    private static void checkName(Manifest m, ObjectMeta meta, List<Problem> out) {
        String name = meta.name();
        if (name == null || name.isEmpty()) {
            if (meta.generateName() != null && !meta.generateName().isEmpty()) {
                out.add(Problem.at(m, "metadata.name", required("kubectl apply cannot use metadata.generateName")));
            } else {
                out.add(Problem.at(m, "metadata.name", required("name or generateName is required")));
            }
            return;
        }
        List<String> errs;
        if (m.resource() instanceof Namespace) {
            errs = dns1123Label(name);
        } else if (m.resource() instanceof Service) {
            errs = dns1035Label(name);
        } else if (m.resource() instanceof IgnoredResource ir && PATH_SEGMENT_NAMED_KINDS.contains(ir.kind())) {
            errs = pathSegmentName(name);
        } else {
            errs = dns1123Subdomain(name);
        }
        for (String e : errs) {
            out.add(Problem.at(m, "metadata.name", invalid(name, e)));
        }
    }

    /**
     * apimachinery's {@code ValidateObjectMeta} beyond the name: {@code ValidateLabels} and
     * {@code ValidateAnnotations} (keys as qualified names, case ignored; keys and values together
     * at most 256 KiB). Each problem at the path the API server names ({@code metadata.labels}),
     * located at the entry's own line. (The namespace's name needs no check here: a namespace
     * that does not exist is refused before validation, as {@code NamespaceLifecycle} does, and
     * one that exists has a valid name.)
     */
    private static void checkMetadata(Manifest m, String at, Map<String, String> labels,
                                      Map<String, String> annotations, List<Problem> out) {
        checkLabels(m, at + ".labels", labels, out);
        String path = at + ".annotations";
        long size = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            for (String msg : qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                out.add(entryProblem(m, path, e.getKey(), invalid(e.getKey(), msg)));
            }
            size += utf8Length(e.getKey()) + utf8Length(e.getValue());
        }
        if (size > TOTAL_ANNOTATION_SIZE) {
            out.add(Problem.at(m, path, "Too long: must have at most " + TOTAL_ANNOTATION_SIZE + " bytes"));
        }
    }

    /** apimachinery's {@code ValidateLabels}: each key a qualified name, each value a label value. */
    private static void checkLabels(Manifest m, String path, Map<String, String> labels, List<Problem> out) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            for (String msg : qualifiedName(e.getKey())) {
                out.add(entryProblem(m, path, e.getKey(), invalid(e.getKey(), msg)));
            }
            for (String msg : labelValue(e.getValue())) {
                out.add(entryProblem(m, path, e.getKey(), invalid(e.getValue(), msg)));
            }
        }
    }

    /** A problem the API server reports at the map's path, located at the entry's line. */
    private static Problem entryProblem(Manifest m, String path, String key, String reason) {
        return new Problem(m.origin().locate(path + "." + key), m.resource().ref(), path, reason);
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** apimachinery's {@code IsQualifiedName}: an optional DNS subdomain prefix and {@code /}, then a name of at most 63. */
    private static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        int slash = value.indexOf('/');
        String name = value;
        if (slash >= 0) {
            if (value.indexOf('/', slash + 1) >= 0) {
                errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
            }
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String e : dns1123Subdomain(prefix)) {
                    errs.add("prefix part " + e);
                }
            }
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (utf8Length(name) > 63) {
            errs.add("name part " + maxLen(63));
        }
        if (!isQualifiedNamePart(name)) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /** apimachinery's {@code IsValidLabelValue}: empty, or at most 63 characters of a qualified name's alphabet. */
    private static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (utf8Length(value) > 63) {
            errs.add(maxLen(63));
        }
        if (!value.isEmpty() && !isQualifiedNamePart(value)) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.',"
                    + " and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    private static List<String> pathSegmentName(String name) {
        List<String> errs = new ArrayList<>();
        if (name.equals(".") || name.equals("..")) {
            errs.add("may not be '" + name + "'");
        }
        for (String bad : List.of("/", "%")) {
            if (name.contains(bad)) {
                errs.add("may not contain '" + bad + "'");
            }
        }
        return errs;
    }

    private static void checkService(Manifest m, Service s, List<Problem> out) {
        ServiceSpec spec = s.spec();
        if (spec == null) {
            out.add(Problem.at(m, "spec.ports", required("")));
            return;
        }
        checkLabels(m, "spec.selector", spec.selector(), out);
        String type = spec.type() == null ? "ClusterIP" : spec.type();
        if (!SERVICE_TYPES.contains(type)) {
            out.add(Problem.at(m, "spec.type", notSupported(type, SERVICE_TYPES)));
        }
        boolean headless = "None".equals(spec.clusterIP());
        if ("ExternalName".equals(type)) {
            if (spec.externalName() == null || spec.externalName().isEmpty()) {
                out.add(Problem.at(m, "spec.externalName", required("")));
            } else {
                for (String e : dns1123Subdomain(spec.externalName().endsWith(".")
                        ? spec.externalName().substring(0, spec.externalName().length() - 1) : spec.externalName())) {
                    out.add(Problem.at(m, "spec.externalName", invalid(spec.externalName(), e)));
                }
            }
        } else if (spec.ports().isEmpty() && !headless) {
            out.add(Problem.at(m, "spec.ports", required("")));
        }
        if (spec.clusterIP() != null && !spec.clusterIP().isEmpty() && !headless && !Names.isIpv4(spec.clusterIP())) {
            out.add(Problem.at(m, "spec.clusterIP", invalid(spec.clusterIP(), "must be a valid IP address")));
        }
        for (int i = 0; i < spec.externalIPs().size(); i++) {
            String ip = spec.externalIPs().get(i);
            if (ip == null || !Names.isIpAddress(ip)) {
                out.add(Problem.at(m, "spec.externalIPs[" + i + "]", invalid(ip == null ? "" : ip, "must be a valid IP address")));
            }
        }
        // validateServiceExternalTrafficPolicy: only a Service reachable from outside has one.
        String etp = spec.externalTrafficPolicy();
        if (etp != null && !etp.isEmpty()) {
            boolean outside = type.equals("LoadBalancer") || type.equals("NodePort")
                    || type.equals("ClusterIP") && !spec.externalIPs().isEmpty();
            if (!outside) {
                out.add(Problem.at(m, "spec.externalTrafficPolicy", invalid(etp, "may only be set for externally-accessible services")));
            } else if (!EXTERNAL_TRAFFIC_POLICIES.contains(etp)) {
                out.add(Problem.at(m, "spec.externalTrafficPolicy", notSupported(etp, EXTERNAL_TRAFFIC_POLICIES)));
            }
        }
        boolean requireName = spec.ports().size() > 1;
        Set<String> names = new HashSet<>();
        Set<String> portKeys = new HashSet<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort p = spec.ports().get(i);
            String path = "spec.ports[" + i + "]";
            if (p == null) {
                out.add(Problem.at(m, path, required("")));
                continue;
            }
            if (p.name() == null || p.name().isEmpty()) {
                if (requireName) {
                    out.add(Problem.at(m, path + ".name", required("")));
                }
            } else {
                for (String e : dns1123Label(p.name())) {
                    out.add(Problem.at(m, path + ".name", invalid(p.name(), e)));
                }
                if (!names.add(p.name())) {
                    out.add(Problem.at(m, path + ".name", duplicate(p.name())));
                }
            }
            if (p.port() == null) {
                out.add(Problem.at(m, path + ".port", required("")));
            } else if (!isPortNumber(p.port())) {
                out.add(Problem.at(m, path + ".port", invalid(p.port(), PORT_RANGE)));
            }
            String proto = p.protocol() == null ? "TCP" : p.protocol();
            if (!PORT_PROTOCOLS.contains(proto)) {
                out.add(Problem.at(m, path + ".protocol", notSupported(proto, PORT_PROTOCOLS)));
            }
            IntOrString tp = p.targetPort();
            if (tp != null) {
                if (tp.isInt()) {
                    if (tp.intValue() != 0 && !isPortNumber(tp.intValue())) {
                        out.add(Problem.at(m, path + ".targetPort", invalid(tp.intValue(), PORT_RANGE)));
                    }
                } else if (!tp.string().isEmpty()) {
                    for (String e : portName(tp.string())) {
                        out.add(Problem.at(m, path + ".targetPort", invalid(tp.string(), e)));
                    }
                }
            }
            if (p.nodePort() != null && p.nodePort() != 0) {
                if ("ClusterIP".equals(type) || "ExternalName".equals(type)) {
                    out.add(Problem.at(m, path + ".nodePort",
                            "Forbidden: may not be used when `type` is '" + type + "'"));
                } else if (p.nodePort() < 30000 || p.nodePort() > 32767) {
                    out.add(Problem.at(m, path + ".nodePort", invalid(p.nodePort(),
                            "provided port is not in the valid range. The range of valid ports is 30000-32767")));
                }
            }
            if (p.port() != null && !portKeys.add(p.port() + "/" + proto)) {
                out.add(Problem.at(m, path, duplicate(p.port() + "/" + proto)));
            }
        }
    }

    /** {@code ValidateEndpoints} (pkg/apis/core/validation): addresses, their IPs, ports. */
    private static void checkEndpoints(Manifest m, Endpoints e, List<Problem> out) {
        for (int i = 0; i < e.subsets().size(); i++) {
            EndpointSubset subset = e.subsets().get(i);
            String path = "subsets[" + i + "]";
            if (subset == null) {
                out.add(Problem.at(m, path, required("")));
                continue;
            }
            if (subset.addresses().isEmpty() && subset.notReadyAddresses().isEmpty()) {
                out.add(Problem.at(m, path, required("must specify `addresses` or `notReadyAddresses`")));
            }
            checkEndpointAddresses(m, path + ".addresses", subset.addresses(), out);
            checkEndpointAddresses(m, path + ".notReadyAddresses", subset.notReadyAddresses(), out);
            if (subset.ports().isEmpty()) {
                out.add(Problem.at(m, path + ".ports", required("")));
            }
            checkEndpointPorts(m, path + ".ports", subset.ports(), true, out);
        }
    }

    private static void checkEndpointAddresses(Manifest m, String path, List<EndpointAddress> addresses, List<Problem> out) {
        for (int j = 0; j < addresses.size(); j++) {
            EndpointAddress a = addresses.get(j);
            String at = path + "[" + j + "]";
            if (a == null) {
                out.add(Problem.at(m, at, required("")));
                continue;
            }
            for (String err : endpointIp(a.ip())) {
                out.add(Problem.at(m, at + ".ip", invalid(a.ip(), err)));
            }
            if (a.hostname() != null && !a.hostname().isEmpty()) {
                for (String err : dns1123Label(a.hostname())) {
                    out.add(Problem.at(m, at + ".hostname", invalid(a.hostname(), err)));
                }
            }
        }
    }

    /**
     * Ports of Endpoints ({@code validateEndpointPort}, where several need names and a number is
     * required) and of EndpointSlices ({@code validateEndpointPorts}, where neither is).
     */
    private static void checkEndpointPorts(Manifest m, String path, List<EndpointPort> ports, boolean endpoints,
                                           List<Problem> out) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort p = ports.get(i);
            String at = path + "[" + i + "]";
            if (p == null) {
                out.add(Problem.at(m, at, required("")));
                continue;
            }
            String name = p.name() == null ? "" : p.name();
            if (name.isEmpty()) {
                if (endpoints && ports.size() > 1) {
                    out.add(Problem.at(m, at + ".name", required("")));
                }
            } else {
                for (String err : dns1123Label(name)) {
                    out.add(Problem.at(m, at + ".name", invalid(name, err)));
                }
            }
            if (!names.add(name) && (!endpoints || !name.isEmpty())) {
                out.add(Problem.at(m, at + ".name", duplicate(name)));
            }
            if (p.port() == null) {
                if (endpoints) {
                    out.add(Problem.at(m, at + ".port", invalid(0, PORT_RANGE)));
                }
            } else if (!isPortNumber(p.port())) {
                out.add(Problem.at(m, at + ".port", invalid(p.port(), PORT_RANGE)));
            }
            String proto = p.protocol() == null ? "TCP" : p.protocol();
            if (!PORT_PROTOCOLS.contains(proto)) {
                out.add(Problem.at(m, at + ".protocol", notSupported(proto, PORT_PROTOCOLS)));
            }
        }
    }

    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");

    /** {@code ValidateEndpointSlice} (pkg/apis/discovery/validation). */
    private static void checkEndpointSlice(Manifest m, EndpointSlice slice, List<Problem> out) {
        String type = slice.addressType();
        if (type == null || type.isEmpty()) {
            out.add(Problem.at(m, "addressType", required("")));
        } else if (!ADDRESS_TYPES.contains(type)) {
            out.add(Problem.at(m, "addressType", notSupported(type, ADDRESS_TYPES)));
        }
        if (slice.endpoints().size() > 1000) {
            out.add(Problem.at(m, "endpoints", tooMany(slice.endpoints().size(), 1000)));
        }
        for (int i = 0; i < slice.endpoints().size(); i++) {
            SliceEndpoint e = slice.endpoints().get(i);
            String at = "endpoints[" + i + "]";
            if (e == null) {
                out.add(Problem.at(m, at, required("")));
                continue;
            }
            if (e.addresses().isEmpty()) {
                out.add(Problem.at(m, at + ".addresses", required("must contain at least 1 address")));
            } else if (e.addresses().size() > 100) {
                out.add(Problem.at(m, at + ".addresses", tooMany(e.addresses().size(), 100)));
            }
            for (int j = 0; j < e.addresses().size(); j++) {
                String a = e.addresses().get(j);
                String path = at + ".addresses[" + j + "]";
                if ("IPv4".equals(type)) {
                    if (a == null || !Names.isIpv4(a)) {
                        out.add(Problem.at(m, path, invalid(a, "must be a valid IPv4 address")));
                        continue;
                    }
                    for (String err : endpointIp(a)) {
                        out.add(Problem.at(m, path, invalid(a, err)));
                    }
                } else if ("IPv6".equals(type)) {
                    if (a == null || a.indexOf(':') < 0 || endpointIp(a).contains("must be a valid IP address")) {
                        out.add(Problem.at(m, path, invalid(a, "must be a valid IPv6 address")));
                    }
                } else if ("FQDN".equals(type)) {
                    for (String err : dns1123Subdomain(a == null ? "" : a)) {
                        out.add(Problem.at(m, path, invalid(a, err)));
                    }
                }
            }
            if (e.hostname() != null && !e.hostname().isEmpty()) {
                for (String err : dns1123Label(e.hostname())) {
                    out.add(Problem.at(m, at + ".hostname", invalid(e.hostname(), err)));
                }
            }
        }
        checkEndpointPorts(m, "ports", slice.ports(), false, out);
    }

    /** {@code ValidateEndpointIP}: an IP that an endpoint can be: not unspecified, loopback or link-local. */
    static List<String> endpointIp(String ip) {
        byte[] bytes = ipBytes(ip);
        if (bytes == null) {
            return List.of("must be a valid IP address");
        }
        List<String> errs = new ArrayList<>();
        java.net.InetAddress a;
        try {
            a = java.net.InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            return List.of("must be a valid IP address");
        }
        if (a.isAnyLocalAddress()) {
            errs.add("may not be unspecified (" + ip + ")");
        }
        if (a.isLoopbackAddress()) {
            errs.add("may not be in the loopback range (127.0.0.0/8, ::1/128)");
        }
        if (a.isLinkLocalAddress()) {
            errs.add("may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        }
        boolean linkLocalMulticast = bytes.length == 4 ? (bytes[0] & 0xFF) == 224 && bytes[1] == 0 && bytes[2] == 0
                : (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0x0F) == 0x02;
        if (linkLocalMulticast) {
            errs.add("may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }
        return errs;
    }

    /** An IPv4 literal's four bytes, an IPv6 literal's sixteen, else {@code null}; never a DNS lookup. */
    private static byte[] ipBytes(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        if (Names.isIpv4(ip)) {
            String[] parts = ip.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(parts[i]);
            }
            return b;
        }
        if (ip.indexOf(':') < 0 || !ip.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            byte[] b = java.net.InetAddress.getByName(ip).getAddress();   // a literal: parsed, not looked up
            return b.length == 16 ? b : null;
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void checkDeployment(Manifest m, Deployment d, List<Problem> out) {
        DeploymentSpec spec = d.spec();
        if (spec == null) {
            out.add(Problem.at(m, "spec", required("")));
            return;
        }
        checkWorkload(m, "deployment", spec.replicas(), spec.selector(), spec.template(), out);
    }

    /** {@code ValidateStatefulSetSpec}: a Deployment's checks, and the first ordinal and the update strategy. */
    private static void checkStatefulSet(Manifest m, StatefulSet set, List<Problem> out) {
        StatefulSetSpec spec = set.spec();
        if (spec == null) {
            out.add(Problem.at(m, "spec", required("")));
            return;
        }
        if (spec.ordinals() != null && spec.ordinals().start() != null && spec.ordinals().start() < 0) {
            out.add(Problem.at(m, "spec.ordinals.start", invalid(spec.ordinals().start(), "must be greater than or equal to 0")));
        }
        StatefulSetSpec.UpdateStrategy u = spec.updateStrategy();
        if (u != null) {
            String type = u.type() == null ? "RollingUpdate" : u.type();
            if (!STATEFUL_SET_UPDATE_TYPES.contains(type)) {
                out.add(Problem.at(m, "spec.updateStrategy.type", notSupported(type, STATEFUL_SET_UPDATE_TYPES)));
            } else if ("OnDelete".equals(type) && u.rollingUpdate() != null) {
                out.add(Problem.at(m, "spec.updateStrategy.rollingUpdate",
                        "Invalid value: only allowed for updateStrategy 'RollingUpdate'"));
            }
            if (u.rollingUpdate() != null && u.rollingUpdate().partition() != null && u.rollingUpdate().partition() < 0) {
                out.add(Problem.at(m, "spec.updateStrategy.rollingUpdate.partition",
                        invalid(u.rollingUpdate().partition(), "must be greater than or equal to 0")));
            }
        }
        checkWorkload(m, "statefulset", spec.replicas(), spec.selector(), spec.template(), out);
    }

    private static final List<String> STATEFUL_SET_UPDATE_TYPES = List.of("OnDelete", "RollingUpdate");

    /** {@code ValidateDaemonSetSpec}: selector and template as a Deployment's, and the update strategy. */
    private static void checkDaemonSet(Manifest m, DaemonSet ds, List<Problem> out) {
        if (ds.spec() == null) {
            out.add(Problem.at(m, "spec", required("")));
            return;
        }
        if (ds.spec().updateStrategy() != null) {
            String type = ds.spec().updateStrategy().type() == null ? "RollingUpdate" : ds.spec().updateStrategy().type();
            if (!STATEFUL_SET_UPDATE_TYPES.contains(type)) {
                out.add(Problem.at(m, "spec.updateStrategy.type", notSupported(type, STATEFUL_SET_UPDATE_TYPES)));
            }
        }
        checkWorkload(m, "daemonset", null, ds.spec().selector(), ds.spec().template(), out);
    }

    /** What Deployments and StatefulSets share: replicas, a selector that is not empty and matches the template, the pod spec. */
    private static void checkWorkload(Manifest m, String kindWord, Integer replicas, LabelSelector sel, PodTemplateSpec template,
                                      List<Problem> out) {
        if (replicas != null && replicas < 0) {
            out.add(Problem.at(m, "spec.replicas", invalid(replicas, "must be greater than or equal to 0")));
        }
        boolean selectorOk = true;
        if (sel == null) {
            out.add(Problem.at(m, "spec.selector", required("")));
            selectorOk = false;
        } else if (sel.matchLabels().isEmpty() && sel.matchExpressions().isEmpty()) {
            out.add(Problem.at(m, "spec.selector", invalid("{}", "empty selector is invalid for " + kindWord)));
            selectorOk = false;
        } else {
            checkLabels(m, "spec.selector.matchLabels", sel.matchLabels(), out);
            for (int i = 0; i < sel.matchExpressions().size(); i++) {
                selectorOk &= checkRequirement(m, "spec.selector.matchExpressions[" + i + "]",
                        sel.matchExpressions().get(i), out);
            }
        }
        if (template == null) {
            out.add(Problem.at(m, "spec.template", required("")));
            return;
        }
        checkMetadata(m, "spec.template.metadata", template.metadata().labels(), template.metadata().annotations(), out);
        if (selectorOk && !sel.matches(template.metadata().labels())) {
            out.add(Problem.at(m, "spec.template.metadata.labels",
                    invalid(template.metadata().labels(), "`selector` does not match template `labels`")));
        }
        if (template.spec() == null) {
            out.add(Problem.at(m, "spec.template.spec", required("")));
        } else {
            checkPodSpec(m, "spec.template.spec", template.spec(), out);
        }
    }

    private static boolean checkRequirement(Manifest m, String path, LabelSelectorRequirement r, List<Problem> out) {
        if (r == null) {
            out.add(Problem.at(m, path, required("")));
            return false;
        }
        int before = out.size();
        String op = r.operator() == null ? "" : r.operator();
        switch (op) {
            case "In", "NotIn" -> {
                if (r.values().isEmpty()) {
                    out.add(Problem.at(m, path + ".values",
                            required("must be specified when `operator` is 'In' or 'NotIn'")));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!r.values().isEmpty()) {
                    out.add(Problem.at(m, path + ".values",
                            "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> out.add(Problem.at(m, path + ".operator", invalid(op, "not a valid selector operator")));
        }
        if (r.key() == null || r.key().isEmpty()) {
            out.add(Problem.at(m, path + ".key", required("")));
        }
        return out.size() == before;
    }

    private static void checkPodSpec(Manifest m, String prefix, PodSpec spec, List<Problem> out) {
        if (spec.containers().isEmpty()) {
            out.add(Problem.at(m, prefix + ".containers", required("")));
        }
        Set<String> containerNames = new HashSet<>();
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < spec.containers().size(); i++) {
            Container c = spec.containers().get(i);
            String path = prefix + ".containers[" + i + "]";
            if (c == null) {
                out.add(Problem.at(m, path, required("")));
                continue;
            }
            if (c.name() == null || c.name().isEmpty()) {
                out.add(Problem.at(m, path + ".name", required("")));
            } else {
                for (String e : dns1123Label(c.name())) {
                    out.add(Problem.at(m, path + ".name", invalid(c.name(), e)));
                }
                if (!containerNames.add(c.name())) {
                    out.add(Problem.at(m, path + ".name", duplicate(c.name())));
                }
            }
            for (int j = 0; j < c.ports().size(); j++) {
                ContainerPort p = c.ports().get(j);
                String pp = path + ".ports[" + j + "]";
                if (p == null) {
                    out.add(Problem.at(m, pp, required("")));
                    continue;
                }
                if (p.containerPort() == null) {
                    out.add(Problem.at(m, pp + ".containerPort", required("")));
                } else if (!isPortNumber(p.containerPort())) {
                    out.add(Problem.at(m, pp + ".containerPort", invalid(p.containerPort(), PORT_RANGE)));
                }
                if (p.name() != null && !p.name().isEmpty()) {
                    for (String e : portName(p.name())) {
                        out.add(Problem.at(m, pp + ".name", invalid(p.name(), e)));
                    }
                    if (!portNames.add(p.name())) {
                        out.add(Problem.at(m, pp + ".name", duplicate(p.name())));
                    }
                }
                if (p.protocol() != null && !PORT_PROTOCOLS.contains(p.protocol())) {
                    out.add(Problem.at(m, pp + ".protocol", notSupported(p.protocol(), PORT_PROTOCOLS)));
                }
            }
        }
    }
}
