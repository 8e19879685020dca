package io.cdclake.reader.verify;

import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.ReplaySql;
import io.cdclake.reader.replay.StateBase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table's current state as the lake gives it: the rows of {@link ReplaySql#currentState}, run in
 * an embedded DuckDB over the table's part files, the view {@code query} shows.
 *
 * @param rows each row's columns (those of the newest file) to the lake's canonical values
 * @param defaults the defaults that rows of files without an added column took
 */
record LakeState(List<Map<String, Object>> rows, Map<String, Object> defaults) {

    static LakeState empty() {
        return new LakeState(List.of(), Map.of());
    }

    /**
     * Replays {@code files}, keyed as the newest file's table metadata says, else as the database
     * does.
     */
    static LakeState replay(List<PartFile> files, DatabaseTable table)
            throws SQLException, VerifyException {
        if (files.isEmpty()) {
            return empty();
        }
        try (Connection duckDb = DuckDbReplay.open()) {
            List<Map<String, Object>> rows =
                    DuckDbReplay.currentState(duckDb, files, key(files, table), AsOf.none());
            return new LakeState(rows, ReplaySql.defaults(files));
        } catch (IllegalArgumentException e) {
            throw new VerifyException(
                    "cannot replay the lake's changes of " + table.table() + ": " + e.getMessage());
        }
    }

    /**
     * Replays a compacted state ({@code base}) and {@code files}, the part files it does not cover,
     * keyed by {@code key}.
     */
    static LakeState replay(
            List<PartFile> files, List<String> key, StateBase base, DatabaseTable table)
            throws SQLException, VerifyException {
        List<PartFile> all = new ArrayList<>(base.files());
        all.addAll(files);
        try (Connection duckDb = DuckDbReplay.open()) {
            List<Map<String, Object>> rows =
                    DuckDbReplay.currentState(duckDb, files, key, AsOf.none(), base);
            return new LakeState(rows, ReplaySql.defaults(all));
        } catch (IllegalArgumentException e) {
            throw new VerifyException(
                    "cannot replay the lake's changes of " + table.table() + ": " + e.getMessage());
        }
    }

    /**
     * The key a compacted state and the part files after it ({@code files}) are replayed by: the
     * files' own when they record one, else the state's, else the database's ({@link #key}).
     */
    static List<String> key(List<PartFile> files, List<String> stateKey, DatabaseTable table) {
        Optional<List<String>> lakeKey = ReplaySql.keyColumns(files);
        if (lakeKey.isEmpty() && !stateKey.isEmpty()) {
            return stateKey;
        }
        return key(files, table);
    }

    /**
     * The key the replay identifies rows by: the lake's own (the newest file's table metadata),
     * else the database's. A lake without a key defers to the database too: a table keyed by a
     * replica identity index has no primary key for Debezium, yet its before images carry only the
     * index's columns, which only that key matches.
     */
    static List<String> key(List<PartFile> files, DatabaseTable table) {
        Optional<List<String>> lakeKey = ReplaySql.keyColumns(files);
        if (lakeKey.isPresent()
                && !lakeKey.get().isEmpty()
                && ReplaySql.changeColumns(files).containsAll(lakeKey.get())) {
            return lakeKey.get();
        }
        if (table.wholeRowKey()) {
            return List.of();
        }
        return table.keyColumns().stream().map(DatabaseTable.Column::name).toList();
    }

    long size() {
        return rows.size();
    }
}
