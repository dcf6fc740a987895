package dev.meshtest.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.config.istio.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** istio-rules §1.2: Istio's ConvertProtocol, row by row. */
class ProtocolTest {

    @ParameterizedTest(name = "port {0} name={1} protocol={2} appProtocol={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            // protocol: UDP wins over everything
            "5000, http,          UDP,  null,               UDP",
            "5000, http,          UDP,  kubernetes.io/h2c,  UDP",
            // appProtocol wins over the name, with Kubernetes' standard values
            "5000, tcp,           TCP,  kubernetes.io/h2c,  HTTP2",
            "5000, tcp,           TCP,  kubernetes.io/ws,   HTTP",
            "5000, tcp,           TCP,  kubernetes.io/wss,  HTTPS",
            "5000, tcp,           TCP,  http,               HTTP",
            "5000, http,          TCP,  tcp,                TCP",
            "5000, http,          TCP,  grpc-web,           GRPC_WEB",
            "5000, http,          TCP,  mongo-x,            MONGO",
            // grpc-web prefix, before the dash rule, any case
            "5000, grpc-web,      TCP,  null,               GRPC_WEB",
            "5000, grpc-web-foo,  TCP,  null,               GRPC_WEB",
            "5000, GRPC-Web,      TCP,  null,               GRPC_WEB",
            // the part before the first '-', case-insensitive
            "5000, http,          TCP,  null,               HTTP",
            "5000, http-web,      TCP,  null,               HTTP",
            "5000, HTTP-web,      TCP,  null,               HTTP",
            "5000, http2,         TCP,  null,               HTTP2",
            "5000, http2-foo,     TCP,  null,               HTTP2",
            "5000, grpc,          TCP,  null,               GRPC",
            "5000, grpc-api,      TCP,  null,               GRPC",
            "5000, https,         TCP,  null,               HTTPS",
            "5000, tls-passthru,  TCP,  null,               TLS",
            "5000, tcp-db,        TCP,  null,               TCP",
            "5000, mongo,         TCP,  null,               MONGO",
            "5000, mysql,         TCP,  null,               MYSQL",
            "5000, redis-cache,   TCP,  null,               REDIS",
            "5000, udp-dns,       TCP,  null,               UDP",
            "5000, http_proxy,    TCP,  null,               HTTP_PROXY",
            // unknown: auto-detect (sniffing)
            "5000, web,           TCP,  null,               AUTO",
            "5000, httpx,         TCP,  null,               AUTO",
            "5000, null,          TCP,  null,               AUTO",
            "5000, '',            TCP,  null,               AUTO",
            "5000, null,          null, null,               AUTO",
            "5000, http,          SCTP, null,               HTTP",
            // auto-detect on well-known ports is TCP
            "25,   null,          TCP,  null,               TCP",
            "53,   web,           TCP,  null,               TCP",
            "3306, null,          TCP,  null,               TCP",
            "27017, mongo-ish,    TCP,  null,               MONGO",
            "27017, null,         TCP,  null,               TCP",
            "3306, http,          TCP,  null,               HTTP",
            "3307, null,          TCP,  null,               AUTO",
    })
    void convertProtocol(int port, String name, String kubeProtocol, String appProtocol, Protocol expected) {
        assertThat(Protocol.of(port, name, kubeProtocol, appProtocol)).isEqualTo(expected);
    }

    @Test
    void predicates() {
        assertThat(Protocol.HTTP.isHttp()).isTrue();
        assertThat(Protocol.GRPC.isHttp()).isTrue();
        assertThat(Protocol.GRPC.isHttp2()).isTrue();
        assertThat(Protocol.HTTPS.isHttp()).isFalse();
        assertThat(Protocol.HTTPS.isTcp()).isTrue();
        assertThat(Protocol.HTTPS.isTls()).isTrue();
        assertThat(Protocol.AUTO.isHttp()).isFalse();
        assertThat(Protocol.AUTO.isHttpOrSniffed()).isTrue();
        assertThat(Protocol.AUTO.isAutoDetect()).isTrue();
        assertThat(Protocol.TCP.isHttpOrSniffed()).isFalse();
        assertThat(Protocol.UDP.isTcp()).isFalse();
        assertThat(Protocol.GRPC_WEB.istioName()).isEqualTo("GRPC-Web");
        assertThat(Protocol.AUTO.istioName()).isEqualTo("UnsupportedProtocol");
    }
}
