package io.cdclake.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.job.decode.TableId;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.stack.PostgresService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verify against lakes written from real Debezium records: the fixtures the job's tests use
 * ({@code flink-job/src/test/resources/debezium}, captured from Debezium 3.4 on PostgreSQL 17),
 * decoded and written by the job's own code, compared with a PostgreSQL that ran the same SQL as
 * the capture. Every type family compares equal, precision lost by {@code
 * decimal.handling.mode=double} is found, and truncates, key changes, full before images and
 * TOASTed values that Debezium could not read replay to the table's state.
 */
class DebeziumRecordsITCase {

    /**
     * The SQL of the capture ({@code local-stack/src/test/java/io/cdclake/stack/DebeziumFixtureCapture.java}),
     * which the fixtures' values come from; it must stay equal to it.
     */
    private static final String CAPTURE_SCHEMA = """
            CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');

            CREATE TABLE numeric_types (id int PRIMARY KEY, c_smallint smallint, c_int int, c_bigint bigint,
                c_real real, c_double double precision, c_numeric numeric(10,2), c_numeric_var numeric, c_bool boolean);
            INSERT INTO numeric_types VALUES
                (1, 42, 123456, 9876543210, 3.5, 2.718281828459045, 12345.67, 3.14159265358979323846, true),
                (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (3, -32768, -2147483648, 9223372036854775807, -1.5e-10, 1.7976931348623157e308, -99999999.99,
                    -0.000000000000000000001, false);

            CREATE TABLE text_types (id int PRIMARY KEY, c_text text, c_varchar varchar(20), c_char char(5),
                c_uuid uuid, c_enum mood);
            INSERT INTO text_types VALUES
                (1, 'hello', 'varchar value', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy'),
                (2, NULL, NULL, NULL, NULL, NULL),
                (3, E'line1\\nline2 "quoted" \\\\ backslash, comma; \\u00fcn\\u00efc\\u00f6d\\u00e9 \\U0001F600', '', '',
                    '00000000-0000-0000-0000-000000000000', 'sad');

            CREATE TABLE temporal_types (id int PRIMARY KEY, c_date date, c_time time, c_time3 time(3), c_time6 time(6),
                c_ts3 timestamp(3), c_ts6 timestamp(6), c_tstz timestamptz, c_timetz timetz, c_interval interval);
            INSERT INTO temporal_types VALUES
                (1, '2024-02-29', '13:45:30', '13:45:30.123', '13:45:30.123456', '2024-02-29 13:45:30.123',
                    '2024-02-29 13:45:30.123456', '2024-02-29 13:45:30.123456+02', '13:45:30.123456+02',
                    '1 year 2 months 3 days 04:05:06.789'),
                (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (3, '1969-07-20', '00:00:00', '23:59:59.999', '23:59:59.999999', '1900-01-01 00:00:00',
                    '1969-12-31 23:59:59.999999', '1969-12-31 23:59:59.999999+00', '00:00:00-05:30', '-1 days -00:00:01');

            CREATE TABLE json_types (id int PRIMARY KEY, c_json json, c_jsonb jsonb);
            INSERT INTO json_types VALUES
                (1, '{"a": 1, "b": [true, null]}', '{"nested": {"k": "v"}, "n": 1.5}'),
                (2, NULL, NULL),
                (3, '[]', '"just a string"');

            CREATE TABLE binary_types (id int PRIMARY KEY, c_bit bit(4), c_varbit varbit, c_bytea bytea);
            INSERT INTO binary_types VALUES
                (1, B'1010', B'110011', '\\xdeadbeef'),
                (2, NULL, NULL, NULL),
                (3, B'0000', B'', '\\x');

            CREATE TABLE array_types (id int PRIMARY KEY, c_int_arr int[], c_text_arr text[]);
            INSERT INTO array_types VALUES
                (1, '{1,2,3}', '{"a","b c"}'),
                (2, NULL, NULL),
                (3, '{}', '{NULL,"with,comma","quote\\""}');

            CREATE TABLE ops_demo (id int PRIMARY KEY, name text, score int);
            INSERT INTO ops_demo VALUES (1, 'Ada', 10);

            CREATE TABLE ops_full (id int PRIMARY KEY, name text, score int);
            ALTER TABLE ops_full REPLICA IDENTITY FULL;
            INSERT INTO ops_full VALUES (1, 'Ada', 10);

            CREATE TABLE toast_demo (id int PRIMARY KEY, payload text, counter int);
            ALTER TABLE toast_demo ALTER COLUMN payload SET STORAGE EXTERNAL;
            """;

    private static final List<String> FAMILIES = List.of("numeric", "text", "temporal", "json", "binary", "array");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path workDir;
    private static PostgresService postgres;

