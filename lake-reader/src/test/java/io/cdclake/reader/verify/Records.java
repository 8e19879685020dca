package io.cdclake.reader.verify;

import io.cdclake.format.TableId;
import io.cdclake.reader.ChangeValues;
import io.cdclake.reader.verify.ColumnType.Kind;
import java.util.ArrayList;
import java.util.List;

/** Lake rows and tables built by hand, for tests of replay and comparison. */
final class Records {

    static final TableId TABLE = new TableId("public", "items");

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
        return new LakeRecord(
                "file:/lake/parquet/public.items/" + file,
                ChangeValues.positioned(
                        op, image, lsn, partition, offset, unavailable, namesAndValues));
    }

    /** Database rows: arrays of values in column order. */
    static List<Object[]> rows(Object[]... rows) {
        return new ArrayList<>(List.of(rows));
    }
}
