package dev.meshtest.analysis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.internal.text.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What {@code istioctl analyze --all-namespaces} would say of the mesh: its messages, sorted and
 * de-duplicated as istioctl does (errors first, then by code, then by resource), printed as
 * istioctl prints them, as JSON ({@code -o json}) or YAML ({@code -o yaml}).
 *
 * <pre>{@code
 * Analysis a = mesh.analyze().suppress("IST0102", "Namespace legacy");
 * a.hasErrors();            // false
 * System.out.println(a);    // Warning [IST0132] (VirtualService default/bookinfo bookinfo.yaml:9) one or more host ...
 * a.toJson();               // [{"code": "IST0132", "documentationUrl": ..., "level": "Warning", ...}]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Analysis {

    private final List<AnalysisMessage> messages;

    /**
     * @param messages the messages, in any order; sorted and de-duplicated here
     */
    public Analysis(List<AnalysisMessage> messages) {
        List<AnalysisMessage> sorted = new ArrayList<>(messages);
        sorted.sort((a, b) -> {
            if (a.level() != b.level()) {
                return a.level().compareTo(b.level());
            }
            if (!a.code().equals(b.code())) {
                return a.code().compareTo(b.code());
            }
            int c = comparator(a.origin()).compareTo(comparator(b.origin()));
            return c != 0 ? c : a.toString().compareTo(b.toString());
        });
        List<AnalysisMessage> deduped = new ArrayList<>();
        for (AnalysisMessage m : sorted) {
            if (deduped.isEmpty() || !deduped.get(deduped.size() - 1).toString().equals(m.toString())) {
                deduped.add(m);
            }
        }
        this.messages = Collections.unmodifiableList(deduped);
    }

    /** istioctl's order of resources: kind, then name, then namespace. */
    private static String comparator(String origin) {
        int space = origin.indexOf(' ');
        String kind = space < 0 ? origin : origin.substring(0, space);
        String full = space < 0 ? "" : origin.substring(space + 1);
        int slash = full.indexOf('/');
        return slash < 0 ? kind + "/" + full + "/" : kind + "/" + full.substring(slash + 1) + "/" + full.substring(0, slash);
    }

    /** {@return the messages, errors first} */
    public List<AnalysisMessage> messages() {
        return messages;
    }

    /**
     * @param level the least serious level to keep
     * @return the messages at that level or more serious
     */
    public List<AnalysisMessage> atLeast(Level level) {
        return messages.stream().filter(m -> m.level().isAtLeast(level)).toList();
    }

    /** {@return whether any message is an error} */
    public boolean hasErrors() {
        return !atLeast(Level.ERROR).isEmpty();
    }

    /**
     * Without the messages of one code about matching resources, as istioctl's
     * {@code --suppress "IST0102=Namespace legacy"}; {@code *} matches anything.
     *
     * @param code the code, {@code IST0102}, or {@code *} for every code
     * @param resource the resource as messages name it ({@code Namespace kube-public},
     *                 {@code VirtualService default/reviews}), with {@code *} wildcards
     * @return the analysis without them
     */
    public Analysis suppress(String code, String resource) {
        Pattern codes = glob(Objects.requireNonNull(code, "code"));
        Pattern resources = glob(Objects.requireNonNull(resource, "resource"));
        return new Analysis(messages.stream()
                .filter(m -> !(codes.matcher(m.code()).matches() && resources.matcher(m.origin()).matches())).toList());
    }

    private static Pattern glob(String glob) {
        String[] parts = glob.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            re.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }

    /** {@return istioctl's output: a line per message, or its line for no issues} */
    @Override
    public String toString() {
        if (messages.isEmpty()) {
            return "\u2714 No validation issues found when analyzing all namespaces.";
        }
        StringBuilder sb = new StringBuilder();
        for (AnalysisMessage m : messages) {
            sb.append(m).append('\n');
        }
        return sb.toString();
    }

    /**
     * The messages as {@code istioctl analyze -o json} prints them: an array of objects with
     * {@code code}, {@code documentationUrl}, {@code level}, {@code message}, {@code origin} and,
     * when known, {@code reference}, indented by tabs, {@code <}, {@code >} and {@code &} escaped
     * as Go escapes them. docs/json.md describes the fields.
     *
     * <pre>{@code
     * String json = mesh.analyze().toJson();   // [] when there is nothing to say
     * }</pre>
     *
     * @return the JSON document
     */
    public String toJson() {
        Json w = Json.go().beginArray();
        for (AnalysisMessage m : messages) {
            w.beginObject()
                    .name("code").value(m.code())
                    .name("documentationUrl").value(m.documentationUrl())
                    .name("level").value(m.level().printed())
                    .name("message").value(m.message())
                    .name("origin").value(m.origin());
            m.reference().ifPresent(r -> w.name("reference").value(r));
            w.endObject();
        }
        return w.endArray().toString();
    }

    /** {@return the messages as {@code istioctl analyze -o yaml} prints them} */
    public String toYaml() {
        if (messages.isEmpty()) {
            return "[]\n";
        }
        StringBuilder sb = new StringBuilder();
        for (AnalysisMessage m : messages) {
            sb.append("- code: ").append(m.code()).append('\n');
            sb.append("  documentationUrl: ").append(m.documentationUrl()).append('\n');
            sb.append("  level: ").append(m.level().printed()).append('\n');
            sb.append("  message: ").append(yaml(m.message())).append('\n');
            sb.append("  origin: ").append(yaml(m.origin())).append('\n');
            m.reference().ifPresent(r -> sb.append("  reference: ").append(yaml(r)).append('\n'));
        }
        return sb.toString();
    }

    /** A YAML scalar: plain when it is safe, else single-quoted. */
    private static String yaml(String s) {
        boolean plain = !s.isEmpty() && s.chars().noneMatch(c -> ":#'\"{}[],&*!|>%@`".indexOf(c) >= 0 || c == '\n')
                && !Character.isWhitespace(s.charAt(0)) && !Character.isWhitespace(s.charAt(s.length() - 1));
        return plain ? s : "'" + s.replace("'", "''") + "'";
    }
}
