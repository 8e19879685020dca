package io.cdclake.reader.replay;

import static io.cdclake.reader.ChangeValues.positioned;
import static io.cdclake.reader.replay.HandWrittenLake.row;
import static io.cdclake.reader.replay.HandWrittenLake.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableMetadata;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay's SQL run in DuckDB over Parquet part files: the table's state it gives. */
class CurrentStateTest {

    private static final List<String> ID = List.of("id");

    @TempDir Path dir;

    private static Map<String, LakeType> items() {
        Map<String, LakeType> types = new LinkedHashMap<>();
        types.put("id", LakeType.of(Kind.BIGINT));
        types.put("name", LakeType.of(Kind.STRING));
        types.put("price", LakeType.decimal(10, 2));
        return types;
    }

    private HandWrittenLake lake() {
        return new HandWrittenLake(dir, items());
    }

    private static List<List<Object>> names(List<Map<String, Object>> rows) {
        return values(rows, "id", "name");
    }

    private static List<Object> pair(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void appliesChangesInLsnOrderWhateverTheFileOrder() throws Exception {
        List<Map<String, Object>> rows =
                new ArrayList<>(
                        List.of(
                                row("r", "after", 100, 0, "id", 1L, "name", "a", "price", dec("1")),
                                row("r", "after", 100, 1, "id", 2L, "name", "b", "price", dec("2")),
                                row("u", "after", 200, 2, "id", 1L, "name", "a2", "price", null),
                                row("u", "after", 300, 3, "id", 1L, "name", "a3", "price", null),
                                row("d", "before", 400, 4, "id", 2L, "name", null, "price", null),
                                row("c", "after", 500, 5, "id", 2L, "name", "b again"),
                                row("c", "after", 600, 6, "id", 3L, "name", "c")));
        Collections.shuffle(rows, new Random(7));
        // spread over three files, in no order
        HandWrittenLake lake =
                lake().file("part-c-0.parquet", rows.subList(0, 2))
                        .file("part-a-0.parquet", rows.subList(2, 5))
                        .file("part-b-0.parquet", rows.subList(5, 7));

        assertThat(names(lake.state(ID)))
                .containsExactlyInAnyOrder(pair(1L, "a3"), pair(2L, "b again"), pair(3L, "c"));
    }

    @Test
    void updateWithBeforeImageMovesTheRowAndTruncateClears() throws Exception {
        HandWrittenLake updated =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("r", "after", 100, 1, "id", 2L, "name", "b"),
                                        row("u", "before", 200, 2, "id", 1L, "name", "a"),
                                        row("u", "after", 200, 2, "id", 1L, "name", "a2")));
        assertThat(names(updated.state(ID)))
                .containsExactlyInAnyOrder(pair(1L, "a2"), pair(2L, "b"));

