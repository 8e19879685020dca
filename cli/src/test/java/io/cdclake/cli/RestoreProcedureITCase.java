package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.stack.PostgresCrashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The procedure after a point-in-time restore of the database (docs/exactly-once.md), step by step
 * on the embedded stack. The database is restored from a copy of its data directory taken while it
 * was stopped (what a restore from a backup amounts to: the WAL steps back, and the changes after
 * the backup are gone), and without its replication slot, as a base backup leaves slots out. Then:
 * the old connector is deleted before the restored database takes connections, the restored
 * database is registered as a new source ({@code ./cdc-lake register --name ... --set
 * topic.prefix=postgres_r2 --set slot.name=...}), and {@code verify --source postgres_r2} finds it
 * equal to the lake, while the old source's folders keep the history up to the restore, which
 * {@code verify --source postgres} reports as differences the restored database no longer has.
 *
 * <p>The job reads {@code postgres(_r2)?\..+} from the start; with a pattern that does not match
 * the new prefix the procedure adds a stop with a savepoint and a resume with the wider pattern,
 * which {@code StopAndResume} covers.
 */
class RestoreProcedureITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("restore");

    private static final String LAKE_PATH = "restore";
    private static final String OLD_CONNECTOR = "cdc-lake-postgres";

    @Test
    void theRestoredDatabaseBecomesASourceOfItsOwn() throws Exception {
        assertThat(ConnectorConfig.load().name()).isEqualTo(OLD_CONNECTOR);
        sql(
                "CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance int)",
                "ALTER TABLE accounts REPLICA IDENTITY FULL",
                "INSERT INTO accounts SELECT i, 'owner ' || i, 100 FROM generate_series(1, 200) i");
        CommandRun first =
                cdcLake(
                        "register",
                        "--connect-url",
                        connectUrl(),
                        "--set",
                        "table.include.list=public.accounts",
                        "--timeout",
                        "2m");
        assertThat(first.code()).as(first.all()).isZero();
        JobClient job = STACK.startJob(LAKE_PATH, "kafka.topic-pattern", "postgres(_r2)?\\..+");
        try {
            sql("UPDATE accounts SET balance = balance + 10 WHERE id <= 50");
            awaitVerified("postgres");

            Path dataDir = STACK.stack().postgres().dataDir();
            Path backup = STACK.workDir().resolve("backup");
            PostgresCrashes.stopImmediately(dataDir);
            copy(dataDir, backup);
            PostgresCrashes.start(dataDir);

            // What the restore loses: 50 updates, 10 deletes, 20 inserts, all in the lake.
            sql(
                    "UPDATE accounts SET balance = 0 WHERE id BETWEEN 101 AND 150",
                    "DELETE FROM accounts WHERE id > 190",
                    "INSERT INTO accounts SELECT i, 'lost ' || i, 1 FROM generate_series(1001,"
                            + " 1020) i");
            awaitVerified("postgres");

            // Step 1: the old connector goes before the restored database takes connections.
            assertThat(
                            new ConnectorRegistrar(STACK.stack().connect().restUrl())
                                    .delete(OLD_CONNECTOR))
                    .isTrue();
            PostgresCrashes.stopImmediately(dataDir);
            replace(dataDir, backup);
            PostgresCrashes.start(dataDir);
            // The deleted connector's task stops in the background; until it has, it may still
            // hold the slot.
            await().alias("no one holds the copied slot")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !slotActive("cdc_lake"));
            sql("SELECT pg_drop_replication_slot('cdc_lake')");

            // Step 2: the restored database as a new source, with a slot of its own.
            CommandRun restored =
                    cdcLake(
                            "register",
                            "--connect-url",
                            connectUrl(),
                            "--name",
                            "cdc-lake-postgres-r2",
                            "--set",
                            "topic.prefix=postgres_r2",
                            "--set",
                            "slot.name=cdc_lake_r2",
                            "--set",
                            "table.include.list=public.accounts",
                            "--timeout",
                            "2m");
            assertThat(restored.code()).as(restored.all()).isZero();
            sql(
                    "UPDATE accounts SET owner = 'after the restore' WHERE id <= 30",
                    "INSERT INTO accounts SELECT i, 'new ' || i, 5 FROM generate_series(2001, 2015)"
                            + " i");

            // Step 3: the new source equals the restored database.
            CommandRun verified = awaitVerified("postgres_r2");
            assertThat(verified.out()).containsPattern("database: 215 rows");

            // The old source keeps the history up to the restore: what the restored database
            // lost is there, what it gained is not.
            CommandRun old =
                    commands().verify("--table", "public.accounts", "--source", "postgres");
            assertThat(old.code()).as(old.all()).isEqualTo(1);
            assertThat(old.out())
                    .containsPattern("missing from the lake:\\s+25")
                    .containsPattern("extra in the lake:\\s+20")
                    .containsPattern("rows with different values:\\s+80");

            CommandRun counts =
                    commands()
                            .query(
                                    "--sql",
                                    "SELECT (SELECT count(*) FROM postgres__public.accounts) AS"
                                            + " before_restore, (SELECT count(*) FROM"
                                            + " postgres_r2__public.accounts) AS after_restore");
            assertThat(counts.code()).as(counts.all()).isZero();
            assertThat(counts.out()).containsPattern("210\\s+215");
        } finally {
            job.cancel().get();
        }
    }

    /** {@code verify --source SOURCE} until it reports a match; its last run. */
    private static CommandRun awaitVerified(String source) {
        AtomicReference<CommandRun> last = new AtomicReference<>();
        await().alias("verify --source " + source + " reports a match (last output in the log)")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .conditionEvaluationListener(
                        c -> {
                            if (c.isSatisfied() || c.getRemainingTimeInMS() <= 0) {
                                System.out.println(last.get() == null ? "" : last.get().all());
                            }
                        })
                .until(
                        () -> {
                            last.set(
                                    commands()
                                            .verify(
                                                    "--table",
                                                    "public.accounts",
                                                    "--source",
                                                    source));
                            return last.get().code() == 0;
                        });
        return last.get();
    }

    private static boolean slotActive(String slot) throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement();
                var rs =
                        st.executeQuery(
                                "SELECT active FROM pg_replication_slots WHERE slot_name = '"
                                        + slot
                                        + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void sql(String... statements) throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    /** A copy with owners and modes kept: PostgreSQL refuses a data directory others can read. */
    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        run("cp", "-a", from.toString(), to.toString());
        Files.deleteIfExists(to.resolve("postmaster.pid"));
    }

    private static void replace(Path dataDir, Path backup)
            throws IOException, InterruptedException {
        run("rm", "-rf", dataDir.toString());
        copy(backup, dataDir);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    private static StackCommands commands() {
        return STACK.commands(LAKE_PATH);
    }

    private static String connectUrl() {
        return STACK.stack().connect().restUrl().toString();
    }

    private static CommandRun cdcLake(String... args) {
        return CommandRun.of(STACK.stack(), args);
    }
}
