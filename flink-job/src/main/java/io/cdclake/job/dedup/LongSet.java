package io.cdclake.job.dedup;

import java.util.Arrays;

/**
 * A set of longs in one array (open addressing), 8 to 16 bytes a value: a snapshot of millions of
 * rows is remembered without a boxed object per row.
 */
final class LongSet {

    private static final long EMPTY = 0L;

    private long[] slots = new long[16];
    private int size;
    private boolean hasZero;

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    /** True when the value was not in the set. */
    boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = spread(value) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
        return true;
    }

    void clear() {
        if (size() > 0) {
            slots = new long[16];
            size = 0;
            hasZero = false;
        }
    }

    long[] toArray() {
        long[] values = new long[size()];
        int n = 0;
        for (long slot : slots) {
            if (slot != EMPTY) {
                values[n++] = slot;
            }
        }
        if (hasZero) {
            values[n] = EMPTY;
        }
        return values;
    }

    static LongSet of(long[] values) {
        LongSet set = new LongSet();
        if (values != null) {
            for (long value : values) {
                set.add(value);
            }
        }
        return set;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long value : old) {
            if (value != EMPTY) {
                add(value);
            }
        }
    }

    private static int spread(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
