package io.cdclake.loader.load;

import java.util.Arrays;

/**
 * Maps the record numbers PostgreSQL reports in COPY errors ("line 17" = 17th record sent) back to
 * lines of the CSV file. Only stores where the offset between the two changes (a record spanning
 * lines, a skipped row), so a million plain rows cost one entry.
 */
final class LineMap {

    private long[] records = new long[8];
    private long[] offsets = new long[8];
    private int size;

    void record(long recordNumber, long fileLine) {
        long offset = fileLine - recordNumber;
        if (size > 0 && offsets[size - 1] == offset) {
            return;
        }
        if (size == records.length) {
            records = Arrays.copyOf(records, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        records[size] = recordNumber;
        offsets[size] = offset;
        size++;
    }

    /** The file line of a record sent earlier, or -1 when unknown. */
    long fileLine(long recordNumber) {
        int i = Arrays.binarySearch(records, 0, size, recordNumber);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? -1 : recordNumber + offsets[i];
    }
}
