/**
 * Kubernetes objects meshtest simulates: {@link dev.meshtest.config.kube.Namespace},
 * {@link dev.meshtest.config.kube.Service}, {@link dev.meshtest.config.kube.Deployment} and
 * {@link dev.meshtest.config.kube.Pod}. Kinds that real manifests carry but routing ignores
 * (ServiceAccount, ConfigMap, ...) are read as {@link dev.meshtest.config.IgnoredResource}.
 */
package dev.meshtest.config.kube;
