package dev.meshtest.internal.validate;

import static dev.meshtest.internal.validate.Values.isEmpty;
import static dev.meshtest.internal.validate.Values.orZero;
import static dev.meshtest.internal.validate.Values.quote;

import dev.meshtest.config.istio.Protocol;
import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.config.istio.ServiceEntryLocation;
import dev.meshtest.config.istio.ServiceEntryResolution;
import dev.meshtest.config.istio.ServiceEntrySpec;
import dev.meshtest.config.istio.ServicePort;
import dev.meshtest.config.istio.WorkloadEntry;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Istio's {@code ValidateServiceEntry} ({@code pkg/config/validation/validation.go}) plus the
 * ServiceEntry CRD's CEL rules (ports, endpoints, resolution/endpoint consistency).
 *
 * <pre>{@code
 * new ServiceEntryValidator(findings, "default").validate(serviceEntry);
 * }</pre>
 */
final class ServiceEntryValidator {

    private static final Pattern PORT_NAME = Pattern.compile("[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?");

    private final Findings f;
    private final String namespace;

    ServiceEntryValidator(Findings findings, String namespace) {
        this.f = findings;
        this.namespace = namespace;
    }

    void validate(ServiceEntry se) {
        ServiceEntrySpec spec = se.spec() == null
                ? new ServiceEntrySpec(null, null, null, null, null, null, null, null, null) : se.spec();
        ServiceEntryResolution resolution = spec.resolution() == null ? ServiceEntryResolution.NONE : spec.resolution();
        ServiceEntryLocation location = spec.location() == null ? ServiceEntryLocation.MESH_EXTERNAL : spec.location();
        schema(spec, resolution);

        // ValidateAlphaWorkloadSelector: a bad selector is all Istio reports
        if (Values.alphaWorkloadSelector(f, spec.workloadSelector(), "service entry")) {
            return;
        }
        if (spec.workloadSelector() != null && !spec.endpoints().isEmpty()) {   // the proto: an empty list is none
            f.error("spec", "only one of WorkloadSelector or Endpoints is allowed in Service Entry");
        }

        if (spec.hosts().isEmpty()) {
            f.error("spec.hosts", "service entry must have at least one host");
        }
        for (int i = 0; i < spec.hosts().size(); i++) {
            String h = Objects.requireNonNullElse(spec.hosts().get(i), "");
            String hp = "spec.hosts[" + i + "]";
            if (h.equals("*")) {
                f.error(hp, "invalid host *");
            } else {
                f.error(hp, Names.wildcardDomain(h));
                if (resolution != ServiceEntryResolution.DYNAMIC_DNS) {
                    f.warn(hp, Names.partialWildcard(h));
                }
            }
        }

        boolean cidr = false;
        for (int i = 0; i < spec.addresses().size(); i++) {
            String a = Objects.requireNonNullElse(spec.addresses().get(i), "");
            cidr |= a.contains("/");
            f.error("spec.addresses[" + i + "]", Names.ipSubnet(a));
        }
        if (cidr && resolution != ServiceEntryResolution.NONE && resolution != ServiceEntryResolution.STATIC) {
            f.error("spec.resolution", "CIDR addresses are allowed only for NONE/STATIC resolution types");
        }

        boolean autoAllocation = resolution != ServiceEntryResolution.NONE
                && !"false".equalsIgnoreCase(se.metadata().labels().get("networking.istio.io/enable-autoallocate-ip"))
                && spec.addresses().isEmpty();
        Set<String> portNames = new LinkedHashSet<>();
        Set<Integer> portNumbers = new HashSet<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort port = spec.ports().get(i);
            String pp = "spec.ports[" + i + "]";
            if (port == null) {
                f.error(pp, "service entry port may not be null");
                continue;
            }
            String name = Objects.requireNonNullElse(port.name(), "");
            int number = orZero(port.number());
            if (!portNames.add(name)) {
                f.error(pp + ".name", "service entry port name " + quote(name) + " already defined");
            }
            if (!portNumbers.add(number)) {
                f.error(pp + ".number", "service entry port " + number + " already defined");
            }
            if (orZero(port.targetPort()) != 0) {
                f.error(pp + ".targetPort", Values.port(port.targetPort()));
            }
            String protocol = Objects.requireNonNullElse(port.protocol(), "");
            if (spec.addresses().isEmpty() && !autoAllocation && (protocol.isEmpty() || protocol.equals("TCP"))) {
                f.warn(pp, "addresses are required for ports serving TCP (or unset) protocol "
                        + "when IP Autoallocation is not enabled");
            }
            f.error(pp + ".name", portName(name));
            if (!protocol.isEmpty() && Protocol.parse(protocol) == Protocol.AUTO) {
                f.error(pp + ".protocol", "unsupported protocol: " + protocol);
            }
            f.error(pp + ".number", Values.port(number));
        }

