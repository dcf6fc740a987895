package dev.meshtest.internal.analysis;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.analysis.Level;
import dev.meshtest.internal.text.Shown;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The analysis messages meshtest reports, with Istio's codes, names, levels and templates
 * ({@code pkg/config/analysis/msg/messages.yaml}). Templates use Go's verbs as Istio writes them;
 * {@link #format} renders {@code %s}, {@code %d}, {@code %v} and {@code %q} as Go does for the
 * arguments meshtest passes (strings, numbers, lists of them).
 *
 * <pre>{@code
 * Code.REFERENCED_RESOURCE_NOT_FOUND.format("host", "ratings2");   // Referenced host not found: "ratings2"
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public enum Code {
    /** IST0101. */
    REFERENCED_RESOURCE_NOT_FOUND("IST0101", "ReferencedResourceNotFound", Level.ERROR, "Referenced %s not found: %q"),
    /** IST0102. */
    NAMESPACE_NOT_INJECTED("IST0102", "NamespaceNotInjected", Level.INFO, "The namespace is not enabled for Istio injection. "
            + "Run 'kubectl label namespace %s istio-injection=enabled' to enable it, or 'kubectl label namespace %s "
            + "istio-injection=disabled' to explicitly mark it as not needing injection."),
    /** IST0103. */
    POD_MISSING_PROXY("IST0103", "PodMissingProxy", Level.WARNING, "The pod %s is missing the Istio proxy. This can often be "
            + "resolved by restarting or redeploying the workload."),
    /** IST0107. */
    MISPLACED_ANNOTATION("IST0107", "MisplacedAnnotation", Level.WARNING, "Misplaced annotation: %s can only be applied to %s"),
    /** IST0108. */
    UNKNOWN_ANNOTATION("IST0108", "UnknownAnnotation", Level.WARNING, "Unknown annotation: %s"),
    /** IST0109. */
    CONFLICTING_MESH_GATEWAY_VIRTUAL_SERVICE_HOSTS("IST0109", "ConflictingMeshGatewayVirtualServiceHosts", Level.ERROR,
            "The VirtualServices %s associated with mesh gateway define the same host %s which can lead to undefined "
                    + "behavior. This can be fixed by merging the conflicting VirtualServices into a single resource."),
    /** IST0110. */
    CONFLICTING_SIDECAR_WORKLOAD_SELECTORS("IST0110", "ConflictingSidecarWorkloadSelectors", Level.ERROR,
            "The Sidecars %v in namespace %q select the same workload pod %q, which can lead to undefined behavior."),
    /** IST0111. */
    MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS("IST0111", "MultipleSidecarsWithoutWorkloadSelectors", Level.ERROR,
            "The Sidecars %v in namespace %q have no workload selector, which can lead to undefined behavior."),
    /** IST0112. */
    VIRTUAL_SERVICE_DESTINATION_PORT_SELECTOR_REQUIRED("IST0112", "VirtualServiceDestinationPortSelectorRequired", Level.ERROR,
            "This VirtualService routes to a service %q that exposes multiple ports %v. Specifying a port in the "
                    + "destination is required to disambiguate."),
    /** IST0116. */
    DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES("IST0116", "DeploymentAssociatedToMultipleServices", Level.WARNING,
            "This deployment %s is associated with multiple services using port %d but different protocols: %v"),
    /** IST0118. */
    PORT_NAME_IS_NOT_UNDER_NAMING_CONVENTION("IST0118", "PortNameIsNotUnderNamingConvention", Level.INFO,
            "Port name %s (port: %d, targetPort: %s) doesn't follow the naming convention of Istio port."),
    /** IST0127. */
    NO_MATCHING_WORKLOADS_FOUND("IST0127", "NoMatchingWorkloadsFound", Level.WARNING,
            "No matching workloads for this resource with the following labels: %s"),
    /** IST0128. */
    NO_SERVER_CERTIFICATE_VERIFICATION_DESTINATION_LEVEL("IST0128", "NoServerCertificateVerificationDestinationLevel",
            Level.WARNING, "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to "
                    + "validate server identity for host: %s"),
    /** IST0129. */
    NO_SERVER_CERTIFICATE_VERIFICATION_PORT_LEVEL("IST0129", "NoServerCertificateVerificationPortLevel", Level.WARNING,
            "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server "
                    + "identity for host: %s at port %s"),
    /** IST0130. */
    VIRTUAL_SERVICE_UNREACHABLE_RULE("IST0130", "VirtualServiceUnreachableRule", Level.WARNING,
            "VirtualService rule %v not used (%s)."),
    /** IST0131. */
    VIRTUAL_SERVICE_INEFFECTIVE_MATCH("IST0131", "VirtualServiceIneffectiveMatch", Level.INFO,
            "VirtualService rule %v match %v is not used (duplicate/overlapping match in rule %v)."),
    /** IST0132. */
    VIRTUAL_SERVICE_HOST_NOT_FOUND_IN_GATEWAY("IST0132", "VirtualServiceHostNotFoundInGateway", Level.WARNING,
            "one or more host %v defined in VirtualService %s not found in Gateway %s."),
    /** IST0135. */
    DEPRECATED_ANNOTATION("IST0135", "DeprecatedAnnotation", Level.INFO,
            "Annotation %q has been deprecated%s and may not work in future Istio versions."),
    /** IST0137. */
    DEPLOYMENT_CONFLICTING_PORTS("IST0137", "DeploymentConflictingPorts", Level.WARNING,
            "This deployment %s is associated with multiple services %v using targetPort %q but different ports: %v."),
    /** IST0145. */
    CONFLICTING_GATEWAYS("IST0145", "ConflictingGateways", Level.ERROR,
            "Conflict with gateways %s (workload selector %s, port %s, hosts %v)."),
    /** IST0162. */
    GATEWAY_PORT_NOT_DEFINED_ON_SERVICE("IST0162", "GatewayPortNotDefinedOnService", Level.WARNING,
            "The gateway is listening on a target port (port %d) that is not defined in the Service associated with its "
                    + "workload instances (Pod selector %s). If you need to access the gateway port through the gateway "
                    + "Service, it will not be available."),
    /** IST0133. */
    SCHEMA_WARNING("IST0133", "SchemaWarning", Level.WARNING, "Schema validation warning: %v"),
    /** IST0173. */
    DESTINATION_RULE_SUBSET_NOT_SELECT_PODS("IST0173", "DestinationRuleSubsetNotSelectPods", Level.ERROR,
            "The Subset %s defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).");

    final String code;
    final String name;
    final Level level;
    final String template;

    Code(String code, String name, Level level, String template) {
        this.code = code;
        this.name = name;
        this.level = level;
        this.template = template;
    }

    /** {@return Istio's code, {@code IST0101}} */
    public String code() {
        return code;
    }

    /**
     * The message text, as Go's {@code fmt.Sprintf} renders the template.
     *
     * @param args the arguments, in order
     * @return the text
     */
    public String format(Object... args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            char verb = template.charAt(++i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            Object a = args[next++];
            out.append(verb == 'q' ? quote(String.valueOf(a)) : go(a));
        }
        return out.toString();
    }

    /** Go's {@code %v} of a list: {@code [a b]}. */
    private static String go(Object a) {
        if (a instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? " " : "").append(go(list.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(a);
    }

    /** Go's {@code %q}: a double-quoted string with Go escapes. */
    private static String quote(String s) {
        return Shown.quoted(s);
    }
}
