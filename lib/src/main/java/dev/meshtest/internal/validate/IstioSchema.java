package dev.meshtest.internal.validate;

import dev.meshtest.internal.validate.CrdSchema.Num;
import dev.meshtest.internal.validate.CrdSchema.Size;
import dev.meshtest.internal.validate.CrdSchema.Str;
import java.util.Map;

/**
 * The OpenAPI constraints of Istio's CRDs ({@code crd-all.gen.yaml}, the v1 schemas) that the API
 * server checks before Istio's webhook sees an object, as data for {@link CrdSchema#ISTIO}: list and
 * map sizes ({@code minItems}, {@code maxItems}, {@code minProperties}, {@code maxProperties}),
 * the ranges of numbers that are not integers ({@code minimum}, {@code maximum}; the integers'
 * are {@link dev.meshtest.internal.yaml.CrdIntegers}') and
 * string lengths and patterns ({@code minLength}, {@code maxLength}, {@code pattern}). Keyed by
 * record and component ({@code ServerTlsSettings.credentialNames}; {@code []} for a list's items,
 * <code>{}</code> for a map's values): the CRDs repeat a proto message's constraints wherever it is
 * used (a Gateway server's TLS and a Sidecar ingress listener's alike).
 *
 * <pre>{@code
 * IstioSchema.SIZES.get("ServiceEntrySpec.hosts");   // Size[min=1, max=256, ...]: 257 hosts are Too many
 * }</pre>
 */
final class IstioSchema {

    static final Map<String, Size> SIZES = Map.ofEntries(
            // Gateway servers[].tls and Sidecar ingress[].tls
            Map.entry("ServerTlsSettings.credentialNames", new Size(1, 2)),
            Map.entry("ServerTlsSettings.tlsCertificates", new Size(1, 2)),
            // ServiceEntry (its endpoints are WorkloadEntry specs)
            Map.entry("ServiceEntrySpec.hosts", new Size(1, 256)),
            Map.entry("ServiceEntrySpec.addresses", new Size(-1, 256)),
            Map.entry("ServiceEntrySpec.ports", new Size(-1, 256)),
            Map.entry("ServiceEntrySpec.endpoints", new Size(-1, 4096)),
            Map.entry("WorkloadEntry.labels", new Size(-1, 256)),
            Map.entry("WorkloadEntry.ports", new Size(-1, 128)),
            // Sidecar's and ServiceEntry's workloadSelector
            Map.entry("WorkloadSelector.labels", new Size(-1, 256)),
            // the selector of DestinationRule, AuthorizationPolicy, PeerAuthentication, RequestAuthentication
            Map.entry("TypeWorkloadSelector.matchLabels", new Size(-1, 4096)),
            Map.entry("TrafficPolicy.portLevelSettings", new Size(-1, 4096)),
            Map.entry("AuthorizationPolicySpec.rules", new Size(-1, 512)),
            Map.entry("AuthorizationPolicySpec.targetRefs", new Size(-1, 16)),
            Map.entry("AuthorizationRule.from", new Size(-1, 512)),
            Map.entry("AuthorizationSource.serviceAccounts", new Size(-1, 16)),
            Map.entry("AuthorizationSource.notServiceAccounts", new Size(-1, 16)),
            Map.entry("PeerAuthenticationSpec.portLevelMtls", new Size(1, -1)),
            Map.entry("RequestAuthenticationSpec.jwtRules", new Size(-1, 4096)),
            Map.entry("RequestAuthenticationSpec.targetRefs", new Size(-1, 16)),
            Map.entry("JwtRule.spaceDelimitedClaims", new Size(-1, 64)));

    /**
     * The bounds of numbers that are not integers; the integers' ({@code uint32}s at least 0 and at
     * most 4294967295, ...) are {@link dev.meshtest.internal.yaml.CrdIntegers}', which the reader
     * also reads for numbers too large for a record's {@code Integer} or {@code Long}.
     */
    static final Map<String, Num> RANGES = Map.ofEntries(
            Map.entry("WarmupConfiguration.aggression", new Num(0L, null)),
            Map.entry("WarmupConfiguration.minimumPercent", new Num(0L, 100L)),
            Map.entry("RetryBudget.percent", new Num(0L, 100L)));

    private static final String GROUP = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final String KIND = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";

    static final Map<String, Str> STRINGS = Map.ofEntries(
            Map.entry("TypeWorkloadSelector.matchLabels{}", new Str(-1, 63, null)),
            Map.entry("WorkloadSelector.labels{}", new Str(-1, 63, null)),
            Map.entry("ServiceEntrySpec.addresses[]", new Str(-1, 64, null)),
            Map.entry("ServicePort.name", new Str(-1, 256, null)),
            Map.entry("ServicePort.protocol", new Str(-1, 256, null)),
            Map.entry("WorkloadEntry.address", new Str(-1, 256, null)),
            Map.entry("WorkloadEntry.locality", new Str(-1, 2048, null)),
            Map.entry("WorkloadEntry.network", new Str(-1, 2048, null)),
            Map.entry("WorkloadEntry.serviceAccount", new Str(-1, 253, null)),
            Map.entry("AuthorizationSource.serviceAccounts[]", new Str(-1, 320, null)),
            Map.entry("AuthorizationSource.notServiceAccounts[]", new Str(-1, 320, null)),
            Map.entry("PolicyTargetReference.group", new Str(-1, 253, GROUP)),
            Map.entry("PolicyTargetReference.kind", new Str(1, 63, KIND)),
            Map.entry("PolicyTargetReference.name", new Str(1, 253, null)),
            Map.entry("JwtRule.issuer", new Str(1, -1, null)),
            Map.entry("JwtRule.jwksUri", new Str(1, 2048, null)),
            Map.entry("JwtRule.audiences[]", new Str(1, -1, null)),
            Map.entry("JwtRule.fromCookies[]", new Str(1, -1, null)),
            Map.entry("JwtRule.fromParams[]", new Str(1, -1, null)),
            Map.entry("JwtRule.spaceDelimitedClaims[]", new Str(1, -1, null)),
            Map.entry("JwtHeader.name", new Str(1, -1, null)),
            Map.entry("ClaimToHeader.claim", new Str(1, -1, null)),
            Map.entry("ClaimToHeader.header", new Str(1, -1, "^[-_A-Za-z0-9]+$")));

    private IstioSchema() {
    }
}
