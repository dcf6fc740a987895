package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.meshtest.config.IgnoredResource;
import dev.meshtest.config.Manifest;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Position;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.ContainerPort;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.DeploymentSpec;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.config.kube.LabelSelector;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.config.kube.PodTemplateSpec;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private static final Service HELLOWORLD_SERVICE = new Service("v1", "Service",
            ObjectMeta.of("helloworld", null, Map.of("app", "helloworld", "service", "helloworld")),
            new ServiceSpec(Map.of("app", "helloworld"),
                    List.of(new ServicePort("http", 5000, null, null, null, null)), null, null, null, null));

    private static Deployment helloworld(String version) {
        Map<String, String> labels = Map.of("app", "helloworld", "version", version);
        return new Deployment("apps/v1", "Deployment", ObjectMeta.of("helloworld-" + version, null, labels),
                new DeploymentSpec(1, new LabelSelector(labels, List.of()),
                        new PodTemplateSpec(ObjectMeta.of(null, null, labels), new PodSpec(
                                List.of(new Container("helloworld", "docker.io/istio/examples-helloworld-" + version,
                                        List.of(new ContainerPort(null, 5000, null, null, null)))),
                                List.of(), null, null, null))));
    }

    @Test
    void readsMultiDocumentFileFromClasspathSkippingEmptyDocuments() {
        List<Manifest> docs = ManifestReader.readClasspath("classpath:yaml/helloworld.yaml");

        assertThat(docs).extracting(Manifest::resource)
                .containsExactly(HELLOWORLD_SERVICE, helloworld("v1"), helloworld("v2"));
        assertThat(docs).extracting(m -> m.origin().source()).containsOnly("classpath:yaml/helloworld.yaml");
    }

    @Test
    @DisplayName("An integer map key reads as its decimal text, as kubectl (sigs.k8s.io/yaml) converts it: portLevelMtls {8080: ...}")
    void integerKeysReadAsTheirDecimalText() {
        var pa = (dev.meshtest.config.istio.PeerAuthentication) ManifestReader.read("""
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: p}
                spec:
                  selector: {matchLabels: {app: a}}
                  portLevelMtls: {8080: {mode: DISABLE}, 0x1F91: {mode: STRICT}}
                """).get(0).resource();
        assertThat(pa.spec().portLevelMtls()).containsOnlyKeys("8080", "8081");
    }

    @Test
    void classpathPrefixAndLeadingSlashAreOptional() {
        assertThat(ManifestReader.readClasspath("yaml/helloworld.yaml")).hasSize(3);
        assertThat(ManifestReader.readClasspath("/yaml/helloworld.yaml")).hasSize(3);
    }

    @Test
    void classpathUsesTheThreadContextClassLoaderFirst(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("only-here.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: ctx}\n");
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, saved)) {
            thread.setContextClassLoader(loader);
            assertThat(ManifestReader.readClasspath("only-here.yaml").get(0).resource().name()).isEqualTo("ctx");
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void readsPathAndNamesItInOrigins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hello.yaml");
        try (InputStream in = getClass().getResourceAsStream("/yaml/helloworld.yaml")) {
            Files.write(file, in.readAllBytes());
        }

        List<Manifest> docs = ManifestReader.read(file);

        assertThat(docs).extracting(Manifest::resource)
                .containsExactly(HELLOWORLD_SERVICE, helloworld("v1"), helloworld("v2"));
        assertThat(docs.get(1).origin().locate("spec.template.spec.containers[0].ports[0].containerPort"))
                .isEqualTo(file + ":43:11");
    }

    @Test
    void readsInputStreamWithoutClosingIt() {
        byte[] bytes = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n".getBytes(StandardCharsets.UTF_8);
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        List<Manifest> docs = ManifestReader.read(in, "upload.yaml");

        assertThat(docs).extracting(Manifest::resource)
                .containsExactly(new Namespace("v1", "Namespace", ObjectMeta.of("shop", null)));
        assertThat(docs.get(0).origin().source()).isEqualTo("upload.yaml");
        assertThat(closed[0]).isFalse();
    }

    @Test
    void readsUtf16WithByteOrderMark() {
        byte[] bytes = "\uFEFFapiVersion: v1\nkind: Namespace\nmetadata: {name: shöp}\n"
                .getBytes(StandardCharsets.UTF_16BE);
        assertThat(ManifestReader.read(new ByteArrayInputStream(bytes), "utf16.yaml").get(0).resource().name())
                .isEqualTo("shöp");
    }

    @Test
    void stringSourceIsNamedString() {
        List<Manifest> docs = ManifestReader.read("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        assertThat(docs.get(0).origin().locate("metadata.name")).isEqualTo("<string>:3:12");
    }

    @Test
    void separatorsAndEmptyDocumentsAnywhere() {
        String yaml = """
                ---
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: a}
                ---
                ~
                ---
                # just a comment
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: b}
                ...
                """;
        assertThat(ManifestReader.read(yaml)).extracting(m -> m.resource().name()).containsExactly("a", "b");
    }

    @Test
    void kindListYieldsItsItemsWithPathsRelativeToEachItem() {
        List<Manifest> docs = ManifestReader.readClasspath("yaml/kind-list.yaml");

        assertThat(docs).extracting(Manifest::resource).containsExactly(
                new Namespace("v1", "Namespace", ObjectMeta.of("shop", null, Map.of("istio-injection", "enabled"))),
                new Service("v1", "Service", ObjectMeta.of("reviews", "shop"), new ServiceSpec(Map.of("app", "reviews"),
                        List.of(new ServicePort("http", 9080, IntOrString.of("http-web"), null, null, null)),
                        null, null, null, null)),
                new IgnoredResource("v1", "ServiceAccount", ObjectMeta.of("bookinfo-reviews", "shop"),
                        "not used for routing"));
        Manifest service = docs.get(1);
        assertThat(service.origin().positions()).containsOnly(
                entry("", new Position(12, 3)),
                entry("apiVersion", new Position(12, 3)),
                entry("kind", new Position(13, 3)),
                entry("metadata", new Position(14, 3)),
                entry("metadata.name", new Position(15, 5)),
                entry("metadata.namespace", new Position(16, 5)),
                entry("spec", new Position(17, 3)),
                entry("spec.selector", new Position(18, 5)),
                entry("spec.selector.app", new Position(19, 7)),
                entry("spec.ports", new Position(20, 5)),
                entry("spec.ports[0]", new Position(21, 7)),
                entry("spec.ports[0].name", new Position(21, 7)),
                entry("spec.ports[0].port", new Position(22, 7)),
                entry("spec.ports[0].targetPort", new Position(23, 7)));
        assertThat(service.resource().ref()).hasToString("Service shop/reviews");
    }

    @Test
    void intOrStringTakesBothForms() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  ports:
                  - {name: http, port: 80, targetPort: 8080}
                  - {name: web, port: 81, targetPort: http-web}
                  - {name: quoted, port: 82, targetPort: "8080"}
                """;
        Service s = (Service) ManifestReader.read(yaml).get(0).resource();
        assertThat(s.spec().ports()).extracting(ServicePort::targetPort)
                .containsExactly(IntOrString.of(8080), IntOrString.of("http-web"), IntOrString.of("8080"));
    }

    @Test
    void positionsOfNestedFieldsListItemsAndDottedMapKeys() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nginx
                  labels:
                    app.kubernetes.io/name: nginx
                spec:
                  containers:
                  - name: nginx
                    ports:
                      - containerPort: 80
                      - {containerPort: 81}
                """;
        Manifest m = ManifestReader.read(yaml, "pod.yaml").get(0);

        assertThat(m.origin().positions()).contains(
                entry("", new Position(1, 1)),
                entry("metadata.labels.app.kubernetes.io/name", new Position(6, 5)),
                entry("spec.containers[0]", new Position(9, 5)),
                entry("spec.containers[0].ports[0]", new Position(11, 9)),
                entry("spec.containers[0].ports[0].containerPort", new Position(11, 9)),
                entry("spec.containers[0].ports[1]", new Position(12, 9)),
                entry("spec.containers[0].ports[1].containerPort", new Position(12, 10)));
        assertThat(m.origin().locate("spec.containers[0].image")).isEqualTo("pod.yaml:9:5");
    }

    @Test
    void nullValuesAreAbsentAndMapsKeepInsertionOrder() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: s
                  namespace: ~
                  annotations:
                  labels: {z: "1", a: "2", m: "3", "true": "4", "012": "5"}
                spec:
                  selector:
                  ports:
                """;
        Manifest m = ManifestReader.read(yaml).get(0);
        Service s = (Service) m.resource();
        // Not written either: no position, so a message about one is placed at its parent.
        assertThat(m.origin().positions()).doesNotContainKeys("metadata.namespace", "metadata.annotations",
                "spec.selector", "spec.ports").containsKeys("metadata.labels", "spec");
        assertThat(m.origin().locate("spec.ports")).isEqualTo("<string>:8:1");
        assertThat(s.metadata().namespace()).isNull();
        assertThat(s.metadata().annotations()).isEmpty();
        assertThat(s.metadata().labels().keySet()).containsExactly("z", "a", "m", "true", "012");
        assertThat(s.spec().selector()).isEmpty();
        assertThat(s.spec().ports()).isEmpty();
    }

    @Test
    void valuesThatKubernetesReadsAsStringsStayStrings() {
        String yaml = """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels:
                    quoted: "1.0"
                    single: 'yes'
                    date: 2024-01-02
                    clock: 12:30
                    explicit: !!str 2
                """;
        Namespace ns = (Namespace) ManifestReader.read(yaml).get(0).resource();
        assertThat(ns.metadata().labels()).containsExactly(entry("quoted", "1.0"), entry("single", "yes"),
                entry("date", "2024-01-02"), entry("clock", "12:30"), entry("explicit", "2"));
    }

    @Test
    void readsCreationTimestampAndGenerateName() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  generateName: client-
                  creationTimestamp: 2024-05-06T07:08:09Z
                spec:
                  containers: [{name: c, image: curl}]
                """;
        Manifest m = ManifestReader.read(yaml).get(0);
        assertThat(m.resource().metadata().creationTimestamp()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(m.resource().metadata().generateName()).isEqualTo("client-");
    }

    @Test
    void acceptedFieldsAreDroppedWhateverTheyHold() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, uid: 9f1c, generation: 3}
                spec:
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
                  selector: {matchLabels: {app: d}}
                  template:
                    metadata: {labels: {app: d}}
                    spec:
                      containers: [{name: c, image: d, args: [x], envFrom: [{configMapRef: {name: e}}], resources: {}}]
                status: {replicas: 1}
                """;
        Manifest m = ManifestReader.read(yaml).get(0);
        assertThat(((Deployment) m.resource()).spec().template().spec().containers())
                .containsExactly(new Container("c", "d", List.of()));
        assertThat(m.origin().positions()).containsKeys("spec.strategy", "status");
    }

    @Test
    void mergeKeysWorkAsInKubernetes() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: s
                  labels: &common {app: shop, tier: web}
                  annotations:
                    <<: [*common, {extra: x}]
                    tier: api
                spec: {}
                """;
        Service s = (Service) ManifestReader.read(yaml).get(0).resource();
        assertThat(s.metadata().annotations())
                .containsExactly(entry("app", "shop"), entry("extra", "x"), entry("tier", "api"));
    }

    @Test
    void ignoredKindsKeepTheirMetadataAndReason() {
        String yaml = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: hpa, namespace: shop}
                spec: {anything: [goes, here]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                rules: []
                """;
        List<Manifest> docs = ManifestReader.read(yaml);
        assertThat(docs).extracting(Manifest::resource).containsExactly(
                new IgnoredResource("autoscaling/v2", "HorizontalPodAutoscaler", ObjectMeta.of("hpa", "shop"),
                        "not used for routing"),
                new IgnoredResource("rbac.authorization.k8s.io/v1", "ClusterRole", ObjectMeta.of("reader", null),
                        "not used for routing", true));
    }

    @Test
    void boundCollectionsAreUnmodifiable() {
        Service s = (Service) ManifestReader.read("""
                apiVersion: v1
                kind: Service
                metadata: {name: s, labels: {a: b}}
                spec: {ports: [{port: 80}]}
                """).get(0).resource();
        assertThat(s.metadata().labels()).isUnmodifiable();
        assertThat(s.spec().ports()).isUnmodifiable();
    }

    @Test
    void resultListIsUnmodifiable() {
        assertThat(ManifestReader.readClasspath("yaml/namespace.yaml")).isUnmodifiable();
    }
}
