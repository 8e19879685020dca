package io.cdclake.reader.verify;

import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableId;
import io.cdclake.reader.verify.ColumnType.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lake rows and tables built by hand, for tests of replay and comparison. */
final class Records {

    static final TableId TABLE = new TableId("public", "items");
    static final String TOPIC = "postgres.public.items";

    private Records() {}

    static DatabaseTable.Column column(String name, Kind kind) {
        return new DatabaseTable.Column(name, ColumnType.of(kind));
    }

    /** {@code id bigint primary key, name text, price numeric}. */
    static DatabaseTable items() {
        return DatabaseTable.of(
                TABLE,
                List.of(
                        column("id", Kind.INTEGER),
                        column("name", Kind.TEXT),
                        column("price", Kind.NUMERIC)),
                List.of("id"));
    }

    /** A row of a Parquet file: the values (alternating names and values) and the metadata. */
    static LakeRecord row(
            String op, String image, long lsn, long offset, Object... namesAndValues) {
        return row(
                "dt=2026-11-24/part-a-0.parquet", op, image, lsn, 0, offset, null, namesAndValues);
    }

    static LakeRecord row(
            String file,
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
        return new LakeRecord("file:/lake/parquet/public.items/" + file, values);
    }

    /** Database rows: arrays of values in column order. */
    static List<Object[]> rows(Object[]... rows) {
        return new ArrayList<>(List.of(rows));
    }
}
