package dev.meshtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.MeshConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/** Runs the {@link MeshCases} tables of {@link MeshCasesExamples} with EngineTestKit and checks each case's test. */
class MeshCasesTest {

    private static final List<String> HELLOWORLD_CASES = List.of(
            "helloworld-routes.yaml:7 jason goes to v1",
            "helloworld-routes.yaml:22 /v2/ is rewritten for v2",
            "helloworld-routes.yaml:30 /old redirects",
            "helloworld-routes.yaml:35 the canary subset does not exist",
            "helloworld-routes.yaml:39 nothing else is routed",
            "helloworld-routes.yaml:43 GET http://helloworld:5000/hello from nginx",
            "helloworld-routes.yaml:48 hello.example.com from outside",
            "helloworld-routes.yaml:52 every name of the host, path under /hello and method reaches v2",
            "helloworld-routes.yaml:61 GET http://helloworld:5000/v2/a from nginx and 1 more",
            "helloworld-routes.yaml:64 through a gateway named as fromOutside(gateway) names it");

    /** The display names of the tests that ran, in order. */
    static List<String> names(EngineExecutionResults results) {
        return results.testEvents().finished().list().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    /** What each failed test or container threw, by display name, in order. */
    static Map<String, Throwable> failures(EngineExecutionResults results) {
        Map<String, Throwable> out = new LinkedHashMap<>();
        for (Event e : results.allEvents().finished().list()) {
            TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
            if (r.getStatus() == TestExecutionResult.Status.FAILED) {
                out.put(e.getTestDescriptor().getDisplayName(), r.getThrowable().orElseThrow());
            }
        }
        return out;
    }

    /** A failure's message without the seed and rerun text MeshExtension adds to every failed test. */
    static String withoutSeed(Throwable t) {
        String m = t.getMessage();
        int seed = m.indexOf("\n\nmeshtest: seed ");
        return seed < 0 ? m : m.substring(0, seed);
    }

    @Test
    @DisplayName("each case is one test, named after its file, line and name (or its request); a correct table passes")
    void eachCaseIsOneTest() {
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.Passing.class);
        results.testEvents().assertStatistics(s -> s.started(10).succeeded(10).failed(0));
        assertThat(names(results)).containsExactlyElementsOf(HELLOWORLD_CASES);
    }

