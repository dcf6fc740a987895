/**
 * {@code istioctl analyze} for a mesh: {@link dev.meshtest.analysis.Analysis} from
 * {@code mesh.analyze()}, its {@link dev.meshtest.analysis.AnalysisMessage}s with Istio's codes,
 * levels and texts. See {@code docs/validation.md} for the analyzers meshtest runs.
 */
package dev.meshtest.analysis;
