package dev.meshtest.junit;

import dev.meshtest.Mesh;
import dev.meshtest.traffic.TrafficResult;
import java.util.function.Consumer;

/**
 * How the extension hears of the traffic a test sends: it attaches a sink to each mesh it creates,
 * and the sink must then get every {@link TrafficResult} that mesh's {@code send(...)...to(...)}
 * returns, in order. A seam until {@link Mesh} has a listener of its own (then the production tap
 * is {@code (mesh, sink) -> mesh.onTraffic(sink)}); until then {@link #NONE} hears nothing and
 * failures publish no traffic summary.
 */
@FunctionalInterface
interface TrafficTap {

    /** Hears nothing: {@code Mesh} has no traffic listener yet. */
    TrafficTap NONE = (mesh, sink) -> { };

    void attach(Mesh mesh, Consumer<TrafficResult> sink);
}
