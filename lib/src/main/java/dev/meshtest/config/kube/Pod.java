package dev.meshtest.config.kube;

import static org.apiguardian.api.API.Status.STABLE;

import dev.meshtest.config.AcceptedFields;
import dev.meshtest.config.ObjectMeta;
import dev.meshtest.config.Required;
import dev.meshtest.config.Resource;
import org.apiguardian.api.API;

/**
 * A Kubernetes Pod, for example the client made by {@code kubectl run nginx --image=nginx}
 * (a Pod {@code nginx} labelled {@code run: nginx}).
 *
 * <pre>{@code
 * apiVersion: v1
 * kind: Pod
 * metadata: {name: nginx, labels: {run: nginx}}
 * spec:
 *   containers: [{name: nginx, image: nginx}]
 * }</pre>
 *
 * @param apiVersion {@code v1}
 * @param kind {@code Pod}
 * @param metadata the name, namespace and labels
 * @param spec the containers, their ports and the service account
 */
@AcceptedFields({"status"})
@API(status = STABLE, since = "0.1")
public record Pod(@Required String apiVersion, @Required String kind, @Required ObjectMeta metadata,
                  @Required PodSpec spec) implements Resource {
}
