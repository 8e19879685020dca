package io.cdclake.reader.state;

import io.cdclake.format.TableId;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.StateBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * A table's current-state table as the replay reads it: the state's files copied to this machine as
 * a {@link StateBase}, and the part files it covers, so that a reader replays the state and only
 * the part files written since.
 *
 * @param table the captured table
 * @param snapshotId the Iceberg snapshot read
 * @param base the state's rows, owed rows and marks, files local
 * @param coverage what the snapshot covers
 */
public record CurrentState(TableId table, long snapshotId, StateBase base, Coverage coverage) {

    /**
     * The current state of {@code table} in {@code catalog}, its files copied into {@code cacheDir}
     * (kept: a state's files never change), or empty when the table was never compacted.
     */
    public static Optional<CurrentState> load(StateCatalog catalog, TableId table, Path cacheDir)
            throws IOException {
        Optional<Table> loaded = catalog.load(table);
        if (loaded.isEmpty() || loaded.get().currentSnapshot() == null) {
            return Optional.empty();
        }
        return Optional.of(of(loaded.get(), table, cacheDir));
    }

    /**
     * The state of {@code table} as of {@code asOf}: the newest snapshot a compaction wrote whose
     * changes are all at or before that point (by {@code _source_ts_ms} for a time, by {@code _lsn}
     * for a WAL position), among the snapshots still kept; empty when there is none, and the
     * current state for {@link AsOf#none()}. Replayed with the part files it does not cover, as of
     * the point, it gives the rows of the replay of every part file as of the point.
     */
    public static Optional<CurrentState> load(
            StateCatalog catalog, TableId table, Path cacheDir, AsOf asOf) throws IOException {
        if (asOf == AsOf.none()) {
            return load(catalog, table, cacheDir);
        }
        Optional<Table> loaded = catalog.load(table);
        if (loaded.isEmpty() || loaded.get().currentSnapshot() == null) {
            return Optional.empty();
        }
        Table iceberg = loaded.get();
        Snapshot chosen = null;
        for (Snapshot snapshot : iceberg.snapshots()) {
            if (snapshot.summary().containsKey(Coverage.SUMMARY_KEY)
                    && atOrBefore(snapshot, asOf)
                    && (chosen == null || snapshot.sequenceNumber() > chosen.sequenceNumber())) {
                chosen = snapshot;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        return Optional.of(
                of(
                        iceberg,
                        chosen,
                        chosen,
                        table,
                        cacheDir.resolve("as-of").resolve(String.valueOf(chosen.snapshotId()))));
    }

    /** Whether every change a snapshot covers is at or before {@code asOf}. */
    private static boolean atOrBefore(Snapshot snapshot, AsOf asOf) {
        String value =
                snapshot.summary()
                        .get(
                                asOf instanceof AsOf.Lsn
                                        ? Coverage.HIGHEST_LSN_KEY
                                        : Coverage.LAST_COMMIT_KEY);
        if (value == null) {
            return false;
        }
        long covered;
        try {
            covered = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return false;
        }
        if (asOf instanceof AsOf.Lsn lsn) {
            return covered <= lsn.lsn();
        }
        return asOf instanceof AsOf.Timestamp time && covered <= time.time().toEpochMilli();
    }

    static CurrentState of(Table iceberg, TableId table, Path cacheDir) throws IOException {
        Snapshot current = iceberg.currentSnapshot();
        return of(iceberg, current, lastCompacted(iceberg), table, cacheDir);
    }

    private static CurrentState of(
            Table iceberg, Snapshot current, Snapshot compacted, TableId table, Path cacheDir)
            throws IOException {
        Coverage coverage = coverage(iceberg, current, compacted, table);
        Snapshot snapshot = current;
        FileIO io = iceberg.io();
        // One folder per table, holding the copies of its current snapshot's files only: a
        // refresh writes new files, and the copies of the old ones would pile up.
        Path folder = cacheDir.resolve("state").resolve(hash(table.toString()));
        List<String> locations = new ArrayList<>();
        List<PartFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks =
                iceberg.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                locations.add(file.location());
                Path local = copy(io, file.location(), folder);
                files.add(PartFile.readState(local, local.toString()));
            }
        }
        if (coverage.owedFile() != null) {
            locations.add(coverage.owedFile());
            Path local;
            try {
                local = copy(io, coverage.owedFile(), folder);
            } catch (NotFoundException e) {
                throw new ForeignSnapshotException(
                        "the state file "
                                + coverage.owedFile()
                                + " of the current-state table of "
                                + table
                                + " is gone");
            }
            files.add(PartFile.readState(local, local.toString()));
        }
        dropOtherCopies(folder, locations);
        return new CurrentState(
                table, snapshot.snapshotId(), new StateBase(files, coverage.marks()), coverage);
    }

    /**
     * What the current state of {@code iceberg} covers, read without copying its files; refused as
     * {@link #of} refuses it, but for a missing owed file, which only a copy finds.
     */
    static Coverage currentCoverage(Table iceberg, TableId table) throws IOException {
        return coverage(iceberg, iceberg.currentSnapshot(), lastCompacted(iceberg), table);
    }

