package dev.meshtest.internal.sim;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.app.Latency;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** kube-proxy, the path of clients without a sidecar (istio-rules §1.5). */
class KubeProxyTest {

    private static Mesh withAffinity(String affinity) {
        return mesh().apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  sessionAffinity: %s
                  ports: [{name: http, port: 80, targetPort: 8080}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: curl, labels: {sidecar.istio.io/inject: "false"}}
                spec: {containers: [{name: curl, image: curl}]}
                """.formatted(affinity));
    }

    @Test
    void sessionAffinityClientIpKeepsAClientOnOnePod() {
        assertThat(withAffinity("ClientIP").send(60).from("curl").to("http://web/").countByPod()).hasSize(1);
        assertThat(withAffinity("None").send(60).from("curl").to("http://web/").countByPod()).hasSize(3);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("sessionAffinityConfig.clientIP.timeoutSeconds: the affinity ends after that long without a request; 3 hours by default")
    void sessionAffinityTimesOut() {
        Mesh shortLived = withAffinity("ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 1}}");
        // a pause of 2 s between requests: every request is picked afresh
        assertThat(shortLived.send(60).from("curl").thinkTime(Duration.ofSeconds(2)).to("http://web/").countByPod()).hasSize(3);
        // requests back to back: the affinity holds
        assertThat(withAffinity("ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 1}}")
                .send(60).from("curl").to("http://web/").countByPod()).hasSize(1);
        assertThat(withAffinity("ClientIP").send(60).from("curl").thinkTime(Duration.ofSeconds(2)).to("http://web/").countByPod())
                .hasSize(1);
    }

    @Test
    void aHeavyTailedServiceTimeNeverOverflowsTheClock() {
        Latency wild = Latency.logNormal(Duration.ofSeconds(10), 50);
        SeededRandom random = new SeededRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(Sampler.sample(wild, random)).isBetween(0L, Sampler.MAX_SAMPLE_NANOS);
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a later send is explained with the affinity it started with: the snapshot keeps the pinned pod")
    void aReplayKeepsTheAffinityOfItsSend() {
        Mesh mesh = withAffinity("ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 1}}");
        mesh.send(3).from("curl").to("http://web/");
        dev.meshtest.traffic.TrafficResult second = mesh.send(5).from("curl").thinkTime(Duration.ofMillis(1500))
                .to("http://web/");
        mesh.send(5).from("curl").thinkTime(Duration.ofSeconds(2)).to("http://web/");
        for (int i = 0; i < second.size(); i++) {
            assertThat(second.explain(i).outcome()).isEqualTo(second.outcomes().get(i));
        }
        assertThat(second.explain(0).steps()).anyMatch(s -> s.endsWith("(sessionAffinity ClientIP)"));
    }
}