        switch (resolution) {
            case NONE -> {
                if (!spec.endpoints().isEmpty()) {
                    f.error("spec.endpoints", "no endpoints should be provided for resolution type none");
                }
                if (spec.workloadSelector() != null) {
                    f.warn("spec.workloadSelector", "workloadSelector should not be set when resolution mode is NONE");
                }
            }
            case STATIC -> {
                for (int i = 0; i < spec.endpoints().size(); i++) {
                    staticEndpoint(spec.endpoints().get(i), portNames, "spec.endpoints[" + i + "]");
                }
            }
            case DNS, DNS_ROUND_ROBIN -> dns(spec, resolution, portNames);
            case DYNAMIC_DNS -> dynamicDns(spec, resolution, location, se.metadata().labels());
            default -> f.error("spec.resolution", "unsupported resolution type " + resolution);
        }

        if (resolution != ServiceEntryResolution.NONE && spec.hosts().size() > 1) {
            for (int i = 0; i < spec.ports().size(); i++) {
                ServicePort port = spec.ports().get(i);
                if (port == null) {
                    f.error("spec.ports[" + i + "]", "ports cannot be nil");
                    continue;
                }
                Protocol proto = Protocol.parse(port.protocol());
                if (!proto.isHttp() && !proto.isTls()) {
                    f.error("spec.ports[" + i + "].protocol", "multiple hosts provided with non-HTTP, non-TLS ports");
                    break;
                }
            }
        }
        for (String err : Values.exportTo(namespace, spec.exportTo(), true, false)) {
            f.error("spec.exportTo", err);
        }
    }

    /** The CRD's CEL rules. */
    private void schema(ServiceEntrySpec spec, ServiceEntryResolution resolution) {
        boolean hasEndpoints = f.has("spec.endpoints", spec.endpoints());
        if (spec.workloadSelector() != null && hasEndpoints) {
            Values.cel(f, "spec", "object", "only one of WorkloadSelector or Endpoints can be set");
        }
        if (spec.addresses().stream().anyMatch(a -> a != null && a.contains("/"))
                && resolution != ServiceEntryResolution.STATIC && resolution != ServiceEntryResolution.NONE) {
            Values.cel(f, "spec", "object", "CIDR addresses are allowed only for NONE/STATIC resolution types");
        }
        if (resolution == ServiceEntryResolution.NONE && hasEndpoints) {
            Values.cel(f, "spec", "object", "NONE mode cannot set endpoints");
        }
        if (resolution == ServiceEntryResolution.DNS_ROUND_ROBIN && spec.endpoints().size() > 1) {
            Values.cel(f, "spec", "object", "DNS_ROUND_ROBIN mode cannot have multiple endpoints");
        }
        for (int i = 0; i < spec.hosts().size(); i++) {
            if ("*".equals(spec.hosts().get(i))) {
                Values.cel(f, "spec.hosts[" + i + "]", "string", "hostname cannot be wildcard");
            }
        }
        Map<Integer, Long> counts = new java.util.HashMap<>();
        for (ServicePort p : spec.ports()) {
            if (p != null) {
                counts.merge(p.number(), 1L, Long::sum);
            }
        }
        if (counts.values().stream().anyMatch(c -> c > 1)) {
            Values.cel(f, "spec.ports", "array", "port number cannot be duplicated");
        }
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort p = spec.ports().get(i);
            if (p == null) {
                continue;
            }
            if (p.number() != null && (p.number() <= 0 || p.number() > 65535)) {
                Values.cel(f, "spec.ports[" + i + "].number", "integer", "port must be between 1-65535");
            }
            if (p.targetPort() != null && (p.targetPort() <= 0 || p.targetPort() > 65535)) {
                Values.cel(f, "spec.ports[" + i + "].targetPort", "integer", "port must be between 1-65535");
            }
        }
        for (int i = 0; i < spec.endpoints().size(); i++) {
            WorkloadEntry e = spec.endpoints().get(i);
            String ep = "spec.endpoints[" + i + "]";
            if (e == null) {
                continue;
            }
            if (e.address() == null && e.network() == null) {
                Values.cel(f, ep, "object", "Address is required");
            }
            String addr = Objects.requireNonNullElse(e.address(), "");
            if (addr.startsWith("unix://")) {
                if (f.has(ep + ".ports", e.ports())) {
                    Values.cel(f, ep, "object", "UDS may not include ports");
                }
                String rest = addr.substring(7);
                if (!rest.startsWith("/") && !rest.startsWith("@")) {
                    Values.cel(f, ep + ".address", "string", "UDS must be an absolute path or abstract socket");
                }
                if (addr.endsWith("/")) {
                    Values.cel(f, ep + ".address", "string", "UDS may not be a dir");
                }
            }
            for (Map.Entry<String, Integer> port : e.ports().entrySet()) {
                String key = port.getKey();
                if (!(key.length() < 63 && PORT_NAME.matcher(key).matches())) {
                    Values.cel(f, ep + ".ports", "object", "port name must be valid");
                }
                int n = orZero(port.getValue());
                if (n <= 0 || n > 65535) {
                    Values.cel(f, Findings.key(ep + ".ports", key), "integer", "port must be between 1-65535");
                }
            }
        }
        if (spec.workloadSelector() != null) {
            spec.workloadSelector().labels().forEach((k, v) -> {
                if (v != null && v.contains("*")) {
                    Values.cel(f, Findings.key("spec.workloadSelector.labels", k), "string", "wildcard is not supported in selector");
                }
            });
        }
    }

    /** {@code ValidatePortName}. */
    private static String portName(String name) {
        return Names.isDns1123Label(name) ? null : "invalid port name: " + name;
    }

    /** {@code validateWorkloadEntry} for a STATIC endpoint (IP addresses or unix sockets only). */
    private void staticEndpoint(WorkloadEntry we, Set<String> servicePorts, String p) {
        if (we == null) {
            f.error(p, "endpoint cannot be nil");
            return;
        }
        String addr = Objects.requireNonNullElse(we.address(), "");
        if (addr.isEmpty()) {
            if (isEmpty(we.network())) {
                f.error(p, "address is required");
                return;
            }
            f.warn(p + ".address", "address is unset with network " + quote(we.network()));
        }
        boolean unix = addr.startsWith("unix://");
        if (unix) {
            f.error(p + ".address", GatewayValidator.unixAddress(addr.substring("unix://".length())));
            if (!we.ports().isEmpty()) {
                f.error(p + ".ports", "unix endpoint " + addr + " must not include ports");
            }
        } else if (!addr.isEmpty() && !Names.isIpAddress(addr)) {
            f.error(p + ".address", "endpoint address " + quote(addr) + " is not a valid IP address");
        }
        endpointPorts(we, servicePorts, p);
        if (unix && servicePorts.size() != 1) {
            f.error(p, "exactly 1 service port required for unix endpoints");
        }
    }

    private void endpointPorts(WorkloadEntry we, Set<String> servicePorts, String p) {
        we.ports().forEach((name, port) -> {
            String pp = Findings.key(p + ".ports", name);
            if (!servicePorts.contains(name)) {
                f.error(pp, "endpoint port " + orZero(port) + " is not defined by the service entry");
            }
            f.error(pp, portName(name));
            f.error(pp, Values.port(orZero(port)));
        });
        for (String[] err : Names.labels(we.labels())) {
            f.error(Findings.key(p + ".labels", err[0]), err[1]);
        }
    }

    private void dns(ServiceEntrySpec spec, ServiceEntryResolution resolution, Set<String> servicePorts) {
        if (spec.endpoints().isEmpty()) {
            for (int i = 0; i < spec.hosts().size(); i++) {
                String err = Names.fqdn(Objects.requireNonNullElse(spec.hosts().get(i), ""));
                if (err != null) {
                    f.error("spec.hosts[" + i + "]", "hosts must be FQDN or contain only prefix wildcards if no "
                            + "endpoints are provided for resolution mode " + resolution + ", " + err);
                    break;
                }
            }
        }
        if (resolution == ServiceEntryResolution.DNS_ROUND_ROBIN && spec.endpoints().size() > 1) {
            f.error("spec.endpoints", "there must only be 0 or 1 endpoint for resolution mode " + resolution);
        }
        for (int i = 0; i < spec.endpoints().size(); i++) {
            WorkloadEntry we = spec.endpoints().get(i);
            String p = "spec.endpoints[" + i + "]";
            if (we == null) {
                f.error(p, "endpoint cannot be nil");
                continue;
            }
            String addr = Objects.requireNonNullElse(we.address(), "");
            if (!Names.isIpAddress(addr) && Names.fqdn(addr) != null) {
                f.error(p + ".address", "endpoint address " + quote(addr) + " is not a valid FQDN or an IP address");
            }
            endpointPorts(we, servicePorts, p);
        }
        if (!spec.addresses().isEmpty()) {
            for (int i = 0; i < spec.ports().size(); i++) {
                ServicePort port = spec.ports().get(i);
                if (port == null) {
                    f.error("spec.ports[" + i + "]", "ports cannot be nil");
                    continue;
                }
                if (Protocol.parse(port.protocol()).isTcp()) {
                    if (spec.hosts().size() > 1) {
                        f.warn("spec.hosts", "service entry can not have more than one host specified "
                                + "simultaneously with address and tcp port");
                    }
                    break;
                }
            }
        }
    }

    private void dynamicDns(ServiceEntrySpec spec, ServiceEntryResolution resolution, ServiceEntryLocation location,
                            Map<String, String> labels) {
        if (spec.hosts().isEmpty()) {
            f.error("spec.hosts", "at least one wildcard host must be provided for resolution type " + resolution);
        }
        for (int i = 0; i < spec.hosts().size(); i++) {
            if (!Names.isWildcarded(Objects.requireNonNullElse(spec.hosts().get(i), ""))) {
                f.error("spec.hosts[" + i + "]", "host must be wildcarded for resolution mode " + resolution);
            }
        }
        if (!spec.addresses().isEmpty()) {
            f.error("spec.addresses", "addresses cannot be set for resolution type " + resolution
                    + ". HTTP route domains will only be generatedfrom the hosts field values");
        }
        if (!spec.endpoints().isEmpty()) {
            f.error("spec.endpoints", "endpoints cannot be set for resolution type " + resolution
                    + ". Destination IP address determined from hostsfield values");
        }
        List<ServicePort> ports = spec.ports();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            if (port == null) {
                f.error("spec.ports[" + i + "]", "port cannot be nil");
                continue;
            }
            Protocol proto = Protocol.parse(port.protocol());
            if (proto != Protocol.HTTP && proto != Protocol.TLS && proto != Protocol.GRPC && proto != Protocol.HTTP2) {
                f.error("spec.ports[" + i + "].protocol", "only HTTP, TLS, GRPC, and HTTP2 protocols are supported "
                        + "for resolution type " + resolution);
            }
        }
        String waypoint = labels.get("istio.io/use-waypoint");
        if (location == ServiceEntryLocation.MESH_INTERNAL && !isEmpty(waypoint) && !waypoint.equalsIgnoreCase("none")) {
            f.error("spec.location", "location MESH_INTERNAL with resolution type " + resolution
                    + " is not supported when using waypoints");
        }
    }
}
