package io.cdclake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.MetadataColumns;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.sink.LakeSinks;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.source.KafkaChangeSource;
import io.cdclake.job.testing.LakeFiles;
import io.cdclake.job.testing.Restarts;
import io.cdclake.job.testing.TitanicChangeEvents;
import io.cdclake.stack.testing.StackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job in a Flink mini cluster between a real Kafka broker and a real S3 server: a failure in
 * the middle of the stream, a restart from the last checkpoint, and every event exactly once in the
 * committed Parquet and CSV files.
 */
class KafkaToLakeITCase {

    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("it", b -> b.kafka().s3().flink());

    /**
     * Throws once, after a checkpoint has completed and files were committed, so that the restart
     * resumes from that checkpoint mid-stream. Records are slowed down until then, so the stream
     * cannot end before a checkpoint does.
     */
    private static final class FailOnce
            implements MapFunction<KafkaChange, KafkaChange>, CheckpointListener {
        private final int after;
        private int seen;
        private volatile boolean checkpointCompleted;

        FailOnce(int after) {
            this.after = after;
        }

        @Override
        public KafkaChange map(KafkaChange change) throws InterruptedException {
            if (FAILED_ONCE.get()) {
                return change;
            }
            Thread.sleep(5);
            if (++seen >= after && checkpointCompleted && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at " + change);
            }
            return change;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
        }
    }

