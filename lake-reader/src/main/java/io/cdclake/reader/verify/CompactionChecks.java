package io.cdclake.reader.verify;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.ReplaySql;
import io.cdclake.reader.replay.StateBase;
import io.cdclake.reader.state.Coverage;
import io.cdclake.reader.state.CurrentState;
import io.cdclake.reader.state.StateCompactor;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks {@code verify} makes of a table's change rows and CSV files, made by {@code compact}
 * on the part files it covers ({@link StateCompactor.Checker}): the changelog findings of the new
 * part files, starting from the rows of the state before them ({@link ChangelogFindings}), and each
 * CSV file not checked yet against the Parquet rows of the new part files and of those left pending
 * ({@link CsvParquetComparison}). A CSV file counts as checked when every one of its rows is found,
 * equal; a Parquet file stays pending until all its rows are found in checked CSV files (the job
 * commits the two formats' files independently, so one may be listed before the other). {@code
 * verify} reads the rest.
 *
 * <p>The database is not at hand here: values compare as the lake holds them, which suffices, as
 * every row compared comes from the same reader.
 */
public final class CompactionChecks implements StateCompactor.Checker {

    private static final int MAX_EXAMPLES = 5;

    private final LakeStore store;
    private final char csvDelimiter;
    private final boolean checkCsv;

    /**
     * @param csvDelimiter the job's {@code csv.delimiter}
     * @param checkCsv whether the lake has CSV files (the job's {@code lake.formats})
     */
    public CompactionChecks(LakeStore store, char csvDelimiter, boolean checkCsv) {
        this.store = store;
        this.csvDelimiter = csvDelimiter;
        this.checkCsv = checkCsv;
    }

    @Override
    public StateCompactor.Checked check(StateCompactor.Batch batch, Connection duckDb)
            throws IOException, SQLException {
        String lakeRoot = batch.lakeRoot();
        TableId table = batch.table().id();
        List<StoredFile> fresh = batch.fresh();
        List<StoredFile> pending = batch.pending();
        List<String> key = batch.key();
        StateBase base = batch.base();
        LakeTableReader reader = new LakeTableReader(store, lakeRoot, table, List.of());
        List<LakeTableReader.ParquetPart> freshRead = reader.readParts(fresh);
        List<LakeRecord> records = new ArrayList<>();
        freshRead.forEach(part -> records.addAll(part.rows()));
        List<PartFile> all = new ArrayList<>(base.files());
        all.addAll(batch.freshParts());
        List<DatabaseTable.Column> columns =
                ReplaySql.stateColumns(all).stream()
                        .map(
                                name ->
                                        new DatabaseTable.Column(
                                                name, ColumnType.of(ColumnType.Kind.OTHER)))
                        .toList();
        DatabaseTable lakeTable = DatabaseTable.of(table, columns, key);
        ChangelogFindings.Result findings =
                new ChangelogFindings(lakeTable, MAX_EXAMPLES)
                        .check(records, stateRowsPerChange(duckDb, batch.freshParts(), key, base));

        List<String> examples = new ArrayList<>();
        for (ChangelogFindings.Duplicate duplicate : findings.duplicates()) {
            examples.add(
                    "written "
                            + duplicate.copies()
                            + " times: "
                            + String.join(", ", duplicate.sources()));
        }
        findings.invalidRows().examples().forEach(e -> examples.add("not applied: " + e));
        findings.changesOfUnseenRows()
                .examples()
                .forEach(e -> examples.add(Coverage.Checks.UNSEEN + e));

        Set<String> checked = new LinkedHashSet<>();
        Set<String> stillPending = new LinkedHashSet<>();
        Set<String> listed = new LinkedHashSet<>();
        if (checkCsv) {
            List<LakeTableReader.ParquetPart> parts = new ArrayList<>(freshRead);
            parts.addAll(reader.readParts(pending));
            LakeCsvReader csv =
                    new LakeCsvReader(
                            store,
                            lakeRoot,
                            table,
                            // The table as the compaction listed it: no second listing of the lake.
                            LakeCatalog.folders(
                                    List.of(batch.table()), lakeRoot, LakePaths.Format.CSV, table),
                            csvDelimiter);
            CsvParquetComparison comparison = new CsvParquetComparison(parts, MAX_EXAMPLES);
            Map<String, String> relativeOf = new HashMap<>();
            Instant written = newest(fresh, pending);
            for (StoredFile file : csv.partFiles().committed()) {
                String relative = CurrentState.relative(lakeRoot, file);
                listed.add(relative);
                if (!batch.csvChecked().contains(relative) && before(file, written)) {
                    relativeOf.put(file.path(), relative);
                    comparison.add(file.path(), csv.read(file));
                }
            }
            comparison.cleanFiles().forEach(path -> checked.add(relativeOf.get(path)));
            Set<String> matched = comparison.matchedParquetFiles();
            for (StoredFile file : fresh) {
                if (!matched.contains(file.path())) {
                    stillPending.add(CurrentState.relative(lakeRoot, file));
                }
            }
            for (StoredFile file : pending) {
                if (!matched.contains(file.path())) {
                    stillPending.add(CurrentState.relative(lakeRoot, file));
                }
            }
        }
        boolean reads = records.stream().anyMatch(r -> "r".equals(r.op()));
        return new StateCompactor.Checked(
                reads,
                new Coverage.Checks(
                        checked,
                        stillPending,
                        findings.duplicateRows(),
                        findings.invalidRows().count(),
                        findings.changesOfUnseenRows().count(),
                        examples),
                listed);
    }

