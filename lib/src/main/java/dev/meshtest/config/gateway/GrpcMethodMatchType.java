package dev.meshtest.config.gateway;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a gRPC method condition compares (Go type {@code GRPCMethodMatchType}).
 *
 * <pre>{@code
 * method: {type: RegularExpression, service: "helloworld\\..*"}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum GrpcMethodMatchType {
    /** Service and method equal the values. */
    Exact,
    /** Service and method match the expressions (RE2 in Istio). */
    RegularExpression
}
