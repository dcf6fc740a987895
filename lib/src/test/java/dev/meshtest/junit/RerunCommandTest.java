package dev.meshtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rerun command for the build layouts a meshtest user has. */
class RerunCommandTest {

    @TempDir
    Path root;

    private static Path pom(Path dir, String xml) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("pom.xml"), xml);
    }

    /** A build like meshtest's own: a parent with the wrapper, lib, and example-tests that depends on lib. */
    private void multiModule() throws IOException {
        Files.writeString(root.resolve("mvnw"), "#!/bin/sh\n");
        pom(root, "<project><groupId>g</groupId><artifactId>parent</artifactId><packaging>pom</packaging>"
                + "<modules><module>lib</module><module>example-tests</module></modules></project>");
        pom(root.resolve("lib"), "<project><parent><artifactId>parent</artifactId></parent><artifactId>meshtest</artifactId>"
                + "<dependencies><dependency><artifactId>snakeyaml</artifactId></dependency></dependencies></project>");
        pom(root.resolve("example-tests"), "<project><parent><artifactId>parent</artifactId></parent>"
                + "<artifactId>meshtest-examples</artifactId>"
                + "<dependencies><dependency><artifactId>meshtest</artifactId></dependency></dependencies></project>");
    }

    @Test
    void aModuleWithoutSiblingDependenciesIsSelectedWithPl() throws IOException {
        multiModule();
        assertThat(RerunCommand.of(root.resolve("lib"), "dev.x.CanaryTest", "splits", 42))
                .isEqualTo("./mvnw -pl lib test -Dtest='dev.x.CanaryTest#splits' -Dmeshtest.seed=42");
    }

    @Test
    void aModuleThatDependsOnASiblingAlsoBuildsIt() throws IOException {
        multiModule();
        assertThat(RerunCommand.of(root.resolve("example-tests"), "dev.x.Outer$Inner", "splits", -7))
                .isEqualTo("./mvnw -pl example-tests -am -Dsurefire.failIfNoSpecifiedTests=false test "
                        + "-Dtest='dev.x.Outer$Inner#splits' -Dmeshtest.seed=-7");
    }

    @Test
    void aSingleModuleBuildNeedsNoPl() throws IOException {
        Files.writeString(root.resolve("mvnw"), "#!/bin/sh\n");
        pom(root, "<project><artifactId>app</artifactId></project>");
        assertThat(RerunCommand.of(root, "A", "b", 1)).isEqualTo("./mvnw test -Dtest='A#b' -Dmeshtest.seed=1");
    }

    @Test
    void runFromTheAggregatorEveryModuleMayMatchNothing() throws IOException {
        multiModule();
        assertThat(RerunCommand.of(root, "A", "b", 1))
                .isEqualTo("./mvnw -Dsurefire.failIfNoSpecifiedTests=false test -Dtest='A#b' -Dmeshtest.seed=1");
    }

    @Test
    void withoutTheWrapperItIsMvnFromTheTopmostPom() throws IOException {
        pom(root, "<project><artifactId>parent</artifactId><modules><module>core</module></modules></project>");
        pom(root.resolve("core"), "<project><artifactId>core</artifactId></project>");
        assertThat(RerunCommand.of(root.resolve("core"), "A", "b", 1)).isEqualTo("mvn -pl core test -Dtest='A#b' -Dmeshtest.seed=1");
    }

    @Test
    void outsideMavenItIsTheSystemPropertyAlone() {
        assertThat(RerunCommand.of(root, "A", "b", 3)).isEqualTo("-Dmeshtest.seed=3");
    }

    // ---------------------------------------------------------------- Gradle

    /** A Gradle build with the wrapper, a root project and subprojects lib and services/orders. */
    private void gradleBuild() throws IOException {
        Files.writeString(root.resolve("gradlew"), "#!/bin/sh\n");
        Files.writeString(root.resolve("settings.gradle.kts"), "include(\"lib\", \"services:orders\")\n");
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(root.resolve("services/orders"));
    }

    @Test
    void aGradleSubprojectRunsItsOwnTestTaskWithAMethodFilter() throws IOException {
        gradleBuild();
        assertThat(RerunCommand.gradle(root.resolve("lib"), "dev.x.CanaryTest", "splits", 42))
                .isEqualTo("./gradlew :lib:test --tests 'dev.x.CanaryTest.splits' -Dmeshtest.seed=42");
    }

    @Test
    void aNestedGradleSubprojectIsNamedByItsPathAndANestedClassByItsBinaryName() throws IOException {
        gradleBuild();
        assertThat(RerunCommand.gradle(root.resolve("services/orders"), "dev.x.Outer$Inner", "splits", -7))
                .isEqualTo("./gradlew :services:orders:test --tests 'dev.x.Outer$Inner.splits' -Dmeshtest.seed=-7");
    }

    @Test
    void theGradleRootProjectRunsTest() throws IOException {
        gradleBuild();
        assertThat(RerunCommand.gradle(root, "A", "b", 1)).isEqualTo("./gradlew test --tests 'A.b' -Dmeshtest.seed=1");
    }

    @Test
    void withoutTheGradleWrapperItIsGradleFromTheSettingsDirectory() throws IOException {
        Files.writeString(root.resolve("settings.gradle"), "include 'core'\n");
        Files.createDirectories(root.resolve("core"));
        assertThat(RerunCommand.gradle(root.resolve("core"), "A", "b", 1))
                .isEqualTo("gradle :core:test --tests 'A.b' -Dmeshtest.seed=1");
    }

    @Test
    void gradleWithoutSettingsOrWrapperIsASingleProject() {
        assertThat(RerunCommand.gradle(root, "A", "b", 3)).isEqualTo("gradle test --tests 'A.b' -Dmeshtest.seed=3");
    }

    @Test
    void theGradleNoteSaysHowToForwardTheSeed() {
        assertThat(RerunCommand.GRADLE_NOTE).isEqualTo("(Gradle hands -Dmeshtest.seed to the tests only if the test "
                + "task forwards it: System.getProperty(\"meshtest.seed\")?.let { systemProperty(\"meshtest.seed\", it) } "
                + "in tasks.test of build.gradle.kts)");
    }
}
