package dev.meshtest.internal.cluster;

import static dev.meshtest.internal.cluster.K8s.cport;
import static dev.meshtest.internal.cluster.K8s.deployment;
import static dev.meshtest.internal.cluster.K8s.dr;
import static dev.meshtest.internal.cluster.K8s.m;
import static dev.meshtest.internal.cluster.K8s.ns;
import static dev.meshtest.internal.cluster.K8s.pod;
import static dev.meshtest.internal.cluster.K8s.port;
import static dev.meshtest.internal.cluster.K8s.svc;
import static dev.meshtest.internal.cluster.K8s.vs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Origin;
import dev.meshtest.config.Position;
import dev.meshtest.config.ResourceRef;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServiceSpec;
import dev.meshtest.internal.cluster.ApplyResult.Verb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApplyTest {

    static final Map<String, String> HELLO = Map.of("app", "helloworld");

    @Test
    void createdConfiguredUnchangedInKubectlWords() {
        Cluster c = Cluster.withIstio(1);
        ApplyResult first = c.apply(m(
                svc("helloworld", null, HELLO, port("http", 5000)),
                deployment("helloworld-v1", null, 1, Map.of("app", "helloworld", "version", "v1"), cport(5000)),
                vs("helloworld", null, "helloworld"),
                new IgnoredResource("v1", "ServiceAccount", ObjectMeta.of("helloworld", null), "not used for routing")));
        assertThat(first.toString()).isEqualTo("""
                service/helloworld created
                deployment.apps/helloworld-v1 created
                virtualservice.networking.istio.io/helloworld created
                serviceaccount/helloworld ignored (not used for routing)""");
        assertThat(first.changes()).extracting(ApplyResult.Change::verb)
                .containsExactly(Verb.CREATED, Verb.CREATED, Verb.CREATED, Verb.IGNORED);
        assertThat(first.state().version()).isEqualTo(1);
        assertThat(first.state()).isSameAs(c.state());
        assertThat(c.state().config(new ResourceRef("ServiceAccount", "default", "helloworld"))).isEmpty();

        ApplyResult second = c.apply(m(
                svc("helloworld", null, HELLO, port("http", 5000), port("grpc", 5001)),
                deployment("helloworld-v1", null, 1, Map.of("app", "helloworld", "version", "v1"), cport(5000)),
                vs("helloworld", "default", "helloworld")));
        assertThat(second.lines()).containsExactly(
                "service/helloworld configured",
                "deployment.apps/helloworld-v1 unchanged",
                "virtualservice.networking.istio.io/helloworld unchanged");
        assertThat(second.state().version()).isEqualTo(2);

        ApplyResult third = c.apply(m(vs("helloworld", null, "helloworld")));
        assertThat(third.lines()).containsExactly("virtualservice.networking.istio.io/helloworld unchanged");
        assertThat(third.changedAnything()).isFalse();
        assertThat(c.state().version()).isEqualTo(2);
    }

    @Test
    void replacingKeepsClusterIpCreationTimeAndSequence() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(svc("helloworld", null, HELLO, port("http", 5000))));
        ClusterService before = c.state().service("default", "helloworld").orElseThrow();
        c.apply(m(vs("other", null, "x")));
        c.apply(m(svc("helloworld", null, HELLO, port("http", 5000), port("http-alt", 8080))));
        ClusterService after = c.state().service("default", "helloworld").orElseThrow();
        assertThat(after.clusterIp()).isEqualTo(before.clusterIp());
        assertThat(after.creationTime()).isEqualTo(before.creationTime());
        assertThat(after.sequence()).isEqualTo(before.sequence());
        assertThat(after.ports()).hasSize(2);
    }

    @Test
    void anOldSnapshotNeverChanges() {
        Cluster c = Cluster.withIstio(1);
        ClusterState before = c.state();
        c.apply(m(svc("helloworld", null, HELLO, port("http", 5000)), pod("nginx", null, Map.of("run", "nginx"))));
        assertThat(before.services()).hasSize(3);   // kubernetes, kube-dns, istio-ingressgateway
        assertThat(before.pods()).hasSize(1);
        assertThat(c.state().services()).hasSize(4);
        assertThat(c.state().pods()).hasSize(2);
    }

    @Test
    void aBadObjectLeavesEverythingUnchanged() {
        Cluster c = Cluster.withIstio(1);
        ClusterState before = c.state();
        assertThatThrownBy(() -> c.apply(m(
                svc("helloworld", null, HELLO, port("http", 5000)),
                deployment("helloworld-v1", null, 2, HELLO, cport(5000)),
                vs("Bad_Name", null, "helloworld"))))
                .isInstanceOf(MeshConfigException.class);
        assertThat(c.state()).isSameAs(before);
        assertThat(c.state().version()).isZero();
        assertThat(c.state().services()).hasSize(3);
        assertThat(c.state().pods()).hasSize(1);
        // and the counters did not move: the next objects get the IPs they would have got
        c.apply(m(svc("helloworld", null, HELLO, port("http", 5000)), pod("nginx", null, Map.of())));
        assertThat(c.state().service("default", "helloworld").orElseThrow().clusterIp()).isEqualTo("10.96.0.3");
        assertThat(c.state().pod("default", "nginx").orElseThrow().ip()).isEqualTo("10.244.0.2");
    }

    @Test
    void everyProblemOfACallIsReportedAtOnce() {
        Cluster c = Cluster.withIstio(1);
        MeshConfigException e = catchMesh(() -> c.apply(m(
                svc("Hello", null, HELLO, port("http", 5000)),
                vs("ok", "shop", "x"))));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "<code>: Service default/Hello: metadata.name: Invalid value: \"Hello\": a DNS-1035 label must consist"
                        + " of lower case alphanumeric characters or '-', start with an alphabetic character, and end"
                        + " with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation"
                        + " is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "<code>: VirtualService shop/ok: metadata.namespace: namespaces \"shop\" not found");
    }

    @Test
    void namespaceMustExistOrBeCreatedInTheSameCall() {
        Cluster c = Cluster.withIstio(1);
        MeshConfigException e = catchMesh(() -> c.apply(m(svc("reviews", "shop", HELLO, port("http", 9080)))));
        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.fieldPath()).isEqualTo("metadata.namespace");
        assertThat(p.reason()).isEqualTo("namespaces \"shop\" not found");
        assertThat(p.resource()).isEqualTo(new ResourceRef("Service", "shop", "reviews"));

        // the namespace may come after the objects in it: namespaces are applied first
        ApplyResult r = c.apply(m(svc("reviews", "shop", HELLO, port("http", 9080)),
                ns("shop", Map.of("istio-injection", "enabled")),
                pod("client", "shop", Map.of())));
        assertThat(r.lines()).containsExactly("service/reviews created", "namespace/shop created", "pod/client created");
        assertThat(c.state().pod("shop", "client").orElseThrow().proxy()).isEqualTo(ProxyKind.SIDECAR);
        // one apply shares one creation second, as a kubectl apply of one file does
        assertThat(c.state().service("shop", "reviews").orElseThrow().creationTime())
                .isEqualTo(c.state().namespace("shop").orElseThrow().creationTime());
    }

    @Test
    void theSameObjectTwiceInOneCallIsAnError() {
        Cluster c = Cluster.withIstio(1);
        Origin a = new Origin("a.yaml", Map.of("", new Position(1, 1)));
        Origin b = new Origin("b.yaml", Map.of("", new Position(12, 1)));
        MeshConfigException e = catchMesh(() -> c.apply(List.of(
                new Manifest(vs("reviews", null, "reviews"), a),
                new Manifest(dr("reviews", null, "reviews"), a),
                new Manifest(vs("reviews", "default", "other"), b))));
        assertThat(e.getMessage()).isEqualTo("b.yaml:12:1: VirtualService default/reviews: the same object appears"
                + " twice in one apply; first at a.yaml:1:1");
        assertThat(c.state().version()).isZero();
    }

    @Test
    void objectNamesAreChecked() {
        Cluster c = Cluster.withIstio(1);
        assertThat(reasons(c, vs("Hello", null, "x"))).containsExactly("metadata.name: Invalid value: \"Hello\":"
                + " a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
                + " and must start and end with an alphanumeric character (e.g. 'example.com', regex used for"
                + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        assertThat(reasons(c, vs("reviews.v1", null, "x"))).isEmpty();
        assertThat(reasons(c, ns("my.shop"))).containsExactly("metadata.name: Invalid value: \"my.shop\":"
                + " must not contain dots");
        assertThat(reasons(c, ns("Shop"))).containsExactly("metadata.name: Invalid value: \"Shop\": a lowercase"
                + " RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end"
                + " with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        // Service names are DNS-1035 labels: no leading digit, no dots
        assertThat(reasons(c, svc("1st", null, HELLO, port("http", 80)))).hasSize(1)
                .allMatch(r -> r.startsWith("metadata.name: Invalid value: \"1st\": a DNS-1035 label"));
        assertThat(reasons(c, svc("a.b", null, HELLO, port("http", 80)))).hasSize(1);
        assertThat(reasons(c, svc("x".repeat(64), null, HELLO, port("http", 80))))
                .contains("metadata.name: Invalid value: \"" + "x".repeat(64) + "\": must be no more than 63 characters");
        assertThat(reasons(c, vs(null, null, "x"))).containsExactly(
                "metadata.name: Required value: name or generateName is required");
    }

    @Test
    void servicePortsAreChecked() {
        Cluster c = Cluster.withIstio(1);
        assertThat(reasons(c, svc("reviews", null, HELLO, port("http", 9080), port(null, 9081))))
                .containsExactly("spec.ports[1].name: Required value");
        assertThat(reasons(c, svc("reviews", null, HELLO, port(null, 9080)))).isEmpty();
        assertThat(reasons(c, svc("reviews", null, HELLO, port("http", 9080), port("http", 9081))))
                .containsExactly("spec.ports[1].name: Duplicate value: \"http\"");
        assertThat(reasons(c, svc("reviews", null, HELLO, port("http", 0))))
                .containsExactly("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        assertThat(reasons(c, svc("reviews", null, HELLO, port("http", 65536))))
                .containsExactly("spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive");
        assertThat(reasons(c, svc("reviews", null, HELLO, port("http", 80, 70000))))
                .containsExactly("spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535,"
                        + " inclusive");
        assertThat(reasons(c, svc("reviews", null, HELLO, port("http", 80, "Http_Web"))))
                .containsExactly("spec.ports[0].targetPort: Invalid value: \"Http_Web\": must contain only"
                        + " alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        assertThat(reasons(c, svc("reviews", null, HELLO, port("HTTP", 80))))
                .hasSize(1).allMatch(r -> r.startsWith("spec.ports[0].name: Invalid value: \"HTTP\": a lowercase"
                        + " RFC 1123 label"));
        assertThat(reasons(c, svc("reviews", null, new ServiceSpec(HELLO, List.of(), null, null, null, null))))
                .containsExactly("spec.ports: Required value");
        assertThat(reasons(c, svc("reviews", null, new ServiceSpec(HELLO, List.of(port("http", 80)), "Magic", null,
                null, null)))).containsExactly("spec.type: Unsupported value: \"Magic\": supported values:"
                + " \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        assertThat(reasons(c, svc("reviews", null, new ServiceSpec(HELLO, List.of(
                new dev.meshtest.config.kube.ServicePort("http", 80, null, "HTTP", null, null)), null, null, null,
                null)))).containsExactly("spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\"");
    }

    @Test
    @DisplayName("externalTrafficPolicy: only for Services reachable from outside (validateServiceExternalTrafficPolicy), "
            + "Cluster or Local, defaulted to Cluster")
    void externalTrafficPolicy() {
        Cluster c = Cluster.withIstio(1);
        List<dev.meshtest.config.kube.ServicePort> ports = List.of(port("http", 80));
        assertThat(reasons(c, svc("reviews", null, new ServiceSpec(HELLO, ports, null, null, null, null, null, null, null, null,
                "Local", null)))).containsExactly("spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for "
                + "externally-accessible services");
        assertThat(reasons(c, svc("reviews", null, new ServiceSpec(HELLO, ports, "LoadBalancer", null, null, null, null, null,
                null, null, "local", null)))).containsExactly("spec.externalTrafficPolicy: Unsupported value: \"local\": "
                + "supported values: \"Cluster\", \"Local\"");
        assertThat(reasons(c, svc("reviews", null, new ServiceSpec(HELLO, ports, null, null, null, null, null, null, null, null,
                "Local", List.of("198.51.100.5"))))).isEmpty();
        assertThat(reasons(c, svc("reviews", null, new ServiceSpec(HELLO, ports, null, null, null, null, null, null, null, null,
                null, List.of("lb.example.com"))))).containsExactly("spec.externalIPs[0]: Invalid value: \"lb.example.com\": "
                + "must be a valid IP address");
        c.apply(List.of(dev.meshtest.config.Manifest.inCode(svc("np", null, new ServiceSpec(HELLO, ports, "NodePort", null,
                null, null)))));
        assertThat(c.state().service("default", "np").orElseThrow().externalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(c.state().service("istio-system", "istio-ingressgateway").orElseThrow().keepsClientAddress()).isFalse();
        assertThat(c.state().service("default", "kubernetes").orElseThrow().externalTrafficPolicy()).isNull();
    }

    @Test
    void deploymentSelectorMustMatchTemplateLabels() {
        Cluster c = Cluster.withIstio(1);
        var d = deployment("reviews", null, 1, Map.of("app", "reviews", "version", "v1"), cport(9080));
        var bad = new dev.meshtest.config.kube.Deployment(d.apiVersion(), d.kind(), d.metadata(),
                new dev.meshtest.config.kube.DeploymentSpec(1,
                        new dev.meshtest.config.kube.LabelSelector(Map.of("app", "ratings"), null),
                        d.spec().template()));
        assertThat(reasons(c, bad)).containsExactly("spec.template.metadata.labels: Invalid value:"
                + " map[string]string{\"app\":\"reviews\", \"version\":\"v1\"}: `selector` does not match template `labels`");
        var negative = new dev.meshtest.config.kube.Deployment(d.apiVersion(), d.kind(), d.metadata(),
                new dev.meshtest.config.kube.DeploymentSpec(-1, d.spec().selector(), d.spec().template()));
        assertThat(reasons(c, negative))
                .containsExactly("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        assertThat(reasons(c, deployment("reviews", null, 1, Map.of("app", "reviews"), cport(0))))
                .containsExactly("spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 0:"
                        + " must be between 1 and 65535, inclusive");
    }

    @Test
    void clusterIpCannotBeTakenTwiceOrChanged() {
        Cluster c = Cluster.withIstio(1);
        Service fixed = svc("a", null, new ServiceSpec(HELLO, List.of(port("http", 80)), null, "10.96.0.2", null, null));
        assertThat(reasons(c, fixed)).containsExactly("spec.clusterIP: Invalid value: \"10.96.0.2\": failed to"
                + " allocate IP 10.96.0.2: provided IP is already allocated");
        Service mine = svc("a", null, new ServiceSpec(HELLO, List.of(port("http", 80)), null, "10.100.0.9", null, null));
        c.apply(m(mine));
        assertThat(c.state().serviceByIp("10.100.0.9")).map(ClusterService::name).contains("a");
        Service changed = svc("a", null, new ServiceSpec(HELLO, List.of(port("http", 80)), null, "10.100.0.10", null,
                null));
        assertThat(reasons(c, changed))
                .containsExactly("spec.clusterIP: Invalid value: \"10.100.0.10\": field is immutable");
        // leaving clusterIP out on re-apply keeps the allocated one
        c.apply(m(svc("a", null, HELLO, port("http", 80), port("http-alt", 81))));
        assertThat(c.state().service("default", "a").orElseThrow().clusterIp()).isEqualTo("10.100.0.9");
    }

    @Test
    void aDeletedServiceReleasesItsClusterIp() {
        Cluster c = Cluster.withIstio(1);
        Service mine = svc("a", null, new ServiceSpec(HELLO, List.of(port("http", 80)), null, "10.100.0.9", null, null));
        c.apply(m(mine));
        c.delete(mine.ref());
        // As the API server: the address is free again, for the same Service or another.
        Service other = svc("b", null, new ServiceSpec(HELLO, List.of(port("http", 80)), null, "10.100.0.9", null, null));
        c.apply(m(other));
        assertThat(c.state().serviceByIp("10.100.0.9")).map(ClusterService::name).contains("b");
    }

    @Test
    void headlessAndExternalNameServicesHaveNoClusterIp() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(svc("db", null, new ServiceSpec(HELLO, List.of(port("tcp", 5432)), null, "None", null, null)),
                svc("ext", null, new ServiceSpec(null, List.of(), "ExternalName", null, "example.com", null))));
        ClusterService db = c.state().service("default", "db").orElseThrow();
        ClusterService ext = c.state().service("default", "ext").orElseThrow();
        assertThat(db.clusterIp()).isNull();
        assertThat(db.headless()).isTrue();
        assertThat(ext.clusterIp()).isNull();
        assertThat(ext.headless()).isFalse();
        assertThat(ext.externalName()).isEqualTo("example.com");
    }

    @Test
    void podSpecCannotChangeButLabelsCan() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("nginx", null, Map.of("run", "nginx"), cport(80))));
        assertThat(reasons(c, pod("nginx", null, Map.of("run", "nginx"), cport(8080))))
                .hasSize(1).allMatch(r -> r.startsWith("spec: Forbidden: pod updates may not change fields"));
        String ip = c.state().pod("default", "nginx").orElseThrow().ip();
        ApplyResult r = c.apply(m(pod("nginx", null, Map.of("run", "nginx", "tier", "web"), cport(80))));
        assertThat(r.lines()).containsExactly("pod/nginx configured");
        ClusterPod p = c.state().pod("default", "nginx").orElseThrow();
        assertThat(p.labels()).isEqualTo(Map.of("run", "nginx", "tier", "web"));
        assertThat(p.ip()).isEqualTo(ip);
    }

    @Test
    void objectsWithoutMetadataOrKindAreProblemsNotExceptions() {
        Cluster c = Cluster.withIstio(1);
        var noMeta = new K8s.FakeVirtualService("networking.istio.io/v1", "VirtualService", null, List.of());
        var noKind = new K8s.FakeVirtualService("networking.istio.io/v1", null, ObjectMeta.of("x", null), List.of());
        MeshConfigException e = catchMesh(() -> c.apply(m(noMeta, noKind)));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "<code>: VirtualService (unnamed): metadata: Required value", "<code>: kind: Required value");
        assertThat(catchMesh(() -> c.delete(m(noMeta))).problems()).hasSize(1);
    }

    @Test
    void admissionIsAskedForEveryObject() {
        // Admission is a stub today; a valid object passes it and the cluster's own checks.
        Cluster c = Cluster.withIstio(1);
        assertThat(reasons(c, vs("reviews", null, "reviews"))).isEmpty();
    }

    @Test
    void setReadyChangesTheVersionOnlyWhenSomethingChanged() {
        Cluster c = Cluster.withIstio(1);
        c.apply(m(pod("nginx", null, Map.of())));
        long v = c.state().version();
        c.setReady("default", "nginx", true);
        assertThat(c.state().version()).isEqualTo(v);
        c.setReady("default", "nginx", false);
        assertThat(c.state().version()).isEqualTo(v + 1);
        assertThat(c.state().pod("default", "nginx").orElseThrow().ready()).isFalse();
        assertThatThrownBy(() -> c.setReady("default", "nope", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pods \"nope\" not found in namespace default");
    }

    /** The problems applying one object would raise, as {@code fieldPath: reason}; the cluster is unchanged. */
    static List<String> reasons(Cluster c, dev.meshtest.config.Resource r) {
        ClusterState before = c.state();
        try {
            c.apply(m(r));
        } catch (MeshConfigException e) {
            assertThat(c.state()).isSameAs(before);
            return e.problems().stream()
                    .map(p -> p.fieldPath() == null || p.fieldPath().isEmpty() ? p.reason()
                            : p.fieldPath() + ": " + p.reason())
                    .toList();
        }
        // it was valid: undo, so the next check starts from the same cluster
        c.delete(r.ref());
        return List.of();
    }

    static MeshConfigException catchMesh(Runnable r) {
        try {
            r.run();
        } catch (MeshConfigException e) {
            return e;
        }
        throw new AssertionError("expected a MeshConfigException");
    }
}
