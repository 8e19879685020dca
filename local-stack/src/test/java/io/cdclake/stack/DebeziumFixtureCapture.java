package io.cdclake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures real Debezium records (one JSON value per line, keys in a sibling file) as fixtures for
 * the Flink job's unit tests. Runs only on demand:
 *
 * <pre>
 * mvn -o -pl local-stack verify -Dit.test=DebeziumFixtureCapture \
 *     -Dcdclake.fixtures.dir=../flink-job/src/test/resources/debezium
 * </pre>
 *
 * <p>Every run registers the project's own connector JSON ({@code cdclake.connector.json}, default
 * {@code ../connector-config/postgres-connector.json}) with a few overrides, so the fixtures show
 * what production emits.
 */
@EnabledIfSystemProperty(named = "cdclake.fixtures.dir", matches = ".+")
class DebeziumFixtureCapture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PREFIX = "postgres";

    /** Tables of one type family each; rows 1 (typical), 2 (all NULL) and 3 (edge values). */
    private static final List<String> FAMILIES =
            List.of("numeric", "text", "temporal", "json", "binary", "array");

    /**
     * The fixtures' tables and rows; next to the fixtures, which the verifier tests replay against
     * it.
     */
    private static final String SCHEMA_FILE = "schema.sql";

    @TempDir Path workDir;

    private LocalStack stack;
    private TopicReader reader;
    private final Map<String, String> connectorTemplate = new LinkedHashMap<>();
    private Path out;

    @Test
    void capture() throws Exception {
        out = Path.of(System.getProperty("cdclake.fixtures.dir")).toAbsolutePath().normalize();
        Files.createDirectories(out);
        loadConnectorTemplate();
        try (LocalStack s = LocalStack.builder(workDir).postgres().connect().start();
                TopicReader r = new TopicReader(s.kafka().bootstrapServers())) {
            stack = s;
            reader = r;
            if ("column-defaults".equals(System.getProperty("cdclake.fixtures.only"))) {
                // The other fixtures stay as they are (a full run changes their timestamps).
                captureColumnDefaults();
                return;
            }
            sql(Files.readString(out.resolve(SCHEMA_FILE)));
            captureDefaults();
            captureFamilyVariant(
                    "numeric-decimal-double",
                    "numeric",
                    200,
                    Map.of("decimal.handling.mode", "double"));
            captureFamilyVariant(
                    "numeric-decimal-string",
                    "numeric",
                    300,
                    Map.of("decimal.handling.mode", "string"));
            captureFamilyVariant(
                    "temporal-time-connect",
                    "temporal",
                    200,
                    Map.of("time.precision.mode", "connect"));
            captureTransactionMetadata();
            captureColumnDefaults();
        }
    }

    /**
     * Columns added with a default to a table holding rows: PostgreSQL fills the default into the
     * existing rows without writing WAL, so only the schema's {@code default} carries it. Then an
     * update of an old row and an insert, and an insert into a table without a primary key (null
     * Kafka key).
     */
    private void captureColumnDefaults() throws Exception {
        sql(
                "CREATE TABLE defaults_demo (id int PRIMARY KEY, name text)",
                "INSERT INTO defaults_demo VALUES (1, 'Ada'), (2, 'Grace')",
                "CREATE TABLE defaults_nokey (name text, n int DEFAULT 5)",
                "INSERT INTO defaults_nokey VALUES ('Ada', 1)");
        Map<String, Long> marks = marks("defaults_demo", "defaults_nokey");
        String run =
                startConnector(
                        "fixtures-column-defaults",
                        Map.of("table.include.list", "public.defaults_demo,public.defaults_nokey"));
        readUntil("defaults_demo", marks, ops("r", 2));
        readUntil("defaults_nokey", marks, ops("r", 1));
        sql(
                "ALTER TABLE defaults_demo"
                        + " ADD COLUMN c_text text DEFAULT 'x',"
                        + " ADD COLUMN c_quoted varchar(20) DEFAULT 'it''s, \"quoted\"',"
                        + " ADD COLUMN c_int int DEFAULT 7,"
                        + " ADD COLUMN c_bigint bigint DEFAULT -9007199254740993,"
                        + " ADD COLUMN c_double double precision DEFAULT 2.5,"
                        + " ADD COLUMN c_numeric numeric(10,2) DEFAULT 12.5,"
                        + " ADD COLUMN c_numeric_var numeric DEFAULT 3.14159,"
                        + " ADD COLUMN c_bool boolean DEFAULT true,"
                        + " ADD COLUMN c_date date DEFAULT '2024-02-29',"
                        + " ADD COLUMN c_time time DEFAULT '13:45:30.5',"
                        + " ADD COLUMN c_ts timestamp DEFAULT '2024-02-29 13:45:30.123456',"
                        + " ADD COLUMN c_tstz timestamptz DEFAULT '2024-02-29 13:45:30.123456+02',"
                        + " ADD COLUMN c_bytea bytea DEFAULT '\\xdeadbeef',"
                        + " ADD COLUMN c_int_arr int[] DEFAULT '{1,2}',"
                        + " ADD COLUMN c_null text DEFAULT NULL,"
                        + " ADD COLUMN c_expr text DEFAULT 'a' || 'b',"
                        + " ADD COLUMN c_now timestamptz DEFAULT now(),"
                        + " ADD COLUMN c_ts_now timestamp DEFAULT CURRENT_TIMESTAMP,"
                        + " ADD COLUMN c_random double precision DEFAULT random()",
                "UPDATE defaults_demo SET name = 'Ada L.' WHERE id = 1",
                "INSERT INTO defaults_demo (id, name) VALUES (3, 'Edsger')",
                "INSERT INTO defaults_nokey (name) VALUES ('Grace')");
        write("column-defaults", readUntil("defaults_demo", marks, ops("c", 1)));
        write("column-defaults-nokey", readUntil("defaults_nokey", marks, ops("c", 1)));
        stopConnector(run);
    }

    /**
     * The shipped connector settings plus truncate events and frequent heartbeats. (The committed
     * fixtures were captured when those settings still had decimals precise and no source types
     * propagated; a capture today has numerics as strings and the source types in the schema.)
     */
    private void captureDefaults() throws Exception {
        List<String> tables = new ArrayList<>();
        FAMILIES.forEach(f -> tables.add("public." + f + "_types"));
        tables.addAll(List.of("public.ops_demo", "public.ops_full", "public.toast_demo"));
        Map<String, Long> marks =
                marks(
                        "numeric_types",
                        "text_types",
                        "temporal_types",
                        "json_types",
                        "binary_types",
                        "array_types",
                        "ops_demo",
                        "ops_full",
                        "toast_demo");
        long messageMark = reader.endOffsets(List.of(PREFIX + ".message")).get(PREFIX + ".message");
        String heartbeatTopic = "__debezium-heartbeat." + PREFIX;
        long heartbeatMark = reader.endOffsets(List.of(heartbeatTopic)).get(heartbeatTopic);

        String run =
                startConnector(
                        "fixtures-default",
                        Map.of(
                                "table.include.list", String.join(",", tables),
                                "skipped.operations", "none",
                                "heartbeat.interval.ms", "1000"));
        for (String family : FAMILIES) {
            readUntil(family + "_types", marks, ops("r", 3));
        }
        readUntil("ops_demo", marks, ops("r", 1));
        readUntil("ops_full", marks, ops("r", 1));

        for (String family : FAMILIES) {
            sql(
                    "INSERT INTO "
                            + family
                            + "_types SELECT id + 100, "
                            + columnsAfterId(family + "_types")
                            + " FROM "
                            + family
                            + "_types WHERE id < 100 ORDER BY id");
        }
        // One transaction per statement, as separate clients would commit them.
        sql(
                "INSERT INTO ops_demo VALUES (2, 'Grace', 20)",
                "UPDATE ops_demo SET score = 21 WHERE id = 2",
                "DELETE FROM ops_demo WHERE id = 2",
                "TRUNCATE ops_demo",
                "INSERT INTO ops_demo VALUES (5, 'Edsger', 50)",
                "UPDATE ops_demo SET id = 6 WHERE id = 5",
                "UPDATE ops_full SET score = 11 WHERE id = 1",
                "DELETE FROM ops_full WHERE id = 1",
                "SELECT pg_logical_emit_message(true, 'cdc-lake', 'a transactional message')",
                "SELECT pg_logical_emit_message(false, 'cdc-lake', 'a non-transactional message')",
                // 12,800 random hex characters stored out of line and uncompressed: a TOASTed
                // value.
                "INSERT INTO toast_demo SELECT 1, string_agg(md5(random()::text), ''), 0 FROM"
                        + " generate_series(1, 400)",
                "UPDATE toast_demo SET counter = counter + 1 WHERE id = 1");

        for (String family : FAMILIES) {
            write(family, readUntil(family + "_types", marks, ops("c", 3)));
        }
        List<ConsumerRecord<String, String>> ops =
                readUntil("ops_demo", marks, r -> r.size() >= 10);
        // r, c, u, d, tombstone, t | c, then the primary key change: d, tombstone, c
        write("ops", ops.subList(0, 6));
        write("ops-pk-change", ops.subList(6, 10));
        write("ops-replica-identity-full", readUntil("ops_full", marks, r -> r.size() >= 4));
        write("toast", readUntil("toast_demo", marks, ops("u", 1)));
        write("message", reader.read(PREFIX + ".message", messageMark, 2, WAIT));
        write("heartbeat", reader.read(heartbeatTopic, heartbeatMark, 1, WAIT));
        stopConnector(run);

        assertThat(Files.readString(out.resolve("toast.jsonl")))
                .contains("__debezium_unavailable_value");
        assertThat(Files.readAllLines(out.resolve("ops.jsonl"))).contains("null");
    }

    /**
     * One family's table under other value-conversion settings: snapshot rows 1-3, then three
     * inserts.
     */
    private void captureFamilyVariant(
            String fixture, String family, int idOffset, Map<String, String> overrides)
            throws Exception {
        String table = family + "_types";
        Map<String, Long> marks = marks(table);
        int rows = rowCount(table);
        Map<String, String> config = new LinkedHashMap<>(overrides);
        config.put("table.include.list", "public." + table);
        String run = startConnector("fixtures-" + fixture, config);
        readUntil(table, marks, ops("r", rows));
        sql(
                "INSERT INTO "
                        + table
                        + " SELECT id + "
                        + idOffset
                        + ", "
                        + columnsAfterId(table)
                        + " FROM "
                        + table
                        + " WHERE id < 100 ORDER BY id");
        List<ConsumerRecord<String, String>> records = readUntil(table, marks, ops("c", 3));
        write(fixture, records.stream().filter(r -> !op(r).equals("r") || id(r) < 100).toList());
        stopConnector(run);
    }

    /**
     * BEGIN and END on the transaction topic, and the data events that carry the transaction block.
     */
    private void captureTransactionMetadata() throws Exception {
        String txTopic = PREFIX + ".transaction";
        Map<String, Long> marks = marks("ops_demo");
        long txMark = reader.endOffsets(List.of(txTopic)).get(txTopic);
        String run =
                startConnector(
                        "fixtures-transaction",
                        Map.of(
                                "table.include.list", "public.ops_demo",
                                "provide.transaction.metadata", "true"));
        readUntil("ops_demo", marks, ops("r", 1));
        try (Connection c = stack.postgres().connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO ops_demo VALUES (7, 'Barbara', 70)");
            s.execute("UPDATE ops_demo SET score = 71 WHERE id = 7");
            c.commit();
        }
        List<ConsumerRecord<String, String>> data = readUntil("ops_demo", marks, ops("u", 1));
        List<ConsumerRecord<String, String>> inTx =
                data.stream().filter(r -> !op(r).equals("r")).toList();
        String txId = JSON.readTree(inTx.get(0).value()).at("/payload/transaction/id").asText();
        assertThat(txId).isNotEmpty();
        // The id is "<xid>:<lsn>" and the LSN differs between BEGIN, the data events and END, so
        // only the xid part identifies the transaction.
        String xid = txId.substring(0, txId.indexOf(':') + 1);
        Predicate<ConsumerRecord<String, String>> ofTx =
                r -> {
                    try {
                        return JSON.readTree(r.value()).at("/payload/id").asText().startsWith(xid);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                };
        List<ConsumerRecord<String, String>> tx =
                reader.read(txTopic, txMark, r -> r.stream().filter(ofTx).count() >= 2, WAIT);
        write("transaction", tx.stream().filter(ofTx).toList());
        write("transaction-data-event", inTx);
        stopConnector(run);
    }

    private Map<String, Long> marks(String... tables) {
        List<String> topics = new ArrayList<>();
        for (String t : tables) {
            topics.add(topic(t));
        }
        return reader.endOffsets(topics);
    }

    private List<ConsumerRecord<String, String>> readUntil(
            String table,
            Map<String, Long> marks,
            Predicate<List<ConsumerRecord<String, String>>> done)
            throws InterruptedException {
        return reader.read(topic(table), marks.get(topic(table)), done, WAIT);
    }

    private static String topic(String table) {
        return PREFIX + ".public." + table;
    }

    private static Predicate<List<ConsumerRecord<String, String>>> ops(String op, int count) {
        return records -> records.stream().filter(r -> op.equals(op(r))).count() >= count;
    }

    private static String op(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return "tombstone";
        }
        try {
            return JSON.readTree(record.value()).at("/payload/op").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int id(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).at("/payload/after/id").asInt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes values to {@code name.jsonl} and keys to {@code name.keys.jsonl}; a null is written as
     * {@code null}.
     */
    private void write(String name, List<ConsumerRecord<String, String>> records)
            throws IOException {
        StringBuilder values = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (ConsumerRecord<String, String> r : records) {
            assertThat(r.value() == null || !r.value().contains("\n")).isTrue();
            values.append(r.value() == null ? "null" : r.value()).append('\n');
            keys.append(r.key() == null ? "null" : r.key()).append('\n');
        }
        Files.writeString(out.resolve(name + ".jsonl"), values);
        Files.writeString(out.resolve(name + ".keys.jsonl"), keys);
    }

    private void loadConnectorTemplate() throws IOException {
        Path file =
                Path.of(
                        System.getProperty(
                                "cdclake.connector.json",
                                "../connector-config/postgres-connector.json"));
        JsonNode config = JSON.readTree(file.toFile()).get("config");
        config.properties().forEach(e -> connectorTemplate.put(e.getKey(), e.getValue().asText()));
    }

    private String startConnector(String name, Map<String, String> overrides) throws Exception {
        ObjectNode config = JSON.createObjectNode();
        connectorTemplate.forEach(config::put);
        String slot = name.replace('-', '_');
        config.put("slot.name", slot);
        config.put("publication.name", slot);
        overrides.forEach(config::put);
        URI url = stack.connect().restUrl().resolve("/connectors/" + name + "/config");
        HttpResponse<String> put =
                HTTP.send(
                        HttpRequest.newBuilder(url)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(config.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        URI status = stack.connect().restUrl().resolve("/connectors/" + name + "/status");
        await().alias("connector " + name + " running (its task's state)")
                .atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .failFast(
                        "connector " + name + " failed",
                        () -> assertThat(connectorStatus(status)).doesNotContain("FAILED"))
                .until(
                        () -> JSON.readTree(connectorStatus(status)).at("/tasks/0/state").asText(),
                        "RUNNING"::equals);
        return name;
    }

    private static String connectorStatus(URI status) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(status).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /**
     * Removes the connector and its replication slot, so the next run starts from a new snapshot.
     */
    private void stopConnector(String name) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(stack.connect().restUrl().resolve("/connectors/" + name))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String slot = name.replace('-', '_');
        try (Connection c = stack.postgres().connect();
                PreparedStatement active =
                        c.prepareStatement(
                                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            active.setString(1, slot);
            // null: the slot is gone already; false: released, to be dropped.
            Boolean slotActive =
                    await().alias("slot " + slot + " released")
                            .atMost(WAIT)
                            .pollInSameThread()
                            .pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(200))
                            .until(
                                    () -> {
                                        try (ResultSet rs = active.executeQuery()) {
                                            return rs.next() ? rs.getBoolean(1) : null;
                                        }
                                    },
                                    a -> a == null || !a);
            if (slotActive == null) {
                return;
            }
            try (PreparedStatement drop =
                    c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slot);
                drop.execute();
            }
        }
    }

    private int rowCount(String table) throws SQLException {
        try (Connection c = stack.postgres().connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String columnsAfterId(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = stack.postgres().connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT column_name FROM information_schema.columns WHERE"
                                        + " table_name = ? AND column_name <> 'id' ORDER BY"
                                        + " ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return String.join(", ", columns);
    }

    /** Runs each argument in its own transaction (an argument may hold several statements). */
    private void sql(String... statements) throws SQLException {
        try (Connection c = stack.postgres().connect();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
