/**
 * The simulated cluster: what Kubernetes and istiod know before any request is sent.
 *
 * <p>{@link dev.meshtest.internal.cluster.Cluster} takes manifests ({@code config} records) through an
 * atomic, {@code kubectl apply}-like {@link dev.meshtest.internal.cluster.Cluster#apply apply}: it checks
 * them through {@code validate.Admission} (the API server's own checks, then Istio's webhook) and
 * against the cluster (namespaces exist, ClusterIPs are free, immutable fields stay), turns
 * Deployments into pods with Kubernetes-style names, decides sidecar injection, allocates pod IPs
 * and ClusterIPs, and stores every other object (Istio configs) with its creation time.
 * {@link dev.meshtest.internal.cluster.ClusterState} is the immutable snapshot the layers above read:
 * namespaces, {@link dev.meshtest.internal.cluster.ClusterPod pods} with their
 * {@link dev.meshtest.internal.cluster.ProxyKind proxy}, {@link dev.meshtest.internal.cluster.ClusterService Services}
 * with Istio's {@link dev.meshtest.config.istio.Protocol protocol} per port,
 * {@link dev.meshtest.internal.cluster.Endpoint endpoints}, DNS resolution, and configs in creation order.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.withIstio(42);
 * cluster.apply(manifests);
 * ClusterState s = cluster.state();
 * ClusterService svc = s.resolve("helloworld", "default").orElseThrow();
 * s.endpoints(svc, 5000);                        // the helloworld pods, at their targetPort
 * s.configs(VirtualService.class);               // oldest first
 * }</pre>
 *
 * <p>The Kubernetes rules implemented here (endpoints, protocol selection, injection, DNS search
 * list) are in exactly one place each: {@link dev.meshtest.internal.cluster.ClusterState} (endpoints, DNS),
 * {@link dev.meshtest.config.istio.Protocol}, {@link dev.meshtest.internal.cluster.InjectionDecision}. Everything
 * is deterministic: no hash-order iteration, no wall clock; what looks random (pod name suffixes)
 * comes from the cluster's seed.
 *
 * <p>Not simulated: ReplicationControllers (refused by the reader), nodes beyond one, the
 * {@code kubernetes} and {@code kube-dns} Services, node ports, rolling update surges and pace
 * (a changed template replaces the pods at once).
 */
package dev.meshtest.internal.cluster;
