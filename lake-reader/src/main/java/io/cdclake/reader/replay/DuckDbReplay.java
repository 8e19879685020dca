package io.cdclake.reader.replay;

import io.cdclake.format.LakeType;
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
        List<String> columns = ReplaySql.stateColumns(files);
        Map<String, LakeType> types = ReplaySql.columnTypes(files);
        String state = ReplaySql.currentState(SqlDialect.DUCKDB, files, keyColumns, asOf);
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
}
