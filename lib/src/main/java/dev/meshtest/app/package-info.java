/**
 * What the pods' apps do: {@link dev.meshtest.app.App} (service time, status and error rate,
 * body, calls to other services), {@link dev.meshtest.app.Call} (one such call, with its timeout,
 * retries and forwarded headers) and {@link dev.meshtest.app.Latency} (fixed, uniform,
 * exponential or log-normal durations on the mesh's virtual clock).
 *
 * <pre>{@code
 * mesh.withApp("ratings-v1", App.serviceTime(Latency.logNormal(Duration.ofMillis(20), 0.4)).failing(503, 0.1));
 * }</pre>
 */
package dev.meshtest.app;
