package io.cdclake.reader.query;

import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.replay.SqlDialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lake as SQL: an in-memory DuckDB in which every table of the lake is a view of its current
 * state, {@code "<schema>"."<table>"}, and a view of its changes, {@code
 * "<schema>"."<table>__changes"} (see {@link ViewDefinitions}). DuckDB reads the part files where
 * they are, or their local copies for a lake in S3.
 */
public final class LakeQuery implements AutoCloseable {

    private final Connection connection;
    private final List<TableId> tables;
    private final AsOf asOf;

    private LakeQuery(Connection connection, List<TableId> tables, AsOf asOf) {
        this.connection = connection;
        this.tables = List.copyOf(tables);
        this.asOf = asOf;
    }

    /** Opens {@code lakeRoot} in {@code store} and defines its views as of {@code asOf}. */
    public static LakeQuery open(LakeStore store, String lakeRoot, AsOf asOf)
            throws IOException, SQLException {
        List<TableParts> parts =
                new LakeParts(store)
                        .read(
                                LakeCatalog.tables(store, lakeRoot),
                                SqlDialect.DUCKDB,
                                LakeParts.Paths.LOCAL_COPY);
        Connection connection = DuckDbReplay.open();
        try (Statement statement = connection.createStatement()) {
            for (String sql : ViewDefinitions.statements(SqlDialect.DUCKDB, parts, asOf)) {
                statement.execute(sql);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new LakeQuery(connection, parts.stream().map(TableParts::table).toList(), asOf);
    }

    /** The tables with views, sorted by schema and name, each with its source. */
    public List<TableId> tables() {
        return tables;
    }

    /** The schema and name of a table's views (see {@link ViewDefinitions#viewTable}). */
    public TableId viewTable(TableId table) {
        return ViewDefinitions.viewTable(table, tables);
    }

    /** The DuckDB connection with the views; closed by {@link #close}. */
    public Connection connection() {
        return connection;
    }

    /** A table's rows now (as of the point the views were defined at) and its last commit. */
    public record TableSummary(TableId table, long rows, Instant lastCommit) {}

    /**
     * Each table's rows in its current-state view and its last commit time, the newest {@code
     * _source_ts_ms} up to the as-of point; null when there is none.
     */
    public List<TableSummary> summaries() throws SQLException {
        List<TableSummary> summaries = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (TableId table : tables) {
                long rows;
                try (ResultSet rs =
                        statement.executeQuery(
                                "SELECT count(*) FROM "
                                        + ViewDefinitions.viewName(
                                                SqlDialect.DUCKDB, viewTable(table), ""))) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                Instant lastCommit = null;
                try (ResultSet rs =
                        statement.executeQuery(
                                "SELECT max(_source_ts_ms) FROM "
                                        + ViewDefinitions.viewName(
                                                SqlDialect.DUCKDB,
                                                viewTable(table),
                                                ViewDefinitions.CHANGES_SUFFIX)
                                        + asOfFilter())) {
                    rs.next();
                    long millis = rs.getLong(1);
                    if (!rs.wasNull()) {
                        lastCommit = Instant.ofEpochMilli(millis);
                    }
                }
                summaries.add(new TableSummary(table, rows, lastCommit));
            }
        }
        return summaries;
    }

    /** The changes up to the as-of point, the same rows the current state is replayed from. */
    private String asOfFilter() {
        if (asOf instanceof AsOf.Lsn lsn) {
            return " WHERE _lsn <= " + lsn.lsn();
        }
        if (asOf instanceof AsOf.Timestamp time) {
            return " WHERE _source_ts_ms <= " + time.time().toEpochMilli();
        }
        return "";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
