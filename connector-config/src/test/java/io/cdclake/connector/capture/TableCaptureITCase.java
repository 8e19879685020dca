package io.cdclake.connector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.connector.KafkaConnectClient;
import io.cdclake.stack.LocalStack;
import io.cdclake.stack.testing.StackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A table created after the connector started is captured with every row it held, while inserts,
 * updates and deletes run on it: the replayed topic ends equal to the table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TableCaptureITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableName ORDERS = TableName.parse("public.orders");
    private static final TableName CUSTOMERS = TableName.parse("public.customers");
    private static final int EXISTING_ORDERS = 3000;

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("capture", b -> b.postgres().connect());

    static Connection database;
    static TableCapture capture;
    static ConnectorConfig connector;

    @BeforeAll
    static void start() throws Exception {
        database = STACK.stack().postgres().connect();
        execute(
                "CREATE TABLE customers (id int PRIMARY KEY, name text)",
                "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 50) g");
        // Small chunks make the snapshot take long enough to be seen running; the shipped size is
        // larger.
        connector = ConnectorConfig.load().with("incremental.snapshot.chunk.size", "100");
        new ConnectorRegistrar(STACK.stack().connect().restUrl()).register(connector, TIMEOUT);
        capture = new TableCapture(STACK.stack().connect().restUrl(), connector.name(), database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aTableAddedLaterArrivesWithItsExistingRowsAndTheChangesMadeDuringItsSnapshot()
            throws Exception {
        execute(
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, amount_cents"
                        + " bigint, note text)",
                "INSERT INTO orders SELECT g, 1 + g % 50, g * 100, 'order ' || g FROM"
                        + " generate_series(1, "
                        + EXISTING_ORDERS
                        + ") g");
        assertThat(states()).containsOnlyKeys(CUSTOMERS);

        List<CaptureState> seen = new ArrayList<>();
        try (Changes changes = Changes.start(STACK.stack())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.applied() > 20);

            TableCapture.AddResult result = capture.add(ORDERS, TIMEOUT);

            assertThat(result.addedToPublication()).isTrue();
            assertThat(result.addedToIncludeList()).isTrue();
            assertThat(result.signalTableCreated()).isTrue();
            assertThat(result.replicaIdentitySet()).isTrue();
            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                seen.add(states().get(ORDERS));
                                return seen.get(seen.size() - 1) == CaptureState.SNAPSHOT_RUNNING;
                            });
            // The offset names the signal row that started the snapshot.
            Map<String, JsonNode> offset =
                    new ConnectorState(new KafkaConnectClient(STACK.stack().connect().restUrl()))
                            .offset(connector.name());
            assertThat(offset)
                    .containsKeys(
                            "incremental_snapshot_collections", "incremental_snapshot_primary_key");
            assertThat(offset.get("incremental_snapshot_correlation_id").asText())
                    .isEqualTo(result.snapshotSignalId());
            int appliedAtStart = changes.applied();
            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> states().get(ORDERS) == CaptureState.STREAMING);
            assertThat(changes.applied())
                    .as("changes ran while the snapshot did")
                    .isGreaterThan(appliedAtStart);
            assertThat(changes.failure()).isNull();
        }
        assertThat(seen)
                .allMatch(
                        s ->
                                s == CaptureState.WAITING_FOR_SNAPSHOT
                                        || s == CaptureState.SNAPSHOT_RUNNING);
        Map<TableName, CapturedTable> tables = tables();
        assertThat(tables.get(ORDERS).detail()).isEqualTo("snapshot done");
        assertThat(tables.get(CUSTOMERS).state()).isEqualTo(CaptureState.STREAMING);
        assertThat(tables.get(CUSTOMERS).detail()).isEmpty();
        assertThat(tables).doesNotContainKey(TableName.parse("public.cdc_lake_signal"));

        try (TopicReplay replay = new TopicReplay(STACK.stack(), "postgres.public.orders")) {
            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> {
                                replay.poll();
                                assertThat(replay.rows()).isEqualTo(rowsOf("orders"));
                            });
            assertThat(replay.reads())
                    .as("every row that existed was read by the snapshot, or changed since")
                    .isGreaterThan(EXISTING_ORDERS / 2);
        }
    }

    @Test
    @Order(2)
    void aSecondSnapshotReadsEveryRowAgain() throws Exception {
        try (TopicReplay replay = new TopicReplay(STACK.stack(), "postgres.public.orders")) {
            replay.poll();
            int readsBefore = replay.reads();
            int rows = rowsOf("orders").size();

            capture.snapshot(ORDERS);

            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> {
                                replay.poll();
                                assertThat(replay.reads() - readsBefore).isEqualTo(rows);
                            });
            await().atMost(TIMEOUT).until(() -> states().get(ORDERS) == CaptureState.STREAMING);
            assertThat(replay.rows()).isEqualTo(rowsOf("orders"));
        }
        // insert_delete watermarking: the chunks' watermark rows are deleted again.
        try (Statement st = database.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT string_agg(DISTINCT type, ',') FROM cdc_lake_signal")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("execute-snapshot");
        }
        try (var consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                STACK.stack().kafka().bootstrapServers()),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            // The signal table's rows are requests and watermarks, not data: the connector drops
            // them.
            assertThat(consumer.listTopics())
                    .containsKey("postgres.public.orders")
                    .doesNotContainKey("postgres.public.cdc_lake_signal");
        }
    }

    @Test
    @Order(3)
    void namesAreQuotedAndANameDebeziumCannotSnapshotIsRefusedBeforeAnythingChanges()
            throws Exception {
        TableName mixedCase = TableName.parse("\"Sales\".\"BigOrders\"");
        execute(
                "CREATE SCHEMA \"Sales\"",
                "CREATE TABLE " + mixedCase.sql() + " (id int PRIMARY KEY, label text)",
                "INSERT INTO "
                        + mixedCase.sql()
                        + " SELECT g, 'line ' || g FROM generate_series(1, 120) g");

        capture.add(mixedCase, TIMEOUT);

        try (TopicReplay replay = new TopicReplay(STACK.stack(), "postgres.Sales.BigOrders")) {
            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> {
                                replay.poll();
                                assertThat(replay.rows()).hasSize(120);
                            });
        }
        await().atMost(TIMEOUT)
                .until(
                        () ->
                                tables().get(mixedCase)
                                        .describe()
                                        .equals("Sales.BigOrders: streaming (snapshot done)"));

        TableName odd = TableName.parse("\"Odd schema\".\"order \"\"lines\"\".v2\"");
        execute(
                "CREATE SCHEMA \"Odd schema\"",
                "CREATE TABLE " + odd.sql() + " (id int PRIMARY KEY, label text)");
        assertThatThrownBy(() -> capture.add(odd, TIMEOUT))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("Rename the table");
        assertThat(new Publication("cdc_lake").contains(database, odd)).isFalse();
        assertThat(tables()).doesNotContainKey(odd);
    }

    @Test
    @Order(4)
    void removingATableTakesItOutOfTheIncludeListAndThePublication() throws Exception {
        TableCapture.RemoveResult result = capture.remove(ORDERS, TIMEOUT);

        assertThat(result.removedFromIncludeList()).isTrue();
        assertThat(states()).doesNotContainKey(ORDERS).containsKey(CUSTOMERS);
        assertThat(new Publication("cdc_lake").contains(database, ORDERS)).isFalse();
        // The connector restarted with the shorter include list and set its filtered publication to
        // it: the signal table stays, as Debezium counts it among the captured tables.
        assertThat(new Publication("cdc_lake").tables(database))
                .contains(TableName.parse("public.cdc_lake_signal"), CUSTOMERS)
                .doesNotContain(ORDERS);
        assertThatThrownBy(() -> capture.snapshot(ORDERS))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("not in the connector's table.include.list");
        TableCapture.RemoveResult again = capture.remove(ORDERS, TIMEOUT);
        assertThat(again.removedFromIncludeList()).isFalse();
        assertThat(again.droppedFromPublication()).isFalse();
    }

    private static Map<TableName, CaptureState> states() throws Exception {
        Map<TableName, CaptureState> states = new HashMap<>();
        tables().forEach((t, c) -> states.put(t, c.state()));
        return states;
    }

    private static Map<TableName, CapturedTable> tables() throws Exception {
        Map<TableName, CapturedTable> tables = new HashMap<>();
        for (CapturedTable t : capture.list()) {
            tables.put(t.table(), t);
        }
        return tables;
    }

    private static void execute(String... statements) throws SQLException {
        try (Statement st = database.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Every row of the table, by id, as the JSON converter writes it. */
    private static Map<String, JsonNode> rowsOf(String table) throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        try (Statement st = database.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT row_to_json(t)::text FROM " + table + " t")) {
            while (rs.next()) {
                JsonNode row = JSON.readTree(rs.getString(1));
                rows.put(row.get("id").asText(), row);
            }
        }
        return rows;
    }

    /** Inserts, updates and deletes on orders, updates on customers, until closed. */
    private static final class Changes implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger applied = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        private Changes(Connection connection) {
            thread =
                    new Thread(
                            () -> {
                                Random random = new Random(7);
                                int nextId = EXISTING_ORDERS + 1;
                                try (connection;
                                        Statement st = connection.createStatement()) {
                                    while (running.get()) {
                                        int id = 1 + random.nextInt(nextId - 1);
                                        switch (random.nextInt(4)) {
                                            case 0 ->
                                                    st.execute(
                                                            "INSERT INTO orders VALUES ("
                                                                    + nextId++
                                                                    + ", 7, 1, 'new')");
                                            case 1 ->
                                                    st.execute(
                                                            "UPDATE orders SET amount_cents ="
                                                                    + " amount_cents + 1, note ="
                                                                    + " 'changed' WHERE id = "
                                                                    + id);
                                            case 2 ->
                                                    st.execute(
                                                            "DELETE FROM orders WHERE id = " + id);
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
                            },
                            "changes");
            thread.start();
        }

        static Changes start(LocalStack stack) throws SQLException {
            return new Changes(stack.postgres().connect());
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

    /** The topic replayed: per key the last after image; a delete or tombstone removes the key. */
    private static final class TopicReplay implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, JsonNode> rows = new HashMap<>();
        private int reads;

        TopicReplay(LocalStack stack, String topic) {
            consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                            stack.kafka().bootstrapServers(),
                                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                            new StringDeserializer(),
                            new StringDeserializer());
            await().atMost(TIMEOUT).until(() -> consumer.listTopics().containsKey(topic));
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void poll() throws Exception {
            while (true) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    return;
                }
                for (ConsumerRecord<String, String> record : records) {
                    String key = JSON.readTree(record.key()).path("payload").path("id").asText();
                    if (record.value() == null) {
                        rows.remove(key);
                        continue;
                    }
                    JsonNode payload = JSON.readTree(record.value()).path("payload");
                    String op = payload.path("op").asText();
                    if (op.equals("d")) {
                        rows.remove(key);
                    } else {
                        rows.put(key, payload.get("after"));
                        if (op.equals("r")) {
                            reads++;
                        }
                    }
                }
            }
        }

        Map<String, JsonNode> rows() {
            return rows;
        }

        int reads() {
            return reads;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
