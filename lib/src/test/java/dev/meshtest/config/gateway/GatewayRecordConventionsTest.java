package dev.meshtest.config.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.kube.LabelSelector;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader binds YAML to these records by reflection; this checks the contract it relies on for
 * every record reachable from the Gateway API kinds, as {@code IstioRecordConventionsTest} does for Istio's.
 */
class GatewayRecordConventionsTest {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Integer.class, Boolean.class, Duration.class);

    @Test
    void everyComponentHasAnAllowedType() {
        List<String> violations = new ArrayList<>();
        for (Class<?> record : reachableRecords()) {
            for (RecordComponent c : record.getRecordComponents()) {
                if (!allowed(c.getGenericType())) {
                    violations.add(record.getSimpleName() + "." + c.getName() + ": " + c.getGenericType());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void listsAndMapsAreNeverNull() throws Exception {
        List<String> violations = new ArrayList<>();
        for (Class<?> record : reachableRecords()) {
            RecordComponent[] components = record.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            Object allNull = record.getDeclaredConstructor(types).newInstance(new Object[components.length]);
            for (RecordComponent c : components) {
                boolean collection = c.getType() == List.class || c.getType() == Map.class;
                if (collection && c.getAccessor().invoke(allNull) == null) {
                    violations.add(record.getSimpleName() + "." + c.getName());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyRecordOfThePackageIsReachableFromAKind() throws Exception {
        Set<Class<?>> inPackage = new LinkedHashSet<>();
        Path dir = Path.of(HttpRoute.class.getResource("HttpRoute.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName(HttpRoute.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length()));
                    if (c.isRecord()) {
                        inPackage.add(c);
                    }
                }
            }
        }
        assertThat(reachableRecords()).containsExactlyInAnyOrderElementsOf(inPackage).hasSizeGreaterThan(45);
    }

    @Test
    void theRegistryNamesEachKindAndItsServedVersions() {
        assertThat(GatewayApiKinds.KINDS.keySet())
                .containsExactly("GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "ReferenceGrant");
        assertThat(GatewayApiKinds.KINDS.get("HTTPRoute")).isEqualTo(HttpRoute.class);
        assertThat(GatewayApiKinds.KINDS.get("GRPCRoute")).isEqualTo(GrpcRoute.class);
        assertThat(GatewayApiKinds.apiVersions("Gateway"))
                .containsExactly("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1");
        assertThat(GatewayApiKinds.apiVersions("GRPCRoute")).containsExactly("gateway.networking.k8s.io/v1");
        assertThat(GatewayApiKinds.apiVersions("ReferenceGrant"))
                .containsExactly("gateway.networking.k8s.io/v1beta1", "gateway.networking.k8s.io/v1");
        assertThat(GatewayApiKinds.apiVersions("TLSRoute")).containsExactly("gateway.networking.k8s.io/v1");
        assertThatThrownBy(() -> GatewayApiKinds.apiVersions("UDPRoute"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Gateway API kind meshtest knows: UDPRoute");
    }

    private static boolean allowed(Type type) {
        if (type instanceof Class<?> c) {
            return SCALARS.contains(c) || c.isEnum() || c == ObjectMeta.class || c == LabelSelector.class
                    || (c.isRecord() && c.getPackage() == HttpRoute.class.getPackage());
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == List.class) {
                return allowed(args[0]);
            }
            if (p.getRawType() == Map.class) {
                return args[0] == String.class && allowed(args[1]);
            }
        }
        return false;
    }

    private static Set<Class<?>> reachableRecords() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(GatewayApiKinds.KINDS.values());
        while (!todo.isEmpty()) {
            Class<?> record = todo.pop();
            if (!seen.add(record)) {
                continue;
            }
            for (RecordComponent c : record.getRecordComponents()) {
                for (Class<?> ref : referenced(c.getGenericType())) {
                    if (ref.isRecord() && ref.getPackage() == HttpRoute.class.getPackage()) {
                        todo.push(ref);
                    }
                }
            }
        }
        return seen;
    }

    private static List<Class<?>> referenced(Type type) {
        if (type instanceof Class<?> c) {
            return List.of(c);
        }
        List<Class<?>> out = new ArrayList<>();
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                out.addAll(referenced(arg));
            }
        }
        return out;
    }
}
