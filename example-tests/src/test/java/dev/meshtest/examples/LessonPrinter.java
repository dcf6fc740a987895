package dev.meshtest.examples;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints each lesson's display name as it passes or fails, so running the lessons reads like
 * what they demonstrate:
 *
 * <pre>
 *   PASS  Helloworld: how Istio routes a request > Gateways > Traffic entering through ...
 * </pre>
 */
public final class LessonPrinter implements TestWatcher {

    @Override
    public void testSuccessful(ExtensionContext context) {
        System.out.println("  PASS  " + path(context));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.out.println("  FAIL  " + path(context) + "\n        " + cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        System.out.println("  SKIP  " + path(context));
    }

    private static String path(ExtensionContext context) {
        String name = context.getDisplayName();
        Optional<ExtensionContext> parent = context.getParent();
        while (parent.isPresent() && parent.get().getParent().isPresent()) {
            name = parent.get().getDisplayName() + " > " + name;
            parent = parent.get().getParent();
        }
        return name;
    }
}