    /**
     * The coverage file {@code compacted} names, for the state as of {@code current}.
     *
     * @throws ForeignSnapshotException no compaction's snapshot stands behind {@code current}, or
     *     its coverage file cannot be read
     */
    private static Coverage coverage(
            Table iceberg, Snapshot current, Snapshot compacted, TableId table) throws IOException {
        if (compacted == null) {
            throw new ForeignSnapshotException(
                    "the current-state table of "
                            + table
                            + " was changed by a snapshot ("
                            + current.snapshotId()
                            + ", "
                            + current.operation()
                            + ") no compaction wrote that is not a rewrite of the same rows after"
                            + " a compaction's snapshot still kept");
        }
        String coverageFile = compacted.summary().get(Coverage.SUMMARY_KEY);
        try (InputStream in = iceberg.io().newInputFile(coverageFile).newStream()) {
            return Coverage.read(in);
        } catch (NotFoundException | IOException e) {
            // Iceberg's metadata does not name it: an engine's orphan-file removal may take it.
            throw new ForeignSnapshotException(
                    "the coverage file of the current-state table of "
                            + table
                            + " cannot be read ("
                            + e.getMessage()
                            + ")");
        }
    }

    /**
     * The newest snapshot a compaction wrote, when every snapshot after it only rewrote the table's
     * files (another engine's {@code rewrite_data_files}: the same rows); null otherwise.
     */
    static Snapshot lastCompacted(Table iceberg) {
        Snapshot snapshot = iceberg.currentSnapshot();
        while (snapshot != null) {
            if (snapshot.summary().containsKey(Coverage.SUMMARY_KEY)) {
                return snapshot;
            }
            if (!DataOperations.REPLACE.equals(snapshot.operation())
                    || !sameRecords(snapshot)
                    || snapshot.parentId() == null) {
                return null;
            }
            snapshot = iceberg.snapshot(snapshot.parentId());
        }
        return null;
    }

    /** A rewrite that added as many records as it removed and no delete files. */
    private static boolean sameRecords(Snapshot snapshot) {
        Map<String, String> summary = snapshot.summary();
        String added = summary.get("added-records");
        String deleted = summary.get("deleted-records");
        return added != null
                && added.equals(deleted)
                && !summary.containsKey("added-delete-files")
                && !summary.containsKey("added-position-deletes")
                && !summary.containsKey("added-equality-deletes");
    }

    /**
     * The table's current snapshot was written by another engine and changed its rows: the state no
     * longer says which part files its rows come from.
     */
    public static final class ForeignSnapshotException extends IOException {
        private static final long serialVersionUID = 1L;

        ForeignSnapshotException(String message) {
            super(message);
        }
    }

    /** Whether the state covers a part file of the lake at {@code lakeRoot}. */
    public boolean covers(String lakeRoot, StoredFile part) {
        return coverage.parts().contains(relative(lakeRoot, part));
    }

    /** The part files of {@code parts} the state does not cover, in their order. */
    public List<StoredFile> notCovered(String lakeRoot, List<StoredFile> parts) {
        return parts.stream().filter(part -> !covers(lakeRoot, part)).toList();
    }

    /**
     * Why the replay of this state and {@code uncovered} (part files it does not cover, with the
     * key they record) would not give the rows the replay of every part file gives; empty when it
     * does ({@link StateBase#whyNotContinued}).
     */
    public Optional<String> whyNotContinued(
            Connection duckDb, List<PartFile> uncovered, List<String> key) throws SQLException {
        return base.whyNotContinued(duckDb, uncovered, keyColumns(), key);
    }

    /** The table's key, as the compaction recorded it. */
    public List<String> keyColumns() {
        return coverage.keyColumns();
    }

    /** A part file's path below the lake root, as a coverage lists it. */
    public static String relative(String lakeRoot, StoredFile part) {
        String root = lakeRoot.replaceAll("/+$", "") + "/";
        if (!part.path().startsWith(root)) {
            throw new IllegalArgumentException(part.path() + " is not in the lake " + lakeRoot);
        }
        return part.path().substring(root.length());
    }

    /** Deletes the copies in {@code folder} of files other than {@code locations}. */
    private static void dropOtherCopies(Path folder, List<String> locations) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (String location : locations) {
            keep.add(hash(location) + ".parquet");
        }
        try (var copies = Files.list(folder)) {
            for (Path copy : (Iterable<Path>) copies::iterator) {
                String name = copy.getFileName().toString();
                if (name.endsWith(".parquet") && !keep.contains(name)) {
                    Files.deleteIfExists(copy);
                }
            }
        }
    }

    /** A file of the state table copied once into {@code folder}, named by its location's hash. */
    private static Path copy(FileIO io, String location, Path folder) throws IOException {
        Path local = folder.resolve(hash(location) + ".parquet");
        if (Files.isRegularFile(local)) {
            return local;
        }
        Files.createDirectories(local.getParent());
        Path partial = Files.createTempFile(local.getParent(), ".copy-", ".tmp");
        try (InputStream in = io.newInputFile(location).newStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, local, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return local;
    }

    private static String hash(String location) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(location.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
