package io.cdclake.reader.verify;

import io.cdclake.format.LakePaths;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.S3Access;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.query.LakeQuery;
import io.cdclake.reader.query.LakeTable;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.ReplaySql;
import io.cdclake.reader.replay.StateBase;
import io.cdclake.reader.state.Coverage;
import io.cdclake.reader.state.CurrentState;
import io.cdclake.reader.state.StateCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proves that the lake equals the database for one table: takes the table's current state from the
 * lake's Parquet files through the one changelog replay ({@link ReplaySql#currentState}, run in an
 * embedded DuckDB: the view {@code query} shows), reads the table from PostgreSQL, and reports rows
 * missing from the lake, extra rows, rows whose values differ, change events written more than
 * once, and change rows that cannot be applied (an unknown {@code _op} or {@code _image}, an update
 * or delete of a row the lake never had; {@link ChangelogFindings}). It compares the table's CSV
 * files with its Parquet files ({@link CsvParquetComparison}), and lists leftovers of writers
 * ({@link LeftoverScan}) as warnings.
 *
 * <p>Values compare in a canonical form per PostgreSQL type ({@link CanonicalValues}). Columns the
 * table has but an older file does not take the default recorded when they were added, else null,
 * for that file's rows; columns of the lake the table no longer has are ignored.
 *
 * <p>The comparison is meaningful once the lake has caught up: while changes are still flowing, the
 * newest ones are in the database and not yet in the lake.
 */
public final class LakeVerifier {

    public static final int DEFAULT_MAX_EXAMPLES = 5;

    /**
     * Long enough that a running job's files and uploads (rolled at every checkpoint) are not
     * listed.
     */
    public static final Duration DEFAULT_LEFTOVER_AGE = Duration.ofHours(1);

