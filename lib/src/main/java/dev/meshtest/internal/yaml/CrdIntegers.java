package dev.meshtest.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.internal.text.ApiServerText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The integer fields of the CRDs meshtest reads (Istio's {@code crd-all.gen.yaml}, v1 schemas; the
 * Gateway API's standard channel v1.6) as their OpenAPI schemas write them: the {@code format}
 * (Istio's {@code int32}s and every Gateway API integer but one are {@code format: int32}; a proto
 * {@code uint32} or {@code uint64} has none), {@code minimum}, {@code maximum} and {@code enum}.
 * Keyed by record and component as {@code internal.validate.CrdSchema} keys its tables
 * ({@code HttpRouteDestination.weight}; {@code []} for a list's items, <code>{}</code> for a map's
 * values).
 *
 * <p>One table, two readers, each for the values it can see: the reader ({@code Binder}) for a
 * number too large for the Java type that holds the field, which it words here ({@link #refusals});
 * {@code CrdSchema} for the bounds of every value a record holds, from YAML or built in code.
 *
 * <pre>{@code
 * CrdIntegers.of(HttpRouteDestination.class, "weight");   // Schema[format=int32, minimum=null, ...]
 * CrdIntegers.of(Port.class, "number");                   // Schema[format=null, minimum=0, maximum=4294967295, ...]
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class CrdIntegers {

    /**
     * An integer field's schema: {@code format} ({@code "int32"}, or {@code null} for none, which
     * kube-openapi checks as an int64), {@code minimum}, {@code maximum} and {@code enum}
     * ({@code null} for none).
     */
    public record Schema(String format, Long minimum, Long maximum, List<Long> oneOf) {
    }

    /** One failure the API server reports for a number: at the field, or at no field ({@code <nil>}); blocking or not. */
    public record Refusal(boolean atNoField, boolean blocking, String reason) {
    }

    private static final long UINT32_MAX = 4_294_967_295L;
    private static final Schema INT32 = new Schema("int32", null, null, null);
    /** A proto {@code uint32}: protoc-gen-crd writes no format, minimum 0 and maximum 2^32-1. */
    private static final Schema UINT32 = new Schema(null, 0L, UINT32_MAX, null);
    /** A proto {@code uint64}: no format, minimum 0. */
    private static final Schema UINT64 = new Schema(null, 0L, null, null);

    private static Schema int32(long minimum, Long maximum) {
        return new Schema("int32", minimum, maximum, null);
    }

    /** Istio's CRDs (read in {@code crd-all.gen.yaml}'s v1 schemas). */
    static final Map<String, Schema> ISTIO = Map.ofEntries(
            Map.entry("Port.number", UINT32),
            Map.entry("Port.targetPort", UINT32),
            Map.entry("PortSelector.number", UINT32),
            Map.entry("SidecarPort.number", UINT32),
            Map.entry("SidecarPort.targetPort", UINT32),
            Map.entry("ServicePort.number", UINT32),
            Map.entry("ServicePort.targetPort", UINT32),
            Map.entry("HttpMatchRequest.port", UINT32),
            Map.entry("L4MatchAttributes.port", UINT32),
            Map.entry("TlsMatchAttributes.port", UINT32),
            Map.entry("HttpRedirect.port", UINT32),
            Map.entry("HttpRedirect.redirectCode", UINT32),
            Map.entry("HttpDirectResponse.status", UINT32),
            Map.entry("HttpRoute.mirrorPercent", UINT32),
            Map.entry("HttpRoute.mirror_percent", UINT32),
            Map.entry("HttpRouteDestination.weight", INT32),
            Map.entry("RouteDestination.weight", INT32),
            Map.entry("HttpRetry.attempts", INT32),
            Map.entry("HttpFaultInjectionAbort.httpStatus", INT32),
            Map.entry("HttpFaultInjectionDelay.percent", INT32),
            Map.entry("TunnelSettings.targetPort", UINT32),
            Map.entry("TcpSettings.maxConnections", INT32),
            Map.entry("TcpKeepalive.probes", UINT32),
            Map.entry("HttpSettings.http1MaxPendingRequests", INT32),
            Map.entry("HttpSettings.http2MaxRequests", INT32),
            Map.entry("HttpSettings.maxRequestsPerConnection", INT32),
            Map.entry("HttpSettings.maxRetries", INT32),
            Map.entry("HttpSettings.maxConcurrentStreams", INT32),
            Map.entry("OutlierDetection.consecutiveErrors", INT32),
            Map.entry("OutlierDetection.consecutive5xxErrors", UINT32),
            Map.entry("OutlierDetection.consecutiveGatewayErrors", UINT32),
            Map.entry("OutlierDetection.consecutiveLocalOriginFailures", UINT32),
            Map.entry("OutlierDetection.maxEjectionPercent", INT32),
            Map.entry("OutlierDetection.minHealthPercent", INT32),
            Map.entry("OutlierDetection.outlierDetectionHttpErrorCodes[]", new Schema(null, 100L, 599L, null)),
            Map.entry("ConsistentHashLb.minimumRingSize", UINT64),
            Map.entry("RingHash.minimumRingSize", UINT64),
            Map.entry("MagLev.tableSize", UINT64),
            Map.entry("ZoneAwareLoadBalancerSetting.minClusterSize", new Schema(null, 1L, UINT32_MAX, null)),
            Map.entry("LocalityLoadBalancerSettingDistribute.to{}", UINT32),
            Map.entry("RetryBudget.minRetryConcurrency", UINT32),
            Map.entry("WorkloadEntry.ports{}", UINT32),
            Map.entry("WorkloadEntry.weight", UINT32));

    /** The Gateway API's standard-channel CRDs (v1.6). */
    static final Map<String, Schema> GATEWAY_API = Map.ofEntries(
            Map.entry("Listener.port", int32(1, 65535L)),
            Map.entry("TlsPortConfig.port", int32(1, 65535L)),
            Map.entry("ParentReference.port", int32(1, 65535L)),
            Map.entry("BackendRef.port", int32(1, 65535L)),
            Map.entry("HttpBackendRef.port", int32(1, 65535L)),
            Map.entry("GrpcBackendRef.port", int32(1, 65535L)),
            Map.entry("BackendObjectReference.port", int32(1, 65535L)),
            Map.entry("BackendRef.weight", int32(0, 1_000_000L)),
            Map.entry("HttpBackendRef.weight", int32(0, 1_000_000L)),
            Map.entry("GrpcBackendRef.weight", int32(0, 1_000_000L)),
            // the one integer without a format: an enum
            Map.entry("HttpRequestRedirectFilter.statusCode", new Schema(null, null, null, List.of(301L, 302L, 303L, 307L, 308L))),
            Map.entry("HttpRequestRedirectFilter.port", int32(1, 65535L)),
            Map.entry("HttpRequestMirrorFilter.percent", int32(0, 100L)),
            Map.entry("Fraction.numerator", int32(0, null)),
            Map.entry("Fraction.denominator", int32(1, null)),
            Map.entry("HttpCorsFilter.maxAge", int32(1, null)));

    private CrdIntegers() {
    }

    /** Istio's table, keyed by record and component, for {@code CrdSchema}. */
    public static Map<String, Schema> istio() {
        return ISTIO;
    }

    /** The Gateway API's table, keyed by record and component, for {@code CrdSchema}. */
    public static Map<String, Schema> gatewayApi() {
        return GATEWAY_API;
    }

    /**
     * The schema of the integer at {@code key} of {@code record} ({@code weight}, {@code ports{}},
     * {@code codes[]}), or {@code null} when {@code record} is not a CRD's or the key is not an
     * integer field of it.
     */
    public static Schema of(Class<?> record, String key) {
        String pkg = record.getPackageName();
        Map<String, Schema> table = pkg.equals(ISTIO_PACKAGE) ? ISTIO : pkg.equals(GATEWAY_API_PACKAGE) ? GATEWAY_API : null;
        return table == null ? null : table.get(record.getSimpleName() + "." + key);
    }

    /**
     * Whether Istio's webhook decodes the objects {@code record} is part of (an Istio kind's): the
     * Gateway API's are not its to validate.
     */
    public static boolean webhookDecodes(Class<?> record) {
        return record != null && record.getPackageName().equals(ISTIO_PACKAGE);
    }

    private static final String ISTIO_PACKAGE = dev.meshtest.config.istio.Port.class.getPackageName();
    private static final String GATEWAY_API_PACKAGE = dev.meshtest.config.gateway.ParentReference.class.getPackageName();

    /**
     * What the API server reports for {@code value} at {@code path}, a field of {@code schema}, in
     * the order kube-openapi finds them; empty when it accepts the value. Only for a value too large
     * for the Java type holding the field: the bounds of the others are {@code CrdSchema}'s.
     *
     * <p>kubectl sends an integer that fits 64 bits as written, and the API server decodes it as an
     * int64; a larger one it sends as the nearest float64, which the API server decodes as a float64
     * (and text no float64 holds as a string). kube-openapi then checks, in this order: the type (a
     * float64 past 2^53 is not an integer, {@code validate.typeValidator}); the format's range
     * ({@code validate.IsValueValidAgainstRange}, since Kubernetes 1.36: apiextensions reports it at
     * no field); {@code minimum} and {@code maximum} ({@code validate.MinimumNativeType} and
     * {@code MaximumNativeType}: for a float64, the bounds are printed as Go's {@code %v} prints a
     * float64); {@code enum}. A type and a value not supported are blocking.
     *
     * @param webhookDecodes whether Istio's webhook decodes the object (an Istio kind): before
     *     Kubernetes 1.36 the API server let an int32 through and the webhook's decoding refused it
     */
    public static List<Refusal> refusals(String path, BigInteger value, Schema schema, boolean webhookDecodes) {
        List<Refusal> out = new ArrayList<>();
        if (value.bitLength() < 64) {
            long n = value.longValue();
            if ("int32".equals(schema.format()) && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                String reason = ApiServerText.notOfFormat(path, "int32");
                if (webhookDecodes) {
                    // webhook server.go validate: crd.ConvertObject, golang/protobuf jsonpb's
                    // unmarshalSingularValue decoding into an int32 with encoding/json
                    reason += "; before Kubernetes 1.36 the API server accepts it and Istio's webhook refuses it: "
                            + "error decoding configuration: json: cannot unmarshal number " + value + " into Go value of type int32";
                }
                out.add(new Refusal(true, false, reason));
            }
            if (schema.minimum() != null && n < schema.minimum()) {
                out.add(new Refusal(false, false, ApiServerText.belowMinimum(n, path, schema.minimum())));
            }
            if (schema.maximum() != null && n > schema.maximum()) {
                out.add(new Refusal(false, false, ApiServerText.aboveMaximum(n, path, schema.maximum())));
            }
            if (schema.oneOf() != null && !schema.oneOf().contains(n)) {
                out.add(new Refusal(false, true, ApiServerText.notSupported(n, shown(schema.oneOf()))));
            }
            return out;
        }
        double d = value.doubleValue();
        if (Double.isInfinite(d)) {
            out.add(new Refusal(false, true, ApiServerText.typeInvalid(path, "integer", "string")));
            return out;
        }
        String format = schema.format();
        out.add(new Refusal(false, true, format == null ? ApiServerText.typeInvalid(path, "integer", "number")
                : ApiServerText.typeInvalid(path, format, "float64")));
        out.add(new Refusal(true, false, ApiServerText.notOfFormat(path, format)));
        String shown = ApiServerText.goFloat(d);
        if (schema.minimum() != null && d < schema.minimum()) {
            out.add(new Refusal(false, false, ApiServerText.belowMinimumShown(shown, path, ApiServerText.goFloat(schema.minimum()))));
        }
        if (schema.maximum() != null && d > schema.maximum()) {
            out.add(new Refusal(false, false, ApiServerText.aboveMaximumShown(shown, path, ApiServerText.goFloat(schema.maximum()))));
        }
        if (schema.oneOf() != null) {
            out.add(new Refusal(false, true, ApiServerText.notSupportedShown(shown, shown(schema.oneOf()))));
        }
        return out;
    }

    private static List<String> shown(List<Long> values) {
        return values.stream().map(String::valueOf).toList();
    }
}
