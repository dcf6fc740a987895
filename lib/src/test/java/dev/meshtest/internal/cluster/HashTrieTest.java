package dev.meshtest.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HashTrie} answers as a {@link HashMap} given the same puts and removes, over versions
 * made by editors of many changes and of one, and an old version never changes: keys include
 * ones of equal hash (collisions), and enough keys for several levels.
 */
class HashTrieTest {

    /** A key whose hash is chosen, so keys can collide. */
    private record Key(int hash, int id) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void versionsAnswerAsMapsAndNeverChange(long seed) {
        SplittableRandom g = new SplittableRandom(seed);
        List<HashTrie<Key, Integer>> versions = new ArrayList<>();
        List<Map<Key, Integer>> expected = new ArrayList<>();
        HashTrie<Key, Integer> trie = HashTrie.empty();
        Map<Key, Integer> map = new HashMap<>();
        int hashes = 1 + g.nextInt(5000);
        for (int v = 0; v < 60; v++) {
            HashTrie.Editor<Key, Integer> e = trie.edit();
            for (int n = g.nextInt(v % 3 == 0 ? 2000 : 20); n > 0; n--) {
                Key k = new Key(g.nextInt(hashes) * (g.nextBoolean() ? 1 : -1), g.nextInt(3));
                if (g.nextInt(3) == 0) {
                    assertThat(e.remove(k)).isEqualTo(map.remove(k));
                } else {
                    int value = g.nextInt(100);
                    assertThat(e.put(k, value)).isEqualTo(map.put(k, value));
                }
                assertThat(e.get(k)).isEqualTo(map.get(k));
            }
            trie = e.build();
            versions.add(trie);
            expected.add(new HashMap<>(map));
        }
        for (int v = 0; v < versions.size(); v++) {
            HashTrie<Key, Integer> t = versions.get(v);
            Map<Key, Integer> m = expected.get(v);
            assertThat(t.size()).isEqualTo(m.size());
            Map<Key, Integer> seen = new HashMap<>();
            t.forEach(seen::put);
            assertThat(seen).isEqualTo(m);
            for (int h = -hashes; h <= hashes; h += 1 + g.nextInt(7)) {
                for (int id = 0; id < 3; id++) {
                    Key k = new Key(h, id);
                    assertThat(t.get(k)).isEqualTo(m.get(k));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void aBuiltVersionIsNotChangedByItsEditor(int extra) {
        HashTrie.Editor<String, Integer> e = HashTrie.<String, Integer>empty().edit();
        for (int i = 0; i < 100 + extra; i++) {
            e.put("k" + i, i);
        }
        HashTrie<String, Integer> a = e.build();
        HashTrie.Editor<String, Integer> f = a.edit();
        for (int i = 0; i < 100 + extra; i += 2) {
            f.remove("k" + i);
            f.put("n" + i, i);
        }
        HashTrie<String, Integer> b = f.build();
        Map<String, Integer> inA = new TreeMap<>();
        a.forEach(inA::put);
        assertThat(inA).hasSize(100 + extra).containsEntry("k0", 0);
        assertThat(b.get("k0")).isNull();
        assertThat(b.get("n0")).isZero();
        assertThat(b.size()).isEqualTo(100 + extra);
    }
}