    @Test
    void everyEventLandsExactlyOnceAcrossARestart() throws Exception {
        String topic = TitanicChangeEvents.TOPIC;
        STACK.stack().kafka().createTopic(topic, 2);
        STACK.stack().kafka().createTopic("postgres.transaction", 1);
        Map<String, Integer> expectedRowsByOp = produceChanges(topic);

        String basePath = "it-" + System.nanoTime();
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers",
                                STACK.stack().kafka().bootstrapServers(),
                                "kafka.starting-offsets",
                                "EARLIEST",
                                "lake.bucket",
                                STACK.stack().s3().bucket(),
                                "lake.base-path",
                                basePath,
                                "checkpoint.interval",
                                "1 s",
                                "kafka.partition-discovery-interval",
                                "1 s"));
        StreamExecutionEnvironment env = Restarts.fewAndQuick(STACK.stack().flink().environment(2));
        CdcLakeJob.configure(env, config);
        DataStream<KafkaChange> changes =
                env.fromSource(
                                KafkaChangeSource.create(config),
                                WatermarkStrategy.noWatermarks(),
                                "kafka")
                        .map(new FailOnce(300))
                        .name("inject failure");
        LakePipeline.build(changes, config, LakeSinks.files(config));
        JobClient job = env.executeAsync("exactly-once-it");

        String root = config.lakeRoot();
        Map<String, Double> metrics;
        int expectedRows = expectedRowsByOp.values().stream().mapToInt(Integer::intValue).sum();
        try {
            waitForRows(root + "/parquet", ".parquet", expectedRows);
            waitForRows(root + "/csv", ".csv", expectedRows);
            // A few more checkpoints: nothing may be added once everything is there.
            Thread.sleep(3000);
            metrics = decodeMetrics(job.getJobID().toString());
        } finally {
            job.cancel().get();
        }

        assertThat(FAILED_ONCE).as("the injected failure happened").isTrue();
        // Counters restart with the tasks, so only what happens after the restart is certain to be
        // counted: the deletes, tombstones and the broken event come last. (The transaction topic's
        // event may be read before the failure; that it was skipped shows in the exact row counts
        // and the single dead letter.) The REST API and web UI show dots in a group name as
        // underscores.
        assertThat(metrics)
                .containsKeys(
                        "cdclake.table.postgres_public_customers.rows_u",
                        "cdclake.table.postgres_public_customers.rows_d",
                        "cdclake.table.postgres_public_customers.eventTimeLagMs",
                        "cdclake.table.postgres_public_customers.deadLetters",
                        "cdclake.topic.postgres_public_customers.tombstonesSkipped");
        assertThat(metrics.get("cdclake.table.postgres_public_customers.rows_d")).isEqualTo(60.0);
        assertThat(metrics.get("cdclake.topic.postgres_public_customers.tombstonesSkipped"))
                .isEqualTo(60.0);
        assertThat(metrics.get("cdclake.table.postgres_public_customers.deadLetters"))
                .isEqualTo(1.0);
        assertThat(metrics.get("cdclake.table.postgres_public_customers.eventTimeLagMs"))
                .isGreaterThan(0.0);
        List<Map<String, Object>> parquetRows = LakeFiles.parquetRows(root + "/parquet");
        assertExactlyOnce(parquetRows, expectedRowsByOp);

        List<Map<String, Object>> csvRows = LakeFiles.csvRows(root + "/csv");
        assertExactlyOnce(csvRows, expectedRowsByOp);

        List<org.apache.flink.core.fs.Path> deadLetters =
                LakeFiles.committed(root + "/" + LakeSinks.DEAD_LETTER_FOLDER, ".jsonl");
        String letters = new String(LakeFiles.read(deadLetters.get(0)), StandardCharsets.UTF_8);
        assertThat(deadLetters).hasSize(1);
        assertThat(letters.lines()).hasSize(1);
        assertThat(letters)
                .contains("\"reason\":\"not valid JSON")
                .contains("\"value\":\"{not json")
                .contains("\"topic\":\"" + topic + "\"");

        assertThat(LakeFiles.committed(root + "/parquet", ".parquet"))
                .allSatisfy(
                        p ->
                                assertThat(p.toString())
                                        .matches(
                                                ".*/parquet/postgres/public\\.customers/dt=\\d{4}-\\d{2}-\\d{2}/part-[^/]+\\.parquet"));
    }

    /**
     * The decode operator's cdc-lake metrics as the web UI shows them (REST API), summed over
     * subtasks; keys without the subtask and operator prefix.
     */
    private static Map<String, Double> decodeMetrics(String jobId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String base = STACK.stack().flink().restUrl().toString().replaceAll("/$", "");
        JsonNode vertices = json.readTree(get(http, base + "/jobs/" + jobId)).path("vertices");
        Map<String, Double> sums = new HashMap<>();
        for (JsonNode vertex : vertices) {
            if (!vertex.path("name").asText().contains("Decode")) {
                continue;
            }
            String url =
                    base
                            + "/jobs/"
                            + jobId
                            + "/vertices/"
                            + vertex.path("id").asText()
                            + "/metrics";
            List<String> names = new ArrayList<>();
            for (JsonNode metric : json.readTree(get(http, url))) {
                String id = metric.path("id").asText();
                if (id.contains(".cdclake.")) {
                    names.add(id);
                }
            }
            for (JsonNode metric :
                    json.readTree(get(http, url + "?get=" + String.join(",", names)))) {
                String id = metric.path("id").asText();
                sums.merge(
                        id.substring(id.indexOf("cdclake.")),
                        metric.path("value").asDouble(),
                        Double::sum);
            }
        }
        return sums;
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void assertExactlyOnce(
            List<Map<String, Object>> rows, Map<String, Integer> expectedRowsByOp) {
        Set<String> keys = new HashSet<>();
        Map<String, Integer> byOp = new HashMap<>();
        for (Map<String, Object> row : rows) {
            String key =
                    row.get(MetadataColumns.PARTITION)
                            + "@"
                            + row.get(MetadataColumns.OFFSET)
                            + "/"
                            + row.get(MetadataColumns.IMAGE);
            assertThat(keys.add(key)).as("duplicate row %s", key).isTrue();
            byOp.merge(String.valueOf(row.get(MetadataColumns.OP)), 1, Integer::sum);
        }
        assertThat(byOp).isEqualTo(expectedRowsByOp);
    }

    /**
     * Snapshot reads, inserts, updates, deletes with their tombstones, a transaction topic event
     * and a broken one.
     */
    private static Map<String, Integer> produceChanges(String topic) throws Exception {
        Properties props = new Properties();
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        TitanicChangeEvents events =
                new TitanicChangeEvents(42, Instant.parse("2026-11-24T10:00:00Z").toEpochMilli());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long index = 0;
        for (int id = 1; id <= 1500; id++) {
            records.add(record(topic, id, events.event("r", id, index++)));
        }
        for (int id = 1501; id <= 1800; id++) {
            records.add(record(topic, id, events.event("c", id, index++)));
        }
        for (int id = 1; id <= 200; id++) {
            records.add(record(topic, id, events.event("u", id, index++)));
        }
        for (int id = 201; id <= 260; id++) {
            records.add(record(topic, id, events.event("d", id, index++)));
            records.add(record(topic, id, null));
        }
        records.add(record(topic, 7, "{not json".getBytes(StandardCharsets.UTF_8)));
        records.add(
                new ProducerRecord<>(
                        "postgres.transaction",
                        null,
                        "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"status\"},{\"type\":\"string\",\"optional\":false,\"field\":\"id\"}],\"optional\":false,\"name\":\"io.debezium.connector.common.TransactionMetadataValue\",\"version\":1},\"payload\":{\"status\":\"BEGIN\",\"id\":\"770:24023928\"}}"
                                .getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
        return Map.of("r", 1500, "c", 300, "u", 400, "d", 60);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int id, byte[] value) {
        return new ProducerRecord<>(
                topic, ("{\"PassengerId\":" + id + "}").getBytes(StandardCharsets.UTF_8), value);
    }

    private static void waitForRows(String root, String suffix, int expected) {
        await().alias(expected + " " + suffix + " rows committed under " + root + " (rows)")
                .atMost(Duration.ofSeconds(180))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                suffix.equals(".parquet")
                                        ? LakeFiles.parquetRows(root).size()
                                        : LakeFiles.csvRows(root).size(),
                        rows -> rows >= expected);
    }
}
