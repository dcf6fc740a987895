package dev.meshtest.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the example classes of {@link Examples} only when {@link MeshExtensionTest} runs them with
 * EngineTestKit (which sets {@value #PARAMETER}), not when an IDE runs everything in the package:
 * some of them fail on purpose.
 */
final class OnlyInTestKit implements ExecutionCondition {

    static final String PARAMETER = "dev.meshtest.junit.examples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).isPresent()
                ? ConditionEvaluationResult.enabled("run by MeshExtensionTest")
                : ConditionEvaluationResult.disabled("an example for MeshExtensionTest, run only by it");
    }
}
