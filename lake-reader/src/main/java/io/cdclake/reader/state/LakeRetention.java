package io.cdclake.reader.state;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.query.LakeTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;

/**
 * Retention: removes a table's day folders that its current-state table no longer needs, and the
 * state's Iceberg snapshots older than the point kept.
 *
 * <p>What stays readable after {@code expire(before)}: the current state and everything written
 * since ({@code query}, {@code verify} from the state), and {@code --as-of} any point from the last
 * commit of the newest compaction snapshot whose changes are all before {@code before} (the
 * snapshot kept for it): that snapshot and every later one is kept, and a day folder goes only when
 * each of those snapshots covers every one of its part files, so each of them replays with the part
 * files it does not cover, all still there. A day folder goes only when it ends before {@code
 * before}, its Parquet files are covered and its CSV files were checked by {@code compact} (so
 * {@code verify} from the state needs none of them), and no Parquet file of it waits for its CSV
 * twin. Before anything is deleted the table's folders get the marker {@link
 * LakePaths#EXPIRED_PREFIX}: readers that would replay every part file refuse the table from then
 * on instead of answering from part of its history.
 */
public final class LakeRetention {

    private final StateCatalog catalog;
    private final LakeStore store;

    public LakeRetention(StateCatalog catalog, LakeStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /**
     * What {@link #expire} did, or would do.
     *
     * @param table the table
     * @param days the day folders removed
     * @param files the part files removed, both formats
     * @param snapshots the Iceberg snapshots expired
     * @param timeTravelFrom the earliest point {@code --as-of} still reads; null when nothing was
     *     kept for it
     * @param note why less was removed, if anything explains it; null otherwise
     */
    public record Result(
            TableId table,
            List<LocalDate> days,
            int files,
            int snapshots,
            Instant timeTravelFrom,
            String note) {}

    /**
     * Expires what {@code table} of the lake at {@code lakeRoot} no longer needs before {@code
     * before}; with {@code dryRun}, only says what.
     */
    public Result expire(String lakeRoot, LakeTable table, Instant before, boolean dryRun)
            throws IOException {
        String root = lakeRoot.replaceAll("/+$", "");
        TableId id = table.id();
        Table iceberg = catalog.load(id).orElse(null);
        if (iceberg == null || iceberg.currentSnapshot() == null) {
            return nothing(id, "it has no current-state table: run compact first");
        }
        Coverage current;
        try {
            // The state's coverage, not its rows: nothing of the state is copied here.
            current = CurrentState.currentCoverage(iceberg, id);
        } catch (CurrentState.ForeignSnapshotException e) {
            return nothing(id, e.getMessage() + ": run compact first");
        }
        if (current.owedFile() != null && !iceberg.io().newInputFile(current.owedFile()).exists()) {
            return nothing(
                    id,
                    "the state file "
                            + current.owedFile()
                            + " of its current-state table is gone: run compact first");
        }
        Coverage.Checks checks = current.checks();
        if (checks == null) {
            return nothing(id, "its state was compacted before compact checked it: run compact");
        }

        // The newest compaction snapshot whose changes all precede the point: kept, with those
        // after it.
        List<Snapshot> compactions = new ArrayList<>();
        iceberg.snapshots()
                .forEach(
                        s -> {
                            if (s.summary().containsKey(Coverage.SUMMARY_KEY)) {
                                compactions.add(s);
                            }
                        });
        compactions.sort(Comparator.comparingLong(Snapshot::sequenceNumber));
        Snapshot kept = null;
        for (Snapshot snapshot : compactions) {
            String last = snapshot.summary().get(Coverage.LAST_COMMIT_KEY);
            if (last != null && Long.parseLong(last) < before.toEpochMilli()) {
                kept = snapshot;
            }
        }
        if (kept == null) {
            return nothing(id, "no compaction covers only changes before " + before);
        }
        FileIO io = iceberg.io();
        Set<String> removable = null;
        Set<String> keptFiles = new HashSet<>();
        List<String> expiredFiles = new ArrayList<>();
        for (Snapshot snapshot : compactions) {
            String coverageFile = snapshot.summary().get(Coverage.SUMMARY_KEY);
            Coverage coverage;
            try (InputStream in = io.newInputFile(coverageFile).newStream()) {
                coverage = Coverage.read(in);
            }
            List<String> own = new ArrayList<>(List.of(coverageFile));
            if (coverage.owedFile() != null) {
                own.add(coverage.owedFile());
            }
            if (snapshot.sequenceNumber() < kept.sequenceNumber()) {
                expiredFiles.addAll(own);
                continue;
            }
            keptFiles.addAll(own);
            if (removable == null) {
                removable = new TreeSet<>(coverage.parts());
            } else {
                removable.retainAll(coverage.parts());
            }
        }
        Set<String> covered = removable;
        covered.removeAll(checks.csvPending());
        expiredFiles.removeAll(keptFiles);

        List<String> parquetFolders =
                LakeCatalog.folders(List.of(table), root, LakePaths.Format.PARQUET, id);
        List<String> csvFolders =
                LakeCatalog.folders(List.of(table), root, LakePaths.Format.CSV, id);
        LocalDate firstKept = LocalDate.ofInstant(before, ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        List<StoredFile> doomed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < parquetFolders.size(); i++) {
            Map<LocalDate, List<StoredFile>> parquetDays = byDay(parquetFolders.get(i));
            Map<LocalDate, List<StoredFile>> csvDays = byDay(csvFolders.get(i));
            for (Map.Entry<LocalDate, List<StoredFile>> day : parquetDays.entrySet()) {
                if (!day.getKey().isBefore(firstKept)) {
                    continue;
                }
                List<StoredFile> parquet = committed(day.getValue(), LakePaths.Format.PARQUET);
                List<StoredFile> csv =
                        committed(
                                csvDays.getOrDefault(day.getKey(), List.of()),
                                LakePaths.Format.CSV);
                boolean allCovered =
                        parquet.stream()
                                .allMatch(f -> covered.contains(CurrentState.relative(root, f)));
                boolean checked =
                        csv.stream()
                                .allMatch(
                                        f ->
                                                checks.csvChecked()
                                                        .contains(CurrentState.relative(root, f)));
                if (!allCovered || !checked) {
                    skipped.add(
                            LakePaths.dayFolderOfEpochDay(day.getKey().toEpochDay())
                                    + (allCovered
                                            ? " (CSV files not checked by compact yet)"
                                            : " (part files a kept snapshot does not cover)"));
                    continue;
                }
                days.add(day.getKey());
                doomed.addAll(parquet);
                doomed.addAll(csv);
            }
        }
        Instant timeTravelFrom =
                Instant.ofEpochMilli(Long.parseLong(kept.summary().get(Coverage.LAST_COMMIT_KEY)));
        long keptTimestamp = kept.timestampMillis();
        int expiredSnapshots = 0;
        for (Snapshot snapshot : iceberg.snapshots()) {
            if (snapshot.timestampMillis() < keptTimestamp) {
                expiredSnapshots++;
            }
        }
        days.sort(null);
        String note = skipped.isEmpty() ? null : "kept " + String.join(", ", skipped);
        if (dryRun) {
            return new Result(id, days, doomed.size(), expiredSnapshots, timeTravelFrom, note);
        }

        if (!days.isEmpty()) {
            // The marker first: a reader must never take what is left for the whole history.
            LocalDate marked = days.get(days.size() - 1).plusDays(1);
            if (table.expiredBefore() != null && table.expiredBefore().isAfter(marked)) {
                marked = table.expiredBefore();
            }
            List<String> folders = new ArrayList<>(parquetFolders);
            folders.addAll(csvFolders);
            for (String folder : folders) {
                store.write(
                        folder + "/" + LakePaths.expiredMarker(marked),
                        ("day folders before "
                                        + marked
                                        + " were removed by ./cdc-lake expire; read the table"
                                        + " from its current-state table "
                                        + StateCatalog.qualifiedName(id)
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            for (StoredFile file : doomed) {
                store.delete(file.path());
            }
        }
        iceberg.expireSnapshots().expireOlderThan(keptTimestamp).retainLast(1).commit();
        for (String file : expiredFiles) {
            io.deleteFile(file);
        }
        return new Result(id, days, doomed.size(), expiredSnapshots, timeTravelFrom, note);
    }

    private static Result nothing(TableId id, String note) {
        return new Result(id, List.of(), 0, 0, null, note);
    }

    /** The files under {@code folder} by the day folder they are in. */
    private Map<LocalDate, List<StoredFile>> byDay(String folder) throws IOException {
        Map<LocalDate, List<StoredFile>> days = new TreeMap<>();
        String prefix = folder + "/";
        for (StoredFile file : store.list(folder)) {
            String[] segments = file.path().substring(prefix.length()).split("/");
            if (segments.length != 2) {
                continue;
            }
            LocalDate day = LakePaths.dayOfFolder(segments[0]);
            if (day != null) {
                days.computeIfAbsent(day, d -> new ArrayList<>()).add(file);
            }
        }
        return days;
    }

    private static List<StoredFile> committed(List<StoredFile> files, LakePaths.Format format) {
        return files.stream().filter(f -> LakePaths.isCommittedPart(f.name(), format)).toList();
    }
}
