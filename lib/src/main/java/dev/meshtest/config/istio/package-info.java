/**
 * Istio networking and security resources meshtest simulates, as immutable records that mirror
 * istio/api field for field: from {@code istio.networking.v1alpha3} (served as
 * {@code networking.istio.io/v1}, {@code v1beta1} and {@code v1alpha3} with one schema)
 * {@link dev.meshtest.config.istio.VirtualService}, {@link dev.meshtest.config.istio.DestinationRule},
 * {@link dev.meshtest.config.istio.Gateway}, {@link dev.meshtest.config.istio.ServiceEntry} and
 * {@link dev.meshtest.config.istio.Sidecar}; from {@code istio.security.v1beta1} (served as
 * {@code security.istio.io/v1} and {@code v1beta1})
 * {@link dev.meshtest.config.istio.PeerAuthentication} and
 * {@link dev.meshtest.config.istio.AuthorizationPolicy}.
 * {@link dev.meshtest.config.istio.IstioKinds} lists them, their API versions and the Istio kinds
 * that are read but not simulated yet.
 *
 * <p>The records are data only: defaults, validation and routing semantics live in the layers
 * that read them. They follow the conventions of {@link dev.meshtest.config}, and these for the
 * protos:
 *
 * <ul>
 *   <li>Component names are the proto JSON names ({@code export_to} is {@code exportTo}); one
 *       exception, {@link dev.meshtest.config.istio.HttpRoute#mirror_percent()}, is the
 *       snake_case alias the CRD also accepts for {@code mirrorPercent}.
 *   <li>Scalars are boxed and {@code null} when absent, proto3 scalars and wrapper types alike:
 *       {@code uint32}/{@code int32} are {@code Integer}, {@code uint64} is {@code Long},
 *       {@code double} is {@code Double}, {@code google.protobuf.Duration} is
 *       {@link java.time.Duration}, {@code bytes} is the base64 {@code String} as written.
 *   <li>A {@code oneof} is several nullable components; the records do not check that at most
 *       one is set.
 *   <li>Proto enums are Java enums whose constants are the proto value names.
 *   <li>{@code @Required} marks exactly what the CRD schema's {@code required} lists name.
 * </ul>
 *
 * <p>Type names are the proto message names in Java camel case ({@code HTTPRoute} is
 * {@code HttpRoute}, {@code TLSmode} is {@code TlsMode}, {@code SimpleLB} is {@code SimpleLb}).
 * Nested messages and enums become top-level types, under their own name when it is unique and
 * clear on its own, else prefixed by their parent's name:
 *
 * <table>
 *   <caption>Proto types with a nested or disambiguated Java name</caption>
 *   <tr><th>proto</th><th>Java</th></tr>
 *   <tr><td>{@code Headers.HeaderOperations}</td><td>{@code HeaderOperations}</td></tr>
 *   <tr><td>{@code HTTPRedirect.RedirectPortSelection}</td><td>{@code RedirectPortSelection}</td></tr>
 *   <tr><td>{@code CorsPolicy.UnmatchedPreflights}</td><td>{@code UnmatchedPreflights}</td></tr>
 *   <tr><td>{@code HTTPFaultInjection.Delay}</td><td>{@code HttpFaultInjectionDelay}</td></tr>
 *   <tr><td>{@code HTTPFaultInjection.Abort}</td><td>{@code HttpFaultInjectionAbort}</td></tr>
 *   <tr><td>{@code TrafficPolicy.PortTrafficPolicy}</td><td>{@code PortTrafficPolicy}</td></tr>
 *   <tr><td>{@code TrafficPolicy.TunnelSettings}</td><td>{@code TunnelSettings}</td></tr>
 *   <tr><td>{@code TrafficPolicy.ProxyProtocol}</td><td>{@code ProxyProtocol}</td></tr>
 *   <tr><td>{@code TrafficPolicy.ProxyProtocol.VERSION}</td><td>{@code ProxyProtocolVersion}</td></tr>
 *   <tr><td>{@code TrafficPolicy.RetryBudget}</td><td>{@code RetryBudget}</td></tr>
 *   <tr><td>{@code LoadBalancerSettings.SimpleLB}</td><td>{@code SimpleLb}</td></tr>
 *   <tr><td>{@code LoadBalancerSettings.ConsistentHashLB}</td><td>{@code ConsistentHashLb}</td></tr>
 *   <tr><td>{@code ...ConsistentHashLB.RingHash}</td><td>{@code RingHash}</td></tr>
 *   <tr><td>{@code ...ConsistentHashLB.MagLev}</td><td>{@code MagLev}</td></tr>
 *   <tr><td>{@code ...ConsistentHashLB.HTTPCookie}</td><td>{@code HttpCookie}</td></tr>
 *   <tr><td>{@code ...ConsistentHashLB.HTTPCookie.Attribute}</td><td>{@code HttpCookieAttribute}</td></tr>
 *   <tr><td>{@code ConnectionPoolSettings.TCPSettings}</td><td>{@code TcpSettings}</td></tr>
 *   <tr><td>{@code ConnectionPoolSettings.TCPSettings.TcpKeepalive}</td><td>{@code TcpKeepalive}</td></tr>
 *   <tr><td>{@code ConnectionPoolSettings.HTTPSettings}</td><td>{@code HttpSettings}</td></tr>
 *   <tr><td>{@code ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy}</td><td>{@code H2UpgradePolicy}</td></tr>
 *   <tr><td>{@code ConnectionPoolSettings.HTTPSettings.ConnectionKeepalive}</td><td>{@code ConnectionKeepalive}</td></tr>
 *   <tr><td>{@code ClientTLSSettings.TLSmode}</td><td>{@code ClientTlsSettingsTlsMode}</td></tr>
 *   <tr><td>{@code OutboundTrafficPolicy} (of a Sidecar; MeshConfig's is {@code OutboundTrafficPolicy})</td><td>{@code SidecarOutboundTrafficPolicy}</td></tr>
 *   <tr><td>{@code LocalityLoadBalancerSetting.Distribute}</td><td>{@code LocalityLoadBalancerSettingDistribute}</td></tr>
 *   <tr><td>{@code LocalityLoadBalancerSetting.Failover}</td><td>{@code LocalityLoadBalancerSettingFailover}</td></tr>
 *   <tr><td>{@code ZoneAwareLoadBalancerSetting.Failover}</td><td>{@code ZoneAwareLoadBalancerSettingFailover}</td></tr>
 *   <tr><td>{@code ServerTLSSettings.TLSmode}</td><td>{@code ServerTlsSettingsTlsMode}</td></tr>
 *   <tr><td>{@code ServerTLSSettings.TLSProtocol}</td><td>{@code TlsProtocol}</td></tr>
 *   <tr><td>{@code ServerTLSSettings.TLSCertificate}</td><td>{@code TlsCertificate}</td></tr>
 *   <tr><td>{@code ServiceEntry.Location}</td><td>{@code ServiceEntryLocation}</td></tr>
 *   <tr><td>{@code ServiceEntry.Resolution}</td><td>{@code ServiceEntryResolution}</td></tr>
 *   <tr><td>{@code istio.networking.v1alpha3.WorkloadSelector} ({@code labels})</td><td>{@code WorkloadSelector}</td></tr>
 *   <tr><td>{@code istio.type.v1beta1.WorkloadSelector} ({@code matchLabels})</td><td>{@code TypeWorkloadSelector}</td></tr>
 *   <tr><td>{@code PeerAuthentication.MutualTLS}</td><td>{@code PeerAuthenticationMutualTls}</td></tr>
 *   <tr><td>{@code PeerAuthentication.MutualTLS.Mode}</td><td>{@code PeerAuthenticationMutualTlsMode}</td></tr>
 *   <tr><td>{@code AuthorizationPolicy.Action}</td><td>{@code AuthorizationPolicyAction}</td></tr>
 *   <tr><td>{@code AuthorizationPolicy.ExtensionProvider}</td><td>{@code AuthorizationPolicyExtensionProvider}</td></tr>
 *   <tr><td>{@code istio.security.v1beta1.Rule}, {@code Rule.From}, {@code Rule.To}</td><td>{@code AuthorizationRule}, {@code AuthorizationRuleFrom}, {@code AuthorizationRuleTo}</td></tr>
 *   <tr><td>{@code istio.security.v1beta1.Source}, {@code Operation}, {@code Condition}</td><td>{@code AuthorizationSource}, {@code AuthorizationOperation}, {@code AuthorizationCondition}</td></tr>
 * </table>
 *
 * <p>The resources' {@code spec}s are {@code VirtualServiceSpec}, {@code DestinationRuleSpec},
 * {@code GatewaySpec}, {@code ServiceEntrySpec}, {@code SidecarSpec}, {@code PeerAuthenticationSpec}
 * and {@code AuthorizationPolicySpec} (the proto messages of the resources' names). {@code ServicePort} here is
 * the ServiceEntry port, not {@link dev.meshtest.config.kube.ServicePort}.
 */
package dev.meshtest.config.istio;
