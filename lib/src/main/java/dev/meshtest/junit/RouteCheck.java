package dev.meshtest.junit;

import dev.meshtest.Mesh;
import dev.meshtest.assertj.Destination;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.traffic.Explanation;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ReceivedRequest;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * Checks one case of a {@link MeshCases} table against a mesh: explains its request
 * ({@link Mesh#explain()}) and compares the outcome with every field of {@code expect}.
 */
final class RouteCheck {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private RouteCheck() {
    }

    static boolean isRedirect(int status) {
        return REDIRECTS.contains(status);
    }

    /**
     * A case's requests in a few words, for a test's name: {@code GET http://helloworld:5000/hello
     * from nginx (end-user: jason)}, and {@code and 3 more} when it sends several.
     */
    static String describe(RouteTable.Row row) {
        RouteTable.Request r = row.value().request();
        RouteTable.Sent first = row.requests().get(0);
        StringBuilder sb = new StringBuilder(describe(first));
        if (Boolean.TRUE.equals(r.fromOutside())) {
            sb.append(" from outside").append(r.gateway() == null ? "" : " through " + r.gateway());
        } else {
            sb.append(" from ").append(r.from());
        }
        if (r.headers() != null && !r.headers().isEmpty()) {
            List<String> shown = new ArrayList<>();
            r.headers().forEach((k, v) -> shown.add(k + ": " + v));
            sb.append(" (").append(String.join(", ", shown)).append(')');
        }
        int more = row.requests().size() - 1;
        return sb.append(more == 0 ? "" : " and " + more + " more").toString();
    }

    private static String describe(RouteTable.Sent sent) {
        return sent.method() + " " + sent.url();
    }

    /**
     * Explains the case's request on the mesh and checks it.
     *
     * @throws AssertionFailedError when the outcome misses an expectation: the row's place and name,
     *     each expectation missed with its line, and the explanation of the request
     * @throws MeshConfigException when the request cannot be sent (a pod that does not exist, a URL
     *     curl would refuse), naming the row's file, line and field
     */
    static void check(RouteTable.Row row, Mesh mesh) {
        StringBuilder sb = new StringBuilder(row.place()).append(": ")
                .append(row.name() == null || row.name().isBlank() ? describe(row) : row.name());
        Explanation explanation = null;
        int failed = 0;
        for (RouteTable.Sent sent : row.requests()) {
            Explanation e = explain(row, mesh, sent);
            List<String> missed = misses(row, e.outcome());
            split(row, mesh, sent).ifPresent(missed::add);
            if (missed.isEmpty()) {
                continue;
            }
            failed++;
            String indent = row.requests().size() == 1 ? "\n  " : "\n    ";
            if (row.requests().size() > 1) {
                sb.append("\n  ").append(describe(sent)).append(':');
            }
            missed.forEach(m -> sb.append(indent).append(m));
            if (explanation == null) {
                explanation = e;
            }
        }
        if (explanation == null) {
            return;
        }
        // As Explanation.toString() prints it, one line per step; a body's line breaks shown as \n.
        sb.append(row.requests().size() == 1 ? "\nThe request, explained:" : "\n" + failed + " of "
                + row.requests().size() + " requests missed; the first, explained:");
        sb.append("\n  ").append(explanation.request());
        explanation.steps().forEach(step -> sb.append("\n    ").append(step));
        sb.append("\n    => ").append(explanation.outcome().toString().replace("\n", "\\n"));
        throw new AssertionFailedError(sb.toString());
    }

    private static Explanation explain(RouteTable.Row row, Mesh mesh, RouteTable.Sent sent) {
        RouteTable.Request r = row.value().request();
        String req = "cases[" + row.index() + "].request";
        TrafficSpec<Explanation> spec = mesh.explain();
        try {
            if (Boolean.TRUE.equals(r.fromOutside())) {
                spec = r.gateway() == null ? spec.fromOutside() : spec.fromOutside(r.gateway());
            } else {
                spec = spec.from(r.from());
            }
            spec = spec.method(sent.method());
            if (r.headers() != null) {
                for (Map.Entry<String, String> h : r.headers().entrySet()) {
                    spec = spec.header(h.getKey(), h.getValue());
                }
            }
            return spec.to(sent.url());
        } catch (IllegalArgumentException | IllegalStateException e) {
            String field = req + "." + fieldOf(r, e.getMessage());
            MeshConfigException refused = new MeshConfigException(List.of(new Problem(row.locate(field), null, field,
                    "the request cannot be sent: " + e.getMessage())));
            refused.initCause(e);
            throw refused;
        }
    }

    /**
     * With {@code weights}: {@value RouteTable#WEIGHTED_REQUESTS} requests as the case sends one,
     * split as the weights say by the chi-square test of {@code matchesWeights}; what missed, or
     * empty. Sent after the explanation (which leaves the mesh as it was), on the case's own mesh.
     */
    private static Optional<String> split(RouteTable.Row row, Mesh mesh, RouteTable.Sent sent) {
        Map<String, Integer> weights = row.value().expect().weights();
        if (weights == null) {
            return Optional.empty();
        }
        RouteTable.Request r = row.value().request();
        TrafficSpec<dev.meshtest.traffic.TrafficResult> spec = mesh.send(RouteTable.WEIGHTED_REQUESTS);
        spec = Boolean.TRUE.equals(r.fromOutside()) ? (r.gateway() == null ? spec.fromOutside() : spec.fromOutside(r.gateway()))
                : spec.from(r.from());
        spec = spec.method(sent.method());
        if (r.headers() != null) {
            for (Map.Entry<String, String> h : r.headers().entrySet()) {
                spec = spec.header(h.getKey(), h.getValue());
            }
        }
        dev.meshtest.traffic.TrafficResult result = spec.to(sent.url());
        try {
            dev.meshtest.assertj.MeshAssertions.assertThat(result).matchesWeights(weights);
            return Optional.empty();
        } catch (AssertionError missed) {
            String exp = "cases[" + row.index() + "].expect";
            return Optional.of(at(row, exp, "weights") + "expected " + RouteTable.WEIGHTED_REQUESTS + " requests split "
                    + weights + ", but they went " + result.countByWorkload() + ": the chi-square test rejects that split at "
                    + "significance level " + dev.meshtest.assertj.TrafficResultAssert.DEFAULT_ALPHA);
        }
    }

    /** Which field of the request a refusal of the traffic DSL is about. */
    private static String fieldOf(RouteTable.Request r, String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("to(")) {
            return r.url() != null ? "url" : "authority";
        }
        if (m.contains("pod or workload") || m.startsWith("from(")) {
            return "from";
        }
        if (m.startsWith("fromOutside")) {
            return r.gateway() != null ? "gateway" : "fromOutside";
        }
        if (m.startsWith("header")) {
            return "headers";
        }
        if (m.contains("method")) {
            return "method";
        }
        return r.from() != null ? "from" : "fromOutside";
    }

    private static List<String> misses(RouteTable.Row row, Outcome o) {
        RouteTable.Expect e = row.value().expect();
        String exp = "cases[" + row.index() + "].expect";
        List<String> missed = new ArrayList<>();
        if (e.workload() != null && !Destination.workload(e.workload()).matches(o)) {
            missed.add(at(row, exp, "workload") + "expected " + e.workload() + ", but " + answered(o));
        }
        if (e.pod() != null && !Destination.pod(e.pod()).matches(o)) {
            missed.add(at(row, exp, "pod") + "expected pod " + e.pod() + ", but " + answered(o));
        }
        if (e.version() != null && !Destination.version(e.version()).matches(o)) {
            missed.add(at(row, exp, "version") + "expected version " + e.version() + ", but " + answered(o)
                    + o.workload().map(w -> o.version().map(v -> ", version " + v).orElse(", which has no version label"))
                            .orElse(""));
        }
        if (e.service() != null) {
            Destination d = e.subset() == null ? Destination.service(e.service())
                    : Destination.subset(e.service(), e.subset());
            if (!d.matches(o)) {
                missed.add(at(row, exp, e.subset() == null ? "service" : "subset") + "expected service " + e.service()
                        + (e.subset() == null ? "" : " subset " + e.subset()) + ", but " + cluster(o));
            }
        }
        if (e.cluster() != null && !o.cluster().filter(e.cluster()::equals).isPresent()) {
            missed.add(at(row, exp, "cluster") + "expected cluster " + e.cluster() + ", but " + cluster(o));
        }
        if (e.status() != null && o.status() != e.status()) {
            missed.add(at(row, exp, "status") + "expected status " + e.status() + ", but it was " + status(o));
        }
        if (e.flags() != null && !ResponseFlag.parse(e.flags()).equals(o.flags())) {
            missed.add(at(row, exp, "flags") + "expected flags " + ResponseFlag.format(ResponseFlag.parse(e.flags()))
                    + ", but they were " + o.flagsText() + " (status " + o.status() + ")");
        }
        Optional<ReceivedRequest> received = o.received();
        if (e.path() != null && !received.map(ReceivedRequest::path).filter(e.path()::equals).isPresent()) {
            missed.add(at(row, exp, "path") + "expected the app to receive path " + e.path() + ", but "
                    + received.map(q -> "it received " + q.path()).orElse(noApp(o)));
        }
        if (e.authority() != null && !received.map(ReceivedRequest::authority).filter(e.authority()::equals).isPresent()) {
            missed.add(at(row, exp, "authority") + "expected the app to receive authority " + e.authority() + ", but "
                    + received.map(q -> "it received " + q.authority()).orElse(noApp(o)));
        }
        if (e.headers() != null) {
            for (Map.Entry<String, String> h : e.headers().entrySet()) {
                Optional<String> got = received.flatMap(q -> q.header(h.getKey()));
                if (!got.filter(h.getValue()::equals).isPresent()) {
                    missed.add(at(row, exp, "headers." + h.getKey()) + "expected the app to receive header "
                            + h.getKey() + ": " + h.getValue() + ", but " + (received.isEmpty() ? noApp(o)
                            : got.map(v -> "it received " + h.getKey() + ": " + v).orElse("it received no " + h.getKey()
                                    + " header")));
                }
            }
        }
        if (e.redirect() != null) {
            RouteTable.Redirect want = e.redirect();
            Optional<String> location = o.responseHeader("location");
            boolean statusOk = want.status() == null ? isRedirect(o.status()) : o.status() == want.status();
            if (!statusOk || !location.filter(want.location()::equals).isPresent()) {
                missed.add(at(row, exp, "redirect") + "expected a redirect" + (want.status() == null ? ""
                        : " " + want.status()) + " to " + want.location() + ", but the answer was " + status(o)
                        + location.map(l -> " with location " + l).orElse(" without a location"));
            }
        }
        // In the order the table writes them: "field (line n): ..." sorted by n, stable within a line.
        missed.sort(java.util.Comparator.comparingInt(RouteCheck::lineOf));
        return missed;
    }

    private static int lineOf(String missed) {
        int open = missed.indexOf("(line ");
        return Integer.parseInt(missed.substring(open + 6, missed.indexOf(')', open)));
    }

    /** {@code workload (line 23): }: the field's name and line, to start a missed expectation. */
    private static String at(RouteTable.Row row, String exp, String field) {
        return field + " (line " + row.line(exp + "." + field) + "): ";
    }

    private static String status(Outcome o) {
        return o.status() + (o.flags().isEmpty() ? "" : " " + o.flagsText());
    }

    private static String answered(Outcome o) {
        if (o.workload().isPresent()) {
            return o.workload().get() + " answered (pod " + o.namespace().orElse("?") + "/" + o.pod().orElse("?") + ")";
        }
        return "no workload answered: " + status(o);
    }

    private static String cluster(Outcome o) {
        return o.cluster().map(c -> "it went to cluster " + c).orElse("no cluster was picked: " + status(o));
    }

    private static String noApp(Outcome o) {
        return "no app received the request: " + status(o);
    }
}
