package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Whether a ServiceEntry's service is outside or part of the mesh (proto {@code ServiceEntry.Location}).
 *
 * <pre>{@code
 * spec:
 *   location: MESH_INTERNAL
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public enum ServiceEntryLocation {
    /** Outside the mesh, typically an external API. */
    MESH_EXTERNAL,
    /** Part of the mesh, typically workloads on VMs. */
    MESH_INTERNAL
}
