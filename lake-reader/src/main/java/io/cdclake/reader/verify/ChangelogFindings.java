package io.cdclake.reader.verify;

import io.cdclake.format.MetadataColumns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the change rows of a table's Parquet files say about the lake beyond its current state:
 * change events written more than once, rows that no change writes, and changes of rows the lake
 * never had. The current state itself comes from the one replay, {@link
 * io.cdclake.reader.replay.ReplaySql}; this pass follows the same commit order and copy rules but
 * keeps only which rows exist, never their values.
 *
 * <p>Commit order: by {@code _lsn}, then {@code _partition} and {@code _offset}, the before image
 * of an update before its after image; a row read by an incremental snapshot, which has no {@code
 * _lsn}, keeps its place in its Kafka partition ({@link ReplayOrder}, the replay LSN of {@link
 * io.cdclake.reader.replay.ReplaySql}). A change event that appears more than once is counted once
 * and reported: a row whose {@code _topic}, {@code _partition}, {@code _offset} and {@code _image}
 * repeat (the job wrote one Kafka record twice), or, for a table with a key, one with the same
 * {@code _lsn}, key, {@code _image} and {@code _op} as an earlier one (Debezium re-sent the event
 * under a new offset). For a table whose rows are identified by all their columns, rows identical
 * in every column may share an LSN (a multi-row insert is one WAL record), so there only the Kafka
 * record counts; a duplicate that Debezium re-sent under a new offset shows there as an extra row
 * instead. Reads of an incremental snapshot have no {@code _lsn}: reading a table again ({@code
 * capture snapshot}) sends every row once more, so only their Kafka record counts too.
 *
 * <p>Rows the replay does not apply are findings too: an {@code _op} or {@code _image} that no
 * event writes, a row without its Kafka position, and an update or delete of a row the lake never
 * had (the lake lost the row's insert, or the change belongs elsewhere). An update or delete of a
 * row the lake does not have yet, followed by a snapshot read of the table, is not a finding: a
 * table captured later streams its changes while its incremental snapshot reads the rows it held,
 * and a row changed or deleted before its chunk was read has no earlier event in the lake. Such
 * changes are counted apart.
 */
final class ChangelogFindings {

    /** Order of lake rows at one LSN: their Kafka position, the before image first. */
    static final Comparator<LakeRecord> POSITION_ORDER =
            Comparator.comparing(
                            LakeRecord::partition, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(
                            LakeRecord::offset, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparingInt(ChangelogFindings::imageRank)
                    .thenComparing(
                            LakeRecord::topic, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Commit order of lake rows. */
    static final Comparator<LakeRecord> COMMIT_ORDER =
            Comparator.comparing(LakeRecord::lsn, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(POSITION_ORDER);

    private static int imageRank(LakeRecord row) {
        String image = row.image();
        return MetadataColumns.BEFORE.equals(image)
                ? 0
                : MetadataColumns.AFTER.equals(image) ? 2 : 1;
    }

    /** A change event written more than once. */
    record Duplicate(LakeRecord first, RowKey key, int copies, List<String> sources) {}

    /**
     * What the pass noticed.
     *
     * @param duplicateRows rows skipped as copies of an earlier row
     * @param duplicates each duplicated event (up to the examples asked for) with its copies
     * @param invalidRows rows of an unknown op or image, or without their Kafka position: not
     *     applied
     * @param changesOfUnseenRows updates and deletes of rows the state did not have
     * @param changesBeforeSnapshotRead updates and deletes of rows the state did not have, followed
     *     by a snapshot read of the table: not findings
     */
    record Result(
            long duplicateRows,
            List<Duplicate> duplicates,
            VerifyReport.Finding invalidRows,
            VerifyReport.Finding changesOfUnseenRows,
            long changesBeforeSnapshotRead) {}

    private final DatabaseTable table;
    private final int maxExamples;

    ChangelogFindings(DatabaseTable table, int maxExamples) {
        this.table = table;
        this.maxExamples = maxExamples;
    }

    /**
     * The rows of a compacted state that the changes after it find: per update or delete row, how
     * many rows of its key the state holds, less those earlier changes took; none after a truncate.
     */
    private static final class StateRows {
        private final Map<EventRowId, Integer> counts;
        private final Map<RowKey, Integer> taken = new HashMap<>();
        private boolean truncated;

        StateRows(Map<EventRowId, Integer> counts) {
            this.counts = counts;
        }

        /** Takes a state row of {@code key} for {@code row}; false when none is left. */
        boolean take(LakeRecord row, RowKey key) {
            if (truncated) {
                return false;
            }
            int held = counts.getOrDefault(EventRowId.of(row), 0);
            int gone = taken.getOrDefault(key, 0);
            if (held <= gone) {
                return false;
            }
            taken.put(key, gone + 1);
            return true;
        }

        void clear() {
            truncated = true;
        }
    }

    /** The identity of an event row's content, for re-sent events. */
    private record ContentId(Object position, RowKey key, String image, String op) {}

    /** The rows found for one event row: the first, applied, and its copies. */
    private static final class Copies {
        final List<LakeRecord> rows = new ArrayList<>(1);
        final RowKey key;

        Copies(LakeRecord first, RowKey key) {
            rows.add(first);
            this.key = key;
        }
    }

    Result check(List<LakeRecord> records) {
        return check(records, Map.of());
    }

    /**
     * The findings of {@code records}, changes a compacted state does not cover, with the state's
     * rows before them: {@code stateRows} gives for each update and delete row how many of the
     * state's rows have its key ({@link io.cdclake.reader.replay.ReplaySql#stateRowsPerChange}).
     * Copies are found among {@code records} only.
     */
    Result check(List<LakeRecord> records, Map<EventRowId, Integer> stateRows) {
        StateRows fromState = new StateRows(stateRows);
        List<LakeRecord> sorted = ReplayOrder.sort(records);
        FindingCounter invalid = new FindingCounter(maxExamples);
        FindingCounter unseen = new FindingCounter(maxExamples);
        long beforeSnapshotRead = 0;

        // 1. Drop copies of the same event row, remembering them for the report.
        Map<EventRowId, Copies> bySource = new HashMap<>();
        Map<ContentId, Copies> byContent = new HashMap<>();
        List<Copies> duplicated = new ArrayList<>();
        List<LakeRecord> unique = new ArrayList<>(sorted.size());
        long duplicateRows = 0;
        for (LakeRecord row : sorted) {
            EventRowId source = EventRowId.of(row);
            if (!source.complete()) {
                invalid.add(() -> describe(row) + ": no _topic, _partition or _offset");
                continue;
            }
            RowKey key = RowKey.of(table.keyColumns(), row.values());
            // Without an LSN (an incremental snapshot's reads) two copies of a row are two reads.
            ContentId content =
                    table.wholeRowKey() || row.lsn() == null
                            ? null
                            : new ContentId(row.lsn(), key, row.image(), row.op());
            Copies copies = bySource.get(source);
            if (copies == null && content != null) {
                copies = byContent.get(content);
            }
            if (copies == null) {
                copies = new Copies(row, key);
                bySource.put(source, copies);
                if (content != null) {
                    byContent.put(content, copies);
                }
                unique.add(row);
            } else {
                copies.rows.add(row);
                bySource.putIfAbsent(source, copies);
                duplicateRows++;
                if (copies.rows.size() == 2) {
                    duplicated.add(copies);
                }
            }
        }
        List<Duplicate> duplicates = new ArrayList<>();
        for (Copies copies : duplicated.subList(0, Math.min(maxExamples, duplicated.size()))) {
            List<String> sources =
                    copies.rows.stream()
                            .map(r -> r.source() + " in " + PartFiles.shortName(r.file()))
                            .toList();
            duplicates.add(
                    new Duplicate(copies.rows.get(0), copies.key, copies.rows.size(), sources));
        }

        // 2. Follow which rows exist: how many of each key (several for whole-row keys).
        int lastRead = -1;
        for (int i = 0; i < unique.size(); i++) {
            if ("r".equals(unique.get(i).op())) {
                lastRead = i;
            }
        }
        Map<RowKey, Integer> state = new HashMap<>();
        for (int i = 0; i < unique.size(); i++) {
            LakeRecord row = unique.get(i);
            // A snapshot read follows: the row may have been changed before its chunk was read.
            boolean snapshotPending = i < lastRead;
            boolean ofUnseenRow = false;
            String op = String.valueOf(row.op());
            String image = row.image();
            boolean before = MetadataColumns.BEFORE.equals(image);
            boolean after = MetadataColumns.AFTER.equals(image);
            boolean applied = true;
            switch (op) {
                case "r":
                case "c":
                    applied = after;
                    if (after) {
                        upsert(state, row);
                    }
                    break;
                case "u":
                    if (before) {
                        ofUnseenRow = !remove(state, row, fromState);
                        LakeRecord next = i + 1 < unique.size() ? unique.get(i + 1) : null;
                        if (next != null
                                && sameEvent(row, next)
                                && MetadataColumns.AFTER.equals(next.image())) {
                            upsert(state, next);
                            i++;
                        }
                    } else if (after) {
                        // Without a before image (REPLICA IDENTITY DEFAULT, or AFTER_ONLY) the key
                        // names the row; a table identified by whole rows always has the before
                        // image.
                        ofUnseenRow =
                                !table.wholeRowKey()
                                        && !state.containsKey(
                                                RowKey.of(table.keyColumns(), row.values()))
                                        && !fromState.take(row, key(row));
                        upsert(state, row);
                    } else {
                        applied = false;
                    }
                    break;
                case "d":
                    applied = before;
                    ofUnseenRow = before && !remove(state, row, fromState);
                    break;
                case "t":
                    applied = image == null;
                    if (applied) {
                        state.clear();
                        fromState.clear();
                    }
                    break;
                default:
                    applied = false;
            }
            if (ofUnseenRow && snapshotPending) {
                beforeSnapshotRead++;
            } else if (ofUnseenRow) {
                unseen.add(() -> unseenRow(row));
            }
            if (!applied) {
                invalid.add(
                        () ->
                                describe(row)
                                        + ": unknown _op "
                                        + CanonicalValues.render(row.op())
                                        + " or _image "
                                        + CanonicalValues.render(row.image())
                                        + " for it");
            }
        }
        return new Result(
                duplicateRows, duplicates, invalid.finding(), unseen.finding(), beforeSnapshotRead);
    }

    private String unseenRow(LakeRecord row) {
        return RowKey.of(table.keyColumns(), row.values()).render(table.keyColumns())
                + " (op "
                + row.op()
                + ") "
                + describe(row);
    }

    private static String describe(LakeRecord row) {
        return row.source() + " " + row.image() + " in " + PartFiles.shortName(row.file());
    }

    private static boolean sameEvent(LakeRecord a, LakeRecord b) {
        return Objects.equals(a.topic(), b.topic())
                && Objects.equals(a.partition(), b.partition())
                && Objects.equals(a.offset(), b.offset())
                && Objects.equals(a.lsn(), b.lsn());
    }

    private void upsert(Map<RowKey, Integer> state, LakeRecord row) {
        RowKey key = RowKey.of(table.keyColumns(), row.values());
        if (table.wholeRowKey()) {
            state.merge(key, 1, Integer::sum);
        } else {
            state.put(key, 1);
        }
    }

    private RowKey key(LakeRecord row) {
        return RowKey.of(table.keyColumns(), row.values());
    }

    /**
     * Removes the row {@code row} names, from the rows changes made or else from the compacted
     * state's; false when there was none.
     */
    private boolean remove(Map<RowKey, Integer> state, LakeRecord row, StateRows fromState) {
        RowKey key = key(row);
        Integer count = state.get(key);
        if (count == null) {
            return fromState.take(row, key);
        }
        if (count > 1) {
            state.put(key, count - 1);
        } else {
            state.remove(key);
        }
        return true;
    }
}
