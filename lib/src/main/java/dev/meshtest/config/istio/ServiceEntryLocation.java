package dev.meshtest.config.istio;

/**
 * Whether a ServiceEntry's service is outside or part of the mesh (proto {@code ServiceEntry.Location}).
 *
 * <pre>{@code
 * spec:
 *   location: MESH_INTERNAL
 * }</pre>
 */
public enum ServiceEntryLocation {
    /** Outside the mesh, typically an external API. */
    MESH_EXTERNAL,
    /** Part of the mesh, typically workloads on VMs. */
    MESH_INTERNAL
}
