package io.cdclake.reader.verify;

import static io.cdclake.reader.verify.Records.column;
import static io.cdclake.reader.verify.Records.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.MetadataColumns;
import io.cdclake.reader.verify.ColumnType.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangelogFindingsTest {

    private static ChangelogFindings.Result replay(List<LakeRecord> rows) {
        return new ChangelogFindings(Records.items(), 5).check(rows);
    }

    @Test
    void appliesChangesInLsnOrderWhateverTheFileOrder() {
        List<LakeRecord> rows =
                new ArrayList<>(
                        List.of(
                                row(
                                        "r",
                                        "after",
                                        100,
                                        0,
                                        "id",
                                        1L,
                                        "name",
                                        "a",
                                        "price",
                                        new BigDecimal("1.00")),
                                row(
                                        "r",
                                        "after",
                                        100,
                                        1,
                                        "id",
                                        2L,
                                        "name",
                                        "b",
                                        "price",
                                        new BigDecimal("2.00")),
                                row(
                                        "u",
                                        "after",
                                        200,
                                        2,
                                        "id",
                                        1L,
                                        "name",
                                        "a2",
                                        "price",
                                        new BigDecimal("1.50")),
                                row(
                                        "u",
                                        "after",
                                        300,
                                        3,
                                        "id",
                                        1L,
                                        "name",
                                        "a3",
                                        "price",
                                        new BigDecimal("1.75")),
                                row("d", "before", 400, 4, "id", 2L, "name", null, "price", null),
                                row(
                                        "c", "after", 500, 5, "id", 2L, "name", "b again", "price",
                                        null),
                                row("c", "after", 600, 6, "id", 3L, "name", "c", "price", null)));
        List<LakeRecord> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(7));
        Collections.reverse(rows);

        for (List<LakeRecord> order : List.of(rows, shuffled)) {
            ChangelogFindings.Result result = replay(order);
            assertThat(result.duplicateRows()).isZero();
            assertThat(result.changesOfUnseenRows().count()).isZero();
            assertThat(result.invalidRows().count()).isZero();
        }
    }

    @Test
    void commitOrderIsLsnThenPartitionAndOffsetThenBeforeImageFirst() {
        LakeRecord after = row("x", "u", "after", 200, 0, 5, null, "id", 1L);
        LakeRecord before = row("x", "u", "before", 200, 0, 5, null, "id", 1L);
        LakeRecord laterOffset = row("x", "c", "after", 200, 0, 6, null, "id", 2L);
        LakeRecord otherPartition = row("x", "c", "after", 200, 1, 0, null, "id", 3L);
        LakeRecord earlierLsn = row("x", "c", "after", 150, 1, 9, null, "id", 4L);
        List<LakeRecord> rows =
                new ArrayList<>(List.of(otherPartition, laterOffset, after, before, earlierLsn));
        rows.sort(ChangelogFindings.COMMIT_ORDER);
        assertThat(rows).containsExactly(earlierLsn, before, after, laterOffset, otherPartition);
    }

    @Test
    void anUpdateWithItsBeforeImageAppliesAndATruncateRemovesEveryRow() {
        ChangelogFindings.Result result =
                replay(
                        List.of(
                                row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                row("r", "after", 100, 1, "id", 2L, "name", "b"),
                                row("u", "before", 200, 2, "id", 1L, "name", "a"),
                                row("u", "after", 200, 2, "id", 1L, "name", "a2"),
                                row("u", "before", 250, 3, "id", 1L, "name", "a2"),
                                row("u", "after", 250, 3, "id", 1L, "name", "a3")));
        assertThat(result.changesOfUnseenRows().count()).isZero();
        assertThat(result.invalidRows().count()).isZero();

        result =
                replay(
                        List.of(
                                row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                row("t", null, 200, 1, "id", null, "name", null),
                                row("c", "after", 300, 2, "id", 5L, "name", "e"),
                                row("d", "before", 400, 3, "id", 1L, "name", "a")));
        assertThat(result.invalidRows().count()).isZero();
        assertThat(result.changesOfUnseenRows().examples())
                .containsExactly(
                        "id=1 (op d) postgres.public.items-0@3 before in"
                                + " dt=2026-11-24/part-a-0.parquet");
    }

    @Test
    void aDeleteNeedsOnlyTheKeyOfItsBeforeImage() {
        ChangelogFindings.Result result =
                replay(
                        List.of(
                                row(
                                        "c",
                                        "after",
                                        100,
                                        0,
                                        "id",
                                        1L,
                                        "name",
                                        "a",
                                        "price",
                                        new BigDecimal("3.10")),
                                row("d", "before", 200, 1, "id", 1L),
                                row("d", "before", 300, 2, "id", 9L)));
        assertThat(result.changesOfUnseenRows().count()).isEqualTo(1);
        assertThat(result.changesOfUnseenRows().examples())
                .containsExactly(
                        "id=9 (op d) postgres.public.items-0@2 before in"
                                + " dt=2026-11-24/part-a-0.parquet");
    }

    @Test
    void updatesOfRowsNeverSeenAreFound() {
        ChangelogFindings.Result result =
                replay(
                        List.of(
                                row("c", "after", 100, 0, "id", 1L, "name", "a"),
                                // an update with its before image, of a row the lake never had
                                row("u", "before", 200, 1, "id", 7L, "name", "g"),
                                row("u", "after", 200, 1, "id", 7L, "name", "g2"),
                                // an update without before image (REPLICA IDENTITY DEFAULT) of a
                                // row never seen
                                row("u", "after", 300, 2, "id", 8L, "name", "h2"),
                                // and one of a row that is there
                                row("u", "after", 400, 3, "id", 1L, "name", "a2")));
        assertThat(result.changesOfUnseenRows().count()).isEqualTo(2);
        assertThat(result.changesOfUnseenRows().examples())
                .containsExactly(
                        "id=7 (op u) postgres.public.items-0@1 before in"
                                + " dt=2026-11-24/part-a-0.parquet",
                        "id=8 (op u) postgres.public.items-0@2 after in"
                                + " dt=2026-11-24/part-a-0.parquet");
    }

    /**
     * A table captured later: its changes stream while an incremental snapshot reads its rows, so
     * rows deleted or updated before their chunk was read have no earlier event in the lake.
     */
    @Test
    void changesOfRowsAnIncrementalSnapshotHadNotReadYetAreNotFindings() {
        ChangelogFindings.Result result =
                replay(
                        List.of(
                                row("d", "before", 200, 0, "id", 5L, "name", "e"),
                                row("u", "before", 210, 1, "id", 6L, "name", "f"),
                                row("u", "after", 210, 1, "id", 6L, "name", "f2"),
                                read(2, 1L, "a"),
                                read(3, 6L, "f2"),
                                row("d", "before", 310, 4, "id", 7L, "name", "g"),
                                read(5, 8L, "h"),
                                // after the last read: the lake should have had row 9
                                row("d", "before", 500, 6, "id", 9L, "name", "i")));
        assertThat(result.changesBeforeSnapshotRead()).isEqualTo(3);
        assertThat(result.changesOfUnseenRows().count()).isEqualTo(1);
        assertThat(result.changesOfUnseenRows().examples())
                .singleElement()
                .asString()
                .startsWith("id=9 (op d)");
    }

    @Test
    void anIncrementalSnapshotReadIsAppliedAtItsKafkaPlace() {
        ChangelogFindings.Result result =
                replay(
                        List.of(
                                row("c", "after", 200, 0, "id", 1L, "name", "a"),
                                row("u", "before", 210, 1, "id", 1L, "name", "a"),
                                row("u", "after", 210, 1, "id", 1L, "name", "a2"),
                                read(2, 1L, "a2"),
                                read(3, 2L, "b"),
                                // Written before the chunk's window closed, committed after it.
                                row("u", "before", 205, 4, "id", 2L, "name", "b"),
                                row("u", "after", 205, 4, "id", 2L, "name", "b2")));
        assertThat(result.changesOfUnseenRows().count()).isZero();
        assertThat(result.changesBeforeSnapshotRead()).isZero();
    }

    @Test
    void readingATableAgainIsNoDuplicate() {
        ChangelogFindings.Result result =
                replay(List.of(read(0, 1L, "a"), read(1, 2L, "b"), read(2, 1L, "a")));
        assertThat(result.duplicateRows()).isZero();
    }

    /** A row read by an incremental snapshot: Debezium gives it no LSN. */
    private static LakeRecord read(long offset, long id, String name) {
        LakeRecord row = row("r", "after", 0, offset, "id", id, "name", name);
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        values.put(MetadataColumns.LSN, null);
        return new LakeRecord(row.file(), values);
    }

    @Test
    void rowsOfAnUnknownOpOrImageAreInvalidAndNotApplied() {
        ChangelogFindings.Result result =
                replay(
                        List.of(
                                row("c", "after", 100, 0, "id", 1L, "name", "a"),
                                row("x", "after", 200, 1, "id", 2L, "name", "b"),
                                row("c", "middle", 300, 2, "id", 3L, "name", "c"),
                                row("d", "after", 400, 3, "id", 1L, "name", "a"),
                                row("t", "after", 500, 4, "id", null, "name", null)));
        assertThat(result.invalidRows().count()).isEqualTo(4);
        assertThat(result.invalidRows().examples())
                .first()
                .asString()
                .isEqualTo(
                        "postgres.public.items-0@1 after in dt=2026-11-24/part-a-0.parquet: unknown"
                                + " _op 'x' or _image 'after' for it");
    }

    @Test
    void theSameEventTwiceIsAppliedOnceAndReported() {
        LakeRecord insert = row("c", "after", 100, 0, "id", 1L, "name", "a");
        LakeRecord update = row("u", "after", 200, 1, "id", 1L, "name", "a2");
        // Debezium re-sent the insert after a restart: same LSN, a new offset, in another file.
        LakeRecord resent =
                row(
                        "dt=2026-11-24/part-b-0.parquet",
                        "c",
                        "after",
                        100,
                        0,
                        7,
                        null,
                        "id",
                        1L,
                        "name",
                        "a");
        // The job wrote the update twice: same Kafka record.
        LakeRecord rewritten =
                row(
                        "dt=2026-11-24/part-c-0.parquet",
                        "u",
                        "after",
                        200,
                        0,
                        1,
                        null,
                        "id",
                        1L,
                        "name",
                        "a2");
        ChangelogFindings.Result result = replay(List.of(update, resent, insert, rewritten));
        assertThat(result.duplicateRows()).isEqualTo(2);
        assertThat(result.duplicates()).hasSize(2);
        ChangelogFindings.Duplicate first = result.duplicates().get(0);
        assertThat(first.first().lsn()).isEqualTo(100);
        assertThat(first.copies()).isEqualTo(2);
        assertThat(first.sources())
                .containsExactly(
                        "postgres.public.items-0@0 in dt=2026-11-24/part-a-0.parquet",
                        "postgres.public.items-0@7 in dt=2026-11-24/part-b-0.parquet");
        assertThat(result.duplicates().get(1).first().lsn()).isEqualTo(200);
    }

    @Test
    void aRepeatedKafkaPositionIsADuplicateEvenWithOtherContent() {
        LakeRecord insert = row("c", "after", 100, 0, "id", 1L, "name", "a");
        // the same topic, partition, offset and image, but another key and LSN: not one event
        // twice, yet one record twice
        LakeRecord clash =
                row(
                        "dt=2026-11-24/part-b-0.parquet",
                        "c",
                        "after",
                        150,
                        0,
                        0,
                        null,
                        "id",
                        2L,
                        "name",
                        "b");
        ChangelogFindings.Result result = replay(List.of(insert, clash));
        assertThat(result.duplicateRows()).isEqualTo(1);
        assertThat(result.duplicates())
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.sources())
                                        .containsExactly(
                                                "postgres.public.items-0@0 in"
                                                        + " dt=2026-11-24/part-a-0.parquet",
                                                "postgres.public.items-0@0 in"
                                                        + " dt=2026-11-24/part-b-0.parquet"));
    }

    @Test
    void differentKeysOrImagesAtOneLsnAreNotDuplicates() {
        ChangelogFindings.Result result =
                replay(
                        List.of(
                                // a snapshot: one LSN for all rows
                                row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                row("r", "after", 100, 1, "id", 2L, "name", "b"),
                                // a key change: delete of the old key and insert of the new one at
                                // one LSN
                                row("d", "before", 200, 2, "id", 2L),
                                row("c", "after", 200, 4, "id", 3L, "name", "b"),
                                // an update's two images
                                row("u", "before", 300, 5, "id", 1L, "name", "a"),
                                row("u", "after", 300, 5, "id", 1L, "name", "a2")));
        assertThat(result.duplicateRows()).isZero();
    }

    @Test
    void withoutAKeyTheWholeRowIdentifiesRowsAndIdenticalRowsCount() {
        DatabaseTable log =
                DatabaseTable.of(
                        Records.TABLE,
                        List.of(column("a", Kind.INTEGER), column("b", Kind.TEXT)),
                        List.of());
        ChangelogFindings.Result result =
                new ChangelogFindings(log, 5)
                        .check(
                                List.of(
                                        // COPY of two identical rows: one WAL record, one LSN
                                        row("c", "after", 100, 0, "a", 1, "b", "x"),
                                        row("c", "after", 100, 1, "a", 1, "b", "x"),
                                        row("c", "after", 100, 2, "a", 2, "b", "y"),
                                        // UPDATE ... SET b = 'z' WHERE a = 2 with REPLICA IDENTITY
                                        // FULL
                                        row("u", "before", 200, 3, "a", 2, "b", "y"),
                                        row("u", "after", 200, 3, "a", 2, "b", "z"),
                                        // DELETE one of the identical rows (ctid)
                                        row("d", "before", 300, 4, "a", 1, "b", "x"),
                                        // the job wrote the last event twice
                                        row("d", "before", 300, 4, "a", 1, "b", "x")));
        assertThat(result.duplicateRows()).isEqualTo(1);
        assertThat(result.changesOfUnseenRows().count()).isZero();
    }

    @Test
    void changesAfterACompactedStateFindTheStatesRows() {
        // The state holds id 1 and id 2; the changes after it delete id 1 twice and update id 2
        // and id 9 without their before images.
        LakeRecord deleteOne = row("d", "before", 500, 10, "id", 1L, "name", null, "price", null);
        LakeRecord deleteOneAgain =
                row("d", "before", 600, 11, "id", 1L, "name", null, "price", null);
        LakeRecord updateTwo = row("u", "after", 700, 12, "id", 2L, "name", "b", "price", null);
        LakeRecord updateNine = row("u", "after", 800, 13, "id", 9L, "name", "z", "price", null);
        Map<EventRowId, Integer> stateRows =
                Map.of(
                        EventRowId.of(deleteOne), 1,
                        EventRowId.of(deleteOneAgain), 1,
                        EventRowId.of(updateTwo), 1);

        ChangelogFindings.Result result =
                new ChangelogFindings(Records.items(), 5)
                        .check(
                                List.of(deleteOne, deleteOneAgain, updateTwo, updateNine),
                                stateRows);

        assertThat(result.changesOfUnseenRows().count()).isEqualTo(2);
        assertThat(result.changesOfUnseenRows().examples())
                .anySatisfy(e -> assertThat(e).startsWith("id=1 (op d)"))
                .anySatisfy(e -> assertThat(e).startsWith("id=9 (op u)"));
        // Without the state's rows, every change is of a row never seen.
        assertThat(
                        new ChangelogFindings(Records.items(), 5)
                                .check(List.of(deleteOne, deleteOneAgain, updateTwo, updateNine))
                                .changesOfUnseenRows()
                                .count())
                .isEqualTo(4);
    }

    @Test
    void identicalRowsOfACompactedStateAreTakenOneByOneAndNotAfterATruncate() {
        DatabaseTable tags =
                DatabaseTable.of(
                        Records.TABLE,
                        List.of(column("tag", Kind.TEXT), column("weight", Kind.INTEGER)),
                        List.of());
        // The state holds two identical rows; three deletes of that row follow, then a truncate
        // and one more.
        List<LakeRecord> changes = new ArrayList<>();
        Map<EventRowId, Integer> stateRows = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            LakeRecord delete = row("d", "before", 500 + i, 20 + i, "tag", "same", "weight", 1L);
            changes.add(delete);
            stateRows.put(EventRowId.of(delete), 2);
        }
        changes.add(row("t", null, 600, 30));
        LakeRecord afterTruncate = row("d", "before", 700, 31, "tag", "same", "weight", 1L);
        changes.add(afterTruncate);
        stateRows.put(EventRowId.of(afterTruncate), 2);

        ChangelogFindings.Result result = new ChangelogFindings(tags, 5).check(changes, stateRows);

        assertThat(result.changesOfUnseenRows().count()).isEqualTo(2);
        assertThat(result.invalidRows().count()).isZero();
    }
}