    private final String lakeRoot;
    private int maxExamples = DEFAULT_MAX_EXAMPLES;
    private Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "cdc-lake-verify");
    private LakeStore store;
    private S3Access s3;
    private char csvDelimiter = ',';
    private boolean checkCsv = true;
    private Duration leftoverAge = DEFAULT_LEFTOVER_AGE;
    private S3UploadLister uploads;
    private LakeQuery.States states;

    /**
     * @param lakeRoot {@code s3://bucket[/base-path]} or {@code file:///path}, as the job's {@code
     *     JobConfig.lakeRoot()}
     */
    public LakeVerifier(String lakeRoot) {
        this.lakeRoot = lakeRoot.replaceAll("/+$", "");
    }

    /** How many examples of each kind of difference the report lists. */
    public LakeVerifier maxExamples(int maxExamples) {
        this.maxExamples = Math.max(0, maxExamples);
        return this;
    }

    /** Where files of a lake in S3 are downloaded to be read, and kept for the next run. */
    public LakeVerifier tempDir(Path cacheDir) {
        this.cacheDir = cacheDir;
        return this;
    }

    /**
     * How to reach a lake in S3: its files and its incomplete uploads; the SDK's defaults unless
     * set.
     */
    public LakeVerifier s3(S3Access access) {
        this.s3 = access;
        return this;
    }

    /** Where the lake's files are, instead of a store opened (and closed) for each verification. */
    public LakeVerifier store(LakeStore store) {
        this.store = store;
        return this;
    }

    /** The job's {@code csv.delimiter}; a comma unless set. */
    public LakeVerifier csvDelimiter(char delimiter) {
        this.csvDelimiter = delimiter;
        return this;
    }

    /**
     * Whether the lake has CSV files to compare with the Parquet files (the job's {@code
     * lake.formats}); yes unless set.
     */
    public LakeVerifier checkCsv(boolean checkCsv) {
        this.checkCsv = checkCsv;
        return this;
    }

    /** In-progress files and incomplete uploads younger than this are not leftovers (yet). */
    public LakeVerifier leftoverAge(Duration age) {
        this.leftoverAge = age;
        return this;
    }

    /**
     * Lists incomplete multipart uploads; without one (and without {@link #s3}) they are not
     * listed.
     */
    public LakeVerifier uploads(S3UploadLister uploads) {
        this.uploads = uploads;
        return this;
    }

    /**
     * Where tables' compacted states are: a table with one is verified from it and the part files
     * it does not cover, the checks of the files it covers being those {@code compact} made ({@link
     * CompactionChecks}); every part file is read unless set.
     */
    public LakeVerifier states(LakeQuery.States states) {
        this.states = states;
        return this;
    }

    /**
     * Verifies {@code table}. The table's rows are read in one repeatable-read transaction, rolled
     * back at the end; the connection's auto-commit setting is restored.
     *
     * @throws VerifyException the table does not exist, or nothing identifies its rows (no primary
     *     key and not {@code REPLICA IDENTITY FULL})
     */
    public VerifyReport verify(Connection connection, TableId table)
            throws IOException, SQLException, VerifyException {
        boolean s3Lake = LakeStore.isS3(lakeRoot);
        try (LakeStore opened = store == null ? LakeStore.open(lakeRoot, s3, cacheDir) : null;
                S3UploadLister lister =
                        uploads == null && s3Lake && s3 != null ? new S3UploadLister(s3) : null) {
            return verify(
                    connection,
                    table,
                    store == null ? opened : store,
                    uploads == null ? lister : uploads);
        }
    }

    private VerifyReport verify(
            Connection connection, TableId wanted, LakeStore files, S3UploadLister uploads)
            throws IOException, SQLException, VerifyException {
        List<LakeTable> lakeTables = LakeCatalog.tables(files, lakeRoot);
        TableId table;
        try {
            table = LakeCatalog.resolve(lakeTables, wanted);
        } catch (IllegalArgumentException e) {
            throw new VerifyException(e.getMessage());
        }
        DatabaseTable definition = DatabaseTable.load(connection, table);
        LakeTableReader reader =
                new LakeTableReader(
                        files,
                        lakeRoot,
                        table,
                        LakeCatalog.folders(lakeTables, lakeRoot, LakePaths.Format.PARQUET, table));
        LakeCsvReader csvReader =
                new LakeCsvReader(
                        files,
                        lakeRoot,
                        table,
                        LakeCatalog.folders(lakeTables, lakeRoot, LakePaths.Format.CSV, table),
                        csvDelimiter);
        // Both listings first, moments apart: a checkpoint that commits files while they are read
        // changes neither.
        PartFiles parquetFiles = reader.partFiles();
        PartFiles csvFiles = checkCsv ? csvReader.partFiles() : new PartFiles(List.of(), List.of());
        List<String> notes = new ArrayList<>();
        Based based = based(table, definition, files, parquetFiles.committed(), notes);
        if (based == null) {
            Optional<LakeTable> lakeTable = LakeCatalog.find(lakeTables, table);
            try {
                if (lakeTable.isPresent()) {
                    lakeTable
                            .get()
                            .requireWholeHistory(
                                    notes.isEmpty()
                                            ? "verify was not given its current-state table"
                                                    + " (--catalog-jdbc-url)"
                                            : notes.get(notes.size() - 1));
                }
            } catch (LakeTable.HistoryExpiredException e) {
                throw new VerifyException(e.getMessage());
            }
        }
        List<StoredFile> read =
                based == null
                        ? parquetFiles.committed()
                        : based.state().notCovered(lakeRoot, parquetFiles.committed());
        List<LakeTableReader.ParquetPart> parts = reader.readParts(read);
        List<LakeRecord> records = new ArrayList<>();
        parts.forEach(part -> records.addAll(part.rows()));
        LakeState state;
        Map<EventRowId, Integer> stateRows = Map.of();
        List<LakeTableReader.ParquetPart> csvTwins = parts;
        List<StoredFile> csvToCompare = csvFiles.committed();
        if (based == null) {
            state = LakeState.replay(replayFiles(files, read), definition);
        } else {
            StateBase base = based.state().base();
            state = LakeState.replay(based.parts(), based.key(), base, definition);
            stateRows = CompactionChecks.stateRowsPerChange(based.parts(), based.key(), base);
            Coverage.Checks checks = based.state().coverage().checks();
            csvTwins = new ArrayList<>(parts);
            csvTwins.addAll(
                    reader.readParts(
                            parquetFiles.committed().stream()
                                    .filter(f -> checks.csvPending().contains(relative(f)))
                                    .toList()));
            csvToCompare =
                    csvFiles.committed().stream()
                            .filter(f -> !checks.csvChecked().contains(relative(f)))
                            .toList();
        }

        VerifyReport.CsvCheck csv =
                checkCsv ? compareCsv(csvTwins, csvReader, csvToCompare, maxExamples) : null;
        List<PartFiles.InProgress> inProgress = new ArrayList<>(parquetFiles.inProgress());
        inProgress.addAll(csvFiles.inProgress());
        VerifyReport.Leftovers leftovers =
                LeftoverScan.scan(
                        lakeRoot, inProgress, uploads, leftoverAge, Instant.now(), maxExamples);

        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        List<Object[]> rows;
        String databaseLsn;
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            databaseLsn = DatabaseTable.currentWalLsn(connection);
            rows = definition.readRows(connection);
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
        return compare(
                definition,
                lakeRoot,
                parts.size(),
                records,
                state,
                rows,
                databaseLsn,
                maxExamples,
                csv,
                leftovers,
                based == null ? null : based.covered(),
                stateRows,
                notes);
    }

    private String relative(StoredFile file) {
        return CurrentState.relative(lakeRoot, file);
    }

    private static List<PartFile> replayFiles(LakeStore files, List<StoredFile> parts)
            throws IOException {
        List<PartFile> replayFiles = new ArrayList<>();
        for (StoredFile file : parts) {
            Path local = files.local(file);
            replayFiles.add(PartFile.read(local, local.toString()));
        }
        return replayFiles;
    }

    /**
     * The table's compacted state with the part files it does not cover, read, and the key they
     * replay by; null when the table has none that can be used, with why in {@code notes}.
     */
    private Based based(
            TableId table,
            DatabaseTable definition,
            LakeStore files,
            List<StoredFile> committed,
            List<String> notes)
            throws IOException, SQLException {
        if (states == null) {
            return null;
        }
        Optional<CurrentState> loaded;
        try {
            loaded = states.of(table, AsOf.none());
        } catch (CurrentState.ForeignSnapshotException e) {
            notes.add("read from every part file: " + e.getMessage());
            return null;
        }
        if (loaded.isEmpty()) {
            notes.add("read from every part file: the table has no current-state table yet");
            return null;
        }
        CurrentState state = loaded.get();
        if (state.coverage().checks() == null) {
            notes.add(
                    "read from every part file: its current-state table was compacted before"
                            + " compact checked the part files it covers (the next compact does)");
            return null;
        }
        List<PartFile> parts = replayFiles(files, state.notCovered(lakeRoot, committed));
        List<String> key = LakeState.key(parts, state.keyColumns(), definition);
        try (Connection duckDb = DuckDbReplay.open()) {
            Optional<String> why = state.whyNotContinued(duckDb, parts, key);
            if (why.isPresent()) {
                notes.add("read from every part file until the next compact: " + why.get());
                return null;
            }
        }
        return new Based(state, parts, key);
    }

    /**
     * A compacted state the verification starts from.
     *
     * @param parts the part files it does not cover, read
     * @param key the key they replay by
     */
    private record Based(CurrentState state, List<PartFile> parts, List<String> key) {

        VerifyReport.Covered covered() {
            return new VerifyReport.Covered(
                    StateCatalog.qualifiedName(state.table()),
                    state.snapshotId(),
                    state.coverage().parts().size(),
                    parts.size(),
                    state.coverage().checks());
        }
    }

    /** The CSV files against the Parquet files. */
    static VerifyReport.CsvCheck compareCsv(
            List<LakeTableReader.ParquetPart> parts,
            LakeCsvReader reader,
            List<StoredFile> csvFiles,
            int maxExamples)
            throws IOException {
        CsvParquetComparison comparison = new CsvParquetComparison(parts, maxExamples);
        for (StoredFile file : csvFiles) {
            comparison.add(file.path(), reader.read(file));
        }
        return comparison.result();
    }

    /**
     * The report for the lake's state and change rows against database rows, with the CSV
     * comparison and the leftovers found.
     */
    static VerifyReport compare(
            DatabaseTable table,
            String lake,
            int files,
            List<LakeRecord> records,
            LakeState state,
            List<Object[]> databaseRows,
            String databaseLsn,
            int maxExamples,
            VerifyReport.CsvCheck csv,
            VerifyReport.Leftovers leftovers) {
        return compare(
                table,
                lake,
                files,
                records,
                state,
                databaseRows,
                databaseLsn,
                maxExamples,
                csv,
                leftovers,
                null,
                Map.of(),
                List.of());
    }

    /**
     * The report for a compacted state and the change rows after it ({@code records}, with the
     * state's rows they find, {@code stateRows}) against database rows; the findings of the part
     * files the state covers are those {@code covered} records.
     */
    static VerifyReport compare(
            DatabaseTable table,
            String lake,
            int files,
            List<LakeRecord> records,
            LakeState state,
            List<Object[]> databaseRows,
            String databaseLsn,
            int maxExamples,
            VerifyReport.CsvCheck csv,
            VerifyReport.Leftovers leftovers,
            VerifyReport.Covered covered,
            Map<EventRowId, Integer> stateRows,
            List<String> readNotes) {
        List<DatabaseTable.Column> columns = table.columns();
        List<DatabaseTable.Column> key = table.keyColumns();
        ChangelogFindings.Result findings =
                new ChangelogFindings(table, maxExamples).check(records, stateRows);
        Coverage.Checks checked = covered == null ? Coverage.Checks.NONE : covered.checks();
        if (records.stream().anyMatch(r -> "r".equals(r.op()))) {
            // Snapshot reads follow the changes compact checked: see Coverage.Checks#then.
            checked = checked.withoutUnseen();
        }

        // The lake's side, canonical, by key (with a count when the whole row is the key).
        LinkedHashMap<RowKey, Map<String, Object>> lakeRows = new LinkedHashMap<>();
        Map<RowKey, Integer> lakeCounts = new LinkedHashMap<>();
        for (Map<String, Object> row : state.rows()) {
            RowKey rowKey = RowKey.of(key, row);
            lakeRows.put(rowKey, row);
            lakeCounts.merge(rowKey, 1, Integer::sum);
        }

        // The database side, canonical, by key (with a count when the whole row is the key).
        LinkedHashMap<RowKey, Object[]> database = new LinkedHashMap<>();
        Map<RowKey, Integer> databaseCounts = new LinkedHashMap<>();
        int[] keyIndexes = key.stream().mapToInt(columns::indexOf).toArray();
        for (Object[] raw : databaseRows) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = CanonicalValues.of(columns.get(i).type(), raw[i]);
            }
            List<Object> keyValues = new ArrayList<>(keyIndexes.length);
            for (int index : keyIndexes) {
                keyValues.add(row[index]);
            }
            RowKey rowKey = new RowKey(keyValues);
            database.putIfAbsent(rowKey, row);
            databaseCounts.merge(rowKey, 1, Integer::sum);
        }

        long missing = 0;
        long extra = 0;
        long differing = 0;
        Map<String, Long> differingColumns = new LinkedHashMap<>();
        List<String> missingExamples = new ArrayList<>();
        List<String> extraExamples = new ArrayList<>();
        List<VerifyReport.ValueDifference> differences = new ArrayList<>();
        for (Map.Entry<RowKey, Object[]> entry : database.entrySet()) {
            RowKey rowKey = entry.getKey();
            Map<String, Object> lakeRow = lakeRows.get(rowKey);
            int lakeCount = lakeCounts.getOrDefault(rowKey, 0);
            int databaseCount = databaseCounts.get(rowKey);
            if (lakeCount < databaseCount) {
                missing += databaseCount - lakeCount;
                if (missingExamples.size() < maxExamples) {
                    missingExamples.add(rowKey.render(key));
                }
            }
            if (lakeRow == null || table.wholeRowKey()) {
                continue;
            }
            boolean rowDiffers = false;
            for (int i = 0; i < columns.size(); i++) {
                DatabaseTable.Column column = columns.get(i);
                Object lakeValue = CanonicalValues.of(column.type(), lakeRow.get(column.name()));
                Object databaseValue = entry.getValue()[i];
                if (!Objects.equals(lakeValue, databaseValue)) {
                    rowDiffers = true;
                    differingColumns.merge(column.name(), 1L, Long::sum);
                    if (differences.size() < maxExamples) {
                        differences.add(
                                new VerifyReport.ValueDifference(
                                        rowKey.render(key),
                                        column.name(),
                                        CanonicalValues.render(lakeValue),
                                        CanonicalValues.render(databaseValue)));
                    }
                }
            }
            if (rowDiffers) {
                differing++;
            }
        }
        for (Map.Entry<RowKey, Integer> entry : lakeCounts.entrySet()) {
            int databaseCount = databaseCounts.getOrDefault(entry.getKey(), 0);
            if (entry.getValue() > databaseCount) {
                extra += entry.getValue() - databaseCount;
                if (extraExamples.size() < maxExamples) {
                    extraExamples.add(entry.getKey().render(key));
                }
            }
        }

        List<VerifyReport.DuplicateEvent> duplicates = new ArrayList<>();
        for (ChangelogFindings.Duplicate d : findings.duplicates()) {
            duplicates.add(
                    new VerifyReport.DuplicateEvent(
                            d.first().lsn(),
                            d.key().render(key),
                            d.first().image(),
                            d.first().op(),
                            d.copies(),
                            d.sources()));
        }

        return new VerifyReport(
                table.table().source() == null
                        ? table.table().toString()
                        : table.table().withoutSource() + " of source " + table.table().source(),
                lake,
                key.stream().map(DatabaseTable.Column::name).toList(),
                table.keyOrigin(),
                files,
                rowsByOp(records),
                records.stream()
                        .map(LakeRecord::lsn)
                        .filter(Objects::nonNull)
                        .max(Long::compare)
                        .orElse(null),
                records.stream()
                        .map(LakeRecord::sourceTsMs)
                        .filter(Objects::nonNull)
                        .max(Long::compare)
                        .map(Instant::ofEpochMilli)
                        .orElse(null),
                databaseLsn,
                state.size(),
                databaseRows.size(),
                missing,
                extra,
                differing,
                differingColumns,
                findings.duplicateRows() + checked.duplicateRows(),
                missingExamples,
                extraExamples,
                differences,
                duplicates,
                notes(table, records, state.defaults(), findings, checked, readNotes),
                plus(findings.invalidRows(), checked.invalidRows()),
                plus(findings.changesOfUnseenRows(), checked.unseenRows()),
                csv,
                leftovers,
                covered);
    }

    static Map<String, Long> rowsByOp(List<LakeRecord> records) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String op : List.of("r", "c", "u", "d", "t")) {
            counts.put(op, 0L);
        }
        for (LakeRecord record : records) {
            counts.merge(String.valueOf(record.op()), 1L, Long::sum);
        }
        return counts;
    }

    private static VerifyReport.Finding plus(VerifyReport.Finding finding, long covered) {
        return new VerifyReport.Finding(finding.count() + covered, finding.examples());
    }

    private static List<String> notes(
            DatabaseTable table,
            List<LakeRecord> records,
            Map<String, Object> defaults,
            ChangelogFindings.Result findings,
            Coverage.Checks covered,
            List<String> readNotes) {
        List<String> notes = new ArrayList<>(readNotes);
        covered.examples().forEach(example -> notes.add("compact found, " + example));
        if (findings.changesBeforeSnapshotRead() > 0) {
            notes.add(
                    findings.changesBeforeSnapshotRead()
                            + " updates and deletes of rows a later snapshot read had not reached"
                            + " yet (a table captured later changes during its incremental"
                            + " snapshot)");
        }
        Set<String> metadata = new LinkedHashSet<>();
        MetadataColumns.ALL.forEach(c -> metadata.add(c.name()));
        Set<String> tableColumns = new LinkedHashSet<>();
        table.columns().forEach(c -> tableColumns.add(c.name()));

        // Columns per file: the first row of each file tells.
        Map<String, Set<String>> fileColumns = new LinkedHashMap<>();
        for (LakeRecord record : records) {
            fileColumns.computeIfAbsent(record.file(), f -> record.values().keySet());
        }
        Set<String> dropped = new TreeSet<>();
        Map<String, Integer> filesWithout = new TreeMap<>();
        for (Set<String> names : fileColumns.values()) {
            for (String name : names) {
                if (!metadata.contains(name) && !tableColumns.contains(name)) {
                    dropped.add(name);
                }
            }
            for (String name : tableColumns) {
                if (!names.contains(name)) {
                    filesWithout.merge(name, 1, Integer::sum);
                }
            }
        }
        if (!dropped.isEmpty()) {
            notes.add(
                    "columns in the lake that the table no longer has, ignored: "
                            + String.join(", ", dropped));
        }
        filesWithout.forEach(
                (name, n) ->
                        notes.add(
                                "column "
                                        + name
                                        + " is not in "
                                        + n
                                        + " of "
                                        + fileColumns.size()
                                        + " files (written before it was added): "
                                        + (defaults.containsKey(name)
                                                ? CanonicalValues.render(defaults.get(name))
                                                        + ", its default when it was added,"
                                                : "null")
                                        + " for their rows"));
        if (table.wholeRowKey()) {
            notes.add(
                    "without a primary key, rows are identified by all their columns: a changed"
                            + " value shows as one missing and one extra row, and a duplicate is"
                            + " recognized only by its Kafka offset");
        }
        return notes;
    }
}