        HandWrittenLake truncated =
                new HandWrittenLake(dir.resolve("t"), items())
                        .file(
                                "part-a-0.parquet",
                                List.of(
                                        row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("t", null, 200, 1),
                                        row("c", "after", 300, 2, "id", 5L, "name", "e")));
        assertThat(names(truncated.state(ID))).containsExactly(pair(5L, "e"));
    }

    @Test
    void aDeleteNeedsOnlyTheKeyOfItsBeforeImage() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("c", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("d", "before", 200, 1, "id", 1L),
                                        row("d", "before", 300, 2, "id", 9L)));
        assertThat(lake.state(ID)).isEmpty();
    }

    @Test
    void updatesOfRowsNeverSeenStillUpsert() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("c", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("u", "before", 200, 1, "id", 7L, "name", "g"),
                                        row("u", "after", 200, 1, "id", 7L, "name", "g2"),
                                        row("u", "after", 300, 2, "id", 8L, "name", "h2"),
                                        row("u", "after", 400, 3, "id", 1L, "name", "a2")));
        assertThat(names(lake.state(ID)))
                .containsExactlyInAnyOrder(pair(1L, "a2"), pair(7L, "g2"), pair(8L, "h2"));
    }

    @Test
    void rowsOfAnUnknownOpOrImageAreNotApplied() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("c", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("x", "after", 200, 1, "id", 2L, "name", "b"),
                                        row("c", "middle", 300, 2, "id", 3L, "name", "c"),
                                        row("d", "after", 400, 3, "id", 1L, "name", "a"),
                                        row("t", "after", 500, 4)));
        assertThat(names(lake.state(ID))).containsExactly(pair(1L, "a"));
    }

    @Test
    void unavailableColumnsKeepTheirPreviousValueAndARealNullStaysNull() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        positioned(
                                                "c",
                                                "after",
                                                100,
                                                0,
                                                0,
                                                null,
                                                "id",
                                                1L,
                                                "name",
                                                "long toasted text",
                                                "price",
                                                dec("1")),
                                        positioned(
                                                "u", "after", 200, 0, 1, "name", "id", 1L, "name",
                                                null, "price", dec("2")),
                                        positioned(
                                                "c", "after", 300, 0, 2, null, "id", 2L, "name",
                                                "x", "price", dec("3")),
                                        // a real NULL, then an update that could not read the
                                        // column: it stays NULL, not the older 'x'
                                        positioned(
                                                "u", "after", 400, 0, 3, null, "id", 2L, "name",
                                                null, "price", dec("3")),
                                        positioned(
                                                "u", "after", 500, 0, 4, "name", "id", 2L, "name",
                                                null, "price", dec("4"))));
        assertThat(values(lake.state(ID), "id", "name", "price"))
                .containsExactlyInAnyOrder(
                        pair(1L, "long toasted text", dec("2.00")), pair(2L, null, dec("4.00")));
    }

    @Test
    void aBeforeImageCarriesTheValueAnUpdateCouldNotRead() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        positioned(
                                                "u", "before", 200, 0, 1, null, "id", 1L, "name",
                                                "b"),
                                        positioned(
                                                "u", "after", 200, 0, 1, "name", "id", 1L, "name",
                                                null, "price", dec("2"))));
        assertThat(names(lake.state(ID))).containsExactly(pair(1L, "b"));
    }

    @Test
    void theSameEventTwiceAppliesOnce() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("c", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("u", "after", 200, 1, "id", 1L, "name", "a2")))
                        // Debezium re-sent the insert after a restart: same LSN, a new offset
                        .file(
                                "part-b-0.parquet",
                                List.of(row("c", "after", 100, 7, "id", 1L, "name", "a")))
                        // the job wrote the update twice: same Kafka record
                        .file(
                                "part-c-0.parquet",
                                List.of(row("u", "after", 200, 1, "id", 1L, "name", "a2")));
        assertThat(names(lake.state(ID))).containsExactly(pair(1L, "a2"));
    }

    @Test
    void aRepeatedKafkaPositionAppliesOnceEvenWithOtherContent() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(row("c", "after", 100, 0, "id", 1L, "name", "a")))
                        .file(
                                "part-b-0.parquet",
                                List.of(row("c", "after", 150, 0, "id", 2L, "name", "b")));
        assertThat(names(lake.state(ID))).containsExactly(pair(1L, "a"));
    }

    @Test
    void differentKeysOrImagesAtOneLsnAreNotCopies() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("r", "after", 100, 1, "id", 2L, "name", "b"),
                                        row("d", "before", 200, 2, "id", 2L),
                                        row("c", "after", 200, 4, "id", 3L, "name", "b"),
                                        row("u", "before", 300, 5, "id", 1L, "name", "a"),
                                        row("u", "after", 300, 5, "id", 1L, "name", "a2")));
        assertThat(names(lake.state(ID))).containsExactlyInAnyOrder(pair(1L, "a2"), pair(3L, "b"));
    }

    @Test
    void withoutAKeyTheWholeRowIdentifiesRowsAndIdenticalRowsCount() throws Exception {
        Map<String, LakeType> types = new LinkedHashMap<>();
        types.put("a", LakeType.of(Kind.INT));
        types.put("b", LakeType.of(Kind.STRING));
        HandWrittenLake lake =
                new HandWrittenLake(dir, types)
                        .file(
                                "part-a-0.parquet",
                                List.of(
                                        // COPY of two identical rows: one WAL record, one LSN
                                        row("c", "after", 100, 0, "a", 1, "b", "x"),
                                        row("c", "after", 100, 1, "a", 1, "b", "x"),
                                        row("c", "after", 100, 2, "a", 1, "b", "x"),
                                        row("c", "after", 100, 3, "a", 2, "b", "y"),
                                        row("u", "before", 200, 4, "a", 2, "b", "y"),
                                        row("u", "after", 200, 4, "a", 2, "b", "z"),
                                        // DELETE one of the identical rows (ctid)
                                        row("d", "before", 300, 5, "a", 1, "b", "x"),
                                        // the job wrote the last event twice
                                        row("d", "before", 300, 5, "a", 1, "b", "x")));
        assertThat(values(lake.state(List.of()), "a", "b"))
                .containsExactlyInAnyOrder(pair(1, "x"), pair(1, "x"), pair(2, "z"));
    }

    @Test
    void asOfAnLsnOrACommitTimeStopsThere() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("r", "after", 100, 1, "id", 2L, "name", "b"),
                                        row("u", "before", 200, 2, "id", 1L, "name", "a"),
                                        row("u", "after", 200, 2, "id", 1L, "name", "Cris"),
                                        row("d", "before", 300, 3, "id", 2L, "name", "b")));
        assertThat(names(lake.state(ID, AsOf.lsn(199))))
                .containsExactlyInAnyOrder(pair(1L, "a"), pair(2L, "b"));
        assertThat(names(lake.state(ID, AsOf.lsn(200))))
                .containsExactlyInAnyOrder(pair(1L, "Cris"), pair(2L, "b"));
        // HandWrittenLake.row commits LSN n at 1_795_000_000_000 + n ms
        Instant beforeTheDelete = Instant.ofEpochMilli(1_795_000_000_299L);
        assertThat(names(lake.state(ID, AsOf.timestamp(beforeTheDelete))))
                .containsExactlyInAnyOrder(pair(1L, "Cris"), pair(2L, "b"));
        assertThat(names(lake.state(ID, AsOf.none()))).containsExactly(pair(1L, "Cris"));
    }

    /**
     * A table captured later: its changes stream while an incremental snapshot reads its rows, so
     * rows deleted or updated before their chunk was read have no earlier event in the lake.
     */
    @Test
    void changesOfRowsAnIncrementalSnapshotHadNotReadYetLeaveTheReadRows() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("d", "before", 200, 0, "id", 5L, "name", "e"),
                                        row("u", "before", 210, 1, "id", 6L, "name", "f"),
                                        row("u", "after", 210, 1, "id", 6L, "name", "f2"),
                                        read(2, 1L, "a"),
                                        read(3, 6L, "f2"),
                                        row("d", "before", 310, 4, "id", 7L, "name", "g"),
                                        read(5, 8L, "h"),
                                        row("d", "before", 500, 6, "id", 9L, "name", "i")));
        assertThat(names(lake.state(ID)))
                .containsExactlyInAnyOrder(pair(1L, "a"), pair(6L, "f2"), pair(8L, "h"));
    }

    @Test
    void anIncrementalSnapshotReadIsAppliedAtItsKafkaPlace() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("c", "after", 200, 0, "id", 1L, "name", "a"),
                                        row("u", "before", 210, 1, "id", 1L, "name", "a"),
                                        row("u", "after", 210, 1, "id", 1L, "name", "a2"),
                                        read(2, 1L, "a2"),
                                        read(3, 2L, "b"),
                                        // Written before the chunk's window closed, committed
                                        // after it.
                                        row("u", "before", 205, 4, "id", 2L, "name", "b"),
                                        row("u", "after", 205, 4, "id", 2L, "name", "b2"),
                                        // Deleted after its read: the read does not bring it back.
                                        row("c", "after", 220, 5, "id", 3L, "name", "c"),
                                        read(6, 3L, "c"),
                                        row("d", "before", 230, 7, "id", 3L)));
        assertThat(names(lake.state(ID))).containsExactlyInAnyOrder(pair(1L, "a2"), pair(2L, "b2"));
    }

    @Test
    void aReadWhoseLsnIsBelowTheChangesBeforeItComesAfterThem() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("u", "after", 260, 0, "id", 1L, "name", "a2"),
                                        // A chunk's read with the LSN of its window's close.
                                        row("r", "after", 250, 1, "id", 2L, "name", "b"),
                                        // Written before the window closed, committed after.
                                        row("u", "after", 240, 2, "id", 2L, "name", "b2"),
                                        row("c", "after", 270, 3, "id", 3L, "name", "c")));
        assertThat(names(lake.state(ID)))
                .containsExactlyInAnyOrder(pair(1L, "a2"), pair(2L, "b2"), pair(3L, "c"));
    }

    @Test
    void aReadSortsAtTheHighestLsnBeforeItInItsOwnPartition() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        positioned("c", "after", 300, 0, 0, null, "id", 1L),
                                        positioned("c", "after", 100, 1, 0, null, "id", 3L),
                                        // At 100, its partition's highest, not partition 0's 300.
                                        withoutLsn(
                                                positioned(
                                                        "r", "after", 0, 1, 5, null, "id", 2L,
                                                        "name", "read")),
                                        // (Debezium keeps a row in one partition; this one is not,
                                        // to tell the partitions' LSNs apart.)
                                        positioned(
                                                "u",
                                                "after",
                                                250,
                                                2,
                                                0,
                                                null,
                                                "id",
                                                2L,
                                                "name",
                                                "streamed")));
        assertThat(names(lake.state(ID)))
                .containsExactlyInAnyOrder(pair(1L, null), pair(2L, "streamed"), pair(3L, null));
    }

    @Test
    void aTableReadAgainAfterATruncateHasTheRowsRead() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        row("c", "after", 100, 0, "id", 1L, "name", "old"),
                                        row("t", null, 200, 1),
                                        read(2, 1L, "a"),
                                        read(3, 2L, "b")));
        assertThat(names(lake.state(ID))).containsExactlyInAnyOrder(pair(1L, "a"), pair(2L, "b"));
    }

    @Test
    void readingATableAgainIsNoCopy() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        read(0, 1L, "a"),
                                        read(1, 2L, "b"),
                                        row("d", "before", 100, 2, "id", 1L),
                                        // capture snapshot reads the table again
                                        read(3, 2L, "b"),
                                        read(4, 1L, "a")));
        assertThat(names(lake.state(ID))).containsExactlyInAnyOrder(pair(1L, "a"), pair(2L, "b"));
    }

    @Test
    void asOfAnLsnTakesReadsAtTheirReplayLsn() throws Exception {
        HandWrittenLake lake =
                lake().file(
                                "part-a-0.parquet",
                                List.of(
                                        read(0, 1L, "a"),
                                        row("c", "after", 200, 1, "id", 2L, "name", "b"),
                                        row("u", "after", 300, 2, "id", 2L, "name", "b2"),
                                        read(3, 3L, "c")));
        assertThat(names(lake.state(ID, AsOf.lsn(100)))).containsExactly(pair(1L, "a"));
        assertThat(names(lake.state(ID, AsOf.lsn(200))))
                .containsExactlyInAnyOrder(pair(1L, "a"), pair(2L, "b"));
        assertThat(names(lake.state(ID, AsOf.lsn(300))))
                .containsExactlyInAnyOrder(pair(1L, "a"), pair(2L, "b2"), pair(3L, "c"));
    }

    /** A row read by an incremental snapshot: Debezium gives it no LSN. */
    private static Map<String, Object> read(long offset, long id, String name) {
        return withoutLsn(row("r", "after", 0, offset, "id", id, "name", name));
    }

    private static Map<String, Object> withoutLsn(Map<String, Object> row) {
        Map<String, Object> values = new LinkedHashMap<>(row);
        values.put(MetadataColumns.LSN, null);
        return values;
    }

    @Test
    void rowsOfFilesWithoutAnAddedColumnTakeItsDefaultWhenItWasAdded() throws Exception {
        Map<String, LakeType> types = new LinkedHashMap<>(items());
        types.put("status", LakeType.of(Kind.STRING));
        types.put("rank", LakeType.of(Kind.INT));
        HandWrittenLake lake =
                new HandWrittenLake(dir, types)
                        .file(
                                "part-a-0.parquet",
                                List.of("id", "name"),
                                null,
                                List.of(
                                        row("r", "after", 100, 0, "id", 1L, "name", "a"),
                                        row("r", "after", 100, 1, "id", 2L, "name", "b")))
                        // ALTER TABLE ADD COLUMN status text DEFAULT 'new', rank int (no default)
                        .file(
                                "part-b-0.parquet",
                                List.of("id", "name", "status", "rank"),
                                metadata(Map.of("status", "new")),
                                List.of(
                                        row(
                                                "c", "after", 200, 2, "id", 3L, "name", "c",
                                                "status", "done", "rank", 4)))
                        // ALTER COLUMN status SET DEFAULT 'later': existing rows keep 'new'
                        .file(
                                "part-c-0.parquet",
                                List.of("id", "name", "status", "rank"),
                                metadata(Map.of("status", "later", "rank", "9")),
                                List.of(
                                        row(
                                                "u", "after", 300, 3, "id", 2L, "name", "b2",
                                                "status", null, "rank", null)));
        assertThat(values(lake.state(ID), "id", "name", "status", "rank"))
                .containsExactlyInAnyOrder(
                        pair(1L, "a", "new", null),
                        pair(2L, "b2", null, null),
                        pair(3L, "c", "done", 4));
    }

    @Test
    void namesWithQuotesSpacesAndDotsInColumnsAndPathsAreRead() throws Exception {
        Map<String, LakeType> types = new LinkedHashMap<>();
        types.put("the \"id\".x", LakeType.of(Kind.BIGINT));
        types.put("it's `name`", LakeType.of(Kind.STRING));
        HandWrittenLake lake =
                new HandWrittenLake(dir.resolve("public.it's \"odd\""), types)
                        .file(
                                "part-a-0.parquet",
                                List.of(
                                        row(
                                                "c",
                                                "after",
                                                100,
                                                0,
                                                "the \"id\".x",
                                                1L,
                                                "it's `name`",
                                                "a"),
                                        row(
                                                "c",
                                                "after",
                                                200,
                                                1,
                                                "the \"id\".x",
                                                2L,
                                                "it's `name`",
                                                "b"),
                                        row("d", "before", 300, 2, "the \"id\".x", 1L)));
        assertThat(values(lake.state(List.of("the \"id\".x")), "the \"id\".x", "it's `name`"))
                .containsExactly(pair(2L, "b"));
    }

    @Test
    void theChangesHaveEveryColumnOfEveryFileAndTheDefaultsOfAddedOnes() throws Exception {
        Map<String, LakeType> types = new LinkedHashMap<>(items());
        types.put("status", LakeType.of(Kind.STRING));
        HandWrittenLake lake =
                new HandWrittenLake(dir, types)
                        .file(
                                "part-b-0.parquet",
                                List.of("id", "name", "status"),
                                metadata(Map.of("status", "new")),
                                List.of(row("c", "after", 200, 1, "id", 2L, "status", "done")))
                        .file(
                                "part-a-0.parquet",
                                List.of("id", "name"),
                                null,
                                List.of(row("r", "after", 100, 0, "id", 1L, "name", "a")));
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try (Connection duckDb = DuckDbReplay.open();
                Statement statement = duckDb.createStatement();
                ResultSet result =
                        statement.executeQuery(
                                "SELECT * FROM ("
                                        + ReplaySql.changes(SqlDialect.DUCKDB, lake.files())
                                        + ") ORDER BY \"_lsn\"")) {
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                columns.add(result.getMetaData().getColumnName(i));
            }
            while (result.next()) {
                rows.add(pair(result.getObject("id"), result.getObject("status")));
            }
        }
        // the oldest file's columns first, whatever the order the files were given in
        assertThat(columns).startsWith("id", "name", "_op").endsWith("status").hasSize(15);
        assertThat(columns).isEqualTo(ReplaySql.changeColumns(lake.files()));
        assertThat(rows).containsExactly(pair(1L, "new"), pair(2L, "done"));
    }

    private static TableMetadata metadata(Map<String, String> defaults) {
        return new TableMetadata("v1", List.of("id"), defaults);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
