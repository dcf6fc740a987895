package dev.meshtest.junit;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Chooses a test's seed, in the order {@link Seed} documents. */
final class Seeds {

    /** A seed and where it came from, in words for the failure message. */
    record Choice(long seed, String source) {
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Seeds() {
    }

    static Choice choose(ExtensionContext context) {
        Optional<String> property = context.getConfigurationParameter(MeshExtension.SEED_PROPERTY);
        if (property.isPresent()) {
            return new Choice(parse(property.get()), "from " + MeshExtension.SEED_PROPERTY);
        }
        Optional<Method> method = context.getTestMethod();
        if (method.isPresent()) {
            Optional<Seed> seed = AnnotationSupport.findAnnotation(method.get(), Seed.class);
            if (seed.isPresent()) {
                return new Choice(seed.get().value(), "from @Seed on " + method.get().getName() + "()");
            }
        }
        for (Class<?> type : testClasses(context)) {
            Optional<Seed> seed = AnnotationSupport.findAnnotation(type, Seed.class);
            if (seed.isPresent()) {
                return new Choice(seed.get().value(), "from @Seed on " + type.getSimpleName());
            }
        }
        return new Choice(fromUniqueId(context.getUniqueId()), "derived from the test's unique id");
    }

    /**
     * The classes of a context and the contexts around it, innermost first: for a test method of a
     * {@code @Nested} class, the nested class, then the class around it, and so on.
     */
    static List<Class<?>> testClasses(ExtensionContext context) {
        List<Class<?>> classes = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            c.getTestClass().ifPresent(type -> {
                if (classes.isEmpty() || classes.get(classes.size() - 1) != type) {
                    classes.add(type);
                }
            });
        }
        return classes;
    }

    /**
     * The default seed of a test: the 64-bit FNV-1a hash of its unique id's UTF-8 bytes, from the
     * Jupiter engine's segment on, so that the same test has the same seed when a suite or another
     * launcher runs it.
     */
    static long fromUniqueId(String uniqueId) {
        int engine = uniqueId.lastIndexOf("[engine:");
        String id = engine > 0 ? uniqueId.substring(engine) : uniqueId;
        long hash = FNV_OFFSET;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    static long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(MeshExtension.SEED_PROPERTY + "=\"" + value
                    + "\" is not a seed: give a whole number that fits a Java long, for example -D"
                    + MeshExtension.SEED_PROPERTY + "=42", e);
        }
    }
}
