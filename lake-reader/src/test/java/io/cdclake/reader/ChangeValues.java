package io.cdclake.reader;

import io.cdclake.format.MetadataColumns;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a change row of {@code public.items} written by hand: its columns, then the lake's
 * metadata columns with timestamps and a transaction id that follow the LSN.
 */
public final class ChangeValues {

    private static final String TOPIC = "postgres.public.items";

    private ChangeValues() {}

    /** A change at a Kafka partition and offset, with its unavailable columns (or null). */
    public static Map<String, Object> positioned(
            String op,
            String image,
            long lsn,
            int partition,
            long offset,
            String unavailable,
            Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        values.put(MetadataColumns.OP, op);
        values.put(MetadataColumns.IMAGE, image);
        values.put(MetadataColumns.SOURCE_TS_MS, 1_795_000_000_000L + lsn);
        values.put(MetadataColumns.TS_MS, 1_795_000_000_100L + lsn);
        values.put(MetadataColumns.LSN, lsn);
        values.put(MetadataColumns.TX_ID, 700L + lsn);
        values.put(MetadataColumns.TOPIC, TOPIC);
        values.put(MetadataColumns.PARTITION, partition);
        values.put(MetadataColumns.OFFSET, offset);
        values.put(MetadataColumns.UNAVAILABLE_COLUMNS, unavailable);
        return values;
    }
}
