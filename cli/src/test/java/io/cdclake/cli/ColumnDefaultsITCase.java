package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.TableId;
import io.cdclake.format.TableMetadata;
import io.cdclake.job.testing.LakeFiles;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Columns added with a default to a table holding rows, through the whole chain. PostgreSQL fills
 * the default into the existing rows without writing them to the WAL, so no change event carries
 * it: only the table metadata in the Parquet files' footers does, next to the table's key, and
 * {@code verify}'s replay fills the rows that did not change since from it.
 */
class ColumnDefaultsITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("defaults");

    private static final TableId ACCOUNTS = new TableId("public", "accounts");

    /** The result of {@code ./cdc-lake query --sql ...}, exported as CSV lines. */
    private static List<String> queryCsv(String lakeRoot, String sql) throws Exception {
        Path output = Files.createTempFile(STACK.workDir(), "query-", ".csv");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int code =
                Main.run(
                        new String[] {
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
                            output.toString()
                        },
                        out,
                        out,
                        Map.of(
                                "AWS_ACCESS_KEY_ID", STACK.stack().s3().accessKey(),
                                "AWS_SECRET_ACCESS_KEY", STACK.stack().s3().secretKey()));
        assertThat(code).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        return Files.readAllLines(output);
    }

    @Test
    void partFilesAfterTheAlterCarryTheDefaultsAndTheKey() throws Exception {
        sql(
                "CREATE TABLE accounts (id int PRIMARY KEY, name text)",
                "ALTER TABLE accounts REPLICA IDENTITY FULL",
                "INSERT INTO accounts VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')");
        new ConnectorRegistrar(STACK.stack().connect().restUrl())
                .register(
                        ConnectorConfig.load()
                                .withName("cdc-lake-accounts")
                                .with("topic.prefix", "defaults")
                                .with("slot.name", "cdc_lake_accounts")
                                .with("publication.name", "cdc_lake_accounts")
                                .with("table.include.list", "public.accounts"),
                        Duration.ofMinutes(2));
        String lakeRoot = STACK.lakeRoot("defaults");
        JobClient job =
                STACK.startJob("defaults", "kafka.topic-pattern", "defaults\\.public\\.accounts");
        try {
            awaitRows(lakeRoot, "r", 3);
            sql(
                    "ALTER TABLE accounts ADD COLUMN status text DEFAULT 'x'",
                    "ALTER TABLE accounts ADD COLUMN credit numeric(10,2) DEFAULT 12.5",
                    "UPDATE accounts SET name = 'Ada L.' WHERE id = 1",
                    "INSERT INTO accounts (id, name) VALUES (4, 'Barbara')");
            awaitRows(lakeRoot, "c", 1);
            awaitRows(lakeRoot, "u", 2);
            // Rows 2 and 3 never changed after the ALTER: they hold 'x' and 12.50 in PostgreSQL
            // and are in files without the columns, so only the recorded defaults can fill them.
            try (Connection db = STACK.stack().postgres().connect()) {
                VerifyReport report =
                        new LakeVerifier(lakeRoot)
                                .tempDir(STACK.workDir())
                                .s3(StackLake.access(STACK.stack().s3()))
                                .verify(db, ACCOUNTS);
                assertThat(report.matches()).as(report.render()).isTrue();
                assertThat(report.databaseRows()).isEqualTo(4);
            }
            // The current-state view users query shows the defaults too.
            assertThat(
                            queryCsv(
                                    lakeRoot,
                                    "SELECT id, name, status, credit FROM public.accounts ORDER BY"
                                            + " id"))
                    .containsExactly(
                            "id,name,status,credit",
                            "1,Ada L.,x,12.50",
                            "2,Grace,x,12.50",
                            "3,Edsger,x,12.50",
                            "4,Barbara,x,12.50");
        } finally {
            job.cancel().get();
        }

        List<TableMetadata> beforeAlter = new ArrayList<>();
        List<TableMetadata> afterAlter = new ArrayList<>();
        for (var file :
                LakeFiles.committed(lakeRoot + "/parquet/defaults/public.accounts", ".parquet")) {
            TableMetadata metadata = LakeFiles.tableMetadata(file).orElseThrow();
            boolean hasStatus = LakeFiles.readParquet(file).schema().containsField("status");
            (hasStatus ? afterAlter : beforeAlter).add(metadata);
        }
        assertThat(beforeAlter).isNotEmpty();
        assertThat(afterAlter).isNotEmpty();
        assertThat(beforeAlter)
                .allSatisfy(
                        metadata -> {
                            assertThat(metadata.keyColumns()).containsExactly("id");
                            assertThat(metadata.defaults()).isEmpty();
                        });
        assertThat(afterAlter)
                .allSatisfy(
                        metadata -> {
                            assertThat(metadata.keyColumns()).containsExactly("id");
                            assertThat(metadata.defaults())
                                    .containsExactly(
                                            Map.entry("status", "x"), Map.entry("credit", "12.50"));
                            assertThat(metadata.schemaVersion())
                                    .isNotEqualTo(beforeAlter.get(0).schemaVersion());
                        });
    }

    private static void sql(String... statements) throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static void awaitRows(String lakeRoot, String op, long rows) {
        await().alias("the lake reaches " + rows + " '" + op + "' rows of " + ACCOUNTS)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> StackLake.reader(STACK.stack().s3(), lakeRoot, ACCOUNTS).rowsByOp(),
                        byOp -> byOp.getOrDefault(op, 0L) >= rows);
    }
}
