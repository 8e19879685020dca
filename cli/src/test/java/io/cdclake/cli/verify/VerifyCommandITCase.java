package io.cdclake.cli.verify;

import static io.cdclake.job.testing.DebeziumEvents.Field;
import static io.cdclake.job.testing.DebeziumEvents.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.cli.CommandRun;
import io.cdclake.format.TableId;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.DebeziumEvents;
import io.cdclake.job.testing.JobWrittenLake;
import io.cdclake.reader.verify.LakeTableReader;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import io.cdclake.stack.Dirs;
import io.cdclake.stack.PostgresService;
import io.cdclake.stack.testing.StackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The verify command against a real PostgreSQL and lakes on the local file system written by the
 * job's own decoder, Parquet writer and CSV writer: a lake that replays to the table verifies, and
 * a missing row, an extra row, a changed value, a duplicated event, an unknown op, a delete of a
 * row never seen, a torn CSV line, a CSV row missing and a CSV value differing each fail it.
 */
class VerifyCommandITCase {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("verify", b -> b.postgres());

    private static final TableId ITEMS = new TableId("public", "items");
    private static final List<Field> ITEM_FIELDS =
            List.of(
                    Field.key("id", Kind.INT64),
                    Field.of("name", Kind.STRING),
                    Field.of("qty", Kind.INT32),
                    Field.of("small", Kind.INT16),
                    Field.decimal("price", 10, 2),
                    Field.of("ratio", Kind.VARIABLE_DECIMAL),
                    Field.of("weight", Kind.FLOAT32),
                    Field.of("score", Kind.FLOAT64),
                    Field.of("active", Kind.BOOLEAN),
                    Field.of("born", Kind.DATE),
                    Field.of("alarm", Kind.MICRO_TIME),
                    Field.of("created", Kind.MICRO_TIMESTAMP),
                    Field.of("updated", Kind.ZONED_TIMESTAMP),
                    Field.of("payload", Kind.BYTES),
                    Field.of("doc", Kind.JSON),
                    Field.array("tags", Field.of("element", Kind.STRING)),
                    Field.of("uid", Kind.UUID));

    private static Path workDir;
    private static PostgresService postgres;

    /**
     * What happened to {@code items}: its snapshot, then each change as Debezium would report it.
     */
    private record Change(String op, Map<String, Object> before, Map<String, Object> after) {}

