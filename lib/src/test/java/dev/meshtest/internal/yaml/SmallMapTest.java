package dev.meshtest.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader's small maps answer as the linked hash maps they replace, in the order read. */
class SmallMapTest {

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {1, 2, 3, 8, 9, 20})
    void sameAsLinkedHashMap(int n) {
        Map<String, Object> read = new LinkedHashMap<>();
        for (int i = n; i > 0; i--) {
            read.put("key" + i, i % 3 == 0 ? null : "value" + i);
        }
        Map<String, Object> small = SmallMap.copyOf(read);
        assertThat(small).isEqualTo(read).hasSameHashCodeAs(read).hasToString(read.toString());
        assertThat(small.keySet()).containsExactlyElementsOf(read.keySet());
        assertThat(small.get("key" + n)).isEqualTo(read.get("key" + n));
        assertThat(small.containsKey("key3")).isEqualTo(n >= 3);
        assertThat(small.get("absent")).isNull();
        assertThat(small).isUnmodifiable();
    }
}
