package io.cdclake.loader.changes;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The primary keys the generator believes exist, so updates and deletes hit real rows and a seed
 * picks the same rows every time. Removal swaps in the last key: order does not matter, speed does.
 */
final class KeyPool {

    private long[] keys;
    private int size;

    KeyPool(long[] initial) {
        this.keys = Arrays.copyOf(initial, Math.max(16, initial.length));
        this.size = initial.length;
    }

    int size() {
        return size;
    }

    void add(long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    /** Index of a random key; the pool must not be empty. */
    int pick(SplittableRandom random) {
        return random.nextInt(size);
    }

    long get(int index) {
        return keys[index];
    }

    void removeAt(int index) {
        keys[index] = keys[--size];
    }
}
