package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.istio.IstioKinds;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link Kinds#durationRuleOn} names real components: of every duration reachable from Istio's
 * kinds, exactly the three whose v1 CRD field has no duration rule answer {@code false}.
 */
class DurationRuleTableTest {

    @Test
    void theDurationsWithoutTheRuleAreExactlyTheThreeOfTheCrds() {
        Set<String> withoutRule = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(IstioKinds.SIMULATED.values());
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.isRecord() || !seen.add(type)) {
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType() == Duration.class && !Kinds.durationRuleOn(type, c.getName())) {
                    withoutRule.add(type.getSimpleName() + "." + c.getName());
                }
                addTypes(c.getGenericType(), todo);
            }
        }
        assertThat(withoutRule).containsExactly("HttpCookie.ttl", "RetryBudget.budgetInterval", "TcpSettings.idleTimeout");
    }

    private static void addTypes(Type t, Deque<Class<?>> todo) {
        if (t instanceof Class<?> c) {
            todo.push(c);
        } else if (t instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                addTypes(a, todo);
            }
        }
    }
}
