package dev.meshtest.internal.cluster;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Resource;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.ContainerPort;
import dev.meshtest.config.kube.Deployment;
import dev.meshtest.config.kube.DeploymentSpec;
import dev.meshtest.config.kube.IntOrString;
import dev.meshtest.config.kube.LabelSelector;
import dev.meshtest.config.kube.Namespace;
import dev.meshtest.config.kube.Pod;
import dev.meshtest.config.kube.PodSpec;
import dev.meshtest.config.kube.PodTemplateSpec;
import dev.meshtest.config.kube.Service;
import dev.meshtest.config.kube.ServicePort;
import dev.meshtest.config.kube.ServiceSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test objects built in Java, as the YAML reader would build them. */
final class K8s {

    private K8s() {
    }

    /** Stands in for an Istio config record (the real ones live in config.istio). */
    record FakeVirtualService(String apiVersion, String kind, ObjectMeta metadata, List<String> hosts)
            implements Resource {
    }

    /** Stands in for another Istio kind. */
    record FakeDestinationRule(String apiVersion, String kind, ObjectMeta metadata, String host)
            implements Resource {
    }

    static FakeVirtualService vs(String name, String namespace, String... hosts) {
        return new FakeVirtualService("networking.istio.io/v1", "VirtualService", ObjectMeta.of(name, namespace),
                List.of(hosts));
    }

    static FakeVirtualService vs(String name, String namespace, Instant created) {
        return new FakeVirtualService("networking.istio.io/v1", "VirtualService",
                new ObjectMeta(name, namespace, Map.of(), Map.of(), created, null), List.of(name));
    }

    static FakeDestinationRule dr(String name, String namespace, String host) {
        return new FakeDestinationRule("networking.istio.io/v1", "DestinationRule", ObjectMeta.of(name, namespace),
                host);
    }

    static Namespace ns(String name) {
        return ns(name, Map.of());
    }

    static Namespace ns(String name, Map<String, String> labels) {
        return new Namespace("v1", "Namespace", ObjectMeta.of(name, null, labels));
    }

    static ServicePort port(String name, int port) {
        return new ServicePort(name, port, null, null, null, null);
    }

    static ServicePort port(String name, int port, int targetPort) {
        return new ServicePort(name, port, IntOrString.of(targetPort), null, null, null);
    }

    static ServicePort port(String name, int port, String targetPort) {
        return new ServicePort(name, port, IntOrString.of(targetPort), null, null, null);
    }

    static Service svc(String name, String namespace, Map<String, String> selector, ServicePort... ports) {
        return new Service("v1", "Service", ObjectMeta.of(name, namespace),
                new ServiceSpec(selector, Arrays.asList(ports), null, null, null, null));
    }

    static Service svc(String name, String namespace, ServiceSpec spec) {
        return new Service("v1", "Service", ObjectMeta.of(name, namespace), spec);
    }

    static ContainerPort cport(int port) {
        return new ContainerPort(null, port, null, null, null);
    }

    static ContainerPort cport(String name, int port) {
        return new ContainerPort(name, port, null, null, null);
    }

    static Container container(String name, ContainerPort... ports) {
        return new Container(name, "docker.io/example/" + name, Arrays.asList(ports));
    }

    static Deployment deployment(String name, String namespace, Integer replicas, Map<String, String> labels,
                                 ContainerPort... ports) {
        return deployment(name, namespace, replicas, labels, Map.of(), ports);
    }

    static Deployment deployment(String name, String namespace, Integer replicas, Map<String, String> labels,
                                 Map<String, String> podAnnotations, ContainerPort... ports) {
        return new Deployment("apps/v1", "Deployment", ObjectMeta.of(name, namespace, labels),
                new DeploymentSpec(replicas, new LabelSelector(labels, null), new PodTemplateSpec(
                        new ObjectMeta(null, null, labels, podAnnotations, null, null),
                        new PodSpec(List.of(container("app", ports)), null, null, null, null))));
    }

    static Pod pod(String name, String namespace, Map<String, String> labels, ContainerPort... ports) {
        return pod(name, namespace, labels, Map.of(), false, ports);
    }

    static Pod pod(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
                   boolean hostNetwork, ContainerPort... ports) {
        return new Pod("v1", "Pod", new ObjectMeta(name, namespace, labels, annotations, null, null),
                new PodSpec(List.of(container(name, ports)), null, hostNetwork ? Boolean.TRUE : null, null, null));
    }

    static List<Manifest> m(Resource... resources) {
        return Arrays.stream(resources).map(Manifest::inCode).toList();
    }
}
