package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code ./cdc-lake compact} on the embedded pipeline while the job writes: a table with a key and
 * a table without one (identical rows, COPY) compacted into their Iceberg current-state tables;
 * more changes; {@code query} with the catalog answers from the state and the part files written
 * since, as without it and as the database; a second {@code compact} reads only the new part files.
 * {@code verify} from the states reads only the part files written since and the findings compact
 * recorded checking the files it covered: a CSV file that differs from its Parquet rows, and a
 * change written twice.
 */
class CompactCommandITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("compact");

    private static final String LAKE_PATH = "compact";

    @Test
    void compactedTablesAnswerQueriesAsTheDatabaseDoes() throws Exception {
        sql(
                "CREATE TABLE items (id int PRIMARY KEY, name text, qty int)",
                "INSERT INTO items SELECT i, 'item ' || i, i % 7 FROM generate_series(1, 300) i",
                "CREATE TABLE tags (tag text, weight int)",
                "ALTER TABLE tags REPLICA IDENTITY FULL",
                "INSERT INTO tags SELECT 'same', 1 FROM generate_series(1, 20)");
        CommandRun registered =
                CommandRun.of(
                        STACK.stack(),
                        "register",
                        "--connect-url",
                        STACK.stack().connect().restUrl().toString(),
                        "--set",
                        "table.include.list=public.items,public.tags",
                        "--timeout",
                        "2m");
        assertThat(registered.code()).as(registered.all()).isZero();
        JobClient job = STACK.startJob(LAKE_PATH);
        try {
            sql(
                    "UPDATE items SET qty = qty + 100 WHERE id <= 40",
                    "DELETE FROM items WHERE id > 290",
                    "DELETE FROM tags WHERE ctid IN (SELECT ctid FROM tags LIMIT 5)");
            awaitVerified("public.items");
            awaitVerified("public.tags");

            CommandRun first = commands().compact();
            assertThat(first.code()).as(first.all()).isZero();
            assertThat(first.out())
                    .containsPattern(
                            "cdc_lake\\.postgres\\.public\\.items: \\d+ new part files, 290 rows")
                    .containsPattern(
                            "cdc_lake\\.postgres\\.public\\.tags: \\d+ new part files, 15 rows");

            sql(
                    "UPDATE items SET name = 'renamed' WHERE id BETWEEN 100 AND 120",
                    "INSERT INTO items VALUES (1000, 'late', 5)",
                    "DELETE FROM tags WHERE ctid IN (SELECT ctid FROM tags LIMIT 3)",
                    "COPY tags FROM PROGRAM 'printf \"same\\t1\\nsame\\t1\\nother\\t2\\n\"'");
            awaitVerified("public.items");
            awaitVerified("public.tags");

            String statement =
                    "SELECT (SELECT count(*) FROM public.items) AS items, (SELECT sum(qty) FROM"
                        + " public.items) AS qty, (SELECT count(*) FROM public.items WHERE name ="
                        + " 'renamed') AS renamed, (SELECT count(*) FROM public.tags) AS tags,"
                        + " (SELECT count(*) FROM public.tags WHERE tag = 'same') AS same";
            String expected = database(statement);
            CommandRun fromState = commands().queryStates("--sql", statement);
            assertThat(fromState.code()).as(fromState.all()).isZero();
            assertThat(fromState.out()).containsPattern(expected);
            CommandRun fromChanges = commands().query("--sql", statement);
            assertThat(fromChanges.out()).containsPattern(expected);

            CommandRun second = commands().compact("--table", "items");
            assertThat(second.code()).as(second.all()).isZero();
            assertThat(second.out())
                    .containsPattern("public\\.items: \\d+ new part files, 291 rows")
                    .doesNotContain("public.tags")
                    .doesNotContain("replayed from every part file");
            CommandRun listing = commands().queryStates();
            assertThat(listing.out())
                    .containsPattern("public\\.items\\s+postgres\\s+291\\s.*state \\+ 0 part files")
                    .containsPattern(
                            "public\\.tags\\s+postgres\\s+15\\s.*state \\+ [1-9]\\d* part files?");
            CommandRun third = commands().compact("--table", "items");
            assertThat(third.out()).contains("public.items: up to date");
            CommandRun again = commands().queryStates("--sql", statement);
            assertThat(again.out()).containsPattern(expected);

            // verify from the states: the part files they cover were checked by compact.
            CommandRun items = commands().verifyStates("--table", "public.items");
            assertThat(items.code()).as(items.all()).isZero();
            assertThat(items.out())
                    .contains("state:    cdc_lake.postgres.public.items snapshot")
                    .containsPattern("lake: +0 files since the state, 0 change rows");
            CommandRun tags = commands().verifyStates("--table", "public.tags");
            assertThat(tags.code()).as(tags.all()).isZero();
            assertThat(tags.out()).contains("state:    cdc_lake.postgres.public.tags snapshot");

            // Retention: today's day folder of items, all covered and checked, goes; the state
            // and what follows stay readable; readers of every part file refuse the table.
            String itemsStatement = "SELECT count(*), sum(qty) FROM public.items";
            String itemsExpected = database(itemsStatement);
            String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
            CommandRun dry =
                    commands().expire("--table", "items", "--before", tomorrow, "--dry-run");
            assertThat(dry.code()).as(dry.all()).isZero();
            assertThat(dry.out()).containsPattern("public\\.items.*: would remove 1 day folder");
            CommandRun expired = commands().expire("--table", "items", "--before", tomorrow);
            assertThat(expired.code()).as(expired.all()).isZero();
            assertThat(expired.out())
                    .containsPattern(
                            "public\\.items.*: removed 1 day folder \\(\\d{4}-\\d\\d-\\d\\d, \\d+"
                                    + " part files\\)")
                    .containsPattern("expired \\d+ snapshots?")
                    .contains("--as-of reads from ");
            CommandRun afterExpire = commands().queryStates("--sql", itemsStatement);
            assertThat(afterExpire.code()).as(afterExpire.all()).isZero();
            assertThat(afterExpire.out()).containsPattern(itemsExpected);
            CommandRun refused = commands().query("--sql", itemsStatement);
            assertThat(refused.code()).as(refused.all()).isNotZero();
            assertThat(refused.err()).contains("were expired (./cdc-lake expire)");
            CommandRun tooEarly =
                    commands().queryStates("--as-of", "2020-01-01", "--sql", itemsStatement);
            assertThat(tooEarly.code()).as(tooEarly.all()).isNotZero();
            assertThat(tooEarly.err()).contains("were expired");
            CommandRun fullVerify = commands().verify("--table", "public.items");
            assertThat(fullVerify.code()).as(fullVerify.all()).isNotZero();
            assertThat(fullVerify.err()).contains("were expired");
            CommandRun stateVerify = commands().verifyStates("--table", "public.items");
            assertThat(stateVerify.code()).as(stateVerify.all()).isZero();

            // A CSV file that differs from its Parquet rows is not covered by compact's check:
            // verify from the state compares it again, and says so.
            sql("UPDATE items SET qty = 4242 WHERE id = 7");
            awaitVerifiedFromState("public.items");
            S3Client s3 = StackLake.access(STACK.stack().s3()).client();
            String bucket = STACK.stack().s3().bucket();
            String csv = newestPart(s3, bucket, LAKE_PATH + "/csv/postgres/public.items/");
            String text = s3.getObjectAsBytes(b -> b.bucket(bucket).key(csv)).asUtf8String();
            assertThat(text).contains("4242");
            s3.putObject(
                    b -> b.bucket(bucket).key(csv),
                    RequestBody.fromString(text.replace("4242", "4243")));
            CommandRun checked = commands().compact("--table", "items");
            assertThat(checked.code()).as(checked.all()).isZero();
            CommandRun differs = commands().verifyStates("--table", "public.items");
            assertThat(differs.code()).as(differs.all()).isEqualTo(1);
            assertThat(differs.out())
                    .contains("state:    cdc_lake.postgres.public.items snapshot")
                    .contains("Parquet 4242, CSV 4243")
                    .contains("MISMATCH");

            // A change written twice into files compact covers: compact finds it, verify reports
            // it from the state without reading those files.
            sql("DELETE FROM tags WHERE tag = 'other'");
            awaitVerified("public.tags");
            String parquet = newestPart(s3, bucket, LAKE_PATH + "/parquet/postgres/public.tags/");
            String copy = parquet.replaceAll("/part-([^/]*)$", "/part-copy-$1");
            s3.copyObject(
                    b ->
                            b.sourceBucket(bucket)
                                    .sourceKey(parquet)
                                    .destinationBucket(bucket)
                                    .destinationKey(copy));
            CommandRun twice = commands().compact("--table", "tags");
            assertThat(twice.code()).as(twice.all()).isZero();
            assertThat(twice.out())
                    .containsPattern(
                            "public\\.tags: .*; checks found [1-9]\\d* change rows written more"
                                    + " than once");
            CommandRun duplicated = commands().verifyStates("--table", "public.tags");
            assertThat(duplicated.code()).as(duplicated.all()).isEqualTo(1);
            assertThat(duplicated.out())
                    .contains("state:    cdc_lake.postgres.public.tags snapshot")
                    .containsPattern("compact found, written 2 times: .*part-copy-")
                    .contains("MISMATCH");
        } finally {
            job.cancel().get();
        }
    }

    /** The key of the part file under {@code prefix} written last. */
    private static String newestPart(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> !o.key().substring(o.key().lastIndexOf('/') + 1).startsWith("."))
                .max(Comparator.comparing(S3Object::lastModified).thenComparing(S3Object::key))
                .orElseThrow()
                .key();
    }

    /** The statement's one row in the database, as a pattern of the values query prints. */
    private static String database(String statement) throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(statement)) {
            rs.next();
            StringBuilder pattern = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                pattern.append(i > 1 ? "\\s+" : "").append(rs.getString(i));
            }
            return pattern.toString();
        }
    }

    private static void awaitVerified(String table) {
        AtomicReference<CommandRun> last = new AtomicReference<>();
        await().alias("verify " + table + " reports a match")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            last.set(commands().verify("--table", table));
                            return last.get().code() == 0;
                        });
    }

    private static void awaitVerifiedFromState(String table) {
        await().alias("verify " + table + " from its state reports a match")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> commands().verifyStates("--table", table).code() == 0);
    }

    private static StackCommands commands() {
        return STACK.commands(LAKE_PATH);
    }

    private static void sql(String... statements) throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }
}
