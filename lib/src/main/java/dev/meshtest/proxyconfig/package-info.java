/**
 * A read-only view of what istiod pushed to a proxy, as {@code istioctl proxy-config} prints it:
 * {@link dev.meshtest.proxyconfig.ProxyConfigView} from {@code mesh.proxyConfig("nginx")}, its
 * tables as {@link dev.meshtest.proxyconfig.Table}.
 *
 * <pre>{@code
 * System.out.println(mesh.proxyConfig("nginx").routes());
 * }</pre>
 */
package dev.meshtest.proxyconfig;
