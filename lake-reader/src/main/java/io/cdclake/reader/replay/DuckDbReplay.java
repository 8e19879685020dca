package io.cdclake.reader.replay;

import io.cdclake.format.LakeType;
import io.cdclake.format.MetadataColumns;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link ReplaySql#currentState} in DuckDB and returns the rows as the lake's canonical
 * values: what {@code verify} compares with PostgreSQL.
 */
public final class DuckDbReplay {

    private DuckDbReplay() {}

    /**
     * A fresh in-memory DuckDB, closed by the caller. What does not fit in memory spills to the
     * system's temp folder, not to DuckDB's default {@code .tmp} in the working directory.
     */
    public static Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            Path spill = Path.of(System.getProperty("java.io.tmpdir"), "cdc-lake-duckdb");
            statement.execute(
                    "SET temp_directory = " + SqlText.string(SqlDialect.DUCKDB, spill.toString()));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * The table's rows as of {@code asOf}, each a map of the {@link ReplaySql#stateColumns} to
     * canonical values ({@link DuckDbValues}).
     */
    public static List<Map<String, Object>> currentState(
            Connection duckDb, List<PartFile> files, List<String> keyColumns, AsOf asOf)
            throws SQLException {
        return currentState(duckDb, files, keyColumns, asOf, StateBase.NONE);
    }

    /**
     * The table's rows as of {@code asOf}, replayed from a compacted state and the files it does
     * not cover.
     */
    public static List<Map<String, Object>> currentState(
            Connection duckDb,
            List<PartFile> files,
            List<String> keyColumns,
            AsOf asOf,
            StateBase base)
            throws SQLException {
        List<PartFile> all = new ArrayList<>(base.files());
        all.addAll(files);
        List<String> columns = ReplaySql.stateColumns(all);
        Map<String, LakeType> types = ReplaySql.columnTypes(all);
        String state = ReplaySql.currentState(SqlDialect.DUCKDB, files, keyColumns, asOf, base);
        if (columns.isEmpty()) {
            columns = keyColumns;
        }
        List<String> exported = new ArrayList<>();
        for (String column : columns) {
            String name = SqlText.identifier(SqlDialect.DUCKDB, column);
            LakeType type = types.get(column);
            exported.add((type == null ? name : DuckDbValues.export(type, name)) + " AS " + name);
        }
        String sql =
                "SELECT "
                        + String.join(", ", exported)
                        + " FROM (\n"
                        + state
                        + "\n) AS "
                        + SqlText.identifier(SqlDialect.DUCKDB, "__cdc_lake_state");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = duckDb.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    LakeType type = types.get(columns.get(i));
                    Object value = result.getObject(i + 1);
                    row.put(columns.get(i), type == null ? value : DuckDbValues.read(type, value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Compacts a table: writes its state ({@link ReplaySql#compactedState} of {@code base} and
     * {@code files}) to Parquet, the rows to {@code rowsTarget} and the rows owed (removed before
     * they were upserted) to {@code owedTarget}, and returns its marks ({@link ReplaySql#marks}):
     * both files and the marks are the next {@link StateBase}.
     */
    public static Compacted compact(
            Connection duckDb,
            List<PartFile> files,
            List<String> keyColumns,
            StateBase base,
            Path rowsTarget,
            Path owedTarget)
            throws SQLException {
        String state = SqlText.identifier(SqlDialect.DUCKDB, "__cdc_lake_compacted");
        String image = SqlText.identifier(SqlDialect.DUCKDB, MetadataColumns.IMAGE);
        long rows;
        long owed;
        try (Statement statement = duckDb.createStatement()) {
            statement.execute(
                    "CREATE OR REPLACE TEMP TABLE "
                            + state
                            + " AS\n"
                            + ReplaySql.compactedState(files, keyColumns, base));
            try {
                rows = copy(statement, state, image + " = 'after'", rowsTarget);
                owed = copy(statement, state, image + " <> 'after'", owedTarget);
            } finally {
                statement.execute("DROP TABLE " + state);
            }
        }
        List<StateBase.Mark> marks = new ArrayList<>();
        try (Statement statement = duckDb.createStatement();
                ResultSet result =
                        statement.executeQuery(ReplaySql.marks(files, keyColumns, base))) {
            while (result.next()) {
                marks.add(
                        new StateBase.Mark(
                                result.getString(1),
                                result.getString(2),
                                result.getInt(3),
                                result.getLong(4),
                                nullableLong(result, 5),
                                nullableLong(result, 6)));
            }
        }
        return new Compacted(marks, rows, owed);
    }

    private static long copy(Statement statement, String table, String condition, Path target)
            throws SQLException {
        statement.execute(
                "COPY (SELECT * FROM "
                        + table
                        + " WHERE "
                        + condition
                        + ") TO "
                        + SqlText.string(SqlDialect.DUCKDB, target.toString())
                        + " (FORMAT PARQUET, COMPRESSION ZSTD)");
        try (ResultSet result =
                statement.executeQuery(
                        "SELECT count(*) FROM read_parquet("
                                + SqlText.string(SqlDialect.DUCKDB, target.toString())
                                + ")")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Long nullableLong(ResultSet result, int column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }

    /** What {@link #compact} wrote: the state's marks, its rows and the rows it owes. */
    public record Compacted(List<StateBase.Mark> marks, long rows, long owed) {}
}
