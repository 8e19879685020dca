package io.cdclake.reader.replay;

import static io.cdclake.reader.ChangeValues.positioned;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.MetadataColumns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compacted state replayed with the changes after it gives the rows the replay of every change
 * gives: random histories of keyed and keyless tables (identical rows, updates, deletes, truncates,
 * reads of an incremental snapshot without an LSN, unavailable TOAST columns, events Debezium sent
 * again under a new offset, two Kafka partitions a keyless table's rows spread over, read at rates
 * of their own), cut into files, compacted after every file and again from the last state.
 */
class CompactedStateTest {

    @TempDir Path dir;

    private static Map<String, LakeType> types() {
        Map<String, LakeType> types = new LinkedHashMap<>();
        types.put("id", LakeType.of(Kind.BIGINT));
        types.put("name", LakeType.of(Kind.STRING));
        types.put("price", LakeType.decimal(10, 2));
        return types;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aKeyedHistoryCompactedAtEveryFileGivesTheFullReplaysRows(int seed) throws Exception {
        check(seed, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aKeylessHistoryWithIdenticalRowsCompactedAtEveryFileGivesTheFullReplaysRows(int seed)
            throws Exception {
        check(seed, false);
    }

    private void check(int seed, boolean keyed) throws Exception {
        List<List<Map<String, Object>>> chunks = history(new Random(seed), keyed);
        HandWrittenLake lake = new HandWrittenLake(dir.resolve("lake"), types());
        for (int i = 0; i < chunks.size(); i++) {
            lake.file("part-" + i + ".parquet", chunks.get(i));
        }
        List<PartFile> files = lake.files();
        List<String> key = keyed ? List.of("id") : List.of();
        try (Connection duckDb = DuckDbReplay.open()) {
            List<Map<String, Object>> expected =
                    sorted(DuckDbReplay.currentState(duckDb, files, key, AsOf.none()));
            StateBase chained = StateBase.NONE;
            for (int cut = 0; cut <= files.size(); cut++) {
                List<PartFile> rest = files.subList(cut, files.size());
                StateBase fromScratch =
                        compact(duckDb, files.subList(0, cut), key, StateBase.NONE, "s" + cut);
                if (fromScratch.whyNotContinued(duckDb, rest, key, key).isEmpty()) {
                    assertThat(
                                    sorted(
                                            DuckDbReplay.currentState(
                                                    duckDb, rest, key, AsOf.none(), fromScratch)))
                            .as("seed %d, compacted after %d of %d files", seed, cut, files.size())
                            .isEqualTo(expected);
                }
                if (cut == 0) {
                    continue;
                }
                // As compact does: the last state and the next file, or every file when the next
                // file cannot continue the state.
                List<PartFile> next = files.subList(cut - 1, cut);
                chained =
                        chained.whyNotContinued(duckDb, next, key, key).isEmpty()
                                ? compact(duckDb, next, key, chained, "c" + cut)
                                : compact(
                                        duckDb,
                                        files.subList(0, cut),
                                        key,
                                        StateBase.NONE,
                                        "c" + cut);
                if (chained.whyNotContinued(duckDb, rest, key, key).isEmpty()) {
                    assertThat(
                                    sorted(
                                            DuckDbReplay.currentState(
                                                    duckDb, rest, key, AsOf.none(), chained)))
                            .as("seed %d, compacted file by file up to %d", seed, cut)
                            .isEqualTo(expected);
                    continued++;
                }
            }
        }
    }

    private int continued;

    @org.junit.jupiter.api.AfterEach
    void mostStatesContinue() {
        assertThat(continued).as("states the next files could continue").isPositive();
    }

    @org.junit.jupiter.api.Test
    void anUpdateSentAgainAfterTheStateFindsItsOriginal() throws Exception {
        HandWrittenLake lake = new HandWrittenLake(dir.resolve("resent"), types());
        lake.file(
                "part-0.parquet",
                List.of(
                        HandWrittenLake.row("c", "after", 100, 0, "id", 1L, "name", "x"),
                        HandWrittenLake.row("u", "before", 200, 1, "id", 1L, "name", "x"),
                        HandWrittenLake.row("u", "after", 200, 1, "id", 1L, "name", "y")));
        // Debezium sends the update again under a new offset.
        lake.file(
                "part-1.parquet",
                List.of(
                        HandWrittenLake.row("u", "before", 200, 2, "id", 1L, "name", "x"),
                        HandWrittenLake.row("u", "after", 200, 2, "id", 1L, "name", "y")));
        List<PartFile> files = lake.files();
        try (Connection duckDb = DuckDbReplay.open()) {
            StateBase state =
                    compact(duckDb, files.subList(0, 1), List.of("id"), StateBase.NONE, "r");
            assertThat(
                            state.whyNotContinued(
                                    duckDb, files.subList(1, 2), List.of("id"), List.of("id")))
                    .isEmpty();
            assertThat(
                            DuckDbReplay.currentState(
                                    duckDb, files.subList(1, 2), List.of("id"), AsOf.none(), state))
                    .isEqualTo(DuckDbReplay.currentState(duckDb, files, List.of("id"), AsOf.none()))
                    .hasSize(1);
        }
        continued++;
    }

    @org.junit.jupiter.api.Test
    void aChangeTheStateHasPassedOrAnotherKeyIsNotContinued() throws Exception {
        HandWrittenLake lake = new HandWrittenLake(dir.resolve("passed"), types());
        lake.file(
                "part-0.parquet",
                List.of(
                        HandWrittenLake.row("c", "after", 100, 0, "id", 1L, "name", "x"),
                        HandWrittenLake.row("c", "after", 200, 2, "id", 2L, "name", "y")));
        lake.file(
                "part-1.parquet",
                List.of(HandWrittenLake.row("c", "after", 150, 1, "id", 3L, "name", "z")));
        lake.file(
                "part-2.parquet",
                List.of(HandWrittenLake.row("c", "after", 300, 3, "id", 4L, "name", "w")));
        List<PartFile> files = lake.files();
        try (Connection duckDb = DuckDbReplay.open()) {
            StateBase state =
                    compact(duckDb, files.subList(0, 1), List.of("id"), StateBase.NONE, "p");
            assertThat(
                            state.whyNotContinued(
                                    duckDb, files.subList(1, 2), List.of("id"), List.of("id")))
                    .hasValueSatisfying(why -> assertThat(why).contains("offset 1"));
            assertThat(
                            state.whyNotContinued(
                                    duckDb, files.subList(2, 3), List.of("id"), List.of("id")))
                    .isEmpty();
            assertThat(
                            state.whyNotContinued(
                                    duckDb, files.subList(2, 3), List.of("id"), List.of("name")))
                    .hasValueSatisfying(why -> assertThat(why).contains("key changed"));
        }
        continued++;
    }

    @org.junit.jupiter.api.Test
    void aTruncateFromALaggingPartitionBelowTheStateIsNotContinued() throws Exception {
        HandWrittenLake lake = new HandWrittenLake(dir.resolve("lagging"), types());
        lake.file(
                "part-0.parquet",
                List.of(
                        positioned("c", "after", 100, 0, 0, null, "id", 1L, "name", "x"),
                        positioned("d", "before", 400, 0, 1, null, "id", 1L, "name", "x")));
        lake.file(
                "part-1.parquet",
                List.of(
                        positioned("t", null, 200, 1, 0, null),
                        positioned("c", "after", 300, 1, 1, null, "id", 1L, "name", "x")));
        List<PartFile> files = lake.files();
        try (Connection duckDb = DuckDbReplay.open()) {
            StateBase state = compact(duckDb, files.subList(0, 1), List.of(), StateBase.NONE, "l");
            assertThat(state.whyNotContinued(duckDb, files.subList(1, 2), List.of(), List.of()))
                    .hasValueSatisfying(why -> assertThat(why).contains("truncate at LSN 200"));
            assertThat(DuckDbReplay.currentState(duckDb, files, List.of(), AsOf.none())).isEmpty();
        }
        continued++;
    }

    private StateBase compact(
            Connection duckDb, List<PartFile> files, List<String> key, StateBase base, String name)
            throws Exception {
        if (files.isEmpty() && base.isNone()) {
            return StateBase.NONE;
        }
        Path rows = dir.resolve("state").resolve(name + ".parquet");
        Path owed = dir.resolve("state").resolve(name + "-owed.parquet");
        Files.createDirectories(rows.getParent());
        DuckDbReplay.Compacted compacted =
                DuckDbReplay.compact(duckDb, files, key, base, rows, owed);
        return new StateBase(
                List.of(
                        PartFile.readState(rows, rows.toString()),
                        PartFile.readState(owed, owed.toString())),
                compacted.marks());
    }

    /**
     * Changes in commit order, each at the next offset of its partition (a keyed row's partition
     * from its key, a keyless row's at random, as Kafka's producer spreads rows without a key), cut
     * into files of 1 to 6 changes.
     */
    private static List<List<Map<String, Object>>> history(Random random, boolean keyed) {
        Map<Long, Object[]> live = new HashMap<>();
        List<Object[]> keyless = new ArrayList<>();
        long[] offsets = new long[2];
        long lsn = 1000;
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lsn += 10;
            int choice = random.nextInt(20);
            long id = 1 + random.nextInt(keyed ? 6 : 2);
            String name = "n" + random.nextInt(2);
            int partition = keyed ? (int) (id % 2) : random.nextInt(2);
            if (keyed && choice == 19 && !changes.isEmpty()) {
                // Debezium sends the last event again, under the next offset of its partition.
                Map<String, Object> last = changes.get(changes.size() - 1);
                int lastPartition = (Integer) last.get(MetadataColumns.PARTITION);
                long again = offsets[lastPartition]++;
                for (Map<String, Object> image : List.copyOf(changes)) {
                    if (image.get(MetadataColumns.PARTITION).equals(lastPartition)
                            && image.get(MetadataColumns.OFFSET)
                                    .equals(last.get(MetadataColumns.OFFSET))) {
                        Map<String, Object> copy = new LinkedHashMap<>(image);
                        copy.put(MetadataColumns.OFFSET, again);
                        changes.add(copy);
                    }
                }
                continue;
            }
            long offset = offsets[partition]++;
            if (choice == 0) {
                changes.add(positioned("t", null, lsn, partition, offset, null));
                live.clear();
                keyless.clear();
            } else if (keyed && choice == 1) {
                // A read of an incremental snapshot: no LSN.
                Map<String, Object> read =
                        positioned(
                                "r", "after", lsn, partition, offset, null, "id", id, "name", name);
                read.put(MetadataColumns.LSN, null);
                changes.add(read);
                live.put(id, new Object[] {id, name});
            } else if (choice < 8 && (keyed ? live.containsKey(id) : !keyless.isEmpty())) {
                Object[] old = keyed ? live.get(id) : keyless.get(random.nextInt(keyless.size()));
                boolean delete = choice < 4;
                changes.add(
                        positioned(
                                delete ? "d" : "u",
                                "before",
                                lsn,
                                partition,
                                offset,
                                null,
                                "id",
                                old[0],
                                "name",
                                old[1]));
                if (keyed) {
                    live.remove(id);
                } else {
                    keyless.remove(old);
                }
                if (!delete) {
                    boolean toast = keyed && choice == 7;
                    changes.add(
                            positioned(
                                    "u",
                                    "after",
                                    lsn,
                                    partition,
                                    offset,
                                    toast ? "name" : null,
                                    "id",
                                    old[0],
                                    "name",
                                    toast ? null : name));
                    Object[] row = {old[0], toast ? old[1] : name};
                    if (keyed) {
                        live.put((Long) old[0], row);
                    } else {
                        keyless.add(row);
                    }
                }
            } else {
                changes.add(
                        positioned(
                                "c", "after", lsn, partition, offset, null, "id", id, "name",
                                name));
                if (keyed) {
                    live.put(id, new Object[] {id, name});
                } else {
                    keyless.add(new Object[] {id, name});
                }
            }
        }
        // Each file takes the next few changes of each partition: a consumer reads partitions at
        // rates of their own, so a change can be in a later file than one committed after it.
        List<List<Map<String, Object>>> queues = List.of(new ArrayList<>(), new ArrayList<>());
        for (Map<String, Object> change : changes) {
            queues.get((Integer) change.get(MetadataColumns.PARTITION)).add(change);
        }
        int[] taken = new int[2];
        List<List<Map<String, Object>>> chunks = new ArrayList<>();
        while (taken[0] < queues.get(0).size() || taken[1] < queues.get(1).size()) {
            List<Map<String, Object>> chunk = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int size = Math.min(queues.get(p).size() - taken[p], random.nextInt(5));
                chunk.addAll(queues.get(p).subList(taken[p], taken[p] + size));
                taken[p] += size;
            }
            if (!chunk.isEmpty()) {
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Object::toString));
        return sorted;
    }
}
