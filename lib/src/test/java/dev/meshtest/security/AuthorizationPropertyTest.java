package dev.meshtest.security;

import static dev.meshtest.security.MutualTlsTest.migration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Properties of AuthorizationPolicy that hold whatever the policies say, over policies and
 * requests drawn from a seeded generator (the repetition number is the seed): a matching DENY
 * always wins, an ALLOW policy without rules denies everything, DENY policies only take away and
 * ALLOW policies (once there is one) only add, and the same mesh answers the same way twice.
 */
class AuthorizationPropertyTest {

    private static final String[] CLIENTS = {"foo", "bar", "legacy"};
    private static final String[] METHODS = {"GET", "POST"};
    private static final String[] PATHS = {"/ip", "/headers", "/status/7"};
    private static final String[] TOKENS = {null, "a", "b"};

    /** One random rule from a small vocabulary, as YAML flow text. */
    private static String rule(SplittableRandom r) {
        List<String> parts = new ArrayList<>();
        switch (r.nextInt(4)) {
            case 0 -> parts.add("from: [{source: {principals: [" + pick(r, "cluster.local/ns/bar/sa/sleep", "cluster.local/ns/foo/sa/sleep",
                    "\"*\"") + "]}}]");
            case 1 -> parts.add("from: [{source: {" + pick(r, "namespaces", "notNamespaces") + ": [" + pick(r, "foo", "bar") + "]}}]");
            default -> { }
        }
        switch (r.nextInt(4)) {
            case 0 -> parts.add("to: [{operation: {methods: [" + pick(r, METHODS) + "]}}]");
            case 1 -> parts.add("to: [{operation: {" + pick(r, "paths", "notPaths") + ": [" + pick(r, "/ip", "\"/status/*\"", "\"*ers\"")
                    + "]}}]");
            default -> { }
        }
        if (r.nextInt(3) == 0) {
            parts.add("when: [{key: \"request.headers[x-token]\", " + pick(r, "values", "notValues") + ": [" + pick(r, "a", "b", "\"*\"")
                    + "]}]");
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String policy(String name, String action, List<String> rules) {
        return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: " + name + ", namespace: foo}\n"
                + "spec:\n  action: " + action + "\n  rules: [" + String.join(", ", rules) + "]\n";
    }

    private static List<String> rules(SplittableRandom r) {
        List<String> out = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
            out.add(rule(r));
        }
        return out;
    }

    /** Every request of the grid, by its description, to its status. */
    private static Map<String, Integer> statuses(Mesh mesh) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String client : CLIENTS) {
            for (String method : METHODS) {
                for (String path : PATHS) {
                    for (String token : TOKENS) {
                        var spec = mesh.send(1).from(client + "/sleep").method(method);
                        if (token != null) {
                            spec = spec.header("x-token", token);
                        }
                        out.put(client + " " + method + " " + path + " " + token,
                                spec.to("http://httpbin.foo:8000" + path).outcomes().get(0).status());
                    }
                }
            }
        }
        return out;
    }

    @RepeatedTest(12)
    @DisplayName("DENY wins, empty ALLOW denies, DENY only takes away, ALLOW only adds, and the answers repeat")
    void properties(RepetitionInfo repetition) {
        SplittableRandom r = new SplittableRandom(repetition.getCurrentRepetition());
        String allow = policy("allow", "ALLOW", rules(r));
        String deny = policy("deny", "DENY", rules(r));
        String moreAllow = policy("allow-more", "ALLOW", rules(r));

        Map<String, Integer> base = statuses(migration().apply(allow));
        Map<String, Integer> withDeny = statuses(migration().apply(allow).apply(deny));
        Map<String, Integer> withMoreAllow = statuses(migration().apply(allow).apply(moreAllow));
        Map<String, Integer> denyEverything = statuses(migration().apply(allow).apply(policy("deny-all", "DENY", List.of("{}"))));
        Map<String, Integer> emptyAllow = statuses(migration().apply(policy("nothing", "ALLOW", List.of())).apply(deny));

        withDeny.forEach((request, status) -> {
            if (base.get(request) == 403) {
                assertThat(status).as("a DENY policy never lets through what was denied: " + request).isEqualTo(403);
            }
        });
        withMoreAllow.forEach((request, status) -> {
            if (base.get(request) == 200) {
                assertThat(status).as("a second ALLOW policy never denies what the first allowed: " + request).isEqualTo(200);
            }
        });
        assertThat(denyEverything.values()).as("a DENY rule {} matches every request, whatever ALLOW says").containsOnly(403);
        assertThat(emptyAllow.values()).as("an ALLOW policy without rules denies everything").containsOnly(403);
        assertThat(base).containsOnlyKeys(withDeny.keySet());
        assertThat(base.values()).containsAnyOf(200, 403).allMatch(s -> s == 200 || s == 403);
        assertThat(statuses(migration().apply(allow))).as("the same mesh answers the same way").isEqualTo(base);
    }
}
