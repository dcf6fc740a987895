/**
 * meshtest: test Istio traffic routing without a cluster.
 *
 * <p>The exported packages are the API: {@code dev.meshtest} ({@code Mesh}), {@code app} (what
 * pods do), {@code traffic} (what to send and what happened), {@code assertj}, {@code junit}, the
 * config records users build ({@code config}, {@code config.istio}, {@code config.kube}, and the
 * experimental {@code config.gateway}) a read-only view of proxy config ({@code proxyconfig}) and the status the cluster writes on
 * objects ({@code status}).
 * Everything under {@code dev.meshtest.internal} may change in any release.
 *
 * <pre>{@code
 * module my.tests {
 *     requires dev.meshtest;
 * }
 * }</pre>
 */
module dev.meshtest {
    requires transitive org.assertj.core;
    requires transitive org.junit.jupiter.api;
    requires static transitive org.apiguardian.api;
    requires org.apache.commons.statistics.inference;
    requires org.yaml.snakeyaml;
    requires java.naming;
    // HdrHistogram names no module; its jar's file name gives the automatic one.
    requires HdrHistogram;
    requires re2j;
    requires com.nimbusds.jose.jwt;
    // Awaitility names no module either; LiveTraffic.await() hands users its ConditionFactory.
    requires transitive awaitility;

    exports dev.meshtest;
    exports dev.meshtest.analysis;
    exports dev.meshtest.app;
    exports dev.meshtest.assertj;
    exports dev.meshtest.config;
    exports dev.meshtest.config.gateway;
    exports dev.meshtest.config.istio;
    exports dev.meshtest.config.kube;
    exports dev.meshtest.junit;
    exports dev.meshtest.proxyconfig;
    exports dev.meshtest.status;
    exports dev.meshtest.traffic;
}
