package io.cdclake.reader.state;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.query.LakeParts;
import io.cdclake.reader.query.LakeTable;
import io.cdclake.reader.query.TableParts;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.ReplaySql;
import io.cdclake.reader.replay.SqlDialect;
import io.cdclake.reader.replay.StateBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Refreshes a table's current-state table: reads its state and the part files the state does not
 * cover yet, replays them ({@link ReplaySql#compactedState}), writes the new state as one Parquet
 * file into the table's folder and commits it in one Iceberg snapshot that replaces the old state's
 * files and names the new coverage ({@link Coverage}). A reader sees the state before or after the
 * commit, never half of it; a compaction that stops before its commit leaves only files no snapshot
 * names. Two compactions of one table at once: the second to commit fails and changes nothing.
 *
 * <p>The state's files are written by DuckDB, without Iceberg field ids, and the table carries a
 * name mapping ({@code schema.name-mapping.default}) by which every Iceberg reader finds the
 * columns, as for files added to a table from elsewhere.
 */
public final class StateCompactor {

    private final StateCatalog catalog;
    private final LakeStore store;
    private final Path workDir;
    private Runnable beforeCommit = () -> {};
    private long roundRows = DEFAULT_ROUND_ROWS;

    /**
     * Change rows one commit reads at most (its checks hold them in memory): a long history is
     * compacted in several snapshots.
     */
    public static final long DEFAULT_ROUND_ROWS = 500_000;

    private Checker checker;

    /**
     * Checks the part files a compaction covers as {@code verify} checks a table's change rows and
     * CSV files, so that {@code verify} reads only what no compaction covered.
     */
    public interface Checker {

        /**
         * Checks a compaction's {@code batch}, in {@code duckDb} where it needs the replay (the
         * compaction's own connection).
         */
        Checked check(Batch batch, Connection duckDb) throws IOException, SQLException;
    }

    /**
     * What a {@link Checker} checks: {@code fresh}, the part files a compaction adds (read as
     * {@code freshParts}), with the state before them ({@code base}, its key {@code key}); and the
     * CSV files not in {@code csvChecked}, compared with the Parquet rows of {@code fresh} and
     * {@code pending} (covered part files whose rows were not all found in checked CSV files yet).
     */
    public record Batch(
            String lakeRoot,
            LakeTable table,
            List<String> key,
            List<StoredFile> fresh,
            List<PartFile> freshParts,
            List<StoredFile> pending,
            Set<String> csvChecked,
            StateBase base) {}

    /**
     * What a {@link Checker} found.
     *
     * @param reads whether the files it was given hold snapshot reads: earlier changes of rows the
     *     lake did not have may be of rows those reads found
     * @param checks the checks of the files it was given
     * @param csvListed the table's CSV part files it listed, relative to the lake root
     */
    public record Checked(boolean reads, Coverage.Checks checks, Set<String> csvListed) {}

    /**
     * @param workDir where the state's files are copied and written before their upload
     */
    public StateCompactor(StateCatalog catalog, LakeStore store, Path workDir) {
        this.catalog = catalog;
        this.store = store;
        this.workDir = workDir;
    }

    /** Checks the files each compaction covers ({@link Coverage#checks}); none unless set. */
    public StateCompactor checker(Checker checker) {
        this.checker = checker;
        return this;
    }

    /** Change rows one commit reads at most; {@link #DEFAULT_ROUND_ROWS} unless set. */
    public StateCompactor roundRows(long rows) {
        this.roundRows = Math.max(1, rows);
        return this;
    }

    /** Runs {@code action} after the replay and before the commit: tests race a compaction. */
    StateCompactor beforeCommit(Runnable action) {
        this.beforeCommit = action;
        return this;
    }

    /**
     * What one compaction did.
     *
     * @param table the table
     * @param partsRead the part files replayed, beyond the old state
     * @param partsCovered the part files the state covers now
     * @param rows the state's rows
     * @param owed rows removed before their upsert was read, kept to take it back
     * @param snapshotId the new snapshot; null when nothing was new
     * @param fromScratch whether the state was replayed from every part file instead of the old
     *     state (see {@link #compact})
     * @param elapsed how long it took
     * @param rounds the snapshots committed, one per {@link #roundRows} change rows read
     * @param more whether part files not covered are left (a round's result only)
     * @param checks what the checks of the files the state covers found ({@link Coverage#checks});
     *     null when not checked
     */
    public record Result(
            TableId table,
            int partsRead,
            int partsCovered,
            long rows,
            long owed,
            Long snapshotId,
            boolean fromScratch,
            Duration elapsed,
            int rounds,
            boolean more,
            Coverage.Checks checks) {

        public boolean changed() {
            return snapshotId != null;
        }
    }

    /**
     * Compacts {@code table} of the lake at {@code lakeRoot}. The old state stands for the part
     * files it covers unless the new ones cannot continue it ({@link
     * CurrentState#whyNotContinued}): then the state is replayed from every part file.
     */
    public Result compact(String lakeRoot, LakeTable table) throws IOException, SQLException {
        long started = System.nanoTime();
        String root = lakeRoot.replaceAll("/+$", "");
        Result total = null;
        long capOnRebuild = roundRows;
        while (true) {
            Result round = round(root, table, roundRows, capOnRebuild);
            if (round.fromScratch()) {
                // Rebuilt in rounds once; a second rebuild means the files' times are not the
                // order the job wrote them in (a copied lake): it takes them all at once.
                capOnRebuild = Long.MAX_VALUE;
            }
            total =
                    total == null
                            ? round
                            : new Result(
                                    round.table(),
                                    total.partsRead() + round.partsRead(),
                                    round.partsCovered(),
                                    round.changed() ? round.rows() : total.rows(),
                                    round.changed() ? round.owed() : total.owed(),
                                    round.changed() ? round.snapshotId() : total.snapshotId(),
                                    total.fromScratch() || round.fromScratch(),
                                    Duration.ofNanos(System.nanoTime() - started),
                                    total.rounds() + (round.changed() ? 1 : 0),
                                    false,
                                    round.changed() ? round.checks() : total.checks());
            if (!round.changed() || !round.more()) {
                return total;
            }
        }
    }

    /**
     * One commit: the part files not covered yet, oldest first (by the time they were written: in
     * the order each Kafka partition's changes were), as many as make {@code cap} change rows (one
     * at least); as many as make {@code capOnRebuild} when the state is replayed from scratch.
     */
    private Result round(String root, LakeTable table, long cap, long capOnRebuild)
            throws IOException, SQLException {
        long started = System.nanoTime();
        TableId id = table.id();
        Optional<Table> existing = catalog.load(id);
        Path cache = workDir.resolve("compact");
        Optional<CurrentState> state = Optional.empty();
        boolean foreign = false;
        if (existing.isPresent() && existing.get().currentSnapshot() != null) {
            try {
                state = Optional.of(CurrentState.of(existing.get(), id, cache));
            } catch (CurrentState.ForeignSnapshotException e) {
                // Rebuilt from every part file, replacing what the other engine wrote.
                foreign = true;
            }
        }
        if (state.isEmpty()) {
            table.requireWholeHistory(
                    foreign
                            ? "its current-state table was changed by another engine"
                            : "it has no current-state table to continue");
        }
        List<StoredFile> uncovered =
                state.map(s -> s.notCovered(root, table.files())).orElse(table.files());
        if (state.isPresent() && uncovered.isEmpty()) {
            return new Result(
                    id,
                    0,
                    state.get().coverage().parts().size(),
                    -1,
                    -1,
                    null,
                    false,
                    Duration.ofNanos(System.nanoTime() - started),
                    0,
                    false,
                    state.get().coverage().checks());
        }
        List<StoredFile> fresh = oldest(uncovered, cap);
        List<PartFile> freshParts = read(id, fresh);
        StateBase base = state.map(CurrentState::base).orElse(StateBase.NONE);
        List<String> key =
                new TableParts(
                                id,
                                freshParts,
                                base,
                                state.map(CurrentState::keyColumns).orElse(List.of()),
                                false)
                        .keyColumns();
        boolean fromScratch = foreign;
        try (Connection duckDb = DuckDbReplay.open()) {
            Optional<String> why =
                    state.isEmpty()
                            ? Optional.empty()
                            : state.get().whyNotContinued(duckDb, freshParts, key);
            if (state.isPresent() && checker != null && state.get().coverage().checks() == null) {
                // Compacted before its files were checked: checked from the start.
                why = Optional.of("it was compacted before compact checked what it covers");
            }
            if (why.isPresent()) {
                table.requireWholeHistory(
                        "its current-state table cannot be continued: " + why.get());
                fromScratch = true;
                base = StateBase.NONE;
                uncovered = table.files();
                fresh = oldest(uncovered, capOnRebuild);
                freshParts = read(id, fresh);
                key = new TableParts(id, freshParts).keyColumns();
            }
            Files.createDirectories(cache);
            String name = UUID.randomUUID().toString();
            Path rowsFile = cache.resolve(name + ".parquet");
            Path owedFile = cache.resolve(name + "-owed.parquet");
            try {
                DuckDbReplay.Compacted compacted =
                        DuckDbReplay.compact(duckDb, freshParts, key, base, rowsFile, owedFile);
                List<PartFile> all = new ArrayList<>(base.files());
                all.addAll(freshParts);
                Schema schema =
                        StateSchema.of(ReplaySql.stateColumns(all), ReplaySql.columnTypes(all));
                Set<String> covered = new TreeSet<>();
                if (!fromScratch) {
                    state.ifPresent(s -> covered.addAll(s.coverage().parts()));
                    // Part files no longer in the lake (a day removed) need no record.
                    Set<String> listed = new HashSet<>();
                    table.files().forEach(f -> listed.add(CurrentState.relative(root, f)));
                    covered.retainAll(listed);
                }
                for (StoredFile file : fresh) {
                    covered.add(CurrentState.relative(root, file));
                }
                Coverage.Checks checks =
                        check(
                                root,
                                key,
                                fresh,
                                freshParts,
                                table,
                                fromScratch ? null : state,
                                base,
                                duckDb);
                Long lastCommit =
                        lastCommit(
                                duckDb,
                                freshParts,
                                fromScratch || state.isEmpty()
                                        ? null
                                        : state.get().coverage().lastCommitMillis());
                beforeCommit.run();
                long snapshotId =
                        commit(
                                id,
                                root,
                                existing,
                                state,
                                schema,
                                name,
                                rowsFile,
                                compacted,
                                owedFile,
                                new Coverage(
                                        covered, compacted.marks(), null, key, lastCommit, checks));
                return new Result(
                        id,
                        fresh.size(),
                        covered.size(),
                        compacted.rows(),
                        compacted.owed(),
                        snapshotId,
                        fromScratch,
                        Duration.ofNanos(System.nanoTime() - started),
                        1,
                        fresh.size() < uncovered.size(),
                        checks);
            } finally {
                Files.deleteIfExists(rowsFile);
                Files.deleteIfExists(owedFile);
            }
        }
    }

    /**
     * The checks of the state after this compaction: those of the state it continues ({@code
     * previous}, none when it starts from scratch) followed by those of the files it adds.
     */
    private Coverage.Checks check(
            String root,
            List<String> key,
            List<StoredFile> fresh,
            List<PartFile> freshParts,
            LakeTable table,
            Optional<CurrentState> previous,
            StateBase base,
            Connection duckDb)
            throws IOException, SQLException {
        if (checker == null) {
            return null;
        }
        Coverage.Checks before =
                previous == null || previous.isEmpty()
                        ? Coverage.Checks.NONE
                        : previous.get().coverage().checks();
        List<StoredFile> pending =
                table.files().stream()
                        .filter(f -> before.csvPending().contains(CurrentState.relative(root, f)))
                        .toList();
        Checked checked =
                checker.check(
                        new Batch(
                                root,
                                table,
                                key,
                                fresh,
                                freshParts,
                                pending,
                                before.csvChecked(),
                                base),
                        duckDb);
        Coverage.Checks after = before.then(checked.checks(), checked.reads());
        Set<String> csvChecked = new TreeSet<>(after.csvChecked());
        // CSV files no longer in the lake (a day removed) need no record.
        csvChecked.retainAll(checked.csvListed());
        return new Coverage.Checks(
                csvChecked,
                after.csvPending(),
                after.duplicateRows(),
                after.invalidRows(),
                after.unseenRows(),
                after.examples());
    }

    /** The oldest of {@code files} that make at most {@code cap} change rows, one at least. */
    private List<StoredFile> oldest(List<StoredFile> files, long cap) throws IOException {
        List<StoredFile> sorted = new ArrayList<>(files);
        sorted.sort(
                Comparator.comparing(
                                StoredFile::modified,
                                Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(StoredFile::path));
        if (cap == Long.MAX_VALUE) {
            return sorted;
        }
        List<StoredFile> taken = new ArrayList<>();
        long rows = 0;
        for (StoredFile file : sorted) {
            long fileRows;
            try (ParquetFileReader reader =
                    ParquetFileReader.open(new LocalInputFile(store.local(file)))) {
                fileRows = reader.getRecordCount();
            } catch (RuntimeException e) {
                throw new IOException("cannot read the footer of " + file.path(), e);
            }
            if (!taken.isEmpty() && rows + fileRows > cap) {
                break;
            }
            taken.add(file);
            rows += fileRows;
        }
        return taken;
    }

    private List<PartFile> read(TableId id, List<StoredFile> files) throws IOException {
        return new LakeParts(store)
                .read(new LakeTable(id, files), SqlDialect.DUCKDB, LakeParts.Paths.LOCAL_COPY)
                .files();
    }

    /** The newest {@code _source_ts_ms} of the files and of the state before. */
    private static Long lastCommit(Connection duckDb, List<PartFile> files, Long before)
            throws SQLException {
        if (files.isEmpty()) {
            return before;
        }
        try (Statement statement = duckDb.createStatement();
                ResultSet result =
                        statement.executeQuery(
                                "SELECT max(_source_ts_ms) FROM ("
                                        + ReplaySql.changes(SqlDialect.DUCKDB, files)
                                        + ") AS c")) {
            result.next();
            long millis = result.getLong(1);
            if (result.wasNull()) {
                return before;
            }
            return before == null ? millis : Math.max(before, millis);
        }
    }

    private long commit(
            TableId id,
            String root,
            Optional<Table> existing,
            Optional<CurrentState> state,
            Schema schema,
            String name,
            Path rowsFile,
            DuckDbReplay.Compacted compacted,
            Path owedFile,
            Coverage coverage)
            throws IOException {
        String location = LakePaths.stateTableLocation(root, id);
        Table table = existing.orElse(null);
        Transaction transaction;
        if (table == null) {
            createNamespace(id);
            Map<String, String> properties = new HashMap<>();
            properties.put(TableProperties.FORMAT_VERSION, "2");
            properties.put(
                    TableProperties.DEFAULT_NAME_MAPPING,
                    NameMappingParser.toJson(MappingUtil.create(schema)));
            transaction =
                    catalog.catalog()
                            .buildTable(StateCatalog.identifier(id), schema)
                            .withLocation(location)
                            .withPartitionSpec(PartitionSpec.unpartitioned())
                            .withProperties(properties)
                            .createTransaction();
        } else {
            transaction = table.newTransaction();
            UpdateSchema update = transaction.updateSchema().unionByNameWith(schema);
            for (Types.NestedField field : table.schema().columns()) {
                if (schema.findField(field.name()) == null) {
                    update.deleteColumn(field.name());
                }
            }
            update.commit();
            transaction
                    .updateProperties()
                    .set(
                            TableProperties.DEFAULT_NAME_MAPPING,
                            NameMappingParser.toJson(
                                    MappingUtil.create(transaction.table().schema())))
                    .commit();
        }
        FileIO io = transaction.table().io();
        List<String> written = new ArrayList<>();
        try {
            String dataLocation = location + "/data/" + name + ".parquet";
            upload(io, rowsFile, dataLocation);
            written.add(dataLocation);
            String owedLocation = null;
            if (compacted.owed() > 0) {
                owedLocation = location + "/cdc-lake/" + name + "-owed.parquet";
                upload(io, owedFile, owedLocation);
                written.add(owedLocation);
            }
            String coverageLocation = location + "/cdc-lake/" + name + "-coverage.json.gz";
            try (OutputStream out = io.newOutputFile(coverageLocation).create()) {
                new Coverage(
                                coverage.parts(),
                                coverage.marks(),
                                owedLocation,
                                coverage.keyColumns(),
                                coverage.lastCommitMillis(),
                                coverage.checks())
                        .write(out);
            }
            written.add(coverageLocation);
            DataFile data =
                    DataFiles.builder(PartitionSpec.unpartitioned())
                            .withPath(dataLocation)
                            .withFormat(FileFormat.PARQUET)
                            .withFileSizeInBytes(Files.size(rowsFile))
                            .withRecordCount(compacted.rows())
                            .build();
            OverwriteFiles overwrite = transaction.newOverwrite();
            Long replaced =
                    state.map(CurrentState::snapshotId)
                            .orElse(
                                    table == null || table.currentSnapshot() == null
                                            ? null
                                            : table.currentSnapshot().snapshotId());
            if (replaced != null) {
                for (DataFile old : dataFiles(table, replaced)) {
                    overwrite.deleteFile(old);
                }
                overwrite
                        .validateFromSnapshot(replaced)
                        .validateNoConflictingData()
                        .validateNoConflictingDeletes();
            }
            overwrite.addFile(data).set(Coverage.SUMMARY_KEY, coverageLocation);
            if (coverage.lastCommitMillis() != null) {
                overwrite.set(Coverage.LAST_COMMIT_KEY, coverage.lastCommitMillis().toString());
            }
            if (coverage.highestLsn() != null) {
                overwrite.set(Coverage.HIGHEST_LSN_KEY, coverage.highestLsn().toString());
            }
            overwrite.commit();
            transaction.commitTransaction();
            return transaction.table().currentSnapshot().snapshotId();
        } catch (CommitStateUnknownException | UncheckedSQLException e) {
            // The commit may have landed: its files stay, a snapshot may name them.
            throw e;
        } catch (RuntimeException | IOException e) {
            for (String file : written) {
                try {
                    io.deleteFile(file);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static List<DataFile> dataFiles(Table table, long snapshotId) throws IOException {
        List<DataFile> files = new ArrayList<>();
        try (var tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        }
        return files;
    }

    private void createNamespace(TableId id) {
        Namespace namespace = StateCatalog.identifier(id).namespace();
        if (!catalog.catalog().namespaceExists(namespace)) {
            try {
                catalog.catalog().createNamespace(namespace);
            } catch (AlreadyExistsException e) {
                // Another compaction made it first.
            }
        }
    }

    private static void upload(FileIO io, Path local, String location) throws IOException {
        try (OutputStream out = io.newOutputFile(location).create();
                InputStream in = Files.newInputStream(local)) {
            in.transferTo(out);
        }
    }
}
