package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.meshtest.config.MeshConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whatever the input, the reader answers manifests or a {@link MeshConfigException}: never a
 * SnakeYAML exception, a NullPointerException or any other raw exception.
 */
class RobustnessTest {

    private static String helloworld() throws IOException {
        try (InputStream in = RobustnessTest.class.getResourceAsStream("/yaml/helloworld.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void readsOrExplains(String yaml) {
        try {
            assertThat(ManifestReader.read(yaml, "fuzz.yaml")).isNotEmpty();
        } catch (MeshConfigException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).isNotBlank().doesNotContain("org.yaml.snakeyaml").doesNotContain("Exception");
        } catch (RuntimeException | StackOverflowError e) {
            fail("raw " + e + " for input:\n" + yaml, e);
        }
    }

    @Test
    void everyPrefixOfAManifest() throws IOException {
        String yaml = helloworld();
        for (int i = 0; i <= yaml.length(); i++) {
            readsOrExplains(yaml.substring(0, i));
        }
    }

    @Test
    void randomCharacterMutations() throws IOException {
        String yaml = helloworld();
        String alphabet = ":-[]{}&*!|>'\"#%@`,?\t\n 0123456789~<=.yesnoabc\\\u0000\u00e9";
        SplittableRandom random = new SplittableRandom(20240607);
        for (int round = 0; round < 3000; round++) {
            readsOrExplains(Mutations.mutate(yaml, alphabet, 4, 0, random));
        }
    }
}
