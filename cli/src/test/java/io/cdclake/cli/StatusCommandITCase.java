package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.format.TableId;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./cdc-lake status} against a real Kafka Connect with Debezium and a real Flink cluster:
 * everything running; then a connector task failing the way a too-large row fails it, explained;
 * then the recovery docs/operations.md gives, which loses no change.
 */
class StatusCommandITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("status");

    private static final String CONNECTOR = "cdc-lake-status";
    private static final String TOPIC = "docs.public.documents";

    /** Kafka's default max.request.size: what a new user's Connect had before big rows worked. */
    private static final int KAFKA_DEFAULT_LIMIT = 1024 * 1024;

    private static final int ROW_CHARS = 3 * 1024 * 1024;
    private static final TableId DOCUMENTS = new TableId("public", "documents");

    @BeforeAll
    static void start() throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE documents (id int PRIMARY KEY, body text)");
            sql.execute("ALTER TABLE documents REPLICA IDENTITY FULL");
            sql.execute("INSERT INTO documents VALUES (1, 'short')");
        }
    }

    @Test
    void reportsRunningPartsThenAFailedTaskWithWhatToDoThenItsRecovery() throws Exception {
        register(
                connector()
                        .with(
                                "producer.override.max.request.size",
                                String.valueOf(KAFKA_DEFAULT_LIMIT)));
        String lakeRoot = STACK.lakeRoot("status");
        JobClient job =
                CdcLakeJob.start(
                        STACK.stack().flink().environment(1),
                        JobConfig.fromMap(
                                Map.of(
                                        "kafka.bootstrap-servers",
                                                STACK.stack().kafka().bootstrapServers(),
                                        "kafka.topic-pattern", "docs\\.public\\.documents",
                                        "kafka.partition-discovery-interval", "1 s",
                                        "lake.bucket", STACK.stack().s3().bucket(),
                                        "lake.base-path", "status",
                                        "checkpoint.interval", "1 s")));
        try {
            Result running = awaitStatus("the job is running", r -> r.code() == 0);
            assertThat(running.out())
                    .contains(
                            "connector " + CONNECTOR + ": RUNNING",
                            "task 0: RUNNING",
                            "job cdc-lake (")
                    .doesNotContain("FAILED", "what to do");
            awaitRowsInTheLake(lakeRoot, "r", 1);

            try (Connection db = STACK.stack().postgres().connect();
                    Statement sql = db.createStatement()) {
                sql.execute(
                        "UPDATE documents SET body = repeat('x', " + ROW_CHARS + ") WHERE id = 1");
            }
            Result failed = awaitStatus("task 0 failed", r -> r.out().contains("task 0: FAILED"));
            assertThat(failed.code()).isEqualTo(1);
            assertThat(failed.out())
                    .contains("RecordTooLargeException")
                    .contains(
                            "what to do: A change event is larger than the connector may send to"
                                    + " Kafka")
                    .contains("producer.override.max.request.size")
                    .contains(
                            "curl -X POST "
                                    + connectUrl("/connectors/" + CONNECTOR + "/tasks/0/restart"))
                    .containsPattern("job cdc-lake \\([0-9a-f]+\\): RUNNING");

            // The documented recovery: raise the limit, restart the task. The connector resumes
            // from its last committed offset and the slot kept the WAL, so the update arrives
            // after all.
            put("/connectors/" + CONNECTOR + "/config", connector().toConfigJson());
            post("/connectors/" + CONNECTOR + "/tasks/0/restart");
            assertThat(awaitStatus("the job runs again", r -> r.code() == 0).out())
                    .contains("task 0: RUNNING");
            awaitRowsInTheLake(lakeRoot, "u", 2);

            // Kafka Connect sends a change again, as after a crash without exactly-once support:
            // the same record at a new offset. The job sets it aside, and status says so.
            try (Connection db = STACK.stack().postgres().connect();
                    Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO documents VALUES (2, 'two')");
                sql.execute("UPDATE documents SET body = 'two, changed' WHERE id = 2");
            }
            awaitRowsInTheLake(lakeRoot, "c", 1);
            awaitRowsInTheLake(lakeRoot, "u", 4);
            sendAgain(TOPIC, "\"op\":\"c\"");
            assertThat(
                            awaitStatus(
                                            "a copy was set aside",
                                            r ->
                                                    r.out()
                                                            .contains(
                                                                    "1 events Kafka Connect sent"
                                                                            + " again"))
                                    .out())
                    .contains("set aside in the lake's _sent_again/")
                    .doesNotContain("WAL stepped back");
            assertThat(StackLake.reader(STACK.stack().s3(), lakeRoot, DOCUMENTS).rowsByOp())
                    .as("the copy is not in the table")
                    .containsEntry("c", 1L);
        } finally {
            job.cancel().get();
        }
    }

    /** The shipped connector, on its own table, topic prefix and slot. */
    /**
     * Through the command line's entry point, as {@code ./cdc-lake register --config FILE} runs it.
     */
    private static void register(ConnectorConfig connector) throws Exception {
        Path file = Files.createTempFile("connector", ".json");
        Files.writeString(
                file,
                "{\"name\":\""
                        + connector.name()
                        + "\",\"config\":"
                        + connector.toConfigJson()
                        + "}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code =
                Main.run(
                        new String[] {
                            "register",
                            "--connect-url",
                            STACK.stack().connect().restUrl().toString(),
                            "--config",
                            file.toString(),
                            "--timeout",
                            "2m"
                        },
                        print,
                        print,
                        Map.of());
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Connector " + connector.name() + " created and RUNNING");
    }

    private static ConnectorConfig connector() {
        return ConnectorConfig.load()
                .withName(CONNECTOR)
                .with("topic.prefix", "docs")
                .with("slot.name", "cdc_lake_status")
                .with("publication.name", "cdc_lake_status")
                .with("table.include.list", "public.documents");
    }

    private static void awaitRowsInTheLake(String lakeRoot, String op, long rows) {
        Map<String, Long> byOp =
                await().alias("the lake reaches " + rows + " '" + op + "' rows (rows by op)")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                                () ->
                                        StackLake.reader(STACK.stack().s3(), lakeRoot, DOCUMENTS)
                                                .rowsByOp(),
                                b -> b.getOrDefault(op, 0L) >= rows);
        assertThat(byOp.get(op)).isEqualTo(rows);
    }

    /** Produces the first record of {@code topic} whose value contains {@code marker} again. */
    private static void sendAgain(String topic, String marker) {
        Properties consumerProps = new Properties();
        consumerProps.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().kafka().bootstrapServers());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        ConsumerRecord<byte[], byte[]> original = null;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (original == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (original == null
                            && record.value() != null
                            && new String(record.value(), StandardCharsets.UTF_8)
                                    .contains(marker)) {
                        original = record;
                    }
                }
            }
        }
        assertThat(original).as("a record of %s holding %s", topic, marker).isNotNull();
        Properties producerProps = new Properties();
        producerProps.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().kafka().bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(
                    new ProducerRecord<>(
                            topic, original.partition(), original.key(), original.value()));
            producer.flush();
        }
    }

    private static Result awaitStatus(String awaited, Predicate<Result> wanted) {
        return await().alias("status says " + awaited + " (last output)")
                .atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(StatusCommandITCase::status, wanted);
    }

    /** Through the command line's entry point, as {@code ./cdc-lake status} runs it. */
    private static Result status() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                Main.run(
                        new String[] {
                            "status",
                            "--connect-url",
                            STACK.stack().connect().restUrl().toString(),
                            "--flink-url",
                            STACK.stack().flink().restUrl().toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    private static void put(String path, String json) throws Exception {
        send(
                HttpRequest.newBuilder(connectUrl(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void post(String path) throws Exception {
        send(HttpRequest.newBuilder(connectUrl(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static void send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
    }

    private static URI connectUrl(String path) {
        return STACK.stack().connect().restUrl().resolve(path);
    }

    private record Result(int code, String out) {}
}
