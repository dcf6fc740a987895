package dev.meshtest.config.istio;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Who sends a request, in a rule's {@code from} (proto {@code istio.security.v1beta1.Source}).
 * Fields are ANDed, the values of one field ORed; {@code not} fields exclude.
 *
 * <pre>{@code
 * source:
 *   principals: [cluster.local/ns/default/sa/sleep]
 *   notNamespaces: [legacy]
 * }</pre>
 *
 * @param principals peer identities, {@code cluster.local/ns/<ns>/sa/<sa>} (mutual TLS only); {@code *}, prefix or suffix wildcards
 * @param notPrincipals peer identities that do not match
 * @param requestPrincipals JWT principals, {@code <iss>/<sub>}
 * @param notRequestPrincipals JWT principals that do not match
 * @param namespaces the sender's namespaces (from its identity: mutual TLS only)
 * @param notNamespaces namespaces that do not match
 * @param serviceAccounts service accounts, {@code sa} (the policy's namespace) or {@code ns/sa}
 * @param notServiceAccounts service accounts that do not match
 * @param ipBlocks the peer's address: IPs or CIDR ranges
 * @param notIpBlocks addresses that do not match
 * @param remoteIpBlocks the original client's address (X-Forwarded-For)
 * @param notRemoteIpBlocks original addresses that do not match
 * @param trustDomains the trust domains of peer identities
 * @param notTrustDomains trust domains that do not match
 */
@API(status = STABLE, since = "0.4")
public record AuthorizationSource(
                                  List<String> principals,
                                  List<String> notPrincipals,
                                  List<String> requestPrincipals,
                                  List<String> notRequestPrincipals,
                                  List<String> namespaces,
                                  List<String> notNamespaces,
                                  List<String> serviceAccounts,
                                  List<String> notServiceAccounts,
                                  List<String> ipBlocks,
                                  List<String> notIpBlocks,
                                  List<String> remoteIpBlocks,
                                  List<String> notRemoteIpBlocks,
                                  List<String> trustDomains,
                                  List<String> notTrustDomains) {

    /**
     * Creates an instance, reading {@code null} lists (as when left out of the YAML) as empty.
     *
     * @param principals peer identities, {@code cluster.local/ns/<ns>/sa/<sa>} (mutual TLS only); {@code *}, prefix or suffix wildcards
     * @param notPrincipals peer identities that do not match
     * @param requestPrincipals JWT principals, {@code <iss>/<sub>}
     * @param notRequestPrincipals JWT principals that do not match
     * @param namespaces the sender's namespaces (from its identity: mutual TLS only)
     * @param notNamespaces namespaces that do not match
     * @param serviceAccounts service accounts, {@code sa} (the policy's namespace) or {@code ns/sa}
     * @param notServiceAccounts service accounts that do not match
     * @param ipBlocks the peer's address: IPs or CIDR ranges
     * @param notIpBlocks addresses that do not match
     * @param remoteIpBlocks the original client's address (X-Forwarded-For)
     * @param notRemoteIpBlocks original addresses that do not match
     * @param trustDomains the trust domains of peer identities
     * @param notTrustDomains trust domains that do not match
     */
    public AuthorizationSource {
        principals = principals == null ? List.of() : principals;
        notPrincipals = notPrincipals == null ? List.of() : notPrincipals;
        requestPrincipals = requestPrincipals == null ? List.of() : requestPrincipals;
        notRequestPrincipals = notRequestPrincipals == null ? List.of() : notRequestPrincipals;
        namespaces = namespaces == null ? List.of() : namespaces;
        notNamespaces = notNamespaces == null ? List.of() : notNamespaces;
        serviceAccounts = serviceAccounts == null ? List.of() : serviceAccounts;
        notServiceAccounts = notServiceAccounts == null ? List.of() : notServiceAccounts;
        ipBlocks = ipBlocks == null ? List.of() : ipBlocks;
        notIpBlocks = notIpBlocks == null ? List.of() : notIpBlocks;
        remoteIpBlocks = remoteIpBlocks == null ? List.of() : remoteIpBlocks;
        notRemoteIpBlocks = notRemoteIpBlocks == null ? List.of() : notRemoteIpBlocks;
        trustDomains = trustDomains == null ? List.of() : trustDomains;
        notTrustDomains = notTrustDomains == null ? List.of() : notTrustDomains;
    }
}
