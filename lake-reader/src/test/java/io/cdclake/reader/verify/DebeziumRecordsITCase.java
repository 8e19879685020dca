package io.cdclake.reader.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.TableId;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.JobWrittenLake;
import io.cdclake.stack.PostgresService;
import io.cdclake.stack.testing.StackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verify against lakes written from real Debezium records: the fixtures the job's tests use ({@code
 * flink-job/src/test/resources/debezium}, captured from Debezium 3.4 on PostgreSQL 17), decoded and
 * written by the job's own code, compared with a PostgreSQL that ran the same SQL as the capture.
 * Every type family compares equal, precision lost by {@code decimal.handling.mode=double} is
 * found, and truncates, key changes, full before images and TOASTed values that Debezium could not
 * read replay to the table's state.
 */
class DebeziumRecordsITCase {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("verify-fixtures", b -> b.postgres());

    /** The SQL the fixtures' values come from, shipped with them in flink-job's test jar. */
    private static String captureSchema() throws java.io.IOException {
        try (var in = DebeziumRecordsITCase.class.getResourceAsStream("/debezium/schema.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final List<String> FAMILIES =
            List.of("numeric", "text", "temporal", "json", "binary", "array");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresService postgres;

    @BeforeAll
    static void replayTheCaptureInPostgres() throws Exception {
        postgres = STACK.postgres();
        try (Connection c = postgres.connect()) {
            JobWrittenLake.sql(c, captureSchema());
            // The capture copied rows 1-3 while streaming: ids + 100 with the production settings,
            // + 200 with decimal.handling.mode=double, + 300 with decimal.handling.mode=string.
            for (String family : FAMILIES) {
                copyRows(c, family + "_types", 100);
            }
            copyRows(c, "numeric_types", 200);
            copyRows(c, "numeric_types", 300);
            JobWrittenLake.sql(
                    c,
                    "INSERT INTO ops_demo VALUES (2, 'Grace', 20)",
                    "UPDATE ops_demo SET score = 21 WHERE id = 2",
                    "DELETE FROM ops_demo WHERE id = 2",
                    "TRUNCATE ops_demo",
                    "INSERT INTO ops_demo VALUES (5, 'Edsger', 50)",
                    "UPDATE ops_demo SET id = 6 WHERE id = 5",
                    "UPDATE ops_full SET score = 11 WHERE id = 1",
                    "DELETE FROM ops_full WHERE id = 1");
            // The TOASTed text was random: take it from the record of its insert.
            String payload =
                    JSON.readTree(fixture("toast").get(0).value)
                            .at("/payload/after/payload")
                            .asText();
            try (PreparedStatement st =
                    c.prepareStatement("INSERT INTO toast_demo VALUES (1, ?, 0)")) {
                st.setString(1, payload);
                st.executeUpdate();
            }
            JobWrittenLake.sql(c, "UPDATE toast_demo SET counter = counter + 1 WHERE id = 1");
        }
    }

    private static void copyRows(Connection c, String table, int idOffset) throws SQLException {
        JobWrittenLake.sql(
                c,
                "CREATE TEMP TABLE rows_copy AS SELECT * FROM " + table + " WHERE id < 100",
                "UPDATE rows_copy SET id = id + " + idOffset,
                "INSERT INTO " + table + " SELECT * FROM rows_copy",
                "DROP TABLE rows_copy");
    }

    /** A fixture's records on the table's topic; {@code null} lines are tombstones. */
    private static List<KafkaChange> fixture(String name) throws IOException {
        return fixture(name, 0);
    }

    private static List<KafkaChange> fixture(String name, long firstOffset) throws IOException {
        try (InputStream in =
                DebeziumRecordsITCase.class.getResourceAsStream("/debezium/" + name + ".jsonl")) {
            assertThat(in)
                    .as("fixture %s on the test classpath (flink-job's test-jar)", name)
                    .isNotNull();
            List<KafkaChange> changes = new ArrayList<>();
            long offset = firstOffset;
            String topic = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (topic == null && !line.equals("null")) {
                    var source = JSON.readTree(line).at("/payload/source");
                    topic =
                            "postgres."
                                    + source.path("schema").asText()
                                    + "."
                                    + source.path("table").asText();
                }
                changes.add(
                        new KafkaChange(
                                topic,
                                0,
                                offset++,
                                line.equals("null")
                                        ? null
                                        : line.getBytes(StandardCharsets.UTF_8)));
            }
            return changes;
        }
    }

    private static VerifyReport verify(String table, String... fixtures) throws Exception {
        JobWrittenLake lake =
                new JobWrittenLake(
                        STACK.workDir().resolve("lake-" + table + "-" + fixtures.length));
        long offset = 0;
        for (String name : fixtures) {
            lake.write(fixture(name, offset));
            offset += 1000;
        }
        try (Connection c = postgres.connect()) {
            return new LakeVerifier(lake.root()).verify(c, new TableId("public", table));
        }
    }

    @Test
    void everyTypeFamilyComparesEqual() throws Exception {
        for (String family : List.of("text", "temporal", "json", "binary", "array")) {
            VerifyReport report = verify(family + "_types", family);
            assertThat(report.matches()).as(report.render()).isTrue();
            assertThat(report.databaseRows()).isEqualTo(6);
            assertThat(report.lakeRowsByOp()).containsEntry("r", 3L).containsEntry("c", 3L);
        }
    }

    @Test
    void numericsInEveryDecimalModeAndThePrecisionDoubleLoses() throws Exception {
        // precise (ids 1-3, 101-103), then double (1-3 again, 201-203), then string (1-3 again,
        // 301-303)
        VerifyReport report =
                verify(
                        "numeric_types",
                        "numeric",
                        "numeric-decimal-double",
                        "numeric-decimal-string");
        assertThat(report.databaseRows()).isEqualTo(12);
        assertThat(report.lakeFiles()).isGreaterThanOrEqualTo(3);
        assertThat(report.missingRows() + report.extraRows() + report.duplicateEvents())
                .as(report.render())
                .isZero();
        // 3.14159265358979323846 as a double is 3.141592653589793: the lake does not hold the
        // table's value.
        assertThat(report.differingRows()).as(report.render()).isEqualTo(1);
        assertThat(report.differenceExamples())
                .containsExactly(
                        new VerifyReport.ValueDifference(
                                "id=201",
                                "c_numeric_var",
                                "3.141592653589793",
                                "3.14159265358979323846"));
    }

    @Test
    void insertsUpdatesDeletesTruncatesAndKeyChangesReplay() throws Exception {
        // r 1, c 2, u 2, d 2, tombstone, t; c 5, d 5, tombstone, c 6
        VerifyReport ops = verify("ops_demo", "ops", "ops-pk-change");
        assertThat(ops.matches()).as(ops.render()).isTrue();
        assertThat(ops.lakeRowsByOp())
                .isEqualTo(Map.of("r", 1L, "c", 3L, "u", 1L, "d", 2L, "t", 1L));
        assertThat(ops.databaseRows()).isEqualTo(1);

        // REPLICA IDENTITY FULL: updates carry both images
        VerifyReport full = verify("ops_full", "ops-replica-identity-full");
        assertThat(full.matches()).as(full.render()).isTrue();
        assertThat(full.lakeRowsByOp())
                .isEqualTo(Map.of("r", 1L, "c", 0L, "u", 2L, "d", 1L, "t", 0L));
        assertThat(full.databaseRows()).isZero();
    }

    @Test
    void aToastedValueDebeziumCouldNotReadKeepsItsValue() throws Exception {
        VerifyReport report = verify("toast_demo", "toast");
        assertThat(report.matches()).as(report.render()).isTrue();
        List<LakeRecord> rows =
                new LakeTableReader(
                                STACK.workDir().resolve("lake-toast_demo-1").toUri().toString(),
                                new TableId("public", "toast_demo"))
                        .read();
        assertThat(rows).extracting(LakeRecord::op).containsExactly("c", "u");
        assertThat(rows.get(1).unavailableColumns()).containsExactly("payload");
        assertThat(rows.get(1).get("payload")).isNull();
    }
}
