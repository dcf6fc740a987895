/**
 * Istio's rules that both the layers checking configuration ({@code internal.validate}) and
 * those compiling it ({@code internal.proxy}) need, so each is written once: host-name
 * comparisons ({@link dev.meshtest.internal.istio.HostName}) and which Sidecar egress listeners
 * capture an application's requests ({@link dev.meshtest.internal.istio.SidecarEgress}). Uses
 * {@code config} only.
 */
package dev.meshtest.internal.istio;
