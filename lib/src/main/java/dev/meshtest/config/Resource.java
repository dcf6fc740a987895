package dev.meshtest.config;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A Kubernetes or Istio object as written in a manifest: {@code apiVersion}, {@code kind},
 * {@code metadata} and (for most kinds) a {@code spec}.
 *
 * <pre>{@code
 * Resource r = ...;
 * r.ref();        // VirtualService default/helloworld-vs
 * r.namespace();  // "default" when the manifest names none
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public interface Resource {

    /** The namespace an object lands in when its manifest names none, as with {@code kubectl apply}. */
    String DEFAULT_NAMESPACE = "default";

    /** {@return the {@code apiVersion} as written, for example {@code networking.istio.io/v1}} */
    String apiVersion();

    /** {@return the {@code kind} as written, for example {@code VirtualService}} */
    String kind();

    /** {@return the object's metadata; never {@code null}} */
    ObjectMeta metadata();

    /** {@return {@code metadata.name}} */
    default String name() {
        return metadata().name();
    }

    /**
     * {@return {@code metadata.namespace}, or {@value #DEFAULT_NAMESPACE} when absent} A Namespace,
     * being cluster-scoped, answers {@code ""}.
     */
    default String namespace() {
        String ns = metadata().namespace();
        return ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
    }

    /**
     * {@return kind, namespace and name: how messages name this object} With the API group where the
     * kind's name alone is ambiguous (the Gateway API's {@code Gateway}), see {@link ResourceRef}.
     */
    default ResourceRef ref() {
        return ResourceRef.of(apiVersion(), kind(), namespace(), name());
    }
}
