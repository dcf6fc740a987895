package dev.meshtest.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindingsOrderTest {

    @Test
    void pathsCompareInDocumentOrder() {
        assertThat(Findings.comparePaths("spec.http[2]", "spec.http[10]")).isNegative();
        assertThat(Findings.comparePaths("spec.http[10].match", "spec.http[2]")).isPositive();
        assertThat(Findings.comparePaths("spec.hosts", "spec.http")).isNegative();
        assertThat(Findings.comparePaths("spec", "spec.http")).isNegative();
        assertThat(Findings.comparePaths("spec.http[1]", "spec.http[1]")).isZero();
    }
}
