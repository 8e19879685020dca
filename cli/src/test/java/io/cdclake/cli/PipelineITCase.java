package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.TableId;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.testing.LakeFiles;
import io.cdclake.loader.DataLoader;
import io.cdclake.loader.EmbeddedLoader;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.OperationMix;
import io.cdclake.reader.verify.LakeRecord;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import io.cdclake.stack.PostgresService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole chain, every piece real: PostgreSQL with logical decoding, Debezium in Kafka Connect,
 * Kafka, the Flink job in a mini cluster, the S3 server. A snapshot, inserts, the tutorial's update
 * and delete, and a column added while the job runs must arrive in the committed Parquet and CSV
 * files with the right ops and images, and the lake must equal the table.
 */
class PipelineITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("e2e");

    private static final int SNAPSHOT_ROWS = 300;
    private static final TableId CUSTOMERS = new TableId("public", "customers");

    @Test
    void changesFlowFromPostgresToTheLakeExactly() throws Exception {
        PostgresService pg = STACK.stack().postgres();
        EmbeddedLoader.customers(pg, SNAPSHOT_ROWS, "numeric(5,2)");
        new ConnectorRegistrar(STACK.stack().connect().restUrl())
                .register(ConnectorConfig.load(), Duration.ofMinutes(2));

        String lakeRoot = "s3://" + STACK.stack().s3().bucket() + "/e2e";
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers", STACK.stack().kafka().bootstrapServers(),
                                "lake.bucket", STACK.stack().s3().bucket(),
                                "lake.base-path", "e2e",
                                "checkpoint.interval", "1 s",
                                "kafka.partition-discovery-interval", "1 s"));
        JobClient job = CdcLakeJob.start(STACK.stack().flink().environment(1), config);
        try {
            awaitRows(lakeRoot, "r", SNAPSHOT_ROWS);

            DataLoader loader = EmbeddedLoader.of(pg);
            loader.changes(
                            EmbeddedLoader.CUSTOMERS,
                            ChangeOptions.count(20, 5).withMix(OperationMix.parse("insert=100")))
                    .run();
            loader.applyTutorialExample(EmbeddedLoader.CUSTOMERS);
            try (Connection db = pg.connect();
                    Statement sql = db.createStatement()) {
                sql.execute("ALTER TABLE customers ADD COLUMN \"Email\" text");
                sql.execute(
                        "INSERT INTO customers (\"PassengerId\", \"Name\", \"Fare\", \"Email\")"
                                + " VALUES (100001, 'New, Mr. Column', 12.5, 'new@example.com')");
                sql.execute(
                        "UPDATE customers SET \"Email\" = 'ada@example.com' WHERE \"PassengerId\" ="
                                + " 1");
            }
            VerifyReport report = awaitMatch(lakeRoot);
            assertThat(report.matches()).as(report.render()).isTrue();
            assertThat(report.duplicateEvents()).isZero();
            assertThat(report.databaseRows()).isEqualTo(SNAPSHOT_ROWS + 20 + 1 - 1);
        } finally {
            job.cancel().get();
        }

        List<LakeRecord> records = StackLake.reader(STACK.stack().s3(), lakeRoot, CUSTOMERS).read();
        Map<String, Long> byOp =
                records.stream()
                        .collect(Collectors.groupingBy(LakeRecord::op, Collectors.counting()));
        assertThat(byOp)
                .containsEntry("r", (long) SNAPSHOT_ROWS)
                .containsEntry("c", 21L)
                .containsEntry("d", 1L);
        // REPLICA IDENTITY FULL (set by the loader): both images of every update.
        assertThat(byOp.get("u")).isEqualTo(4L);

        List<LakeRecord> passenger2 = forPassenger(records, 2);
        assertThat(passenger2)
                .extracting(r -> r.op() + "/" + r.image())
                .containsExactly("r/after", "u/before", "u/after");
        assertThat(passenger2.get(1).get("Name"))
                .isEqualTo(passenger2.get(0).get("Name"))
                .isNotEqualTo("Cris");
        assertThat(passenger2.get(2).get("Name")).isEqualTo("Cris");
        List<LakeRecord> passenger3 = forPassenger(records, 3);
        assertThat(passenger3)
                .extracting(r -> r.op() + "/" + r.image())
                .containsExactly("r/after", "d/before");
        assertThat(passenger3.get(1).get("Name")).isEqualTo(passenger3.get(0).get("Name"));
        assertThat(passenger3.get(1).lsn()).isGreaterThan(passenger2.get(2).lsn());

        // The added column lives in new files only; the snapshot's files stay as they were.
        LakeRecord newRow = forPassenger(records, 100001).get(0);
        assertThat(newRow.get("Email")).isEqualTo("new@example.com");
        // numeric is PostgreSQL's exact text (decimal.handling.mode=string): NaN fits too.
        assertThat(new BigDecimal((String) newRow.get("Fare"))).isEqualByComparingTo("12.5");
        assertThat(
                        records.stream()
                                .filter(r -> r.op().equals("r"))
                                .map(LakeRecord::file)
                                .distinct())
                .allSatisfy(
                        file ->
                                assertThat(records.stream().filter(r -> r.file().equals(file)))
                                        .allMatch(r -> !r.has("Email")));
        assertThat(records.stream().filter(r -> r.has("Email")).map(LakeRecord::file).distinct())
                .allSatisfy(
                        file ->
                                assertThat(records.stream().filter(r -> r.file().equals(file)))
                                        .allMatch(r -> r.has("Email")));

        assertCsvHasTheSameRows(lakeRoot, records.size());
        assertEqualsDatabaseValuesFor(1);
        assertQueryAnswersWhatPostgresHolds(lakeRoot, passenger2.get(0).get("Name").toString());
    }

    /**
     * {@code ./cdc-lake query} over the lake in S3: the current-state view holds PostgreSQL's rows
     * after the tutorial's update and delete, and as of before the update, by LSN and by commit
     * time, passenger 2 has the old name and passenger 3 is there.
     */
    private static void assertQueryAnswersWhatPostgresHolds(String lakeRoot, String oldName)
            throws Exception {
        String rowText =
                "concat_ws('|', \"PassengerId\", coalesce(\"Name\", '-'), coalesce(\"Email\","
                        + " '-'), coalesce(CAST(\"Fare\" AS VARCHAR), '-'), coalesce(CAST(\"Age\""
                        + " AS VARCHAR), '-'))";
        List<String> fromPostgres = new ArrayList<>();
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "SELECT "
                                        + rowText.replace("AS VARCHAR", "AS text")
                                        + " FROM customers ORDER BY \"PassengerId\"")) {
            while (rs.next()) {
                fromPostgres.add(rs.getString(1));
            }
        }
        assertThat(
                        queryLines(
                                lakeRoot,
                                "SELECT "
                                        + rowText
                                        + " AS r FROM public.customers ORDER BY \"PassengerId\""))
                .hasSize(SNAPSHOT_ROWS + 20 + 1 - 1)
                .isEqualTo(fromPostgres);

        List<String> update =
                queryLines(
                        lakeRoot,
                        "SELECT concat_ws('|', _lsn, _source_ts_ms) FROM public.customers__changes"
                                + " WHERE \"PassengerId\" = 2 AND _op = 'u' AND _image = 'after'");
        assertThat(update).hasSize(1);
        long updateLsn = Long.parseLong(update.get(0).split("\\|")[0]);
        long updateMillis = Long.parseLong(update.get(0).split("\\|")[1]);
        String passengers2And3 =
                "SELECT concat_ws('|', \"PassengerId\", \"Name\") FROM public.customers WHERE"
                        + " \"PassengerId\" IN (2, 3) ORDER BY 1";
        List<String> now = queryLines(lakeRoot, passengers2And3);
        assertThat(now).containsExactly("2|Cris");
        List<String> beforeByLsn =
                queryLines(lakeRoot, passengers2And3, "--as-of-lsn", String.valueOf(updateLsn - 1));
        assertThat(beforeByLsn).hasSize(2).first().isEqualTo("2|" + oldName);
        assertThat(
                        queryLines(
                                lakeRoot,
                                passengers2And3,
                                "--as-of",
                                java.time.Instant.ofEpochMilli(updateMillis - 1).toString()))
                .isEqualTo(beforeByLsn);
    }

    /** The rows of a one-column result of {@code ./cdc-lake query}, exported as JSON lines. */
    private static List<String> queryLines(String lakeRoot, String sql, String... options)
            throws Exception {
        Path output = Files.createTempFile(STACK.workDir(), "query-", ".json");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "query",
                                "--lake",
                                lakeRoot,
                                "--s3-endpoint",
                                STACK.stack().s3().endpoint(),
                                "--work-dir",
                                STACK.workDir().resolve("query").toString(),
                                "--sql",
                                sql,
                                "--output",
                                output.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code =
                Main.run(
                        args.toArray(new String[0]),
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        Map.of(
                                "AWS_ACCESS_KEY_ID", STACK.stack().s3().accessKey(),
                                "AWS_SECRET_ACCESS_KEY", STACK.stack().s3().secretKey()));
        assertThat(code).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        List<String> values = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(output)) {
            if (!line.isBlank()) {
                values.add(json.readTree(line).elements().next().asText());
            }
        }
        return values;
    }

    @Test
    void aTruncateEmptiesTheTableInTheLakeToo() throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE orders (id int PRIMARY KEY, item text)");
            sql.execute("ALTER TABLE orders REPLICA IDENTITY FULL");
            sql.execute("INSERT INTO orders VALUES (1, 'rope'), (2, 'lamp')");
        }
        new ConnectorRegistrar(STACK.stack().connect().restUrl())
                .register(
                        // Its own topic prefix: Debezium names its JMX metrics after it, one
                        // connector per
                        // prefix.
                        ConnectorConfig.load()
                                .withName("cdc-lake-orders")
                                .with("topic.prefix", "shop")
                                .with("slot.name", "cdc_lake_orders")
                                .with("publication.name", "cdc_lake_orders")
                                .with("table.include.list", "public.orders"),
                        Duration.ofMinutes(2));
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers", STACK.stack().kafka().bootstrapServers(),
                                // A pattern, not a topic list: the topic appears only when
                                // Debezium's snapshot
                                // starts.
                                "kafka.topic-pattern", "shop\\.public\\.orders",
                                "kafka.partition-discovery-interval", "1 s",
                                "lake.bucket", STACK.stack().s3().bucket(),
                                "lake.base-path", "truncate",
                                "checkpoint.interval", "1 s"));
        String lakeRoot = STACK.lakeRoot("truncate");
        TableId orders = new TableId("public", "orders");
        JobClient job = CdcLakeJob.start(STACK.stack().flink().environment(1), config);
        try {
            awaitRows(lakeRoot, orders, "r", 2);
            try (Connection db = STACK.stack().postgres().connect();
                    Statement sql = db.createStatement()) {
                sql.execute("TRUNCATE orders");
                sql.execute("INSERT INTO orders VALUES (3, 'map')");
            }
            awaitRows(lakeRoot, orders, "c", 1);
            try (Connection db = STACK.stack().postgres().connect()) {
                VerifyReport report =
                        new LakeVerifier(lakeRoot)
                                .tempDir(STACK.workDir())
                                .s3(StackLake.access(STACK.stack().s3()))
                                .verify(db, orders);
                assertThat(report.matches()).as(report.render()).isTrue();
                assertThat(report.databaseRows()).isEqualTo(1);
            }
        } finally {
            job.cancel().get();
        }
        assertThat(StackLake.reader(STACK.stack().s3(), lakeRoot, orders).rowsByOp())
                .containsEntry("t", 1L)
                .containsEntry("r", 2L);
    }

    /**
     * A row with a 20 MiB text value, by an update and by an insert: a 20 MiB Debezium event that
     * must pass Connect's producer, the topic, the job's consumer and both file formats.
     */
    @Test
    void aTwentyMegabyteValueReachesParquetAndCsv() throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE documents (id int PRIMARY KEY, title text, body text)");
            sql.execute("ALTER TABLE documents REPLICA IDENTITY FULL");
            sql.execute("INSERT INTO documents VALUES (1, 'small', 'short')");
        }
        ConnectorRegistrar registrar = new ConnectorRegistrar(STACK.stack().connect().restUrl());
        registrar.register(
                ConnectorConfig.load()
                        .withName("cdc-lake-documents")
                        .with("topic.prefix", "big")
                        .with("slot.name", "cdc_lake_documents")
                        .with("publication.name", "cdc_lake_documents")
                        .with("table.include.list", "public.documents"),
                Duration.ofMinutes(2));
        String lakeRoot = STACK.lakeRoot("big-rows");
        TableId documents = new TableId("public", "documents");
        JobClient job =
                STACK.startJob("big-rows", "kafka.topic-pattern", "big\\.public\\.documents");
        try {
            awaitRows(lakeRoot, documents, "r", 1);
            try (Connection db = STACK.stack().postgres().connect();
                    Statement sql = db.createStatement()) {
                // 32 hex digits per md5 × 655,360 = 20 MiB of text that no two rows share.
                sql.execute(
                        "UPDATE documents SET body = (SELECT string_agg(md5(i::text), '') FROM"
                                + " generate_series(1, 655360) i) WHERE id = 1");
                sql.execute(
                        "INSERT INTO documents VALUES (2, 'inserted', (SELECT"
                                + " string_agg(md5((-i)::text), '') FROM generate_series(1, 655360)"
                                + " i))");
            }
            awaitRows(lakeRoot, documents, "c", 1);
            awaitRows(lakeRoot, documents, "u", 2);
        } finally {
            job.cancel().get();
            registrar.delete("cdc-lake-documents");
        }
        Map<Integer, String> bodies = new java.util.HashMap<>();
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery("SELECT id, md5(body), length(body) FROM documents")) {
            while (rs.next()) {
                assertThat(rs.getInt(3)).isIn(5, BIG_VALUE_CHARS);
                bodies.put(rs.getInt(1), rs.getString(2));
            }
        }
        assertBigValues(LakeFiles.parquetRows(lakeRoot + "/parquet/big/public.documents"), bodies);
        assertBigValues(LakeFiles.csvRows(lakeRoot + "/csv/big/public.documents"), bodies);
    }

    private static final int BIG_VALUE_CHARS = 20 * 1024 * 1024;

    /** The update's after image and the insert carry the whole value, byte for byte. */
    private static void assertBigValues(
            List<Map<String, Object>> rows, Map<Integer, String> md5ById) throws Exception {
        Map<String, String> md5ByChange = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows) {
            String body = String.valueOf(row.get("body"));
            md5ByChange.put(
                    row.get("id") + "/" + row.get("_op") + "/" + row.get("_image"),
                    body.length() == BIG_VALUE_CHARS ? md5(body) : body);
        }
        assertThat(md5ByChange)
                .containsOnly(
                        Map.entry("1/r/after", "short"),
                        Map.entry("1/u/before", "short"),
                        Map.entry("1/u/after", md5ById.get(1)),
                        Map.entry("2/c/after", md5ById.get(2)));
        assertThat(md5ById.get(1)).isNotEqualTo(md5ById.get(2));
    }

    private static String md5(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(
                        java.security.MessageDigest.getInstance("MD5")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<LakeRecord> forPassenger(List<LakeRecord> records, int id) {
        List<LakeRecord> rows = new ArrayList<>();
        for (LakeRecord record : records) {
            if (Integer.valueOf(id).equals(record.get("PassengerId"))) {
                rows.add(record);
            }
        }
        rows.sort(
                (a, b) ->
                        a.lsn() == null || b.lsn() == null
                                ? 0
                                : Long.compare(a.lsn(), b.lsn()) != 0
                                        ? Long.compare(a.lsn(), b.lsn())
                                        : a.image().compareTo(b.image()) * -1);
        return rows;
    }

    private static void assertCsvHasTheSameRows(String lakeRoot, int parquetRows) throws Exception {
        long csvRows = 0;
        for (var file : LakeFiles.committed(lakeRoot + "/csv/postgres/public.customers", ".csv")) {
            List<List<String>> lines = LakeFiles.readCsv(file);
            assertThat(lines.get(0)).startsWith("PassengerId").contains("_op", "_image", "_lsn");
            csvRows += lines.size() - 1;
        }
        assertThat(csvRows).isEqualTo(parquetRows);
    }

    /** The lake's last image of a passenger holds what PostgreSQL holds, column by column. */
    private static void assertEqualsDatabaseValuesFor(int id) throws Exception {
        List<LakeRecord> rows =
                forPassenger(
                        StackLake.reader(
                                        STACK.stack().s3(),
                                        "s3://" + STACK.stack().s3().bucket() + "/e2e",
                                        CUSTOMERS)
                                .read(),
                        id);
        LakeRecord last = rows.get(rows.size() - 1);
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "SELECT \"Name\", \"Email\", \"Fare\", \"Age\" FROM customers WHERE"
                                        + " \"PassengerId\" = "
                                        + id)) {
            assertThat(rs.next()).isTrue();
            assertThat(last.get("Name")).isEqualTo(rs.getString(1));
            assertThat(last.get("Email")).isEqualTo(rs.getString(2)).isEqualTo("ada@example.com");
            assertThat(new BigDecimal((String) last.get("Fare")))
                    .isEqualByComparingTo(rs.getBigDecimal(3));
            if (rs.getBigDecimal(4) != null) {
                assertThat(new BigDecimal((String) last.get("Age")))
                        .isEqualByComparingTo(rs.getBigDecimal(4));
            }
        }
    }

    private static void awaitRows(String lakeRoot, String op, long rows) throws Exception {
        awaitRows(lakeRoot, CUSTOMERS, op, rows);
    }

    private static void awaitRows(String lakeRoot, TableId table, String op, long rows) {
        await().alias(
                        "the lake reaches "
                                + rows
                                + " '"
                                + op
                                + "' rows of "
                                + table
                                + " (rows by op)")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> StackLake.reader(STACK.stack().s3(), lakeRoot, table).rowsByOp(),
                        byOp -> byOp.getOrDefault(op, 0L) >= rows);
    }

    private static VerifyReport awaitMatch(String lakeRoot) {
        return await().alias("verify finds the lake equal to the table (last report)")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> verify(lakeRoot), VerifyReport::matches);
    }

    private static VerifyReport verify(String lakeRoot) throws Exception {
        try (Connection db = STACK.stack().postgres().connect()) {
            return new LakeVerifier(lakeRoot)
                    .tempDir(STACK.workDir())
                    .s3(StackLake.access(STACK.stack().s3()))
                    .verify(db, CUSTOMERS);
        }
    }
}