    @Test
    @DisplayName("docs/route-tables.md shows a table that passes, and the names its cases have")
    void theDocsTable() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "route-tables.md"));
        String table = new String(MeshCasesTest.class.getResourceAsStream("/junit/meshcases/docs/helloworld-routes.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(docs).contains("```yaml\n" + table + "```");
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.HelloworldRoutesTest.class);
        results.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
        assertThat(docs).contains("HelloworldRoutesTest\n  routes()\n    " + String.join("\n    ", names(results)) + "\n");
    }

    @Test
    @DisplayName("file: reads the table from a file relative to the working directory, and its config next to it")
    void aTableInAFile() {
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.FromFile.class);
        results.testEvents().assertStatistics(s -> s.started(10).succeeded(10).failed(0));
        assertThat(names(results)).containsExactlyElementsOf(HELLOWORLD_CASES);
    }

    @Test
    @DisplayName("the test class's @MeshTest supplies the mesh, and the method adds to it before each case is checked")
    void theClassSuppliesTheMesh() {
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.ClassSuppliesMesh.class);
        results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertThat(names(results)).containsExactly(
                "class-supplies-mesh-routes.yaml:4 GET http://helloworld:5000/hello from nginx (end-user: jason)",
                "class-supplies-mesh-routes.yaml:6 GET http://helloworld:5000/hello from sleep",
                "class-supplies-mesh-routes.yaml:8 the method's VirtualService applies");
    }

    @Test
    @DisplayName("weights: a case sends 1,000 requests and checks their split with the chi-square test")
    void weightedCases() {
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.Weighted.class);
        results.testEvents().assertStatistics(s -> s.started(4).succeeded(2).failed(2));
        Map<String, Throwable> failures = failures(results);
        assertThat(failures).containsOnlyKeys("weighted-routes.yaml:25 a split the route does not make",
                "weighted-routes.yaml:29 weights that split nothing");
        assertThat(withoutSeed(failures.get("weighted-routes.yaml:25 a split the route does not make")))
                .startsWith("classpath:junit/meshcases/weighted-routes.yaml:25: a split the route does not make\n"
                        + "  weights (line 28): expected 1000 requests split {helloworld-v1=50, helloworld-v2=50}, but they "
                        + "went {helloworld-v1=803, helloworld-v2=197}: the chi-square test rejects that split at significance "
                        + "level 0.001\nThe request, explained:");
        assertThat(failures.get("weighted-routes.yaml:29 weights that split nothing").getMessage())
                .contains("weighted-routes.yaml:32:").contains("cases[3].expect.weights.helloworld-v2: a weight is a whole "
                        + "number, 0 or more, found -1");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)   // one run of the table for all its checks
    class FailingCases {

        private final EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.Failing.class);
        private final Map<String, Throwable> failures = failures(results);

        @Test
        @DisplayName("a case fails on its own: the others still run, and correct ones pass")
        void eachCaseFailsOnItsOwn() {
            results.testEvents().assertStatistics(s -> s.started(17).succeeded(2).failed(15));
            assertThat(names(results)).containsExactly(
                    "failing-routes.yaml:5 jason goes to v2",
                    "failing-routes.yaml:10 still passes",
                    "failing-routes.yaml:13 a typo in a field",
                    "failing-routes.yaml:16 a pod that does not exist",
                    "failing-routes.yaml:19 nothing expected",
                    "failing-routes.yaml:22 no route, no cluster, no app",
                    "failing-routes.yaml:29 a flag that does not exist",
                    "failing-routes.yaml:32 from a pod and from outside",
                    "failing-routes.yaml:35 no request",
                    "failing-routes.yaml:37 every other expectation missed",
                    "failing-routes.yaml:47 a redirect with another status",
                    "failing-routes.yaml:51 some of the requests miss",
                    "failing-routes.yaml:54 some of the requests miss, for real",
                    "failing-routes.yaml:57 jason's pod, by its name for seed 7",
                    "failing-routes.yaml:60 a URL curl refuses",
                    "failing-routes.yaml:63 a header meshtest does not simulate",
                    "failing-routes.yaml:66 a gateway that does not exist");
        }

        @Test
        @DisplayName("a failing case names its file and line, says each expectation it missed, and explains the request")
        void aFailingCaseIsExplained() {
            Throwable t = failures.get("failing-routes.yaml:5 jason goes to v2");
            assertThat(t).isInstanceOf(AssertionFailedError.class);
            assertThat(withoutSeed(t)).isEqualTo("""
                    classpath:junit/meshcases/failing-routes.yaml:5: jason goes to v2
                      workload (line 8): expected helloworld-v2, but helloworld-v1 answered (pod default/helloworld-v1-8678466865-czk59)
                      path (line 9): expected the app to receive path /v2/hello, but it received /hello
                    The request, explained:
                      GET http://helloworld:5000/hello from default/nginx with {end-user=jason}
                        DNS in namespace default: helloworld -> 10.96.0.3
                        sidecar of nginx: listener 0.0.0.0_5000
                        sidecar of nginx: route 5000 > virtual host helloworld.default.svc.cluster.local:5000 > VirtualService default/helloworld http[0] match[0] (match /* end-user exact jason)
                        cluster outbound|5000|v1|helloworld.default.svc.cluster.local (DestinationRule helloworld.default, subset v1, LEAST_REQUEST) picks 10.244.0.2:5000 (helloworld-v1-8678466865-czk59)
                        mutual TLS to helloworld-v1-8678466865-czk59, whose sidecar takes both (PERMISSIVE); the client's certificate: spiffe://cluster.local/ns/default/sa/default
                        served by default/helloworld-v1-8678466865-czk59 (through its sidecar)
                        => helloworld-v1 (default/helloworld-v1-8678466865-czk59) 200 - via outbound|5000|v1|helloworld.default.svc.cluster.local "Hello version: v1, instance: helloworld-v1-8678466865-czk59\\n" headers {server=envoy} received GET helloworld:5000/hello {end-user=jason, x-envoy-attempt-count=1} (mTLS from spiffe://cluster.local/ns/default/sa/default)""");
            assertThat(t.getMessage()).contains("\n\nmeshtest: seed 7 (from @Seed on Failing). Rerun this test with it:");
        }

        @Test
        @DisplayName("expectations are listed in the table's order; a request with no route has no cluster, no app and no redirect")
        void noRoute() {
            assertThat(withoutSeed(failures.get("failing-routes.yaml:22 no route, no cluster, no app"))).isEqualTo("""
                    classpath:junit/meshcases/failing-routes.yaml:22: no route, no cluster, no app
                      service (line 25): expected service helloworld, but no cluster was picked: 404 NR
                      authority (line 26): expected the app to receive authority helloworld:5000, but no app received the request: 404 NR
                      redirect (line 27): expected a redirect to http://helloworld:5000/, but the answer was 404 NR without a location
                      flags (line 28): expected flags UH, but they were NR (status 404)
                    The request, explained:
                      GET http://helloworld:5000/admin from default/nginx
                        DNS in namespace default: helloworld -> 10.96.0.3
                        sidecar of nginx: listener 0.0.0.0_5000
                        sidecar of nginx: virtual host helloworld.default.svc.cluster.local:5000 has no route matching /admin: 404 NR
                        => 404 NR headers {content-length=0, server=envoy}""");
        }

        @Test
        @DisplayName("pod, version, subset, cluster, status and received headers each say what was expected and what came")
        void everyOtherExpectation() {
            assertThat(withoutSeed(failures.get("failing-routes.yaml:37 every other expectation missed")))
                    .startsWith("""
                            classpath:junit/meshcases/failing-routes.yaml:37: every other expectation missed
                              pod (line 40): expected pod helloworld-v2-0, but helloworld-v1 answered (pod default/helloworld-v1-8678466865-czk59)
                              version (line 41): expected version v2, but helloworld-v1 answered (pod default/helloworld-v1-8678466865-czk59), version v1
                              subset (line 43): expected service helloworld subset v2, but it went to cluster outbound|5000|v1|helloworld.default.svc.cluster.local
                              cluster (line 44): expected cluster outbound|5000|v2|helloworld.default.svc.cluster.local, but it went to cluster outbound|5000|v1|helloworld.default.svc.cluster.local
                              status (line 45): expected status 503, but it was 200
                              headers.x-routed-by (line 46): expected the app to receive header x-routed-by: meshtest, but it received no x-routed-by header
                            The request, explained:
                              GET http://helloworld:5000/hello from default/nginx with {end-user=jason}
                            """);
            assertThat(withoutSeed(failures.get("failing-routes.yaml:47 a redirect with another status"))).startsWith("""
                    classpath:junit/meshcases/failing-routes.yaml:47: a redirect with another status
                      redirect (line 50): expected a redirect 301 to http://helloworld:5000/hello, but the answer was 302 with location http://helloworld:5000/hello
                    The request, explained:
                    """);
        }

        @Test
        @DisplayName("a case that cannot be checked fails with the file, line, column and field, never a raw exception")
        void casesThatCannotBeChecked() {
            Map<String, String> messages = new LinkedHashMap<>();
            failures.forEach((name, t) -> {
                if (t instanceof MeshConfigException) {
                    messages.put(name, t.getMessage());
                }
            });
            assertThat(messages).containsExactly(
                    Map.entry("failing-routes.yaml:13 a typo in a field", "classpath:junit/meshcases/failing-routes.yaml:15:12: "
                            + "cases[2].expect.stauts: unknown field (did you mean \"status\"?)"),
                    Map.entry("failing-routes.yaml:16 a pod that does not exist", "classpath:junit/meshcases/failing-routes.yaml:"
                            + "17:13: cases[3].request.from: the request cannot be sent: no pod or workload \"ngnix\" in namespace "
                            + "default; workloads: default/helloworld-v1, default/helloworld-v2, default/nginx, "
                            + "istio-system/istio-ingressgateway. Add a client with withPod(\"ngnix\") or apply its Deployment."),
                    Map.entry("failing-routes.yaml:19 nothing expected", "classpath:junit/meshcases/failing-routes.yaml:21:3: "
                            + "cases[4].expect: say what to expect: workload, pod, version, service, subset, cluster, status, "
                            + "flags, path, authority, headers, redirect or weights"),
                    Map.entry("failing-routes.yaml:29 a flag that does not exist", "classpath:junit/meshcases/failing-routes.yaml:"
                            + "31:12: cases[6].expect.flags: \"N0\" is not an Envoy response flag (did you mean UO, "
                            + "UpstreamOverflow?); the flags are [LH, UH, UT, LR, UR, UF, UC, UO, NR, DI, FI, RL, UAEX, RLSE, DC, "
                            + "URX, SI, IH, DPE, UMSDR, RFCF, NFCF, DT, UPE, NC, OM, DF, DO, DR]"),
                    Map.entry("failing-routes.yaml:32 from a pod and from outside", """
                            2 problems:
                              classpath:junit/meshcases/failing-routes.yaml:33:26: cases[7].request.fromOutside: a request starts either at a pod (from) or outside the cluster (fromOutside: true); choose one
                              classpath:junit/meshcases/failing-routes.yaml:33:126: cases[7].request.path: give either url, or authority with scheme, port and path; not both"""),
                    Map.entry("failing-routes.yaml:35 no request", "classpath:junit/meshcases/failing-routes.yaml:35:3: "
                            + "cases[8].request: Required value"),
                    Map.entry("failing-routes.yaml:51 some of the requests miss", """
                            2 problems:
                              classpath:junit/meshcases/failing-routes.yaml:52:57: cases[11].request.path: give either url, or authority with scheme, port and path; not both
                              classpath:junit/meshcases/failing-routes.yaml:52:81: cases[11].request.method: expected a string or a non-empty list of strings, found a map"""),
                    Map.entry("failing-routes.yaml:60 a URL curl refuses", "classpath:junit/meshcases/failing-routes.yaml:"
                            + "61:26: cases[14].request.url: the request cannot be sent: to(\"http://helloworld:99999/hello\"): "
                            + "port \"99999\" is not a number in 1..65535"),
                    Map.entry("failing-routes.yaml:63 a header meshtest does not simulate", "classpath:junit/meshcases/"
                            + "failing-routes.yaml:64:63: cases[15].request.headers: the request cannot be sent: header "
                            + "x-envoy-max-retries: meshtest does not simulate Envoy's router control headers yet: on a "
                            + "cluster the proxy takes the route's timeout or retries from it; a test here could pass where "
                            + "the cluster behaves otherwise. Set the timeout or retries in the VirtualService instead"),
                    Map.entry("failing-routes.yaml:66 a gateway that does not exist", "classpath:junit/meshcases/"
                            + "failing-routes.yaml:67:32: cases[16].request.gateway: the request cannot be sent: fromOutside: "
                            + "no ready gateway pod of workload istio-system/no-gateway (it does not exist; mesh() installs "
                            + "istio-system/istio-ingressgateway)"));
        }

        @Test
        @DisplayName("a case with lists sends every combination; those that miss are listed, the first explained")
        void everyCombination() {
            assertThat(withoutSeed(failures.get("failing-routes.yaml:54 some of the requests miss, for real"))).isEqualTo("""
                    classpath:junit/meshcases/failing-routes.yaml:54: some of the requests miss, for real
                      GET http://helloworld:5000/admin:
                        workload (line 56): expected helloworld-v2, but no workload answered: 404 NR
                      GET http://helloworld:5000/old:
                        workload (line 56): expected helloworld-v2, but no workload answered: 302
                    2 of 3 requests missed; the first, explained:
                      GET http://helloworld:5000/admin from default/nginx
                        DNS in namespace default: helloworld -> 10.96.0.3
                        sidecar of nginx: listener 0.0.0.0_5000
                        sidecar of nginx: virtual host helloworld.default.svc.cluster.local:5000 has no route matching /admin: 404 NR
                        => 404 NR headers {content-length=0, server=envoy}""");
        }
    }

    @Test
    @DisplayName("config written in the table applies; its problems are located in the table")
    void inlineConfig() {
        MeshExtensionTest.run(MeshCasesExamples.InlineConfig.class).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.BadInlineConfig.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failures(results).get("bad-inline-config-routes.yaml:14 GET http://helloworld:5000/hello from nginx"))
                .isInstanceOf(MeshConfigException.class)
                .hasMessage("classpath:junit/meshcases/bad-inline-config-routes.yaml:12:48: VirtualService default/helloworld: "
                        + "spec.http[0].route[0].weight: weight -5 < 0");
    }

    @Test
    @DisplayName("a table whose own fields are wrong runs no case and names each problem's file, line and field")
    void aBadTable() {
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.BadTable.class);
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(failures(results)).hasSize(1).containsKey("routes()");
        assertThat(failures(results).get("routes()")).hasMessage("""
                @MeshCases("junit/meshcases/bad-fixture-routes.yaml") on BadTable.routes(): 2 problems:
                  classpath:junit/meshcases/bad-fixture-routes.yaml:1:12: fixtures[0]: unknown fixture "helloword"; the built-in fixtures are bookinfo, helloworld, httpbin, sleep. For your own YAML use @MeshTest(config = "classpath:...") or mesh.apply("classpath:...").
                  classpath:junit/meshcases/bad-fixture-routes.yaml:2:10: config[0]: no classpath resource junit/meshcases/no-such-file.yaml (a path relative to the table's folder, "classpath:" or "file:" and a location, or YAML written as a block: - |)""");
    }

    @Test
    @DisplayName("a table that does not exist says where it was looked for")
    void aMissingTable() {
        EngineExecutionResults results = MeshExtensionTest.run(MeshCasesExamples.MissingTable.class);
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(failures(results).get("routes()")).hasMessage("@MeshCases(\"junit/meshcases/no-such-routes.yaml\") on "
                + "MissingTable.routes(): no classpath resource junit/meshcases/no-such-routes.yaml (the table of "
                + "@MeshCases(\"junit/meshcases/no-such-routes.yaml\"): a classpath resource, \"classpath:\" optional, or "
                + "\"file:\" and a path relative to the working directory)");
    }

    @Test
    @DisplayName("config is found relative to the table's folder; classpath: and file: locations are taken as they are")
    void configLocations() {
        RouteTable.Source table = RouteTable.Source.of("classpath:/routes/team/routes.yaml");
        assertThat(table.shown()).isEqualTo("classpath:routes/team/routes.yaml");
        assertThat(table.fileName()).isEqualTo("routes.yaml");
        assertThat(table.resolve("vs.yaml").shown()).isEqualTo("classpath:routes/team/vs.yaml");
        assertThat(table.resolve("../shared/./dr.yaml").shown()).isEqualTo("classpath:routes/shared/dr.yaml");
        assertThat(table.resolve("classpath:other/vs.yaml").shown()).isEqualTo("classpath:other/vs.yaml");
        assertThat(table.resolve("file:deploy/vs.yaml").file()).isEqualTo(Path.of("deploy/vs.yaml"));
        RouteTable.Source file = RouteTable.Source.of("file:deploy/routes.yaml");
        assertThat(file.resolve("../k8s/vs.yaml").file()).isEqualTo(Path.of("k8s/vs.yaml"));
        assertThat(RouteTable.Source.of("routes.yaml").resolve("vs.yaml").shown()).isEqualTo("classpath:vs.yaml");
    }

    /** What a table may not say, read directly ({@link RouteTable#read}) from files. */
    @Nested
    class Validation {

        @TempDir
        Path dir;

        /** Reads a table written to a file and returns each case's problems, the file's path shown as {@code t.yaml}. */
        private List<String> problems(String table) throws Exception {
            Path file = dir.resolve("t.yaml");
            Files.writeString(file, table);
            return RouteTable.read("file:" + file).rows().stream()
                    .map(r -> r.problems() == null ? "ok" : r.problems().getMessage().replace(file.toString(), "t.yaml"))
                    .toList();
        }

        private String tableProblem(String table) throws Exception {
            Path file = dir.resolve("t.yaml");
            Files.writeString(file, table);
            try {
                RouteTable.read("file:" + file);
            } catch (MeshConfigException e) {
                return e.getMessage().replace(file.toString(), "t.yaml");
            }
            throw new AssertionError("no problem with the table");
        }

        @Test
        @DisplayName("each field's values and the fields that go together or exclude each other")
        void fields() throws Exception {
            assertThat(problems("""
                    cases:
                    - {request: {from: a, url: "http://x/"}, expect: {status: 42}}
                    - {request: {from: a, authority: x, scheme: ftp, port: 0, path: x}, expect: {status: 200}}
                    - {request: {url: "http://x/"}, expect: {subset: v1}}
                    - {request: {from: a, gateway: gw, url: "http://x/"}, expect: {redirect: {status: 200, location: /}}}
                    - {request: {from: a, method: {GET: 1}}, expect: {status: 0}}
                    - {request: {from: a, url: []}, expect: {redirect: {status: 301}}}
                    - {request: {from: a, url: []}, expect: {status: 200}}
                    - {request: {from: a, authority: [x, y]}, expect: {status: 200}}
                    - {request: {from: a, fromOutside: false, url: [http://x/a, http://x/b], method: [GET, HEAD]}, expect: {cluster: c}}
                    """)).containsExactly(
                    "t.yaml:2:51: cases[0].expect.status: expected an HTTP status in 100..599 (or 0: no HTTP response), "
                            + "found 42",
                    """
                    3 problems:
                      t.yaml:3:37: cases[1].request.scheme: expected http or https, found "ftp"
                      t.yaml:3:50: cases[1].request.port: expected a port in 1..65535, found 0
                      t.yaml:3:59: cases[1].request.path: a path starts with /: "/x\"""",
                    """
                    2 problems:
                      t.yaml:4:4: cases[2].request: say who sends: from: <pod or workload>, or fromOutside: true
                      t.yaml:4:42: cases[2].expect.subset: a subset is of a service: add service: <host>""",
                    """
                    2 problems:
                      t.yaml:5:23: cases[3].request.gateway: a gateway is for requests from outside: add fromOutside: true
                      t.yaml:5:75: cases[3].expect.redirect.status: expected a redirect status (301, 302, 303, 307 or 308), found 200""",
                    """
                    2 problems:
                      t.yaml:6:4: cases[4].request: say where to: url: http://host:port/path, or authority: host (with scheme, port, path)
                      t.yaml:6:23: cases[4].request.method: expected a string or a non-empty list of strings, found a map""",
                    // a problem the reader finds comes alone, as the API server's schema check comes before the webhook's
                    "t.yaml:7:42: cases[5].expect.redirect.location: Required value",
                    "t.yaml:8:23: cases[6].request.url: expected a string or a non-empty list of strings, found an empty list",
                    "t.yaml:9:23: cases[7].request.authority: expected a string or a non-empty list of strings, found the "
                            + "boolean true (YAML reads y, yes, on, true and numbers so: quote it)",
                    "ok");
        }

        @Test
        @DisplayName("a case sends every combination of its urls (or authorities and paths) and methods, in that order")
        void combinations() throws Exception {
            Path file = dir.resolve("t.yaml");
            Files.writeString(file, """
                    cases:
                    - {request: {from: a, authority: [x, z], port: 80, path: [/a, /b], method: [GET, HEAD]}, expect: {status: 200}}
                    - {request: {from: a, authority: x}, expect: {status: 200}}
                    - {request: {from: a, url: https://x/}, expect: {status: 200}}
                    """);
            List<RouteTable.Row> rows = RouteTable.read("file:" + file).rows();
            assertThat(rows.get(0).requests()).extracting(r -> r.method() + " " + r.url()).containsExactly(
                    "GET http://x:80/a", "HEAD http://x:80/a", "GET http://x:80/b", "HEAD http://x:80/b",
                    "GET http://z:80/a", "HEAD http://z:80/a", "GET http://z:80/b", "HEAD http://z:80/b");
            assertThat(rows.get(0).displayName()).isEqualTo("t.yaml:2 GET http://x:80/a from a and 7 more");
            assertThat(rows.get(1).requests()).extracting(r -> r.method() + " " + r.url()).containsExactly("GET http://x/");
            assertThat(rows.get(2).displayName()).isEqualTo("t.yaml:4 GET https://x/ from a");
        }

        @Test
        @DisplayName("a table that is not YAML, not a mapping, or without cases is refused as a whole")
        void wholeTable() throws Exception {
            assertThat(tableProblem("cases: [")).isEqualTo("t.yaml:1:9: YAML syntax error: expected the node content, "
                    + "but found '<stream end>' (while parsing a flow node at line 1, column 9)");
            assertThat(tableProblem("- a\n- b\n")).isEqualTo("t.yaml:1:1: expected a mapping of Header fields and cases");
            assertThat(tableProblem("")).isEqualTo("t.yaml: the document is empty; it needs at least cases: [...]");
            assertThat(tableProblem("fixtures: [helloworld]\n")).isEqualTo("t.yaml:1:1: cases: Required value");
            assertThat(tableProblem("cases: {a: 1}\n")).isEqualTo("t.yaml:1:8: cases: expected a list");
            assertThat(tableProblem("cases: []\n")).isEqualTo("t.yaml:1:1: cases: no cases: add at least one, each with a "
                    + "request and what to expect");
            assertThat(tableProblem("fixtures: helloworld\ncases: []\n")).startsWith("t.yaml:1:11: fixtures: ");
            assertThat(tableProblem("cases: []\nconfig: [a.yaml]\nextra: 1\n"))
                    .isEqualTo("t.yaml:3:1: extra: unknown field");
        }
    }

    /** The helloworld table as a user's test: runs in the normal suite, each case a test. */
    @Nested
    class AsUsersWriteIt {

        @MeshCases("junit/meshcases/helloworld-routes.yaml")
        void helloworld() {
        }
    }
}
