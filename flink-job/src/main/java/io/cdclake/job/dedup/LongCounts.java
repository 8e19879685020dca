package io.cdclake.job.dedup;

/**
 * A multiset of longs in two arrays (open addressing, linear probing): how many times each
 * fingerprint was seen. Identical rows are real rows, so a set, which would count them once, cannot
 * serve. No boxed object per value, and 16 to 32 bytes a distinct value at a load between 0.375 and
 * 0.75: a table of snapshot reads fills most of what it took, and as it doubles, the old arrays and
 * the new are alive together (at a load of 0.5 ten million reads needed 0.4 GB of heap and 0.6 GB
 * while the table doubled; at 0.75, 0.2 and 0.3). Linear probing stays short at that load with the
 * multiplicative spreading below.
 */
final class LongCounts {

    private static final long EMPTY = 0L;

    private long[] keys = new long[16];
    private int[] counts = new int[16];
    private int distinct;
    private int zeroCount;

    /** How many distinct values are held. */
    int distinct() {
        return distinct + (zeroCount > 0 ? 1 : 0);
    }

    /** Slots in the table, held or free: its memory is 12 bytes each. */
    int capacity() {
        return keys.length;
    }

    boolean isEmpty() {
        return distinct() == 0;
    }

    int count(long value) {
        if (value == EMPTY) {
            return zeroCount;
        }
        int i = find(value);
        return i < 0 ? 0 : counts[i];
    }

    /** Adds one occurrence. */
    void add(long value) {
        add(value, 1);
    }

    void add(long value, int times) {
        if (times <= 0) {
            return;
        }
        if (value == EMPTY) {
            zeroCount += times;
            return;
        }
        // Long arithmetic: at a billion slots the int product would overflow.
        if ((distinct + 1L) * 4 > keys.length * 3L) {
            grow();
        }
        int mask = keys.length - 1;
        int i = spread(value) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == value) {
                counts[i] += times;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = value;
        counts[i] = times;
        distinct++;
    }

    /** Takes one occurrence away; false when there was none. */
    boolean removeOne(long value) {
        if (value == EMPTY) {
            if (zeroCount == 0) {
                return false;
            }
            zeroCount--;
            return true;
        }
        int i = find(value);
        if (i < 0) {
            return false;
        }
        if (--counts[i] == 0) {
            delete(i);
        }
        return true;
    }

    void clear() {
        if (distinct() > 0 || keys.length > 16) {
            keys = new long[16];
            counts = new int[16];
            distinct = 0;
            zeroCount = 0;
        }
    }

    /** Calls back every value with its count, in no particular order. */
    void forEach(Entry each) {
        if (zeroCount > 0) {
            each.accept(EMPTY, zeroCount);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                each.accept(keys[i], counts[i]);
            }
        }
    }

    /** A value and how often it is held. */
    interface Entry {
        void accept(long value, int count);
    }

    private int find(long value) {
        int mask = keys.length - 1;
        int i = spread(value) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == value) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Backward-shift deletion keeps every probe chain unbroken without tombstones. */
    private void delete(int hole) {
        int mask = keys.length - 1;
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (keys[i] == EMPTY) {
                break;
            }
            int home = spread(keys[i]) & mask;
            // Move the entry at i into the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween =
                    hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!homeBetween) {
                keys[hole] = keys[i];
                counts[hole] = counts[i];
                hole = i;
            }
        }
        keys[hole] = EMPTY;
        counts[hole] = 0;
        distinct--;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        distinct = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                add(oldKeys[i], oldCounts[i]);
            }
        }
    }

    private static int spread(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
