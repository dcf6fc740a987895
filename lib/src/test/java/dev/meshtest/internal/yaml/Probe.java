package dev.meshtest.internal.yaml;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import dev.meshtest.config.kube.IntOrString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A test-only kind whose spec has one component of every type the binder supports. */
record Probe(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata, ProbeSpec spec)
        implements Resource {

    static final Kinds KINDS = Kinds.standard().toBuilder()
            .simulate("test.meshtest.dev/v1", "Probe", Probe.class)
            .build();

    enum Mode { ROUND_ROBIN, LEAST_REQUEST }

    @AcceptedFields({"note"})
    record ProbeSpec(
            @Required String id,
            Duration timeout,
            Instant at,
            IntOrString port,
            Mode mode,
            List<String> hosts,
            Map<String, Integer> weights,
            Object extra,
            long big,
            double share,
            boolean enabled,
            Double ratio,
            List<Step> steps) {

        ProbeSpec {
            hosts = hosts == null ? List.of() : hosts;
            weights = weights == null ? Map.of() : weights;
            steps = steps == null ? List.of() : steps;
        }
    }

    record Step(@Required Integer weight) {
        Step {
            if (weight != null && weight < 0) {
                throw new IllegalArgumentException("weight " + weight + " < 0");
            }
        }
    }
}
