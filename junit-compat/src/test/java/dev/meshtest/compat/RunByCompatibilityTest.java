package dev.meshtest.compat;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the classes of {@link CompatExamples} only when {@link JUnitCompatibilityTest} runs them
 * with EngineTestKit (which sets {@value #PARAMETER}), not when an IDE runs the whole package: one
 * of them fails on purpose.
 */
final class RunByCompatibilityTest implements ExecutionCondition {

    static final String PARAMETER = "dev.meshtest.compat.examples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).isPresent()
                ? ConditionEvaluationResult.enabled("run by JUnitCompatibilityTest")
                : ConditionEvaluationResult.disabled("an example for JUnitCompatibilityTest, run only by it");
    }
}