    /**
     * How much later than its Parquet twin a CSV file may be written: the job commits both at the
     * same checkpoint, moments apart.
     */
    static final Duration COMMIT_SKEW = Duration.ofMinutes(5);

    /** When the newest of the Parquet files was written; null when a time is unknown. */
    private static Instant newest(List<StoredFile> fresh, List<StoredFile> pending) {
        Instant newest = Instant.MIN;
        for (List<StoredFile> files : List.of(fresh, pending)) {
            for (StoredFile file : files) {
                if (file.modified() == null) {
                    return null;
                }
                newest = file.modified().isAfter(newest) ? file.modified() : newest;
            }
        }
        return newest;
    }

    /**
     * Whether a CSV file may hold rows of Parquet files written up to {@code written}: a file
     * written long after them holds later rows, compared when a later compaction reads those.
     */
    private static boolean before(StoredFile csv, Instant written) {
        return written == null
                || csv.modified() == null
                || !csv.modified().isAfter(written.plus(COMMIT_SKEW));
    }

    /**
     * For each update and delete row of {@code files}, how many rows of its key the state before
     * them holds ({@link ReplaySql#stateRowsPerChange}).
     */
    static Map<EventRowId, Integer> stateRowsPerChange(
            List<PartFile> files, List<String> key, StateBase base) throws SQLException {
        if (base.isNone() || files.isEmpty()) {
            return new HashMap<>();
        }
        try (Connection duckDb = DuckDbReplay.open()) {
            return stateRowsPerChange(duckDb, files, key, base);
        }
    }

    /** {@link #stateRowsPerChange(List, List, StateBase)} in an open DuckDB. */
    static Map<EventRowId, Integer> stateRowsPerChange(
            Connection duckDb, List<PartFile> files, List<String> key, StateBase base)
            throws SQLException {
        Map<EventRowId, Integer> counts = new HashMap<>();
        if (base.isNone() || files.isEmpty()) {
            return counts;
        }
        try (Statement statement = duckDb.createStatement();
                ResultSet result =
                        statement.executeQuery(ReplaySql.stateRowsPerChange(files, key, base))) {
            while (result.next()) {
                int rows = result.getInt(5);
                if (rows > 0) {
                    counts.put(
                            new EventRowId(
                                    result.getString(1),
                                    result.getInt(2),
                                    result.getLong(3),
                                    result.getString(4)),
                            rows);
                }
            }
        }
        return counts;
    }
}