    private static List<Map<String, Object>> itemsSnapshot;
    private static final List<Change> ITEM_CHANGES = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        workDir = STACK.workDir();
        postgres = STACK.postgres();
        DebeziumEvents reader = new DebeziumEvents("public", "items", ITEM_FIELDS);
        try (Connection c = postgres.connect()) {
            JobWrittenLake.sql(
                    c,
                    """
                    CREATE TABLE public.items (id bigint PRIMARY KEY, name text NOT NULL, qty integer, small smallint,
                        price numeric(10,2), ratio numeric, weight real, score double precision, active boolean,
                        born date, alarm time, created timestamp, updated timestamptz, payload bytea, doc jsonb,
                        tags text[], uid uuid)\
                    """,
                    """
                    INSERT INTO items VALUES
                      (1, 'Braund, Mr. Owen Harris', 3, -2, 7.25, 0.333333333333, 1.1, 2.718281828459045, true,
                       '1890-03-01', '13:45:30.123456', '2026-11-24 10:00:00.000001', '2026-11-24 10:00:00.5+02',
                       '\\xdeadbeef', '{"a": [1, 2.50], "b": {"c": null}}', '{"x","y z"}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
                      (2, 'Cumings, Mrs. John Bradley (Florence Briggs Thayer)', 1, 0, 71.2833, 1, -0.5, 1e300, false,
                       '1969-12-31', '00:00:00', '1969-12-31 23:59:59.999999', '1912-04-15 02:20:00+00',
                       '\\x', '[]', '{}', NULL),
                      (3, 'Heikkinen, Miss. Laina', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                       NULL, NULL, NULL, NULL),
                      (4, 'Ünïcödé ''quoted'' "name"', 0, 32767, -99999999.99, -0.000000000000000001, 3.4e38, -0.0, true,
                       '2024-02-29', '23:59:59.999999', '2000-01-01 00:00:00', '2026-01-01 00:00:00-05:30',
                       '\\x00ff', '"just a string"', '{NULL,"with,comma"}', '00000000-0000-0000-0000-000000000000'),
                      (5, 'Allen, Mr. William Henry', 5, 1, 8.05, 22.5, 0, 0, NULL, '1900-01-01', '12:00:00',
                       '1900-01-01 00:00:00', '1970-01-01 00:00:00+00', NULL, '{"n": 1e2}', '{"only"}', NULL)\
                    """);
            itemsSnapshot = reader.readRows(c, "SELECT * FROM items ORDER BY id");

            JobWrittenLake.sql(
                    c,
                    "UPDATE items SET price = 10.99, doc = '{\"b\": 2, \"a\": [1, 2.5]}', tags ="
                            + " ARRAY['x', NULL] WHERE id = 2");
            ITEM_CHANGES.add(
                    new Change("u", null, reader.readRow(c, "SELECT * FROM items WHERE id = 2")));
            JobWrittenLake.sql(c, "UPDATE items SET name = 'Braund, Mr. Owen' WHERE id = 1");
            ITEM_CHANGES.add(
                    new Change("u", null, reader.readRow(c, "SELECT * FROM items WHERE id = 1")));
            JobWrittenLake.sql(c, "DELETE FROM items WHERE id = 3");
            ITEM_CHANGES.add(new Change("d", DebeziumEvents.keyOnly("id", 3L), null));
            JobWrittenLake.sql(
                    c,
                    "INSERT INTO items (id, name, qty, price, updated) VALUES (6, 'Moran, Mr."
                            + " James', 1, 8.4583, now())");
            ITEM_CHANGES.add(
                    new Change("c", null, reader.readRow(c, "SELECT * FROM items WHERE id = 6")));
            JobWrittenLake.sql(
                    c,
                    "UPDATE items SET qty = qty + 1, updated = now(), alarm = '06:30' WHERE id ="
                            + " 1");
            ITEM_CHANGES.add(
                    new Change("u", null, reader.readRow(c, "SELECT * FROM items WHERE id = 1")));
        }
    }

    /**
     * The items changelog as events: the snapshot on one day, the changes on the next, each
     * possibly edited.
     */
    private static List<List<KafkaChange>> itemEvents(UnaryOperator<List<Change>> edit) {
        DebeziumEvents events = new DebeziumEvents("public", "items", ITEM_FIELDS);
        List<KafkaChange> snapshot = events.snapshot(itemsSnapshot);
        events.at(Instant.parse("2026-11-24T08:00:00Z"));
        List<KafkaChange> changes = new ArrayList<>();
        for (Change change : edit.apply(new ArrayList<>(ITEM_CHANGES))) {
            changes.add(
                    switch (change.op()) {
                        case "c" -> events.insert(change.after());
                        case "u" -> events.update(change.before(), change.after());
                        case "d" -> events.delete(change.before());
                        default -> throw new IllegalArgumentException(change.op());
                    });
        }
        return List.of(snapshot, changes);
    }

    /**
     * A lake of the items changelog: the snapshot in one file, the changes in two more, the later
     * changes in the earlier-named file, so that file order is not commit order.
     */
    private static JobWrittenLake itemsLake(
            String name, UnaryOperator<List<Change>> edit, List<KafkaChange> extraFile)
            throws Exception {
        List<List<KafkaChange>> events = itemEvents(edit);
        JobWrittenLake lake = new JobWrittenLake(workDir.resolve(name));
        List<KafkaChange> changes = events.get(1);
        lake.write(events.get(0));
        lake.write(changes.subList(changes.size() / 2, changes.size()));
        lake.write(changes.subList(0, changes.size() / 2));
        if (extraFile != null) {
            lake.write(extraFile);
        }
        return lake;
    }

    /** The lake's CSV part files, in path order. */
    private static List<Path> csvFiles(JobWrittenLake lake) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(lake.dir().resolve("csv"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** The CSV part file holding the snapshot (the one with the 'r' rows). */
    private static Path snapshotCsv(JobWrittenLake lake) throws java.io.IOException {
        for (Path file : csvFiles(lake)) {
            if (Files.readString(file).contains(",r,after,")) {
                return file;
            }
        }
        throw new AssertionError("no snapshot CSV file in " + lake.dir());
    }

    private static String shortName(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    private static CommandRun verifyCommand(String table, String lakeRoot, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "verify",
                                "--table",
                                table,
                                "--jdbc-url",
                                postgres.jdbcUrl(),
                                "--user",
                                postgres.user(),
                                "--password-env",
                                "CDC_LAKE_IT_PASSWORD",
                                "--lake",
                                lakeRoot,
                                "--work-dir",
                                workDir.resolve("verify").toString()));
        args.addAll(List.of(options));
        return CommandRun.of(
                Map.of("CDC_LAKE_IT_PASSWORD", postgres.password()), args.toArray(String[]::new));
    }

    private static VerifyReport verify(TableId table, String lakeRoot) throws Exception {
        try (Connection c = postgres.connect()) {
            return new LakeVerifier(lakeRoot).verify(c, table);
        }
    }

    @Test
    void aLakeThatReplaysToTheTableVerifies() throws Exception {
        JobWrittenLake lake = itemsLake("matching", changes -> changes, null);

        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out())
                .contains("Table public.items of source postgres in lake " + lake.root())
                .contains("3 files, 10 change rows (r 5, c 1, u 3, d 1, t 0)")
                .contains("csv:      3 files, 10 rows, compared with the Parquet rows")
                .contains("incomplete uploads:          not listed: the lake is not in S3")
                .endsWith("OK: the lake matches the database (5 rows)\n");

        VerifyReport report = verify(ITEMS, lake.root());
        assertThat(report.matches()).isTrue();
        assertThat(report.databaseRows()).isEqualTo(5);
        assertThat(report.lakeRows()).isEqualTo(5);
        assertThat(report.keyColumns()).containsExactly("id");
        assertThat(report.databaseLsn()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(new LakeTableReader(lake.root(), ITEMS).rowsByOp())
                .isEqualTo(Map.of("r", 5L, "c", 1L, "u", 3L, "d", 1L, "t", 0L));

        // A bare local path names the same lake.
        assertThat(verifyCommand("items", lake.dir().toString()).code()).isZero();
    }

    @Test
    void aMissingRowFails() throws Exception {
        JobWrittenLake lake =
                itemsLake(
                        "missing",
                        changes -> {
                            changes.removeIf(c -> c.op().equals("c"));
                            return changes;
                        },
                        null);
        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out())
                .contains("missing from the lake:       1  e.g. id=6")
                .contains("MISMATCH");

        VerifyReport report = verify(ITEMS, lake.root());
        assertThat(report.missingRows()).isEqualTo(1);
        assertThat(report.extraRows()).isZero();
        assertThat(report.differingRows()).isZero();
        assertThat(report.duplicateEvents()).isZero();
    }

    @Test
    void anExtraRowFails() throws Exception {
        JobWrittenLake lake =
                itemsLake(
                        "extra",
                        changes -> {
                            // the lake missed the delete of row 3
                            changes.removeIf(c -> c.op().equals("d"));
                            return changes;
                        },
                        null);
        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("extra in the lake:           1  e.g. id=3");

        VerifyReport report = verify(ITEMS, lake.root());
        assertThat(report.extraRows()).isEqualTo(1);
        assertThat(report.missingRows()).isZero();
        assertThat(report.differingRows()).isZero();
        assertThat(report.lakeRows()).isEqualTo(6);
    }

    @Test
    void aChangedValueFails() throws Exception {
        JobWrittenLake lake =
                itemsLake(
                        "changed",
                        changes -> {
                            Change update = changes.get(0);
                            Map<String, Object> after = new LinkedHashMap<>(update.after());
                            after.put("price", new java.math.BigDecimal("11.99"));
                            changes.set(0, new Change("u", null, after));
                            return changes;
                        },
                        null);
        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out())
                .contains("rows with different values:  1  (price: 1)")
                .contains("id=2  price: lake 11.99, database 10.99");

        VerifyReport report = verify(ITEMS, lake.root());
        assertThat(report.differingRows()).isEqualTo(1);
        assertThat(report.differingColumns()).isEqualTo(Map.of("price", 1L));
        assertThat(report.differenceExamples())
                .containsExactly(
                        new VerifyReport.ValueDifference("id=2", "price", "11.99", "10.99"));
        assertThat(report.missingRows() + report.extraRows() + report.duplicateEvents()).isZero();
    }

    @Test
    void aDuplicatedEventFails() throws Exception {
        List<List<KafkaChange>> events = itemEvents(changes -> changes);
        KafkaChange firstUpdate = events.get(1).get(0);
        JobWrittenLake lake = new JobWrittenLake(workDir.resolve("duplicate"));
        lake.write(events.get(0));
        lake.write(events.get(1));
        // Debezium re-sent the first update after a restart: same LSN, new offset, a later file.
        lake.write(List.of(new KafkaChange(firstUpdate.topic, 0, 1000, firstUpdate.value)));

        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out())
                .contains("duplicate change events:     1")
                .contains("id=2 after (op u): 2 copies");

        VerifyReport report = verify(ITEMS, lake.root());
        assertThat(report.duplicateEvents()).isEqualTo(1);
        assertThat(report.missingRows() + report.extraRows() + report.differingRows()).isZero();
        assertThat(report.duplicateExamples())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.key()).isEqualTo("id=2");
                            assertThat(d.copies()).isEqualTo(2);
                            assertThat(d.sources()).hasSize(2);
                        });
    }

    @Test
    void theSameKafkaRecordTwiceFails() throws Exception {
        List<List<KafkaChange>> events = itemEvents(changes -> changes);
        JobWrittenLake lake = new JobWrittenLake(workDir.resolve("same-record-twice"));
        lake.write(events.get(0));
        lake.write(events.get(1));
        // the job wrote the delete of row 3 a second time (same topic, partition and offset), in a
        // later file
        KafkaChange delete = events.get(1).get(2);
        lake.write(List.of(delete));

        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains("duplicate change events:     1")
                .contains("id=3 before (op d): 2 copies")
                .contains("        postgres.public.items-0@" + delete.offset + " in ")
                .contains(
                        "csv rows repeated:           1\n      postgres.public.items-0@"
                                + delete.offset
                                + " before at ")
                .contains("unknown _op or _image:       0")
                .endsWith("MISMATCH: the lake does not match the database\n");
    }

    @Test
    void anUnknownOpFails() throws Exception {
        List<List<KafkaChange>> events = itemEvents(changes -> changes);
        JobWrittenLake lake = new JobWrittenLake(workDir.resolve("unknown-op"));
        lake.write(events.get(0));
        List<io.cdclake.job.decode.LakeRow> rows = lake.decode(events.get(1));
        // an insert of the row the table has as 6, written with an op no event has
        io.cdclake.job.decode.LakeRow insert =
                rows.stream().filter(r -> "c".equals(field(r, "_op"))).findFirst().orElseThrow();
        insert.row()
                .setField(
                        columnIndex(insert, "_op"),
                        org.apache.flink.table.data.StringData.fromString("x"));
        lake.writeRows(rows);

        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "unknown _op or _image:       1\n      postgres.public.items-0@"
                                + field(insert, "_offset")
                                + " after in dt=2026-11-24/")
                .contains("unknown _op 'x' or _image 'after' for it")
                // not applied, so the row it carried is missing
                .contains("missing from the lake:       1  e.g. id=6");
    }

    private static int columnIndex(io.cdclake.job.decode.LakeRow row, String column) {
        List<String> names =
                row.schema().columns().stream().map(io.cdclake.format.LakeColumn::name).toList();
        return names.indexOf(column);
    }

    private static String field(io.cdclake.job.decode.LakeRow row, String column) {
        return String.valueOf(row.row().getField(columnIndex(row, column)));
    }

    @Test
    void aDeleteOfARowNeverSeenFails() throws Exception {
        JobWrittenLake lake =
                itemsLake(
                        "delete-unseen",
                        changes -> {
                            changes.add(new Change("d", DebeziumEvents.keyOnly("id", 99L), null));
                            return changes;
                        },
                        null);
        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "changes of unseen rows:      1\n"
                                + "      id=99 (op d) postgres.public.items-0@")
                .contains("missing from the lake:       0")
                .contains("extra in the lake:           0")
                .endsWith("MISMATCH: the lake does not match the database\n");
    }

    @Test
    void aTornCsvLineFailsNamingTheFileAndLine() throws Exception {
        JobWrittenLake lake = itemsLake("torn-csv", changes -> changes, null);
        Path csv = snapshotCsv(lake);
        // the file was cut inside its third data line (row 3, line 4), as a crash during a copy
        // would leave it
        JobWrittenLake.edit(
                csv,
                text -> {
                    int row3 = text.indexOf("\r\n3,") + 2;
                    return text.substring(0, row3 + 6);
                });
        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "csv files not readable:      1\n      "
                                + shortName(csv)
                                + " line 4: torn line: the file ends inside a quoted field\n")
                // rows 3, 4 and 5 of the snapshot are lost with it
                .contains("rows only in Parquet:        3\n")
                // the replay from Parquet is fine
                .contains("missing from the lake:       0");
    }

    @Test
    void aCsvRowMissingAndACsvValueDifferingFail() throws Exception {
        JobWrittenLake lake = itemsLake("csv-edited", changes -> changes, null);
        Path csv = snapshotCsv(lake);
        JobWrittenLake.edit(
                csv,
                text -> {
                    List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
                    lines.removeIf(line -> line.startsWith("5,"));
                    return String.join("\r\n", lines)
                            .replace(
                                    "\r\n3,\"Heikkinen, Miss. Laina\",",
                                    "\r\n3,\"Heikkinen, Mrs. Laina\",");
                });
        CommandRun run = verifyCommand("public.items", lake.root());
        assertThat(run.code()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "rows only in Parquet:        1\n"
                                + "      postgres.public.items-0@4 after in dt=2026-11-23/")
                .contains(
                        "csv values different:        1\n"
                                + "      postgres.public.items-0@2 after name: Parquet 'Heikkinen,"
                                + " Miss. Laina', CSV 'Heikkinen, Mrs. Laina' ("
                                + shortName(csv)
                                + " line 4)")
                .contains("csv files not readable:      0")
                .contains("missing from the lake:       0");

        // a lake written without CSV (lake.formats=PARQUET) is verified without it
        Dirs.deleteRecursively(lake.dir().resolve("csv"));
        CommandRun parquetOnly = verifyCommand("public.items", lake.root(), "--formats", "parquet");
        assertThat(parquetOnly.code()).as(parquetOnly.out()).isZero();
        assertThat(parquetOnly.out()).contains("csv:      not checked");
    }

    @Test
    void inProgressFilesAreLeftoversNotFailures() throws Exception {
        JobWrittenLake lake = itemsLake("in-progress", changes -> changes, null);
        Path hidden =
                lake.writeInProgress(
                        List.of(
                                new DebeziumEvents("public", "items", ITEM_FIELDS)
                                        .insert(Map.of("id", 77L, "name", "not committed"))));

        CommandRun young = verifyCommand("public.items", lake.root());
        assertThat(young.code()).as(young.out()).isZero();
        assertThat(young.out())
                .contains(
                        "warning: in-progress files:  0 older than 1h (and 2 younger, likely still"
                                + " being written)");

        CommandRun old = verifyCommand("public.items", lake.root(), "--leftover-age", "0s");
        assertThat(old.code()).as(old.out()).isZero();
        assertThat(old.out())
                .contains("warning: in-progress files:  2 older than 0s\n")
                .contains("      " + shortName(hidden) + " (last written ")
                .endsWith("OK: the lake matches the database (5 rows)\n");
    }

    @Test
    void columnsAddedAndDroppedAlongTheWay() throws Exception {
        List<Field> before =
                List.of(
                        Field.key("id", Kind.INT32),
                        Field.of("name", Kind.STRING),
                        Field.of("legacy", Kind.INT32));
        List<Field> after =
                List.of(
                        Field.key("id", Kind.INT32),
                        Field.of("name", Kind.STRING),
                        Field.of("note", Kind.STRING));
        DebeziumEvents events = new DebeziumEvents("public", "evolving", before);
        List<KafkaChange> changes = new ArrayList<>();
        try (Connection c = postgres.connect()) {
            JobWrittenLake.sql(
                    c,
                    "CREATE TABLE evolving (id int PRIMARY KEY, name text, legacy int)",
                    "INSERT INTO evolving VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)");
            changes.addAll(
                    events.snapshot(events.readRows(c, "SELECT * FROM evolving ORDER BY id")));
            JobWrittenLake.sql(
                    c,
                    "ALTER TABLE evolving DROP COLUMN legacy",
                    "ALTER TABLE evolving ADD COLUMN note text",
                    "UPDATE evolving SET note = 'n2' WHERE id = 2",
                    "INSERT INTO evolving VALUES (4, 'd', 'n4')");
            events.fields(after);
            changes.add(
                    events.update(null, events.readRow(c, "SELECT * FROM evolving WHERE id = 2")));
            changes.add(events.insert(events.readRow(c, "SELECT * FROM evolving WHERE id = 4")));
        }
        JobWrittenLake lake = new JobWrittenLake(workDir.resolve("evolving"));
        assertThat(lake.write(changes)).hasSize(2);

        CommandRun run = verifyCommand("public.evolving", lake.root());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        VerifyReport report = verify(new TableId("public", "evolving"), lake.root());
        assertThat(report.notes())
                .contains(
                        "columns in the lake that the table no longer has, ignored: legacy",
                        "column note is not in 1 of 2 files (written before it was added): null for"
                                + " their rows");
    }

    @Test
    void aTableWithReplicaIdentityFullAndNoKeyIsAMultiset() throws Exception {
        List<Field> fields = List.of(Field.of("a", Kind.INT32), Field.of("b", Kind.STRING));
        DebeziumEvents events = new DebeziumEvents("public", "visits", fields);
        List<KafkaChange> changes = new ArrayList<>();
        try (Connection c = postgres.connect()) {
            JobWrittenLake.sql(
                    c,
                    "CREATE TABLE visits (a int, b text)",
                    "ALTER TABLE visits REPLICA IDENTITY FULL",
                    "INSERT INTO visits VALUES (1, 'x'), (1, 'x'), (2, 'y'), (3, 'w')");
            changes.addAll(events.snapshot(events.readRows(c, "SELECT * FROM visits")));
            JobWrittenLake.sql(c, "UPDATE visits SET b = 'z' WHERE a = 2");
            changes.add(events.update(Map.of("a", 2, "b", "y"), Map.of("a", 2, "b", "z")));
            JobWrittenLake.sql(
                    c,
                    "DELETE FROM visits WHERE ctid = (SELECT ctid FROM visits WHERE a = 1 LIMIT"
                            + " 1)");
            changes.add(events.delete(Map.of("a", 1, "b", "x")));
        }
        JobWrittenLake lake = new JobWrittenLake(workDir.resolve("visits"));
        lake.write(changes);
        VerifyReport report = verify(new TableId("public", "visits"), lake.root());
        assertThat(report.render()).contains("rows identified by: a, b (REPLICA IDENTITY FULL)");
        assertThat(report.matches()).as(report.render()).isTrue();
        assertThat(report.databaseRows()).isEqualTo(3);

        // One more (3, 'w') in the lake: an extra row, the changed-value case of a keyless table.
        lake.write(List.of(events.insert(Map.of("a", 3, "b", "w"))));
        VerifyReport extra = verify(new TableId("public", "visits"), lake.root());
        assertThat(extra.extraRows()).isEqualTo(1);
        assertThat(extra.extraExamples()).containsExactly("(a=3, b='w')");
        assertThat(verifyCommand("public.visits", lake.root()).code()).isEqualTo(1);
    }

    @Test
    void tablesThatCannotBeVerifiedAreUsageErrors() throws Exception {
        try (Connection c = postgres.connect()) {
            JobWrittenLake.sql(c, "CREATE TABLE keyless (a int)");
        }
        CommandRun run =
                verifyCommand("public.keyless", workDir.resolve("no-lake").toUri().toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("public.keyless has neither a primary key nor REPLICA IDENTITY FULL");

        run = verifyCommand("public.no_such_table", workDir.resolve("no-lake").toUri().toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("table public.no_such_table does not exist");
    }

    @Test
    void anEmptyLakeOfANonEmptyTableFails() {
        CommandRun run =
                verifyCommand("public.items", workDir.resolve("empty-lake").toUri().toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out())
                .contains("0 files, 0 change rows")
                .contains("missing from the lake:       5");
    }
}
