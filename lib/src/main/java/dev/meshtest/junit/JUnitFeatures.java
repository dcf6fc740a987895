package dev.meshtest.junit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * What the JUnit Jupiter on the class path can do, found out once, when this class loads.
 *
 * <p>meshtest is compiled against one JUnit (the parent pom's {@code junit.version}) and runs on
 * every JUnit from 5.10.0 through 6.x. Every call to an API that 5.10 does not have goes through
 * this class, and each is probed before it is used, so an older JUnit gets a fallback instead of a
 * {@link NoSuchMethodError} or {@link NoClassDefFoundError}. Calls that need a class 5.10 lacks sit
 * in their own nested classes, which the JVM loads only when they run.
 *
 * <table>
 *   <caption>The version-dependent API meshtest uses</caption>
 *   <tr><th>API</th><th>since</th><th>on older JUnit</th></tr>
 *   <tr><td>{@code TestInstantiationAwareExtension.getTestInstantiationExtensionContextScope},
 *       {@code ExtensionContextScope.TEST_METHOD}: constructor parameters resolved in the test
 *       method's context</td><td>5.12</td><td>the constructor gets the class's context, which
 *       belongs to no test, so a {@code Mesh} constructor parameter fails with a message that says
 *       JUnit 5.12 is needed ({@link #CONSTRUCTOR_IN_TEST_CONTEXT})</td></tr>
 *   <tr><td>{@code ExtensionContext.publishFile(String, org.junit.jupiter.api.extension.MediaType,
 *       ThrowingConsumer)}</td><td>5.12, deprecated for removal in 5.14</td><td rowspan="2">the
 *       traffic summary is published as a report entry instead of a file
 *       ({@link #publishTextFile})</td></tr>
 *   <tr><td>{@code ExtensionContext.publishFile(String, org.junit.jupiter.api.MediaType,
 *       ThrowingConsumer)}</td><td>5.14</td></tr>
 *   <tr><td>{@code ExtensionContext.Store.computeIfAbsent(key, Function, Class)}, where
 *       {@code getOrComputeIfAbsent} (5.0) is deprecated</td><td>6.0</td><td>{@code getOrComputeIfAbsent},
 *       which remembers a failed creation and throws it again on {@code get};
 *       {@code computeIfAbsent} stores nothing for a failed creation ({@link #computeIfAbsent})</td></tr>
 * </table>
 */
final class JUnitFeatures {

    /**
     * The version of junit-jupiter-api on the class path, from its jar's manifest, for example
     * {@code "5.10.5"}; {@code "(unknown version)"} when the jar has no manifest.
     */
    static final String VERSION = version();

    /**
     * Whether an extension can have the constructor's parameters resolved in the test method's
     * context (JUnit 5.12+: {@code ParameterResolver} extends {@code TestInstantiationAwareExtension}).
     */
    static final boolean CONSTRUCTOR_IN_TEST_CONTEXT = constructorInTestContext();

    /** How this JUnit publishes files, if it does. */
    enum FilePublishing {
        /** {@code publishFile} with {@code org.junit.jupiter.api.MediaType} (5.14+). */
        API_MEDIA_TYPE,
        /** {@code publishFile} with {@code org.junit.jupiter.api.extension.MediaType} (5.12, 5.13). */
        EXTENSION_MEDIA_TYPE,
        /** No {@code publishFile} (before 5.12). */
        NONE
    }

    /** How files are published on this JUnit. */
    static final FilePublishing FILES = filePublishing();

    /** {@code Store.computeIfAbsent(Object, Function, Class)} (6.0+), or null before 6.0. */
    private static final MethodHandle COMPUTE_IF_ABSENT = computeIfAbsentHandle();

    private JUnitFeatures() {
    }

    private static String version() {
        Package p = ExtensionContext.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? "(unknown version)" : v;
    }

    private static boolean constructorInTestContext() {
        try {
            Class<?> aware = Class.forName("org.junit.jupiter.api.extension.TestInstantiationAwareExtension",
                    false, ParameterResolver.class.getClassLoader());
            Class.forName("org.junit.jupiter.api.extension.TestInstantiationAwareExtension$ExtensionContextScope",
                    false, ParameterResolver.class.getClassLoader());
            return aware.isAssignableFrom(ParameterResolver.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static FilePublishing filePublishing() {
        if (hasPublishFile("org.junit.jupiter.api.MediaType")) {
            return FilePublishing.API_MEDIA_TYPE;
        }
        if (hasPublishFile("org.junit.jupiter.api.extension.MediaType")) {
            return FilePublishing.EXTENSION_MEDIA_TYPE;
        }
        return FilePublishing.NONE;
    }

    private static boolean hasPublishFile(String mediaType) {
        try {
            Class<?> type = Class.forName(mediaType, false, ExtensionContext.class.getClassLoader());
            ExtensionContext.class.getMethod("publishFile", String.class, type, ThrowingConsumer.class);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    private static MethodHandle computeIfAbsentHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(ExtensionContext.Store.class, "computeIfAbsent",
                    MethodType.methodType(Object.class, Object.class, Function.class, Class.class));
        } catch (NoSuchMethodException | IllegalAccessException | LinkageError e) {
            return null;
        }
    }

    /**
     * The value stored under {@code key}, created by {@code creator} and stored if there is none:
     * {@code computeIfAbsent} on JUnit 6, {@code getOrComputeIfAbsent} before. A failure of
     * {@code creator} is thrown as it is.
     */
    static <K, V> V computeIfAbsent(ExtensionContext.Store store, K key, Function<K, V> creator, Class<V> type) {
        if (COMPUTE_IF_ABSENT == null) {
            return getOrComputeIfAbsent(store, key, creator, type);
        }
        try {
            return type.cast(COMPUTE_IF_ABSENT.invoke(store, key, creator, type));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new UndeclaredThrowableException(checked);
        }
    }

    @SuppressWarnings("deprecation") // deprecated in JUnit 6.0, the only choice before it
    private static <K, V> V getOrComputeIfAbsent(ExtensionContext.Store store, K key, Function<K, V> creator,
            Class<V> type) {
        return store.getOrComputeIfAbsent(key, creator, type);
    }

    /**
     * Publishes {@code text} as a UTF-8 {@code text/plain} file of the test, if this JUnit can
     * publish files.
     *
     * @return whether it was published; false before JUnit 5.12, when the launcher has no output
     *     directory (EngineTestKit without one refuses to write files), or when the JUnit jars on
     *     the class path are of different versions and the call cannot link
     */
    static boolean publishTextFile(ExtensionContext context, String name, String text) {
        return publishFile(context, name, "text", "plain", text);
    }

    /** As {@link #publishTextFile}, with the media type {@code type/subtype} (UTF-8). */
    static boolean publishFile(ExtensionContext context, String name, String type, String subtype, String text) {
        try {
            switch (FILES) {
                case API_MEDIA_TYPE -> Since514.publish(context, name, type, subtype, text);
                case EXTENSION_MEDIA_TYPE -> Since512.publish(context, name, type, subtype, text);
                case NONE -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException | LinkageError notPublished) {
            return false;
        }
    }

    /** Loaded only on JUnit 5.14+, which has {@code org.junit.jupiter.api.MediaType}. */
    private static final class Since514 {
        static void publish(ExtensionContext context, String name, String type, String subtype, String text) {
            context.publishFile(name, org.junit.jupiter.api.MediaType.create(type, subtype, StandardCharsets.UTF_8),
                    path -> Files.writeString(path, text, StandardCharsets.UTF_8));
        }
    }

    /** Loaded only on JUnit 5.12 and 5.13, whose {@code publishFile} takes the extension package's MediaType. */
    private static final class Since512 {
        @SuppressWarnings({"deprecation", "removal"}) // the only publishFile of 5.12 and 5.13
        static void publish(ExtensionContext context, String name, String type, String subtype, String text) {
            context.publishFile(name, org.junit.jupiter.api.extension.MediaType.create(type, subtype, StandardCharsets.UTF_8),
                    path -> Files.writeString(path, text, StandardCharsets.UTF_8));
        }
    }
}