    @BeforeAll
    static void replayTheCaptureInPostgres() throws Exception {
        workDir = Files.createTempDirectory("cdc-lake-verify-fixtures-it");
        postgres = PostgresService.start(workDir, 0);
        try (Connection c = postgres.connect()) {
            sql(c, CAPTURE_SCHEMA);
            // The capture copied rows 1-3 while streaming: ids + 100 with the production settings,
            // + 200 with decimal.handling.mode=double, + 300 with decimal.handling.mode=string.
            for (String family : FAMILIES) {
                copyRows(c, family + "_types", 100);
            }
            copyRows(c, "numeric_types", 200);
            copyRows(c, "numeric_types", 300);
            sql(c, "INSERT INTO ops_demo VALUES (2, 'Grace', 20)",
                    "UPDATE ops_demo SET score = 21 WHERE id = 2",
                    "DELETE FROM ops_demo WHERE id = 2",
                    "TRUNCATE ops_demo",
                    "INSERT INTO ops_demo VALUES (5, 'Edsger', 50)",
                    "UPDATE ops_demo SET id = 6 WHERE id = 5",
                    "UPDATE ops_full SET score = 11 WHERE id = 1",
                    "DELETE FROM ops_full WHERE id = 1");
            // The TOASTed text was random: take it from the record of its insert.
            String payload = JSON.readTree(fixture("toast").get(0).value).at("/payload/after/payload").asText();
            try (PreparedStatement st = c.prepareStatement("INSERT INTO toast_demo VALUES (1, ?, 0)")) {
                st.setString(1, payload);
                st.executeUpdate();
            }
            sql(c, "UPDATE toast_demo SET counter = counter + 1 WHERE id = 1");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        TestLake.deleteRecursively(workDir);
    }

    private static void sql(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static void copyRows(Connection c, String table, int idOffset) throws SQLException {
        sql(c, "CREATE TEMP TABLE rows_copy AS SELECT * FROM " + table + " WHERE id < 100",
                "UPDATE rows_copy SET id = id + " + idOffset,
                "INSERT INTO " + table + " SELECT * FROM rows_copy",
                "DROP TABLE rows_copy");
    }

    /** A fixture's records on the table's topic; {@code null} lines are tombstones. */
    private static List<KafkaChange> fixture(String name) throws IOException {
        return fixture(name, 0);
    }

    private static List<KafkaChange> fixture(String name, long firstOffset) throws IOException {
        try (InputStream in = DebeziumRecordsITCase.class.getResourceAsStream("/debezium/" + name + ".jsonl")) {
            assertThat(in).as("fixture %s on the test classpath (flink-job's test-jar)", name).isNotNull();
            List<KafkaChange> changes = new ArrayList<>();
            long offset = firstOffset;
            String topic = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (topic == null && !line.equals("null")) {
                    var source = JSON.readTree(line).at("/payload/source");
                    topic = "postgres." + source.path("schema").asText() + "." + source.path("table").asText();
                }
                changes.add(new KafkaChange(topic, 0, offset++, line.equals("null") ? null : line.getBytes(StandardCharsets.UTF_8)));
            }
            return changes;
        }
    }

    private static VerifyReport verify(String table, String... fixtures) throws Exception {
        TestLake lake = new TestLake(workDir.resolve("lake-" + table + "-" + fixtures.length));
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
        // precise (ids 1-3, 101-103), then double (1-3 again, 201-203), then string (1-3 again, 301-303)
        VerifyReport report = verify("numeric_types", "numeric", "numeric-decimal-double", "numeric-decimal-string");
        assertThat(report.databaseRows()).isEqualTo(12);
        assertThat(report.lakeFiles()).isGreaterThanOrEqualTo(3);
        assertThat(report.missingRows() + report.extraRows() + report.duplicateEvents()).as(report.render()).isZero();
        // 3.14159265358979323846 as a double is 3.141592653589793: the lake does not hold the table's value.
        assertThat(report.differingRows()).as(report.render()).isEqualTo(1);
        assertThat(report.differenceExamples()).containsExactly(new VerifyReport.ValueDifference(
                "id=201", "c_numeric_var", "3.141592653589793", "3.14159265358979323846"));
    }

    @Test
    void insertsUpdatesDeletesTruncatesAndKeyChangesReplay() throws Exception {
        // r 1, c 2, u 2, d 2, tombstone, t; c 5, d 5, tombstone, c 6
        VerifyReport ops = verify("ops_demo", "ops", "ops-pk-change");
        assertThat(ops.matches()).as(ops.render()).isTrue();
        assertThat(ops.lakeRowsByOp()).isEqualTo(Map.of("r", 1L, "c", 3L, "u", 1L, "d", 2L, "t", 1L));
        assertThat(ops.databaseRows()).isEqualTo(1);

        // REPLICA IDENTITY FULL: updates carry both images
        VerifyReport full = verify("ops_full", "ops-replica-identity-full");
        assertThat(full.matches()).as(full.render()).isTrue();
        assertThat(full.lakeRowsByOp()).isEqualTo(Map.of("r", 1L, "c", 0L, "u", 2L, "d", 1L, "t", 0L));
        assertThat(full.databaseRows()).isZero();
    }

    @Test
    void aToastedValueDebeziumCouldNotReadKeepsItsValue() throws Exception {
        VerifyReport report = verify("toast_demo", "toast");
        assertThat(report.matches()).as(report.render()).isTrue();
        List<LakeRecord> rows = new LakeTableReader(workDir.resolve("lake-toast_demo-1").toUri().toString(),
                new TableId("public", "toast_demo")).read();
        assertThat(rows).extracting(LakeRecord::op).containsExactly("c", "u");
        assertThat(rows.get(1).unavailableColumns()).containsExactly("payload");
        assertThat(rows.get(1).get("payload")).isNull();
    }
}
