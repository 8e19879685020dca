package io.cdclake.cli.verify;

import io.cdclake.job.decode.MetadataColumns;
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
 * _offset}, the before image of an update before its after image. Reads, inserts and the after
 * images of updates upsert the row; the before image of an update or delete removes the row it
 * names; a truncate clears the table. Columns an update could not carry ({@code
 * _unavailable_columns}, TOASTed values Debezium did not get) keep the value the row had.
 *
 * <p>A change event that appears more than once (the same {@code _lsn}, key, {@code _image} and
 * {@code _op}, as a replay of the same event would write) is applied once and reported. For a
 * table whose rows are identified by all their columns, rows identical in every column may share
 * an LSN (a multi-row insert is one WAL record), so there only rows from the same Kafka record
 * ({@code _topic}, {@code _partition}, {@code _offset}, {@code _image}) count as duplicates; a
 * duplicate that Debezium re-sent under a new offset shows there as an extra row instead.
 */
final class ChangelogReplay {

    /** Commit order of lake rows. */
    static final Comparator<LakeRecord> COMMIT_ORDER = Comparator
            .comparing(LakeRecord::lsn, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(LakeRecord::partition, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(LakeRecord::offset, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(ChangelogReplay::imageRank)
            .thenComparing(LakeRecord::topic, Comparator.nullsFirst(Comparator.naturalOrder()));

    private static int imageRank(LakeRecord row) {
        String image = row.image();
        return MetadataColumns.BEFORE.equals(image) ? 0 : MetadataColumns.AFTER.equals(image) ? 2 : 1;
    }

    /** A row of the rebuilt state: its lake values, and how many identical rows there are (whole-row keys). */
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
     * @param deletesOfUnknownRows before images that named no row of the state
     * @param ignoredRows rows of an unknown op or image
     */
    record Result(
            LinkedHashMap<RowKey, StateRow> state,
            long duplicateRows,
            List<Duplicate> duplicates,
            long deletesOfUnknownRows,
            long ignoredRows) {

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

    /** The identity of an event row, for duplicate detection. */
    private record EventId(Object position, RowKey key, String image, String op) {}

    Result replay(List<LakeRecord> records) {
        List<LakeRecord> sorted = new ArrayList<>(records);
        sorted.sort(COMMIT_ORDER);

        // 1. Drop copies of the same event row, remembering them for the report.
        Map<EventId, List<LakeRecord>> seen = new HashMap<>();
        Map<EventId, RowKey> duplicatedKeys = new LinkedHashMap<>();
        List<LakeRecord> unique = new ArrayList<>(sorted.size());
        long duplicateRows = 0;
        for (LakeRecord row : sorted) {
            RowKey key = RowKey.of(table.keyColumns(), row.values());
            EventId id = table.wholeRowKey()
                    ? new EventId(row.source(), null, row.image(), row.op())
                    : new EventId(row.lsn(), key, row.image(), row.op());
            List<LakeRecord> copies = seen.get(id);
            if (copies == null) {
                List<LakeRecord> first = new ArrayList<>(1);
                first.add(row);
                seen.put(id, first);
                unique.add(row);
            } else {
                copies.add(row);
                duplicateRows++;
                duplicatedKeys.putIfAbsent(id, key);
            }
        }
        List<Duplicate> duplicates = new ArrayList<>();
        for (Map.Entry<EventId, RowKey> e : duplicatedKeys.entrySet()) {
            if (duplicates.size() >= maxExamples) {
                break;
            }
            List<LakeRecord> copies = seen.get(e.getKey());
            List<String> sources = copies.stream().map(r -> r.source() + " in " + fileName(r.file())).toList();
            duplicates.add(new Duplicate(copies.get(0), e.getValue(), copies.size(), sources));
        }

        // 2. Apply them.
        LinkedHashMap<RowKey, StateRow> state = new LinkedHashMap<>();
        long deletesOfUnknownRows = 0;
        long ignoredRows = 0;
        for (int i = 0; i < unique.size(); i++) {
            LakeRecord row = unique.get(i);
            String op = String.valueOf(row.op());
            String image = row.image();
            boolean before = MetadataColumns.BEFORE.equals(image);
            boolean after = MetadataColumns.AFTER.equals(image);
            switch (op) {
                case "r":
                case "c":
                    if (after) {
                        upsert(state, row, null);
                    } else {
                        ignoredRows++;
                    }
                    break;
                case "u":
                    if (before) {
                        StateRow removed = remove(state, row);
                        LakeRecord next = i + 1 < unique.size() ? unique.get(i + 1) : null;
                        if (next != null && sameEvent(row, next) && MetadataColumns.AFTER.equals(next.image())) {
                            upsert(state, next, carrySource(row, removed));
                            i++;
                        } else if (removed == null) {
                            deletesOfUnknownRows++;
                        }
                    } else if (after) {
                        upsert(state, row, null);
                    } else {
                        ignoredRows++;
                    }
                    break;
                case "d":
                    if (before) {
                        if (remove(state, row) == null) {
                            deletesOfUnknownRows++;
                        }
                    } else {
                        ignoredRows++;
                    }
                    break;
                case "t":
                    state.clear();
                    break;
                default:
                    ignoredRows++;
            }
        }
        return new Result(state, duplicateRows, duplicates, deletesOfUnknownRows, ignoredRows);
    }

    private static boolean sameEvent(LakeRecord a, LakeRecord b) {
        return Objects.equals(a.topic(), b.topic()) && Objects.equals(a.partition(), b.partition())
                && Objects.equals(a.offset(), b.offset()) && Objects.equals(a.lsn(), b.lsn());
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
        before.values().forEach((name, value) -> {
            if (!unavailable.contains(name) && !isMetadata(name)) {
                source.put(name, value);
            }
        });
        return source;
    }

    private void upsert(Map<RowKey, StateRow> state, LakeRecord row, Map<String, Object> carrySource) {
        Map<String, Object> values = new HashMap<>();
        row.values().forEach((name, value) -> {
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

    private static String fileName(String file) {
        int slash = file.lastIndexOf('/');
        String name = slash < 0 ? file : file.substring(slash + 1);
        int dt = file.lastIndexOf("/dt=");
        return dt < 0 ? name : file.substring(dt + 1, slash) + "/" + name;
    }
}
