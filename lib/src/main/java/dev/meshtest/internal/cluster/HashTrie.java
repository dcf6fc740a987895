package dev.meshtest.internal.cluster;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * An immutable hash map that a new version is derived from in time proportional to the change:
 * a hash array mapped trie (as Clojure's {@code PersistentHashMap}), where a new version copies
 * only the nodes on the paths of the keys it changes and shares every other node with the old
 * version. {@link ClusterState} keeps its lookups (objects by ref, pods, Services, endpoints) in
 * these, so a snapshot after an apply of 100 objects does not copy maps of 50,000.
 *
 * <p>Changes go through an {@link Editor}, which may change the nodes it made itself in place (so
 * a batch of a thousand puts does not copy a path a thousand times) and never a node of an
 * earlier version; {@link Editor#build()} ends the editor and answers the new version.
 *
 * <pre>{@code
 * HashTrie<String, Integer> a = HashTrie.empty();
 * HashTrie.Editor<String, Integer> e = a.edit();
 * e.put("x", 1);
 * HashTrie<String, Integer> b = e.build();   // a is still empty
 * b.get("x");                                 // 1
 * }</pre>
 *
 * <p>Lookups only: {@link #forEach} visits entries in hash order, so callers must not let that
 * order show (the snapshot keeps its orders in lists).
 *
 * @param <K> keys, with {@code equals} and {@code hashCode}; never {@code null}
 * @param <V> values; never {@code null}
 */
final class HashTrie<K, V> {

    private static final HashTrie<?, ?> EMPTY = new HashTrie<>(null, 0);
    private static final Object[] NO_SLOTS = new Object[0];

    private final Node root;
    private final int size;

    private HashTrie(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <K, V> HashTrie<K, V> empty() {
        return (HashTrie<K, V>) EMPTY;
    }

    /** The value of {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(Object key) {
        return root == null ? null : (V) root.find(0, hash(key), key);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Every entry, in an order that depends on the keys' hashes: use only where order cannot show. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<? super K, ? super V> action) {
        if (root != null) {
            root.forEach((BiConsumer<Object, Object>) action);
        }
    }

    /** An editor starting from this version; this version never changes. */
    Editor<K, V> edit() {
        return new Editor<>(root, size);
    }

    private static int hash(Object key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }

    /**
     * Makes one new version. Nodes it creates carry its token and are changed in place while it is
     * live; nodes of other versions are copied before a change.
     */
    static final class Editor<K, V> {
        private final Token token = new Token();
        private Node root;
        private int size;

        private Editor(Node root, int size) {
            this.root = root;
            this.size = size;
        }

        @SuppressWarnings("unchecked")
        V get(Object key) {
            return root == null ? null : (V) root.find(0, hash(key), key);
        }

        /** Sets {@code key} to {@code value}; answers the value it replaced, or {@code null}. */
        @SuppressWarnings("unchecked")
        V put(K key, V value) {
            live();
            if (key == null || value == null) {
                throw new NullPointerException("HashTrie keys and values are never null");
            }
            Box box = new Box();
            Node start = root == null ? new BitmapNode(token, 0, NO_SLOTS) : root;
            root = start.put(token, 0, hash(key), key, value, box);
            if (!box.found) {
                size++;
            }
            return (V) box.old;
        }

        /** Removes {@code key}; answers its value, or {@code null} when it had none. */
        @SuppressWarnings("unchecked")
        V remove(Object key) {
            live();
            if (root == null) {
                return null;
            }
            Box box = new Box();
            root = root.remove(token, 0, hash(key), key, box);
            if (box.found) {
                size--;
            }
            return (V) box.old;
        }

        /** The new version; the editor may not be used after. */
        HashTrie<K, V> build() {
            live();
            token.live = false;
            return root == null || size == 0 ? empty() : new HashTrie<>(root, size);
        }

        private void live() {
            if (!token.live) {
                throw new IllegalStateException("this editor has built its version");
            }
        }
    }

    /** An editor's mark on the nodes it made; a node may change in place only under its own live token. */
    private static final class Token {
        boolean live = true;
    }

    /** What a put or remove found: whether the key was there, and its value. */
    private static final class Box {
        boolean found;
        Object old;
    }

    private abstract static class Node {
        final Token token;

        Node(Token token) {
            this.token = token;
        }

        boolean editableBy(Token t) {
            return token == t && t.live;
        }

        abstract Object find(int shift, int hash, Object key);

        abstract Node put(Token t, int shift, int hash, Object key, Object value, Box box);

        /** The node without {@code key}; {@code null} when nothing is left. */
        abstract Node remove(Token t, int shift, int hash, Object key, Box box);

        abstract void forEach(BiConsumer<Object, Object> action);
    }

    /**
     * 32 slots, of which those in use are packed in {@code slots} by a bitmap: a pair
     * (key, value), or (null, child node) for keys that share the slot.
     */
    private static final class BitmapNode extends Node {
        int bitmap;
        Object[] slots;

        BitmapNode(Token token, int bitmap, Object[] slots) {
            super(token);
            this.bitmap = bitmap;
            this.slots = slots;
        }

        private static int bit(int hash, int shift) {
            return 1 << ((hash >>> shift) & 31);
        }

        private int index(int bit) {
            return Integer.bitCount(bitmap & (bit - 1));
        }

        @Override
        Object find(int shift, int hash, Object key) {
            int bit = bit(hash, shift);
            if ((bitmap & bit) == 0) {
                return null;
            }
            int i = 2 * index(bit);
            Object k = slots[i];
            if (k == null) {
                return ((Node) slots[i + 1]).find(shift + 5, hash, key);
            }
            return key.equals(k) ? slots[i + 1] : null;
        }

        @Override
        Node put(Token t, int shift, int hash, Object key, Object value, Box box) {
            int bit = bit(hash, shift);
            int i = 2 * index(bit);
            if ((bitmap & bit) != 0) {
                Object k = slots[i];
                Object v = slots[i + 1];
                if (k == null) {
                    Node child = ((Node) v).put(t, shift + 5, hash, key, value, box);
                    return child == v ? this : with(t, i + 1, child);
                }
                if (key.equals(k)) {
                    box.found = true;
                    box.old = v;
                    return v == value ? this : with(t, i + 1, value);
                }
                Node child = pair(t, shift + 5, k, v, hash, key, value);
                BitmapNode n = editable(t);
                n.slots[i] = null;
                n.slots[i + 1] = child;
                return n;
            }
            Object[] grown = new Object[slots.length + 2];
            System.arraycopy(slots, 0, grown, 0, i);
            grown[i] = key;
            grown[i + 1] = value;
            System.arraycopy(slots, i, grown, i + 2, slots.length - i);
            if (editableBy(t)) {
                bitmap |= bit;
                slots = grown;
                return this;
            }
            return new BitmapNode(t, bitmap | bit, grown);
        }

        @Override
        Node remove(Token t, int shift, int hash, Object key, Box box) {
            int bit = bit(hash, shift);
            if ((bitmap & bit) == 0) {
                return this;
            }
            int i = 2 * index(bit);
            Object k = slots[i];
            Object v = slots[i + 1];
            if (k == null) {
                Node child = ((Node) v).remove(t, shift + 5, hash, key, box);
                if (child == v) {
                    return this;
                }
                if (child != null) {
                    return with(t, i + 1, child);
                }
            } else if (key.equals(k)) {
                box.found = true;
                box.old = v;
            } else {
                return this;
            }
            if (bitmap == bit) {
                return null;
            }
            Object[] shrunk = new Object[slots.length - 2];
            System.arraycopy(slots, 0, shrunk, 0, i);
            System.arraycopy(slots, i + 2, shrunk, i, slots.length - i - 2);
            if (editableBy(t)) {
                bitmap &= ~bit;
                slots = shrunk;
                return this;
            }
            return new BitmapNode(t, bitmap & ~bit, shrunk);
        }

        private BitmapNode editable(Token t) {
            return editableBy(t) ? this : new BitmapNode(t, bitmap, slots.clone());
        }

        private BitmapNode with(Token t, int i, Object x) {
            BitmapNode n = editable(t);
            n.slots[i] = x;
            return n;
        }

        @Override
        void forEach(BiConsumer<Object, Object> action) {
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] == null) {
                    ((Node) slots[i + 1]).forEach(action);
                } else {
                    action.accept(slots[i], slots[i + 1]);
                }
            }
        }
    }

    /** The node for two keys that met in one slot: one level deeper, or a collision node when their hashes are equal. */
    private static Node pair(Token t, int shift, Object k1, Object v1, int h2, Object k2, Object v2) {
        int h1 = hash(k1);
        if (h1 == h2) {
            return new CollisionNode(t, h1, new Object[] {k1, v1, k2, v2});
        }
        Box box = new Box();
        return new BitmapNode(t, 0, NO_SLOTS).put(t, shift, h1, k1, v1, box).put(t, shift, h2, k2, v2, box);
    }

    /** Keys of one full hash, as (key, value) pairs searched in turn. */
    private static final class CollisionNode extends Node {
        final int hash;
        Object[] slots;

        CollisionNode(Token token, int hash, Object[] slots) {
            super(token);
            this.hash = hash;
            this.slots = slots;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < slots.length; i += 2) {
                if (key.equals(slots[i])) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        Object find(int shift, int hash, Object key) {
            int i = hash == this.hash ? indexOf(key) : -1;
            return i < 0 ? null : slots[i + 1];
        }

        @Override
        Node put(Token t, int shift, int hash, Object key, Object value, Box box) {
            if (hash != this.hash) {
                // A key of another hash reached this slot: the collision node moves one level down.
                BitmapNode wrapper = new BitmapNode(t, 1 << ((this.hash >>> shift) & 31), new Object[] {null, this});
                return wrapper.put(t, shift, hash, key, value, box);
            }
            int i = indexOf(key);
            Object[] next;
            if (i >= 0) {
                box.found = true;
                box.old = slots[i + 1];
                if (slots[i + 1] == value) {
                    return this;
                }
                next = slots.clone();
                next[i + 1] = value;
            } else {
                next = Arrays.copyOf(slots, slots.length + 2);
                next[slots.length] = key;
                next[slots.length + 1] = value;
            }
            if (editableBy(t)) {
                slots = next;
                return this;
            }
            return new CollisionNode(t, hash, next);
        }

        @Override
        Node remove(Token t, int shift, int hash, Object key, Box box) {
            int i = hash == this.hash ? indexOf(key) : -1;
            if (i < 0) {
                return this;
            }
            box.found = true;
            box.old = slots[i + 1];
            if (slots.length == 2) {
                return null;
            }
            Object[] next = new Object[slots.length - 2];
            System.arraycopy(slots, 0, next, 0, i);
            System.arraycopy(slots, i + 2, next, i, slots.length - i - 2);
            if (editableBy(t)) {
                slots = next;
                return this;
            }
            return new CollisionNode(t, hash, next);
        }

        @Override
        void forEach(BiConsumer<Object, Object> action) {
            for (int i = 0; i < slots.length; i += 2) {
                action.accept(slots[i], slots[i + 1]);
            }
        }
    }
}
