package io.cdclake.reader.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakePaths;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableId;
import io.cdclake.format.TableMetadata;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.S3Access;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.query.LakeTable;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.replay.LakeParquet;
import io.cdclake.reader.replay.PartFile;
import io.cdclake.reader.replay.StateBase;
import io.cdclake.reader.verify.CompactionChecks;
import io.cdclake.stack.PostgresService;
import io.cdclake.stack.S3Service;
import io.cdclake.stack.testing.StackExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Current-state tables in Iceberg's JDBC catalog on a real PostgreSQL, their files in a real S3
 * server: a compaction covers the part files written so far in one snapshot, the next reads only
 * the new ones, and Iceberg's own generic reader (an engine not ours) finds the rows the replay of
 * every change gives.
 */
class StateCompactorITCase {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("state", b -> b.postgres().s3());

    private static final TableId ITEMS = new TableId("postgres", "public", "items");
    private static final TableId TAGS = new TableId("postgres", "public", "tags");
    private static final TableId ROUNDS = new TableId("postgres", "public", "rounds");

    private static PostgresService postgres;
    private static S3Service s3;
    private static S3Access access;

    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        postgres = STACK.postgres();
        s3 = STACK.s3();
        access =
                new S3Access(
                        s3.endpoint(), s3.accessKey(), s3.secretKey(), S3Access.DEFAULT_REGION);
    }

    private static Map<String, Object> change(
            String op, String image, long lsn, long offset, long id, String name, String price) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("price", price == null ? null : new BigDecimal(price));
        row.put(MetadataColumns.OP, op);
        row.put(MetadataColumns.IMAGE, image);
        row.put(MetadataColumns.SOURCE_TS_MS, 1_795_000_000_000L + lsn);
        row.put(MetadataColumns.TS_MS, 1_795_000_000_100L + lsn);
        row.put(MetadataColumns.LSN, lsn);
        row.put(MetadataColumns.TX_ID, 700L + lsn);
        row.put(MetadataColumns.TOPIC, "postgres.public.items");
        row.put(MetadataColumns.PARTITION, 0);
        row.put(MetadataColumns.OFFSET, offset);
        row.put(MetadataColumns.SOURCE_NAME, "postgres");
        return row;
    }

    private static final List<LakeColumn> COLUMNS =
            List.of(
                    new LakeColumn("id", LakeType.of(Kind.BIGINT)),
                    new LakeColumn("name", LakeType.of(Kind.STRING)),
                    new LakeColumn("price", LakeType.decimal(10, 2)));

    /** A part file of {@code table} written to S3 under {@code root}. */
    private void part(
            String root,
            TableId table,
            String name,
            List<String> key,
            List<Map<String, Object>> rows)
            throws Exception {
        Path local = dir.resolve(table.table() + "-" + name);
        LakeParquet.write(local, COLUMNS, rows, new TableMetadata("v1", key, Map.of()));
        String folder = LakePaths.tableRoot(root, LakePaths.Format.PARQUET, table);
        String key1 =
                folder.substring(("s3://" + s3.bucket() + "/").length()) + "/dt=2026-12-07/" + name;
        try (S3Client client = access.client()) {
            client.putObject(
                    PutObjectRequest.builder().bucket(s3.bucket()).key(key1).build(),
                    RequestBody.fromFile(local));
        }
    }

    private StateCatalog catalog(String root) {
        return StateCatalog.open(
                postgres.jdbcUrl(), postgres.user(), postgres.password(), root, access, true);
    }

    private static LakeTable table(LakeStore store, String root, TableId id) throws Exception {
        return LakeCatalog.find(LakeCatalog.tables(store, root), id).orElseThrow();
    }

    /** The full replay of every part file: what the state must equal. */
    private static List<List<Object>> replayed(LakeStore store, LakeTable table, List<String> key)
            throws Exception {
        return replay(store, table.files(), key, AsOf.none(), StateBase.NONE);
    }

    /** The state and the part files it does not cover, replayed. */
    private List<List<Object>> fromState(
            StateCatalog catalog, LakeStore store, String root, LakeTable table) throws Exception {
        CurrentState state =
                CurrentState.load(catalog, table.id(), dir.resolve("cache")).orElseThrow();
        return replay(
                store,
                state.notCovered(root, table.files()),
                state.keyColumns(),
                AsOf.none(),
                state.base());
    }

    /** {@code files} replayed as of {@code point}, continuing {@code base}. */
    private static List<List<Object>> replay(
            LakeStore store, List<StoredFile> files, List<String> key, AsOf point, StateBase base)
            throws Exception {
        List<PartFile> parts = new ArrayList<>();
        for (StoredFile file : files) {
            Path local = store.local(file);
            parts.add(PartFile.read(local, local.toString()));
        }
        try (Connection duckDb = DuckDbReplay.open()) {
            return rows(DuckDbReplay.currentState(duckDb, parts, key, point, base));
        }
    }

    /** The rows Iceberg's generic reader reads from the table's current snapshot. */
    private static List<List<Object>> icebergRows(StateCatalog catalog, TableId id)
            throws Exception {
        Table table = catalog.load(id).orElseThrow();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record record : records) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", record.getField("id"));
                row.put("name", record.getField("name"));
                row.put("price", record.getField("price"));
                rows.add(row);
            }
        }
        return rows(rows);
    }

    private static List<List<Object>> rows(List<Map<String, Object>> rows) {
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> value = new ArrayList<>();
            value.add(row.get("id"));
            value.add(row.get("name"));
            Object price = row.get("price");
            value.add(
                    price == null
                            ? null
                            : ((BigDecimal) price).stripTrailingZeros().toPlainString());
            values.add(value);
        }
        values.sort(Comparator.comparing(Object::toString));
        return values;
    }

    @Test
    void eachCompactionCoversTheNewPartFilesInOneSnapshotThatAnotherEngineReads() throws Exception {
        String root = "s3://" + s3.bucket() + "/compacted";
        part(
                root,
                ITEMS,
                "part-a-0.parquet",
                List.of("id"),
                List.of(
                        change("r", "after", 100, 0, 1, "one", "1.50"),
                        change("r", "after", 100, 1, 2, "two", "2.00"),
                        change("c", "after", 200, 2, 3, "three", null)));
        part(
                root,
                ITEMS,
                "part-a-1.parquet",
                List.of("id"),
                List.of(
                        change("u", "before", 300, 3, 1, "one", "1.50"),
                        change("u", "after", 300, 3, 1, "uno", "1.75"),
                        change("d", "before", 400, 4, 2, null, null)));
        try (LakeStore store = LakeStore.open(root, access, dir.resolve("store"));
                StateCatalog catalog = catalog(root)) {
            StateCompactor compactor = new StateCompactor(catalog, store, dir.resolve("work"));
            LakeTable items = table(store, root, ITEMS);
            StateCompactor.Result first = compactor.compact(root, items);
            assertThat(first.changed()).isTrue();
            assertThat(first.partsRead()).isEqualTo(2);
            assertThat(first.rows()).isEqualTo(2);
            assertThat(icebergRows(catalog, ITEMS))
                    .isEqualTo(replayed(store, items, List.of("id")))
                    .containsExactly(List.of(1L, "uno", "1.75"), Arrays.asList(3L, "three", null));

            // Nothing new: no snapshot.
            StateCompactor.Result again = compactor.compact(root, items);
            assertThat(again.changed()).isFalse();
            assertThat(catalog.load(ITEMS).orElseThrow().snapshots()).hasSize(1);

            // New changes: the state and only the new file replay to the full replay's rows.
            part(
                    root,
                    ITEMS,
                    "part-b-0.parquet",
                    List.of("id"),
                    List.of(
                            change("d", "before", 500, 5, 3, null, null),
                            change("c", "after", 600, 6, 4, "four", "4.00"),
                            change("u", "before", 700, 7, 1, "uno", "1.75"),
                            change("u", "after", 700, 7, 1, "eins", "1.80")));
            items = table(store, root, ITEMS);
            assertThat(fromState(catalog, store, root, items))
                    .isEqualTo(replayed(store, items, List.of("id")));
            StateCompactor.Result second = compactor.compact(root, items);
            assertThat(second.partsRead()).isEqualTo(1);
            assertThat(second.partsCovered()).isEqualTo(3);
            assertThat(second.fromScratch()).isFalse();
            assertThat(icebergRows(catalog, ITEMS))
                    .isEqualTo(replayed(store, items, List.of("id")))
                    .containsExactly(List.of(1L, "eins", "1.8"), List.of(4L, "four", "4"));
            assertThat(catalog.load(ITEMS).orElseThrow().snapshots()).hasSize(2);

            // As of a point between the two snapshots: the first one and the files after it.
            Map<AsOf, Integer> rowsThen =
                    Map.of(
                            AsOf.timestamp(java.time.Instant.ofEpochMilli(1_795_000_000_550L)), 1,
                            AsOf.lsn(650), 2);
            for (AsOf point : rowsThen.keySet()) {
                CurrentState older =
                        CurrentState.load(catalog, ITEMS, dir.resolve("cache"), point)
                                .orElseThrow();
                assertThat(older.snapshotId()).isEqualTo(first.snapshotId());
                assertThat(
                                replay(
                                        store,
                                        older.notCovered(root, items.files()),
                                        older.keyColumns(),
                                        point,
                                        older.base()))
                        .isEqualTo(
                                replay(store, items.files(), List.of("id"), point, StateBase.NONE))
                        .hasSize(rowsThen.get(point));
            }
            assertThat(
                            CurrentState.load(
                                    catalog,
                                    ITEMS,
                                    dir.resolve("cache"),
                                    AsOf.timestamp(
                                            java.time.Instant.ofEpochMilli(1_795_000_000_350L))))
                    .isEmpty();
        }
    }

    @Test
    void aLongHistoryIsCompactedInRoundsEachCheckedFromTheStateBeforeIt() throws Exception {
        String root = "s3://" + s3.bucket() + "/rounds";
        for (int i = 0; i < 4; i++) {
            part(
                    root,
                    ROUNDS,
                    "part-a-" + i + ".parquet",
                    List.of("id"),
                    List.of(
                            change("c", "after", 100 + 10 * i, 2 * i, i, "n" + i, "1.00"),
                            // Deletes a row an earlier round covered.
                            i == 0
                                    ? change("c", "after", 105, 1, 10, "ten", null)
                                    : change(
                                            "d",
                                            "before",
                                            105 + 10 * i,
                                            2 * i + 1,
                                            i - 1,
                                            null,
                                            null)));
        }
        try (LakeStore store = LakeStore.open(root, access, dir.resolve("store"));
                StateCatalog catalog = catalog(root)) {
            StateCompactor compactor =
                    new StateCompactor(catalog, store, dir.resolve("work"))
                            .roundRows(1)
                            .checker(new CompactionChecks(store, ',', false));
            LakeTable items = table(store, root, ROUNDS);
            StateCompactor.Result first = compactor.compact(root, items);
            assertThat(first.rounds()).isEqualTo(4);
            assertThat(first.partsRead()).isEqualTo(4);
            assertThat(first.partsCovered()).isEqualTo(4);
            assertThat(catalog.load(ROUNDS).orElseThrow().snapshots()).hasSize(4);
            assertThat(icebergRows(catalog, ROUNDS))
                    .isEqualTo(replayed(store, items, List.of("id")))
                    .hasSize(2);
            assertThat(checks(catalog)).isEqualTo(Coverage.Checks.NONE);

            // A delete of a row the state holds, one of a row the lake never had, and a change
            // written twice.
            part(
                    root,
                    ROUNDS,
                    "part-b-0.parquet",
                    List.of("id"),
                    List.of(
                            change("d", "before", 200, 8, 10, null, null),
                            change("d", "before", 210, 9, 99, null, null),
                            change("c", "after", 220, 10, 5, "five", null),
                            change("c", "after", 220, 10, 5, "five", null)));
            compactor.compact(root, table(store, root, ROUNDS));
            Coverage.Checks found = checks(catalog);
            assertThat(found.unseenRows()).isEqualTo(1);
            assertThat(found.duplicateRows()).isEqualTo(1);
            assertThat(found.examples())
                    .anySatisfy(e -> assertThat(e).startsWith(Coverage.Checks.UNSEEN + "id='99'"))
                    .anySatisfy(e -> assertThat(e).startsWith("written 2 times"));

            // A snapshot read follows: the change of an unseen row may be of a row it reads.
            part(
                    root,
                    ROUNDS,
                    "part-b-1.parquet",
                    List.of("id"),
                    List.of(change("r", "after", 230, 11, 99, "read", null)));
            compactor.compact(root, table(store, root, ROUNDS));
            Coverage.Checks after = checks(catalog);
            assertThat(after.unseenRows()).isZero();
            assertThat(after.duplicateRows()).isEqualTo(1);
            assertThat(after.examples()).noneMatch(e -> e.startsWith(Coverage.Checks.UNSEEN));
        }
    }

    private Coverage.Checks checks(StateCatalog catalog) throws Exception {
        return CurrentState.load(catalog, ROUNDS, dir.resolve("cache"))
                .orElseThrow()
                .coverage()
                .checks();
    }

    @Test
    void aKeylessTableKeepsEveryIdenticalRow() throws Exception {
        String root = "s3://" + s3.bucket() + "/keyless";
        part(
                root,
                TAGS,
                "part-a-0.parquet",
                List.of(),
                List.of(
                        change("c", "after", 100, 0, 1, "same", null),
                        change("c", "after", 100, 1, 1, "same", null),
                        change("c", "after", 100, 2, 1, "same", null),
                        change("d", "before", 200, 3, 1, "same", null)));
        try (LakeStore store = LakeStore.open(root, access, dir.resolve("store"));
                StateCatalog catalog = catalog(root)) {
            StateCompactor compactor = new StateCompactor(catalog, store, dir.resolve("work"));
            LakeTable tags = table(store, root, TAGS);
            compactor.compact(root, tags);
            assertThat(icebergRows(catalog, TAGS))
                    .isEqualTo(replayed(store, tags, List.of()))
                    .hasSize(2);
            part(
                    root,
                    TAGS,
                    "part-b-0.parquet",
                    List.of(),
                    List.of(
                            change("c", "after", 300, 4, 1, "same", null),
                            change("d", "before", 400, 5, 1, "same", null),
                            change("d", "before", 400, 6, 1, "same", null)));
            tags = table(store, root, TAGS);
            assertThat(fromState(catalog, store, root, tags))
                    .isEqualTo(replayed(store, tags, List.of()))
                    .hasSize(1);
            compactor.compact(root, tags);
            assertThat(icebergRows(catalog, TAGS)).hasSize(1);
        }
    }

    @Test
    void ofTwoCompactionsAtOnceTheSecondToCommitFailsAndChangesNothing() throws Exception {
        String root = "s3://" + s3.bucket() + "/raced";
        TableId races = new TableId("postgres", "public", "races");
        part(
                root,
                races,
                "part-a-0.parquet",
                List.of("id"),
                List.of(
                        change("r", "after", 100, 0, 1, "one", "1.00"),
                        change("r", "after", 100, 1, 2, "two", "2.00")));
        try (LakeStore store = LakeStore.open(root, access, dir.resolve("store"));
                StateCatalog first = catalog(root);
                StateCatalog second = catalog(root)) {
            // Both start from no table: the one that commits second finds it created.
            LakeTable table = table(store, root, races);
            StateCompactor.Result[] winner = new StateCompactor.Result[1];
            StateCompactor loser =
                    new StateCompactor(first, store, dir.resolve("work-1"))
                            .beforeCommit(() -> winner[0] = compact(second, store, root, races));
            assertThatThrownBy(() -> loser.compact(root, table))
                    .isInstanceOf(RuntimeException.class);
            assertThat(winner[0].changed()).isTrue();
            assertThat(first.load(races).orElseThrow().snapshots()).hasSize(1);

            // Both start from the same state, a new part file each sees: again the second fails.
            part(
                    root,
                    races,
                    "part-b-0.parquet",
                    List.of("id"),
                    List.of(
                            change("u", "after", 200, 2, 1, "uno", "1.50"),
                            change("c", "after", 300, 3, 3, "three", null)));
            LakeTable grown = table(store, root, races);
            StateCompactor loserAgain =
                    new StateCompactor(first, store, dir.resolve("work-2"))
                            .beforeCommit(() -> winner[0] = compact(second, store, root, races));
            assertThatThrownBy(() -> loserAgain.compact(root, grown))
                    .isInstanceOf(RuntimeException.class);
            Table after = first.load(races).orElseThrow();
            assertThat(after.snapshots()).hasSize(2);
            assertThat(after.currentSnapshot().snapshotId()).isEqualTo(winner[0].snapshotId());
            assertThat(icebergRows(first, races)).isEqualTo(replayed(store, grown, List.of("id")));
            // Run again, the loser finds nothing left to do.
            assertThat(
                            new StateCompactor(first, store, dir.resolve("work-3"))
                                    .compact(root, grown)
                                    .changed())
                    .isFalse();
        }
    }

    private StateCompactor.Result compact(
            StateCatalog catalog, LakeStore store, String root, TableId id) {
        try {
            return new StateCompactor(catalog, store, dir.resolve("work-winner"))
                    .compact(root, table(store, root, id));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anotherEnginesRewriteKeepsTheStateAndItsOtherChangesAreReplacedByARebuild()
            throws Exception {
        String root = "s3://" + s3.bucket() + "/foreign";
        TableId shared = new TableId("postgres", "public", "shared");
        part(
                root,
                shared,
                "part-a-0.parquet",
                List.of("id"),
                List.of(
                        change("r", "after", 100, 0, 1, "one", "1.00"),
                        change("r", "after", 100, 1, 2, "two", "2.00")));
        try (LakeStore store = LakeStore.open(root, access, dir.resolve("store"));
                StateCatalog catalog = catalog(root)) {
            StateCompactor compactor = new StateCompactor(catalog, store, dir.resolve("work"));
            compactor.compact(root, table(store, root, shared));
            Table iceberg = catalog.load(shared).orElseThrow();
            org.apache.iceberg.DataFile written =
                    iceberg.currentSnapshot().addedDataFiles(iceberg.io()).iterator().next();

            // As rewrite_data_files does: the same rows in a file of its own.
            String copy = written.location().replace(".parquet", "-rewritten.parquet");
            try (var in = iceberg.io().newInputFile(written.location()).newStream();
                    var out = iceberg.io().newOutputFile(copy).create()) {
                in.transferTo(out);
            }
            org.apache.iceberg.DataFile rewritten =
                    org.apache.iceberg.DataFiles.builder(iceberg.spec())
                            .copy(written)
                            .withPath(copy)
                            .build();
            iceberg.newRewrite()
                    .rewriteFiles(java.util.Set.of(written), java.util.Set.of(rewritten))
                    .commit();
            part(
                    root,
                    shared,
                    "part-b-0.parquet",
                    List.of("id"),
                    List.of(change("u", "after", 200, 2, 1, "uno", "1.50")));
            LakeTable grown = table(store, root, shared);
            assertThat(fromState(catalog, store, root, grown))
                    .isEqualTo(replayed(store, grown, List.of("id")));
            StateCompactor.Result afterRewrite = compactor.compact(root, grown);
            assertThat(afterRewrite.partsRead()).isEqualTo(1);
            assertThat(afterRewrite.fromScratch()).isFalse();

            // Another engine's own rows: the state no longer says where its rows come from.
            iceberg = catalog.load(shared).orElseThrow();
            iceberg.newAppend().appendFile(rewritten).commit();
            assertThatThrownBy(() -> CurrentState.load(catalog, shared, dir.resolve("cache")))
                    .isInstanceOf(CurrentState.ForeignSnapshotException.class);
            StateCompactor.Result rebuilt = compactor.compact(root, grown);
            assertThat(rebuilt.fromScratch()).isTrue();
            assertThat(rebuilt.partsRead()).isEqualTo(2);
            assertThat(icebergRows(catalog, shared))
                    .isEqualTo(replayed(store, grown, List.of("id")));

            // Its coverage file removed as an orphan: the state is unknown, the next refresh
            // rebuilds.
            iceberg = catalog.load(shared).orElseThrow();
            iceberg.io().deleteFile(iceberg.currentSnapshot().summary().get(Coverage.SUMMARY_KEY));
            assertThatThrownBy(() -> CurrentState.load(catalog, shared, dir.resolve("cache")))
                    .isInstanceOf(CurrentState.ForeignSnapshotException.class)
                    .hasMessageContaining("coverage file");
            assertThat(compactor.compact(root, grown).fromScratch()).isTrue();
            assertThat(icebergRows(catalog, shared))
                    .isEqualTo(replayed(store, grown, List.of("id")));
        }
    }

    @Test
    void aReaderDoesNotCreateTheCatalogsTables() throws Exception {
        try (StateCatalog reader =
                StateCatalog.open(
                        postgres.jdbcUrl().replace("/" + postgres.database(), "/template1"),
                        postgres.user(),
                        postgres.password(),
                        "s3://" + s3.bucket() + "/none",
                        access,
                        false)) {
            assertThat(reader.load(ITEMS)).isEmpty();
        }
    }
}
