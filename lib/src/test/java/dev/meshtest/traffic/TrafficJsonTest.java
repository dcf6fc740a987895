package dev.meshtest.traffic;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.App;
import dev.meshtest.internal.text.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The JSON of results and explanations, exactly, for small meshes (docs/json.md shows the same documents). */
class TrafficJsonTest {

    private static Mesh helloworld() {
        return mesh().seed(42).apply("classpath:dev/meshtest/fixtures/helloworld.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parsed(String json) {
        return (Map<String, Object>) JsonParser.parse(json);
    }

    @Test
    @DisplayName("a result's totals: spec, counts by destination, workload, version, pod, cluster, status, flag, attempts, second; latency")
    void resultTotals() {
        TrafficResult r = helloworld().send(4).from("nginx").to("helloworld:5000/hello");
        assertThat(r.toJson()).isEqualTo("""
                {
                  "kind": "TrafficResult",
                  "schemaVersion": 1,
                  "description": "4 x GET http://helloworld:5000/hello from default/nginx",
                  "seed": 42,
                  "aggregated": false,
                  "spec": {
                    "connections": false,
                    "count": 4,
                    "durationNanos": null,
                    "concurrency": 1,
                    "rate": 0.0,
                    "spacing": "FIXED",
                    "thinkTimeNanos": 0,
                    "from": "nginx",
                    "fromOutside": false,
                    "gateway": null,
                    "clientAddress": null,
                    "method": "GET",
                    "url": "helloworld:5000/hello",
                    "headers": {},
                    "perRequestHeaders": false,
                    "resolve": null,
                    "recording": "AUTOMATIC",
                    "pathAsIs": false,
                    "followRedirects": false,
                    "insecure": false,
                    "clientCertificate": false
                  },
                  "headers": {},
                  "startedAtNanos": 0,
                  "elapsedNanos": 404000000,
                  "total": 4,
                  "succeeded": 4,
                  "failed": 0,
                  "firstFailureIndex": null,
                  "mirrored": 0,
                  "totalAttempts": 4,
                  "destinations": [
                    {
                      "destination": "helloworld-v1",
                      "status": 200,
                      "flags": [],
                      "count": 3,
                      "share": 0.75
                    },
                    {
                      "destination": "helloworld-v2",
                      "status": 200,
                      "flags": [],
                      "count": 1,
                      "share": 0.25
                    }
                  ],
                  "byWorkload": {
                    "helloworld-v1": 3,
                    "helloworld-v2": 1
                  },
                  "byVersion": {
                    "v1": 3,
                    "v2": 1
                  },
                  "byPod": {
                    "default/helloworld-v1-8678466865-cpg7k": 3,
                    "default/helloworld-v2-56c5f955c5-j6kwm": 1
                  },
                  "byCluster": {
                    "outbound|5000||helloworld.default.svc.cluster.local": 4
                  },
                  "byStatus": {
                    "200": 4
                  },
                  "byFlag": {},
                  "byAttempts": {
                    "1": 4
                  },
                  "byStatusPerSecond": {
                    "0": {
                      "200": 4
                    }
                  },
                  "latency": {
                    "exact": true,
                    "meanNanos": 101000000,
                    "p50Nanos": 101000000,
                    "p90Nanos": 101000000,
                    "p99Nanos": 101000000,
                    "p999Nanos": 101000000,
                    "maxNanos": 101000000
                  },
                  "edges": [
                    {
                      "sourceNamespace": "default",
                      "source": "nginx",
                      "gateway": false,
                      "destination": "helloworld.default.svc.cluster.local",
                      "total": 4,
                      "succeeded": 4,
                      "failed": 0,
                      "byWorkload": {
                        "helloworld-v1": 3,
                        "helloworld-v2": 1
                      },
                      "byStatus": {
                        "200": 4
                      }
                    }
                  ],
                  "notes": []
                }""");
    }

    @Test
    @DisplayName("failures: Envoy's flags as codes, the first failure's index, destinations sorted by name, status and flags")
    void failures() {
        Mesh m = helloworld().withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: helloworld}
                spec:
                  hosts: [helloworld]
                  http:
                  - fault: {abort: {httpStatus: 503, percentage: {value: 50}}}
                    route: [{destination: {host: helloworld-v1}}]
                """);
        TrafficResult r = m.send(10).from("nginx").to("helloworld:5000/hello");
        Map<String, Object> json = parsed(r.toJson());
        assertThat(json.get("byStatus")).isEqualTo(Map.of("200", r.countByStatus().get(200), "503", r.countByStatus().get(503)));
        assertThat(json.get("byFlag")).isEqualTo(Map.of("FI", r.countByFlag().get(ResponseFlag.FAULT_INJECTED)));
        assertThat(json.get("firstFailureIndex")).isEqualTo((long) r.firstFailureIndex().orElseThrow());
        assertThat(json.get("failed")).isEqualTo(r.countByStatus().get(503));
        assertThat(r.countByStatus()).containsExactly(Map.entry(200, 7L), Map.entry(503, 3L));
        assertThat(r.toJson()).contains("""
                  "firstFailureIndex": 1,
                  "mirrored": 0,
                  "totalAttempts": 7,
                  "destinations": [
                    {
                      "destination": "-",
                      "status": 503,
                      "flags": [
                        "FI"
                      ],
                      "count": 3,
                      "share": 0.3
                    },
                    {
                      "destination": "helloworld-v1",
                      "status": 200,
                      "flags": [],
                      "count": 7,
                      "share": 0.7
                    }
                  ],
                  "byWorkload": {
                    "-": 3,
                    "helloworld-v1": 7
                  },""".indent(2).stripTrailing());
        assertThat(r.toJson()).contains("""
                  "byAttempts": {
                    "0": 3,
                    "1": 7
                  },""".indent(2).stripTrailing());
    }

    @Test
    @DisplayName("with requests: each request's index, start, latency, attempts, headers and outcome, every field present")
    void resultWithRequests() {
        TrafficResult r = helloworld().send(1).from("nginx").header("x-user", "jason").to("helloworld:5000/hello");
        String json = r.toJson(true);
        assertThat(json).endsWith("""
                  "notes": [],
                  "requestsKept": "every",
                  "requests": [
                    {
                      "index": 0,
                      "startNanos": 0,
                      "latencyNanos": 101000000,
                      "attempts": 1,
                      "headers": {
                        "x-user": "jason"
                      },
                      "outcome": {
                        "status": 200,
                        "flags": [],
                        "destination": "helloworld-v1",
                        "workload": "helloworld-v1",
                        "namespace": "default",
                        "pod": "helloworld-v1-8678466865-cpg7k",
                        "version": "v1",
                        "cluster": "outbound|5000||helloworld.default.svc.cluster.local",
                        "body": "Hello version: v1, instance: helloworld-v1-8678466865-cpg7k\\n",
                        "curlExitCode": null,
                        "connectionEnd": null,
                        "responseHeaders": {
                          "server": "envoy"
                        },
                        "received": {
                          "method": "GET",
                          "authority": "helloworld:5000",
                          "path": "/hello",
                          "headers": {
                            "x-envoy-attempt-count": "1",
                            "x-user": "jason"
                          },
                          "peerIdentity": "spiffe://cluster.local/ns/default/sa/default"
                        },
                        "redirects": []
                      }
                    }
                  ]
                }""");
        assertThat(r.toJson()).doesNotContain("\"requests\"").isEqualTo(json.substring(0, json.indexOf(",\n  \"requestsKept\"")) + "\n}");
    }

    @Test
    @DisplayName("no HTTP answer: status 0, curl's exit code and message as the destination")
    void noAnswer() {
        TrafficResult r = helloworld().send(1).from("nginx").to("nosuch:5000/x");
        Map<String, Object> outcome = outcome(parsed(r.toJson(true)));
        assertThat(outcome.get("status")).isEqualTo(0L);
        assertThat(outcome.get("curlExitCode")).isEqualTo(6L);
        assertThat(outcome.get("destination")).isEqualTo("curl: (6) Could not resolve host: nosuch");
        assertThat(outcome.get("body")).isEqualTo(outcome.get("destination"));
        assertThat(outcome.get("workload")).isNull();
        assertThat(outcome.get("received")).isNull();
        assertThat(outcome).containsKeys("pod", "namespace", "version", "cluster", "connectionEnd", "responseHeaders", "redirects");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outcome(Map<String, Object> result) {
        return (Map<String, Object>) ((Map<String, Object>) ((List<Object>) result.get("requests")).get(0)).get("outcome");
    }

    @Test
    @DisplayName("quotes, backslashes, new lines, control characters and non-ASCII in headers and bodies are escaped and read back")
    void escaping() {
        String body = "line 1\n\"quoted\" \\ tab\t bell\u0007 caf\u00e9 \u4e16\u754c \ud83d\ude00 \u2028end";
        String header = "say \"hi\" \\ caf\u00e9 \u00fc <b>&";
        Mesh m = helloworld().withApp("helloworld-v1", App.helloworld().body(body))
                .withApp("helloworld-v2", App.helloworld().body(body));
        TrafficResult r = m.send(1).from("nginx").header("x-note", header).to("helloworld:5000/hello");
        String json = r.toJson(true);
        assertThat(json).contains("\"body\": \"line 1\\n\\\"quoted\\\" \\\\ tab\\t bell\\u0007 caf\u00e9 \u4e16\u754c \ud83d\ude00 \\u2028end\"");
        assertThat(json).contains("\"x-note\": \"say \\\"hi\\\" \\\\ caf\u00e9 \u00fc <b>&\"");
        Map<String, Object> outcome = outcome(parsed(json));
        assertThat(outcome.get("body")).isEqualTo(body);
        assertThat(((Map<?, ?>) ((Map<?, ?>) outcome.get("received")).get("headers")).get("x-note")).isEqualTo(header);
        assertThat(((Map<?, ?>) parsed(json).get("headers")).get("x-note")).isEqualTo(header);
    }

    @Test
    @DisplayName("an explanation: the request, each decision's kind and text in order, the outcome")
    void explanation() {
        Explanation e = helloworld().explain().from("nginx").to("helloworld:5000/hello");
        assertThat(e.toJson()).isEqualTo("""
                {
                  "kind": "Explanation",
                  "schemaVersion": 1,
                  "request": "GET http://helloworld:5000/hello from default/nginx",
                  "steps": [
                    {
                      "kind": "DNS",
                      "text": "DNS in namespace default: helloworld -> 10.96.0.3"
                    },
                    {
                      "kind": "LISTENER",
                      "text": "sidecar of nginx: listener 0.0.0.0_5000"
                    },
                    {
                      "kind": "ROUTE",
                      "text": "sidecar of nginx: route 5000 > virtual host helloworld.default.svc.cluster.local:5000 > default (match /*)"
                    },
                    {
                      "kind": "ENDPOINT",
                      "text": "cluster outbound|5000||helloworld.default.svc.cluster.local (LEAST_REQUEST) picks 10.244.0.2:5000 (helloworld-v1-8678466865-cpg7k)"
                    },
                    {
                      "kind": "MUTUAL_TLS",
                      "text": "mutual TLS to helloworld-v1-8678466865-cpg7k, whose sidecar takes both (PERMISSIVE); the client's certificate: spiffe://cluster.local/ns/default/sa/default"
                    },
                    {
                      "kind": "SERVER",
                      "text": "served by default/helloworld-v1-8678466865-cpg7k (through its sidecar)"
                    }
                  ],
                  "outcome": {
                    "status": 200,
                    "flags": [],
                    "destination": "helloworld-v1",
                    "workload": "helloworld-v1",
                    "namespace": "default",
                    "pod": "helloworld-v1-8678466865-cpg7k",
                    "version": "v1",
                    "cluster": "outbound|5000||helloworld.default.svc.cluster.local",
                    "body": "Hello version: v1, instance: helloworld-v1-8678466865-cpg7k\\n",
                    "curlExitCode": null,
                    "connectionEnd": null,
                    "responseHeaders": {
                      "server": "envoy"
                    },
                    "received": {
                      "method": "GET",
                      "authority": "helloworld:5000",
                      "path": "/hello",
                      "headers": {
                        "x-envoy-attempt-count": "1"
                      },
                      "peerIdentity": "spiffe://cluster.local/ns/default/sa/default"
                    },
                    "redirects": []
                  }
                }""");
        assertThat(e.toJson()).isEqualTo(helloworld().explain().from("nginx").to("helloworld:5000/hello").toJson());
    }

    @Test
    @DisplayName("an explanation of a request of a send starts with the LOAD step")
    void explainedRequestOfASend() {
        TrafficResult r = helloworld().send(3).from("nginx").to("helloworld:5000/hello");
        Map<String, Object> json = parsed(r.explain(2).toJson());
        assertThat(((List<?>) json.get("steps")).get(0)).isEqualTo(Map.of("kind", "LOAD", "text", "request 3 of 3"));
        assertThat(((Map<?, ?>) json.get("outcome")).get("pod")).isEqualTo(r.outcomes().get(2).pod().orElseThrow());
    }

    @Test
    @DisplayName("more than a million requests: aggregated, the JSON gives totals and, when asked, the sample only")
    void aMillionRequests() {
        TrafficResult r = helloworld().withApp("helloworld-v1", App.serviceTime(Duration.ofMillis(1)))
                .withApp("helloworld-v2", App.serviceTime(Duration.ofMillis(1)))
                .send(TrafficResult.AGGREGATE_ABOVE + 1).from("nginx").concurrency(64).to("helloworld:5000/hello");
        assertThat(r.aggregated()).isTrue();
        String summary = r.toJson();
        assertThat(summary.length()).isLessThan(60_000);
        Map<String, Object> json = parsed(summary);
        assertThat(json.get("total")).isEqualTo(1_000_001L);
        assertThat(json.get("aggregated")).isEqualTo(true);
        assertThat(json).doesNotContainKeys("requests", "requestsKept");
        assertThat(json.get("byWorkload")).isEqualTo(Map.of("helloworld-v1", r.countByWorkload().get("helloworld-v1"),
                "helloworld-v2", r.countByWorkload().get("helloworld-v2")));
        Map<String, Object> withSample = parsed(r.toJson(true));
        assertThat(withSample.get("requestsKept")).isEqualTo("sample");
        assertThat((List<?>) withSample.get("requests")).hasSize(r.sample().size()).hasSizeLessThan(10_000);
    }
}
