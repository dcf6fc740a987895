package dev.meshtest.junit;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link MeshCases}, for {@link MeshExtension} (which registers itself as the
 * template's invocation provider): one invocation per case of the table, named after its line and
 * name; each applies the table's config to the invocation's mesh, runs the annotated method, then
 * checks the case. Uses only junit-jupiter-api of JUnit 5.10 ({@code TestTemplateInvocationContextProvider}
 * and {@code InvocationInterceptor.interceptTestTemplateMethod} are older), so it needs no probe in
 * {@link JUnitFeatures}.
 */
final class RouteCases {

    private RouteCases() {
    }

    static boolean supports(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, MeshCases.class)).orElse(false);
    }

    static Stream<TestTemplateInvocationContext> invocations(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        MeshCases cases = AnnotationSupport.findAnnotation(method, MeshCases.class).orElseThrow();
        RouteTable table;
        try {
            table = RouteTable.read(cases.value());
        } catch (MeshConfigException e) {
            throw new ExtensionConfigurationException("@MeshCases(\"" + cases.value() + "\") on "
                    + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(): " + e.getMessage(), e);
        }
        return table.rows().stream().map(row -> new RowInvocation(table, row));
    }

    /** One case as one test. */
    private record RowInvocation(RouteTable table, RouteTable.Row row) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return row.displayName();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Check(table, row));
        }
    }

    /** Applies the table's config, runs the method, then checks the case. */
    private record Check(RouteTable table, RouteTable.Row row) implements InvocationInterceptor {

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
            if (row.value() == null) {
                invocation.skip();
                throw row.problems();
            }
            Mesh mesh = MeshExtension.mesh(extensionContext);
            table.applyTo(mesh);
            invocation.proceed();
            RouteCheck.check(row, mesh);
        }
    }
}
