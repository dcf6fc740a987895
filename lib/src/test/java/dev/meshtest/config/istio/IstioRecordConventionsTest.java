package dev.meshtest.config.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.kube.IntOrString;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * every record reachable from the four simulated kinds.
 */
class IstioRecordConventionsTest {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Integer.class, Long.class,
            Double.class, Boolean.class, Duration.class, Instant.class, IntOrString.class, Object.class);

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
        // Guards the walk above (it must see the deepest types) and catches orphaned records.
        Set<Class<?>> inPackage = new LinkedHashSet<>();
        Path dir = Path.of(VirtualService.class.getResource("VirtualService.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName(VirtualService.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length()));
                    if (c.isRecord()) {
                        inPackage.add(c);
                    }
                }
            }
        }
        assertThat(reachableRecords()).containsExactlyInAnyOrderElementsOf(inPackage).hasSizeGreaterThan(50);
    }

    @Test
    void registryNamesEachKindByItsRecord() {
        IstioKinds.SIMULATED.forEach((kind, type) -> assertThat(type.getSimpleName()).isEqualTo(kind));
        assertThat(IstioKinds.SIMULATED.keySet())
                .containsExactly("VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "Sidecar", "PeerAuthentication",
                        "AuthorizationPolicy", "RequestAuthentication");
        assertThat(IstioKinds.NOT_SIMULATED).doesNotContainKeys("VirtualService", "DestinationRule",
                "Gateway", "ServiceEntry", "Sidecar", "PeerAuthentication", "AuthorizationPolicy", "RequestAuthentication");
        assertThat(IstioKinds.apiVersions("PeerAuthentication"))
                .containsExactly("security.istio.io/v1", "security.istio.io/v1beta1");
        assertThat(IstioKinds.apiVersions("Sidecar")).isEqualTo(IstioKinds.NETWORKING_API_VERSIONS);
    }

    private static boolean allowed(Type type) {
        if (type instanceof Class<?> c) {
            return SCALARS.contains(c) || c.isEnum() || c == ObjectMeta.class
                    || (c.isRecord() && c.getPackage() == VirtualService.class.getPackage());
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
        // The four kinds, plus MeshConfig: not a Kubernetes object, read with ManifestReader.readObject.
        Deque<Class<?>> todo = new ArrayDeque<>(IstioKinds.SIMULATED.values());
        todo.add(MeshConfig.class);
        while (!todo.isEmpty()) {
            Class<?> record = todo.pop();
            if (!seen.add(record)) {
                continue;
            }
            for (RecordComponent c : record.getRecordComponents()) {
                for (Class<?> ref : referenced(c.getGenericType())) {
                    if (ref.isRecord() && ref.getPackage() == VirtualService.class.getPackage()) {
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
