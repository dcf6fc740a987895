package dev.meshtest;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

/**
 * Expected outcomes for tests: Envoy's own replies as a client's sidecar hands them to the client,
 * with the headers a real one carries ({@code content-length}; {@code content-type: text/plain}
 * with a body; {@code server: envoy}, the outbound listener's server name).
 */
public final class Replies {

    private Replies() {
    }

    /**
     * @param cluster the Envoy cluster, or {@code ""} for none
     * @param status the status
     * @param body the body
     * @param flags the response flags
     * @return the outcome
     */
    public static Outcome sidecar(String cluster, int status, String body, ResponseFlag... flags) {
        Outcome o = Outcome.of(status).withCluster(cluster).withBody(body)
                .withResponseHeader("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
                .withResponseHeader("server", "envoy");
        if (!body.isEmpty()) {
            o = o.withResponseHeader("content-type", "text/plain");
        }
        return flags.length == 0 ? o : o.withFlags(EnumSet.copyOf(List.of(flags)));
    }
}
