package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTableTest {

    @Test
    void findsEveryKeyByReferenceBeforeAndAfterTheArrayIsFull() {
        IdentityTable<String, Integer> table = new IdentityTable<>();
        String[] keys = new String[20];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new String("key");   // equal keys, distinct objects
            table.put(keys[i], i);
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(table.get(keys[i])).isEqualTo(i);
        }
        assertThat(table.get("key")).as("an equal key is another key").isNull();
        table.clear();
        assertThat(table.get(keys[0])).isNull();
        assertThat(table.get(keys[19])).isNull();
        table.put(keys[19], 7);
        assertThat(table.get(keys[19])).isEqualTo(7);
    }
}
