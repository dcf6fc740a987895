package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Kubernetes Deployment: {@code replicas} pods made from a template.
 *
 * <pre>{@code
 * apiVersion: apps/v1
 * kind: Deployment
 * metadata: {name: helloworld-v1}
 * spec:
 *   replicas: 1
 *   selector: {matchLabels: {app: helloworld, version: v1}}
 *   template:
 *     metadata: {labels: {app: helloworld, version: v1}}
 *     spec:
 *       containers: [{name: helloworld, image: docker.io/istio/examples-helloworld-v1, ports: [{containerPort: 5000}]}]
 * }</pre>
 *
 * @param apiVersion {@code apps/v1}
 * @param kind {@code Deployment}
 * @param metadata the name, namespace and labels
 * @param spec the replica count, selector and pod template
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.1")
public record Deployment(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                         @Required DeploymentSpec spec) implements Resource {
}
