package io.cdclake.reader.query;

import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.replay.ReplaySql;
import io.cdclake.reader.replay.SqlDialect;
import io.cdclake.reader.state.CurrentState;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lake as SQL: an in-memory DuckDB in which every table of the lake is a view of its current
 * state, {@code "<schema>"."<table>"}, and a view of its changes, {@code
 * "<schema>"."<table>__changes"} (see {@link ViewDefinitions}). DuckDB reads the part files where
 * they are, or their local copies for a lake in S3.
 */
public final class LakeQuery implements AutoCloseable {

    private final Connection connection;
    private final List<TableParts> parts;
    private final List<TableId> tables;
    private final List<TableId> allTables;
    private final List<Instant> coveredCommits;
    private final List<String> notes;
    private final AsOf asOf;

    private LakeQuery(
            Connection connection,
            List<TableParts> parts,
            List<TableId> allTables,
            List<Instant> coveredCommits,
            List<String> notes,
            AsOf asOf) {
        this.notes = List.copyOf(notes);
        this.connection = connection;
        this.parts = List.copyOf(parts);
        this.tables = parts.stream().map(TableParts::table).toList();
        this.allTables = List.copyOf(allTables);
        this.coveredCommits = new ArrayList<>(coveredCommits);
        this.asOf = asOf;
    }

    /** Opens {@code lakeRoot} in {@code store} and defines its views as of {@code asOf}. */
    public static LakeQuery open(LakeStore store, String lakeRoot, AsOf asOf)
            throws IOException, SQLException {
        return open(store, lakeRoot, asOf, (table, point) -> Optional.empty(), null);
    }

    /** A table's compacted state as of a point, if it has one. */
    @FunctionalInterface
    public interface States {
        Optional<CurrentState> of(TableId table, AsOf asOf) throws IOException;
    }

    /**
     * Opens {@code lakeRoot} in {@code store} and defines the views {@code sql} names (all
     * current-state views when it is null) as of {@code asOf}. A table with a compacted state
     * ({@code states}: as of the point, the newest that covers nothing after it) is replayed from
     * it and the part files it does not cover, unless the statement names the view of its changes:
     * then from every part file. Only the files of the views defined are read.
     */
    public static LakeQuery open(
            LakeStore store, String lakeRoot, AsOf asOf, States states, String sql)
            throws IOException, SQLException {
        List<LakeTable> tables = LakeCatalog.tables(store, lakeRoot);
        List<TableId> ids = tables.stream().map(LakeTable::id).toList();
        String named = sql == null ? null : sql.toLowerCase(Locale.ROOT);
        LakeParts reader = new LakeParts(store);
        List<TableParts> parts = new ArrayList<>();
        List<Instant> coveredCommits = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Connection connection = DuckDbReplay.open();
        try {
            for (LakeTable table : tables) {
                String view =
                        ViewDefinitions.viewTable(table.id(), ids).table().toLowerCase(Locale.ROOT);
                // As typed, or quoted with its quotes doubled.
                String quoted = view.replace("\"", "\"\"");
                if (named != null && !named.contains(view) && !named.contains(quoted)) {
                    continue;
                }
                boolean changes =
                        named != null
                                && (named.contains(view + ViewDefinitions.CHANGES_SUFFIX)
                                        || named.contains(quoted + ViewDefinitions.CHANGES_SUFFIX));
                Optional<CurrentState> state = Optional.empty();
                String whyEveryPart =
                        "no current-state table of it covers the point read (give"
                                + " --catalog-jdbc-url; run compact)";
                if (!changes) {
                    try {
                        state = states.of(table.id(), asOf);
                    } catch (CurrentState.ForeignSnapshotException e) {
                        notes.add(table.id() + " is read from every part file: " + e.getMessage());
                        whyEveryPart = e.getMessage();
                    }
                }
                TableParts based = null;
                if (state.isPresent()) {
                    LakeTable rest =
                            new LakeTable(
                                    table.id(),
                                    state.get().notCovered(lakeRoot, table.files()),
                                    table.continuesUnnamed());
                    TableParts fresh =
                            reader.read(rest, SqlDialect.DUCKDB, LakeParts.Paths.LOCAL_COPY);
                    based =
                            new TableParts(
                                    table.id(),
                                    fresh.files(),
                                    state.get().base(),
                                    state.get().keyColumns(),
                                    false);
                    Optional<String> why =
                            state.get()
                                    .whyNotContinued(connection, fresh.files(), based.keyColumns());
                    if (why.isPresent()) {
                        notes.add(
                                table.id()
                                        + " is read from every part file until the next compact: "
                                        + why.get());
                        whyEveryPart = "its current-state table cannot be continued: " + why.get();
                        based = null;
                    }
                }
                if (based == null) {
                    if (changes && table.expiredBefore() != null) {
                        notes.add(
                                view
                                        + ViewDefinitions.CHANGES_SUFFIX
                                        + " holds the changes since "
                                        + table.expiredBefore()
                                        + ", and "
                                        + view
                                        + " beside it is replayed from those alone: earlier ones"
                                        + " were expired");
                    } else {
                        table.requireWholeHistory(whyEveryPart);
                    }
                    parts.add(reader.read(table, SqlDialect.DUCKDB, LakeParts.Paths.LOCAL_COPY));
                    coveredCommits.add(null);
                } else {
                    parts.add(based);
                    Long last = state.get().coverage().lastCommitMillis();
                    coveredCommits.add(last == null ? null : Instant.ofEpochMilli(last));
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String statementSql :
                        ViewDefinitions.statements(SqlDialect.DUCKDB, parts, asOf)) {
                    statement.execute(statementSql);
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new LakeQuery(connection, parts, ids, coveredCommits, notes, asOf);
    }

    /** The tables with views, sorted by schema and name, each with its source. */
    public List<TableId> tables() {
        return tables;
    }

    /** The schema and name of a table's views (see {@link ViewDefinitions#viewTable}). */
    public TableId viewTable(TableId table) {
        return ViewDefinitions.viewTable(table, allTables);
    }

    /** Why tables with a compacted state are read from every part file instead, one line each. */
    public List<String> notes() {
        return notes;
    }

    /** How many part files a table's views replay: those its compacted state does not cover. */
    public int partFiles(TableId table) {
        return parts.stream()
                .filter(p -> p.table().equals(table))
                .mapToInt(p -> p.files().size())
                .sum();
    }

    /** Whether a table's current state was replayed from its compacted state. */
    public boolean fromState(TableId table) {
        return parts.stream().anyMatch(p -> p.table().equals(table) && !p.base().isNone());
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
                int index = tables.indexOf(table);
                TableParts tableParts = parts.get(index);
                Instant lastCommit = coveredCommits.get(index);
                String changes =
                        tableParts.withChanges()
                                ? ViewDefinitions.viewName(
                                        SqlDialect.DUCKDB,
                                        viewTable(table),
                                        ViewDefinitions.CHANGES_SUFFIX)
                                : "("
                                        + ReplaySql.changes(SqlDialect.DUCKDB, tableParts.files())
                                        + ")";
                try (ResultSet rs =
                        statement.executeQuery(
                                "SELECT max(_source_ts_ms) FROM "
                                        + changes
                                        + " AS __cdc_lake_c"
                                        + asOfFilter())) {
                    rs.next();
                    long millis = rs.getLong(1);
                    if (!rs.wasNull()
                            && (lastCommit == null || millis > lastCommit.toEpochMilli())) {
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
