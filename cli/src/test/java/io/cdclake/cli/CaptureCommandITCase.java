package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.format.TableId;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import io.cdclake.stack.PostgresService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/operations.md's "Capturing another table", end to end: the connector and the Flink job run
 * without a table that already holds rows; {@code ./cdc-lake capture add} adds it while inserts,
 * updates and deletes keep running on it; once {@code capture list} says the snapshot is done,
 * {@code ./cdc-lake verify} finds the lake's Parquet and CSV files equal to the table.
 */
class CaptureCommandITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("capture");

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int EXISTING_ORDERS = 6000;
    private static final TableId ORDERS = new TableId("public", "orders");
    private static final TableId CUSTOMERS = new TableId("public", "customers");
    private static final TableId TAGS = new TableId("public", "tags");
    private static final String LAKE_PATH = "capture";

    @Test
    void aTableAddedWhileItChangesArrivesInTheLakeWithEveryRow() throws Exception {
        execute(
                "CREATE TABLE customers (id int PRIMARY KEY, name text)",
                "ALTER TABLE customers REPLICA IDENTITY FULL",
                "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 50) g");
        assertThat(cdcLake("register", "--connect-url", connectUrl()).code()).isZero();

        JobClient job =
                CdcLakeJob.start(
                        STACK.stack().flink().environment(1),
                        JobConfig.fromMap(
                                Map.of(
                                        "kafka.bootstrap-servers",
                                        STACK.stack().kafka().bootstrapServers(),
                                        "lake.bucket",
                                        STACK.stack().s3().bucket(),
                                        "lake.base-path",
                                        LAKE_PATH,
                                        "checkpoint.interval",
                                        "1 s",
                                        "kafka.partition-discovery-interval",
                                        "2 s")));
        try {
            await().alias("the job archives the customers' snapshot")
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> verifyCommand(CUSTOMERS).code() == 0);

            // A table the connector does not capture, holding rows, of a few types.
            execute(
                    "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL,"
                            + " amount numeric(12,2), note text, placed timestamptz, paid boolean)",
                    "INSERT INTO orders SELECT g, 1 + g % 50, g * 1.25, 'order ' || g,"
                            + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute',"
                            + " g % 3 = 0 FROM generate_series(1, "
                            + EXISTING_ORDERS
                            + ") g");
            assertThat(captureList().out()).doesNotContain("public.orders");

            List<String> states = new ArrayList<>();
            int appliedAtAdd;
            int appliedAtDone;
            try (Changes changes = new Changes(STACK.stack().postgres().connect())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> changes.applied() > 20);

                CommandRun add = capture("add", "public.orders");
                assertThat(add.code()).as(add.all()).isZero();
                assertThat(add.out()).contains("Capturing public.orders");
                appliedAtAdd = changes.applied();

                await().alias("capture list shows the snapshot of public.orders done")
                        .atMost(TIMEOUT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> {
                                    String line = ordersLine(captureList());
                                    states.add(line);
                                    return line.equals("public.orders: streaming (snapshot done)");
                                });
                appliedAtDone = changes.applied();
                // A few more changes after the snapshot, streamed only.
                int target = appliedAtDone + 50;
                await().atMost(Duration.ofSeconds(30)).until(() -> changes.applied() > target);
                assertThat(changes.failure()).isNull();
            }
            assertThat(appliedAtDone)
                    .as("changes ran while the snapshot did (states seen: %s)", states)
                    .isGreaterThan(appliedAtAdd);
            assertThat(states)
                    .as("states seen until the snapshot was done")
                    .allMatch(
                            line ->
                                    line.startsWith("public.orders: waiting for first snapshot")
                                            || line.startsWith("public.orders: snapshot")
                                            || line.equals(
                                                    "public.orders: streaming (snapshot done)"));

            CommandRun verified =
                    await().alias("./cdc-lake verify --table public.orders reports OK")
                            .atMost(TIMEOUT)
                            .pollInterval(Duration.ofSeconds(2))
                            .until(() -> verifyCommand(ORDERS), run -> run.code() == 0);
            System.out.println(verified.out());
            assertThat(verified.out())
                    .contains("OK: the lake matches the database")
                    .containsPattern("csv: +\\d+ files?, ")
                    .doesNotContain("csv:      not checked");

            VerifyReport report = verifier(ORDERS);
            assertThat(report.matches()).as(report.render()).isTrue();
            assertThat(report.lakeRows())
                    .as("rows of the lake after replaying its changes")
                    .isEqualTo(countRows("orders"))
                    .isGreaterThan(EXISTING_ORDERS / 2);
            assertThat(report.duplicateEvents()).isZero();
            assertThat(report.lakeRowsByOp().getOrDefault("r", 0L))
                    .as("rows that existed before reached the lake as snapshot reads")
                    .isGreaterThan(EXISTING_ORDERS / 2L);
            assertThat(report.lakeRowsByOp()).containsKeys("c", "u", "d");

            CommandRun customers = verifyCommand(CUSTOMERS);
            assertThat(customers.code()).as(customers.all()).isZero();

            // capture snapshot reads every row again; the lake keeps both reads and still matches.
            long readsBefore = report.lakeRowsByOp().get("r");
            long rows = countRows("orders");
            CommandRun snapshot = capture("snapshot", "public.orders");
            assertThat(snapshot.code()).as(snapshot.all()).isZero();
            await().alias("the second snapshot's reads reach the lake")
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () ->
                                    StackLake.reader(STACK.stack().s3(), lakeRoot(), ORDERS)
                                            .rowsByOp()
                                            .getOrDefault("r", 0L),
                            reads -> reads >= readsBefore + rows);
            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> ordersLine(captureList()),
                            line -> line.equals("public.orders: streaming (snapshot done)"));
            CommandRun again = verifyCommand(ORDERS);
            assertThat(again.code()).as(again.all()).isZero();
            VerifyReport reread = verifier(ORDERS);
            assertThat(reread.lakeRowsByOp().get("r")).isEqualTo(readsBefore + rows);
            assertThat(reread.duplicateEvents()).isZero();

            captureATableWithoutAPrimaryKey();
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A table without a primary key, whose rows repeat in every column but one: refused without a
     * surrogate key and with a column that is not unique; added with one that is, read by the
     * incremental snapshot in chunks ordered by it, and equal to the database in the lake.
     */
    private static void captureATableWithoutAPrimaryKey() throws Exception {
        execute(
                "CREATE TABLE tags (code int NOT NULL, label text, weight int)",
                "CREATE UNIQUE INDEX tags_code ON tags (code)",
                "INSERT INTO tags SELECT g, 'tag ' || g % 7, g % 3 FROM generate_series(1, 3000)"
                        + " g");
        CommandRun refused = capture("add", "public.tags");
        assertThat(refused.code()).as(refused.all()).isNotZero();
        assertThat(refused.all()).contains("has no primary key").contains("--surrogate-key");
        CommandRun notUnique = capture("add", "public.tags", "--surrogate-key", "label");
        assertThat(notUnique.code()).as(notUnique.all()).isNotZero();
        assertThat(notUnique.all()).contains("--surrogate-key label").contains("unique index");
        assertThat(captureList().out()).doesNotContain("public.tags");

        CommandRun added = capture("add", "public.tags", "--surrogate-key", "code");
        assertThat(added.code()).as(added.all()).isZero();
        await().alias("capture list shows the snapshot of public.tags done")
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> tableLine(captureList(), "public.tags"),
                        line -> line.equals("public.tags: streaming (snapshot done)"));
        execute(
                "UPDATE tags SET weight = weight + 10 WHERE code <= 100",
                "DELETE FROM tags WHERE code > 2900",
                "INSERT INTO tags VALUES (5000, 'tag 1', 1), (5001, 'tag 1', 1)");
        CommandRun verified =
                await().alias("./cdc-lake verify --table public.tags reports OK")
                        .atMost(TIMEOUT)
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> verifyCommand(TAGS), run -> run.code() == 0);
        assertThat(verified.out()).contains("OK: the lake matches the database (2902 rows)");
        VerifyReport report = verifier(TAGS);
        assertThat(report.lakeRowsByOp())
                .as("every row read once by the snapshot, then the changes")
                .containsEntry("r", 3000L)
                .containsEntry("c", 2L)
                .containsEntry("d", 100L);
        assertThat(report.duplicateEvents()).isZero();
    }

    private static String tableLine(CommandRun list, String table) {
        assertThat(list.code()).as(list.all()).isZero();
        return list.out()
                .lines()
                .filter(line -> line.startsWith(table + ":"))
                .findFirst()
                .orElse(table + ": not listed");
    }

    private static String ordersLine(CommandRun list) {
        assertThat(list.code()).as(list.all()).isZero();
        return list.out()
                .lines()
                .filter(line -> line.startsWith("public.orders:"))
                .findFirst()
                .orElse("public.orders: not listed");
    }

    private static CommandRun captureList() {
        return capture("list");
    }

    /** {@code ./cdc-lake capture <action> [table] --connect-url .. --jdbc-url .. --user ..}. */
    private static CommandRun capture(String... actionAndTable) {
        PostgresService pg = STACK.stack().postgres();
        List<String> args = new ArrayList<>();
        args.add("capture");
        args.addAll(List.of(actionAndTable));
        args.addAll(
                List.of(
                        "--connect-url",
                        connectUrl(),
                        "--jdbc-url",
                        pg.jdbcUrl(),
                        "--user",
                        pg.user()));
        return cdcLake(args.toArray(String[]::new));
    }

    /** {@code ./cdc-lake verify}, both formats, against the stack's S3 server. */
    private static CommandRun verifyCommand(TableId table) {
        return STACK.commands(LAKE_PATH).verify("--table", table.schema() + "." + table.table());
    }

    private static VerifyReport verifier(TableId table) throws Exception {
        try (Connection db = STACK.stack().postgres().connect()) {
            return new LakeVerifier(lakeRoot())
                    .tempDir(STACK.workDir())
                    .s3(StackLake.access(STACK.stack().s3()))
                    .verify(db, table);
        }
    }

    private static String lakeRoot() {
        return STACK.lakeRoot(LAKE_PATH);
    }

    private static String connectUrl() {
        return STACK.stack().connect().restUrl().toString();
    }

    /** Runs {@code ./cdc-lake args} in this JVM, as the script would. */
    private static CommandRun cdcLake(String... args) {
        return CommandRun.of(STACK.stack(), args);
    }

    private static long countRows(String table) throws SQLException {
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /**
     * Inserts, updates and deletes on orders (some in multi-statement transactions), updates on
     * customers, until closed.
     */
    private static final class Changes implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger applied = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Changes(Connection connection) {
            thread = new Thread(() -> run(connection), "orders-changes");
            thread.start();
        }

        private void run(Connection connection) {
            Random random = new Random(13);
            int nextId = EXISTING_ORDERS + 1;
            try (connection;
                    Statement st = connection.createStatement()) {
                while (running.get()) {
                    int id = 1 + random.nextInt(nextId - 1);
                    switch (random.nextInt(5)) {
                        case 0 ->
                                st.execute(
                                        "INSERT INTO orders VALUES ("
                                                + nextId++
                                                + ", 7, 9.99, 'new', now(), false)");
                        case 1 ->
                                st.execute(
                                        "UPDATE orders SET amount = amount + 1, note = 'changed',"
                                                + " paid = NOT paid WHERE id = "
                                                + id);
                        case 2 -> st.execute("DELETE FROM orders WHERE id = " + id);
                        case 3 -> {
                            // One transaction: a row inserted, changed and another deleted.
                            connection.setAutoCommit(false);
                            int inserted = nextId++;
                            st.execute(
                                    "INSERT INTO orders VALUES ("
                                            + inserted
                                            + ", 8, 1.50, 'in a transaction', now(), true)");
                            st.execute(
                                    "UPDATE orders SET note = 'changed in a transaction' WHERE id"
                                            + " IN ("
                                            + inserted
                                            + ", "
                                            + id
                                            + ")");
                            st.execute("DELETE FROM orders WHERE id = " + (1 + random.nextInt(id)));
                            connection.commit();
                            connection.setAutoCommit(true);
                        }
                        default ->
                                st.execute(
                                        "UPDATE customers SET name = 'renamed "
                                                + id
                                                + "' WHERE id = "
                                                + (1 + id % 50));
                    }
                    applied.incrementAndGet();
                    Thread.sleep(5);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        int applied() {
            return applied.get();
        }

        Throwable failure() {
            return failure.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
