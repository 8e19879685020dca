package io.cdclake.reader.replay;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.TableMetadata;
import io.cdclake.reader.ChangeValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lake table written by hand as Parquet part files, and its state read back through the replay's
 * SQL in DuckDB.
 */
final class HandWrittenLake {

    private final Path dir;
    private final Map<String, LakeType> types;
    private final List<PartFile> files = new ArrayList<>();

    /**
     * @param types the lake type of every table column any file may have, in table order
     */
    HandWrittenLake(Path dir, Map<String, LakeType> types) {
        this.dir = dir;
        this.types = new LinkedHashMap<>(types);
    }

    /** A change row: op, image, LSN and offset (partition 0), then names and values. */
    static Map<String, Object> row(
            String op, String image, long lsn, long offset, Object... namesAndValues) {
        return ChangeValues.positioned(op, image, lsn, 0, offset, null, namesAndValues);
    }

    /** A part file of all the table's columns. */
    HandWrittenLake file(String name, List<Map<String, Object>> rows) throws IOException {
        return file(name, List.copyOf(types.keySet()), null, rows);
    }

    /** A part file of some of the table's columns, with table metadata in its footer or none. */
    HandWrittenLake file(
            String name,
            List<String> columns,
            TableMetadata metadata,
            List<Map<String, Object>> rows)
            throws IOException {
        List<LakeColumn> lakeColumns = new ArrayList<>();
        for (String column : columns) {
            lakeColumns.add(new LakeColumn(column, types.get(column)));
        }
        Path file = dir.resolve("dt=2026-11-24").resolve(name);
        Files.createDirectories(file.getParent());
        LakeParquet.write(file, lakeColumns, rows, metadata);
        files.add(PartFile.read(file, file.toString()));
        return this;
    }

    List<PartFile> files() {
        return files;
    }

    List<Map<String, Object>> state(List<String> key) throws SQLException {
        return state(key, AsOf.none());
    }

    List<Map<String, Object>> state(List<String> key, AsOf asOf) throws SQLException {
        try (Connection duckDb = DuckDbReplay.open()) {
            return DuckDbReplay.currentState(duckDb, files, key, asOf);
        }
    }

    /** Every row's values of {@code columns}, as lists. */
    static List<List<Object>> values(List<Map<String, Object>> rows, String... columns) {
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> value = new ArrayList<>();
            for (String column : columns) {
                value.add(row.get(column));
            }
            values.add(value);
        }
        return values;
    }
}
