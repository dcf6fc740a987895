package dev.meshtest.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.kube.IntOrString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultClusterTest {

    @Test
    void withIstioHasTheIngressGatewayAndAnInjectedDefaultNamespace() {
        ClusterState s = Cluster.withIstio(42).state();

        assertThat(s.version()).isZero();
        assertThat(s.namespaces()).extracting(ClusterNamespace::name)
                .containsExactly("default", "kube-node-lease", "kube-public", "kube-system", "istio-system");
        assertThat(s.namespace("default").orElseThrow().labels()).isEqualTo(Map.of(
                "istio-injection", "enabled", "kubernetes.io/metadata.name", "default"));
        assertThat(s.namespace("istio-system").orElseThrow().labels()).isEqualTo(Map.of(
                "kubernetes.io/metadata.name", "istio-system"));

        assertThat(s.services()).extracting(ClusterService::fqdn).containsExactly("kubernetes.default.svc.cluster.local",
                "kube-dns.kube-system.svc.cluster.local", "istio-ingressgateway.istio-system.svc.cluster.local");
        ClusterService gw = s.service("istio-system", "istio-ingressgateway").orElseThrow();
        assertThat(gw.type()).isEqualTo("LoadBalancer");
        assertThat(gw.fqdn()).isEqualTo("istio-ingressgateway.istio-system.svc.cluster.local");
        assertThat(gw.clusterIp()).isEqualTo("10.96.0.2");
        assertThat(gw.selector()).isEqualTo(Map.of("istio", "ingressgateway", "app", "istio-ingressgateway"));
        assertThat(gw.ports()).containsExactly(
                new ClusterServicePort("http2", 80, IntOrString.of(8080), Protocol.HTTP2),
                new ClusterServicePort("https", 443, IntOrString.of(8443), Protocol.HTTPS),
                new ClusterServicePort("status-port", 15021, IntOrString.of(15021), Protocol.AUTO));
        assertThat(gw.exportTo()).isEmpty();   // no annotation: the mesh default decides
        assertThat(gw.creationTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));

        assertThat(s.pods()).hasSize(1);
        ClusterPod pod = s.pods().get(0);
        assertThat(pod.namespace()).isEqualTo("istio-system");
        assertThat(pod.workload()).isEqualTo("istio-ingressgateway");
        assertThat(pod.name()).matches("istio-ingressgateway-[bcdfghjklmnpqrstvwxz2456789]{10}-"
                + "[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(pod.labels()).containsEntry("istio", "ingressgateway")
                .containsEntry("app", "istio-ingressgateway")
                .containsKey("pod-template-hash");
        assertThat(pod.annotations()).isEqualTo(Map.of("inject.istio.io/templates", "gateway"));
        assertThat(pod.proxy()).isEqualTo(ProxyKind.GATEWAY);
        assertThat(pod.ip()).isEqualTo("10.244.0.1");
        assertThat(pod.ready()).isTrue();
        assertThat(pod.serviceAccount()).isEqualTo("istio-ingressgateway");
        assertThat(pod.containerPorts()).extracting(p -> p.containerPort()).containsExactly(8080, 8443, 15021);

        assertThat(s.endpoints(gw, 80)).extracting(Endpoint::address).containsExactly("10.244.0.1:8080");
        assertThat(s.endpoints(gw, 443)).extracting(Endpoint::address).containsExactly("10.244.0.1:8443");
        assertThat(s.endpoints(gw, 15021)).extracting(Endpoint::address).containsExactly("10.244.0.1:15021");
    }

    @Test
    void emptyIsAFreshKubernetesCluster() {
        ClusterState s = Cluster.empty(42).state();
        assertThat(s.version()).isZero();
        assertThat(s.namespaces()).extracting(ClusterNamespace::name)
                .containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
        assertThat(s.namespace("default").orElseThrow().labels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "default"));
        assertThat(s.pods()).isEmpty();
        assertThat(s.configs(dev.meshtest.config.Resource.class)).hasSize(7);

        // The Services every cluster has: the API server's, with the Endpoints it writes, and CoreDNS's.
        ClusterService api = s.service("default", "kubernetes").orElseThrow();
        assertThat(api.clusterIp()).isEqualTo("10.96.0.1");
        assertThat(api.ports()).containsExactly(new ClusterServicePort("https", 443, IntOrString.of(6443), Protocol.HTTPS));
        assertThat(s.endpoints(api, 443)).extracting(Endpoint::address).containsExactly("172.18.0.2:6443");
        ClusterService dns = s.service("kube-system", "kube-dns").orElseThrow();
        assertThat(dns.clusterIp()).isEqualTo("10.96.0.10");
        assertThat(dns.ports()).extracting(ClusterServicePort::name).containsExactly("dns", "dns-tcp", "metrics");
        assertThat(s.endpoints(dns, 53)).isEmpty();   // CoreDNS pods are not run: PodDns answers names
    }

    @Test
    void theSameSeedGivesTheSameCluster() {
        List<String> a = Cluster.withIstio(7).state().pods().stream().map(ClusterPod::name).toList();
        List<String> b = Cluster.withIstio(7).state().pods().stream().map(ClusterPod::name).toList();
        List<String> other = Cluster.withIstio(8).state().pods().stream().map(ClusterPod::name).toList();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(other);
    }
}
