package io.cdclake.reader.verify;

import io.cdclake.format.MetadataColumns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rebuilds a table's current state from its changelog in the lake.
 *
 * <p>Rows are applied in commit order: by {@code _lsn}, then {@code _partition} and {@code
 * _offset}, the before image of an update before its after image; rows of an incremental snapshot
 * keep their place in their Kafka partition ({@link ReplayOrder}). Reads, inserts and the after
 * images of updates upsert the row; the before image of an update or delete removes the row it
 * names; a truncate clears the table. Columns an update could not carry ({@code
 * _unavailable_columns}, TOASTed values Debezium did not get) keep the value the row had.
 *
 * <p>A change event that appears more than once is applied once and reported: a row whose {@code
 * _topic}, {@code _partition}, {@code _offset} and {@code _image} repeat (the job wrote one Kafka
 * record twice), or, for a table with a key, one with the same {@code _lsn}, key, {@code _image}
 * and {@code _op} as an earlier one (Debezium re-sent the event under a new offset). For a table
 * whose rows are identified by all their columns, rows identical in every column may share an LSN
 * (a multi-row insert is one WAL record), so there only the Kafka record counts; a duplicate that
 * Debezium re-sent under a new offset shows there as an extra row instead. Reads of an incremental
 * snapshot have no {@code _lsn}: reading a table again ({@code capture snapshot}) sends every row
 * once more, so only their Kafka record counts too.
 *
 * <p>Rows the replay cannot apply are findings too: an {@code _op} or {@code _image} that no event
 * writes, a row without its Kafka position, and an update or delete of a row the lake never had
 * (the lake lost the row's insert, or the change belongs elsewhere). An update or delete of a row
 * the lake does not have yet, followed by a snapshot read of the table, is not a finding: a table
 * captured later streams its changes while its incremental snapshot reads the rows it held, and a
 * row changed or deleted before its chunk was read has no earlier event in the lake. Such changes
 * are counted apart.
 */
final class ChangelogReplay {

    /** Order of lake rows at one LSN: their Kafka position, the before image first. */
    static final Comparator<LakeRecord> POSITION_ORDER =
            Comparator.comparing(
                            LakeRecord::partition, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(
                            LakeRecord::offset, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparingInt(ChangelogReplay::imageRank)
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

    /**
     * A row of the rebuilt state: its lake values, and how many identical rows there are (whole-row
     * keys).
     */
    static final class StateRow {
        final Map<String, Object> values;
        int count;

        StateRow(Map<String, Object> values, int count) {
            this.values = values;
            this.count = count;
        }
    }

    /** A change event written more than once. */
    record Duplicate(LakeRecord first, RowKey key, int copies, List<String> sources) {}

    /**
     * The rebuilt state, in the order rows were last written, and what the replay noticed.
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
            LinkedHashMap<RowKey, StateRow> state,
            long duplicateRows,
            List<Duplicate> duplicates,
            VerifyReport.Finding invalidRows,
            VerifyReport.Finding changesOfUnseenRows,
            long changesBeforeSnapshotRead) {

        long stateRows() {
            return state.values().stream().mapToLong(r -> r.count).sum();
        }
    }

    private final DatabaseTable table;
    private final int maxExamples;

    ChangelogReplay(DatabaseTable table, int maxExamples) {
        this.table = table;
        this.maxExamples = maxExamples;
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

    Result replay(List<LakeRecord> records) {
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

        // 2. Apply them.
        int lastRead = -1;
        for (int i = 0; i < unique.size(); i++) {
            if ("r".equals(unique.get(i).op())) {
                lastRead = i;
            }
        }
        LinkedHashMap<RowKey, StateRow> state = new LinkedHashMap<>();
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
                        upsert(state, row, null);
                    }
                    break;
                case "u":
                    if (before) {
                        StateRow removed = remove(state, row);
                        ofUnseenRow = removed == null;
                        LakeRecord next = i + 1 < unique.size() ? unique.get(i + 1) : null;
                        if (next != null
                                && sameEvent(row, next)
                                && MetadataColumns.AFTER.equals(next.image())) {
                            upsert(state, next, carrySource(row, removed));
                            i++;
                        }
                    } else if (after) {
                        // Without a before image (REPLICA IDENTITY DEFAULT, or AFTER_ONLY) the key
                        // names the row; a table identified by whole rows always has the before
                        // image.
                        ofUnseenRow =
                                !table.wholeRowKey()
                                        && !state.containsKey(
                                                RowKey.of(table.keyColumns(), row.values()));
                        upsert(state, row, null);
                    } else {
                        applied = false;
                    }
                    break;
                case "d":
                    applied = before;
                    ofUnseenRow = before && remove(state, row) == null;
                    break;
                case "t":
                    applied = image == null;
                    if (applied) {
                        state.clear();
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
                state,
                duplicateRows,
                duplicates,
                invalid.finding(),
                unseen.finding(),
                beforeSnapshotRead);
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

    /**
     * Where an update's unavailable columns take their values from: the before image where it has
     * them, else the row the before image removed.
     */
    private static Map<String, Object> carrySource(LakeRecord before, StateRow removed) {
        Map<String, Object> source = new HashMap<>();
        if (removed != null) {
            source.putAll(removed.values);
        }
        Set<String> unavailable = before.unavailableColumns();
        before.values()
                .forEach(
                        (name, value) -> {
                            if (!unavailable.contains(name) && !isMetadata(name)) {
                                source.put(name, value);
                            }
                        });
        return source;
    }

    private void upsert(
            Map<RowKey, StateRow> state, LakeRecord row, Map<String, Object> carrySource) {
        Map<String, Object> values = new HashMap<>();
        row.values()
                .forEach(
                        (name, value) -> {
                            if (!isMetadata(name)) {
                                values.put(name, value);
                            }
                        });
        Set<String> unavailable = row.unavailableColumns();
        if (!unavailable.isEmpty()) {
            Map<String, Object> source = carrySource;
            if (source == null) {
                StateRow previous = state.get(RowKey.of(table.keyColumns(), values));
                source = previous == null ? Map.of() : previous.values;
            }
            for (String name : unavailable) {
                values.put(name, source.get(name));
            }
        }
        RowKey key = RowKey.of(table.keyColumns(), values);
        if (table.wholeRowKey()) {
            StateRow existing = state.get(key);
            if (existing != null) {
                existing.count++;
                return;
            }
            state.put(key, new StateRow(values, 1));
        } else {
            // Re-inserted so that the state's order follows the last write.
            state.remove(key);
            state.put(key, new StateRow(values, 1));
        }
    }

    private StateRow remove(Map<RowKey, StateRow> state, LakeRecord row) {
        RowKey key = RowKey.of(table.keyColumns(), row.values());
        StateRow existing = state.get(key);
        if (existing == null) {
            return null;
        }
        if (table.wholeRowKey() && existing.count > 1) {
            existing.count--;
            return existing;
        }
        state.remove(key);
        return existing;
    }

    private static boolean isMetadata(String name) {
        for (var column : MetadataColumns.ALL) {
            if (column.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
