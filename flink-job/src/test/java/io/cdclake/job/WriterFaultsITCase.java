package io.cdclake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.LakePaths;
import io.cdclake.format.MetadataColumns;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions.Format;
import io.cdclake.job.sink.LakeSinks;
import io.cdclake.job.sink.csv.LakeCsvWriterFactory;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.source.KafkaChangeSource;
import io.cdclake.job.testing.LakeFiles;
import io.cdclake.job.testing.Restarts;
import io.cdclake.job.testing.TitanicChangeEvents;
import io.cdclake.stack.testing.StackExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults on the way into the lake, through the real FileSink on a real S3 server: a CSV writer
 * whose stream fails on its N-th row (as an S3 upload would), a value no format can hold, and
 * events that Kafka Connect sent a second time. The lake ends up with every change once, in both
 * formats, row for row, with no torn line, and the only dead letter is the value that cannot be
 * written.
 */
class WriterFaultsITCase {

    private static final String TOPIC = "faults.public.customers";
    private static final int FAIL_AT_ROW = 400;
    private static final AtomicInteger CSV_ROWS_SEEN = new AtomicInteger();
    private static final AtomicBoolean WRITER_FAILED = new AtomicBoolean();

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("faults", b -> b.kafka().s3().flink());

    @Test
    void aFailingWriterRestartsTheJobAndNothingIsTornLostDoubledOrDeadLettered() throws Exception {
        STACK.stack().kafka().createTopic(TOPIC, 2);
        Expected expected = produce();

        String basePath = "faults-" + System.nanoTime();
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers",
                                STACK.stack().kafka().bootstrapServers(),
                                "kafka.topics",
                                TOPIC,
                                "kafka.starting-offsets",
                                "EARLIEST",
                                "lake.bucket",
                                STACK.stack().s3().bucket(),
                                "lake.base-path",
                                basePath,
                                "checkpoint.interval",
                                "1 s"));
        StreamExecutionEnvironment env = Restarts.fewAndQuick(STACK.stack().flink().environment(2));
        CdcLakeJob.configure(env, config);
        DataStream<KafkaChange> changes =
                env.fromSource(
                                KafkaChangeSource.create(config),
                                WatermarkStrategy.noWatermarks(),
                                "kafka")
                        .map(new SlowUntilTheFailure())
                        .name("slow until the failure");
        String root = config.lakeRoot();
        LakeSinks files = LakeSinks.files(config);
        Map<Format, Sink<LakeRow>> sinks = new LinkedHashMap<>();
        sinks.put(Format.PARQUET, files.rowSinks().get(Format.PARQUET));
        sinks.put(
                Format.CSV,
                LakeSinks.csv(root, config, new FailingWriters(new LakeCsvWriterFactory(','))));
        LakePipeline.build(changes, config, new LakeSinks(sinks, files.deadLetters()));
        JobClient job = env.executeAsync("writer-faults-it");
        try {
            waitForRows(root, expected.rows);
            Thread.sleep(
                    3000); // a few more checkpoints: nothing may be added once everything is there
        } finally {
            job.cancel().get();
        }

        assertThat(WRITER_FAILED).as("the CSV writer failed once").isTrue();
        // LakeFiles.csvRows fails on any line whose field count differs from its header's: no torn
        // line.
        Map<String, Map<String, Object>> parquet =
                byEvent(LakeFiles.parquetRows(root + "/parquet"));
        Map<String, Map<String, Object>> csv = byEvent(LakeFiles.csvRows(root + "/csv"));
        assertThat(parquet).hasSize(expected.rows);
        assertThat(csv.keySet()).isEqualTo(parquet.keySet());
        for (Map.Entry<String, Map<String, Object>> row : parquet.entrySet()) {
            Map<String, Object> csvRow = csv.get(row.getKey());
            for (String column :
                    List.of(
                            "PassengerId",
                            "Name",
                            "Ticket",
                            "Cabin",
                            MetadataColumns.OP,
                            MetadataColumns.LSN)) {
                assertThat(csvRow.get(column))
                        .as("%s of %s", column, row.getKey())
                        .isEqualTo(row.getValue().get(column));
            }
        }
        Map<String, Integer> byOp = new HashMap<>();
        Map<String, Integer> insertsById = new HashMap<>();
        for (Map<String, Object> row : parquet.values()) {
            byOp.merge(String.valueOf(row.get(MetadataColumns.OP)), 1, Integer::sum);
            if ("c".equals(row.get(MetadataColumns.OP))) {
                insertsById.merge(String.valueOf(row.get("PassengerId")), 1, Integer::sum);
            }
        }
        assertThat(byOp).isEqualTo(expected.rowsByOp);
        assertThat(insertsById)
                .as("re-sent inserts were dropped")
                .hasSize(expected.rowsByOp.get("c"))
                .allSatisfy((id, n) -> assertThat(n).isOne());

        // The 300 copies are kept where a person can see them, each with why, none lost.
        List<JsonNode> copies = letters(root + "/" + LakePaths.SENT_AGAIN_FOLDER);
        assertThat(copies).as("copies set aside in %s", LakePaths.SENT_AGAIN_FOLDER).hasSize(300);
        assertThat(copies)
                .allSatisfy(
                        copy ->
                                assertThat(copy.path("reason").asText())
                                        .startsWith("sent again: op c at WAL position"));

        List<JsonNode> letters = letters(root + "/" + LakeSinks.DEAD_LETTER_FOLDER);
        assertThat(letters).as("only the value no format can hold is a dead letter").hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("reason").asText())
                .contains("column 'Name'")
                .contains("unpaired UTF-16 surrogate");
        assertThat(letter.path("offset").asLong()).isEqualTo(expected.unwritableOffset);
        assertThat(parquet.values())
                .noneMatch(
                        r ->
                                String.valueOf(r.get("PassengerId"))
                                        .equals(String.valueOf(expected.unwritableId)));
    }

    /** What the produced events must become. */
    private record Expected(
            int rows, Map<String, Integer> rowsByOp, int unwritableId, long unwritableOffset) {}

    /**
     * 600 inserts, the last 300 of them sent again as Connect does after a crash, 60 updates, and
     * one insert whose name holds half a surrogate pair. All keyed by id, so a row's events share a
     * partition.
     */
    private static Expected produce() throws Exception {
        Properties props = new Properties();
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        TitanicChangeEvents events =
                new TitanicChangeEvents(11, Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
        List<ProducerRecord<byte[], byte[]>> inserts = new ArrayList<>();
        long index = 0;
        for (int id = 1; id <= 600; id++) {
            inserts.add(record(id, events.event("c", id, index++)));
        }
        int unwritableId = 601;
        String unwritable =
                new String(events.event("c", unwritableId, index++), StandardCharsets.UTF_8)
                        .replaceFirst("\"Name\":\"", "\"Name\":\"\\\\ud800 ");
        long unwritableOffset;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<byte[], byte[]> r : inserts) {
                producer.send(r);
            }
            for (ProducerRecord<byte[], byte[]> r : inserts.subList(300, 600)) {
                producer.send(r);
            }
            unwritableOffset =
                    producer.send(record(unwritableId, unwritable.getBytes(StandardCharsets.UTF_8)))
                            .get()
                            .offset();
            for (int id = 1; id <= 600; id += 10) {
                producer.send(record(id, events.event("u", id, index++)));
            }
            producer.flush();
        }
        return new Expected(
                600 + 60 * 2, Map.of("c", 600, "u", 120), unwritableId, unwritableOffset);
    }

    private static ProducerRecord<byte[], byte[]> record(int id, byte[] value) {
        return new ProducerRecord<>(
                TOPIC, ("{\"PassengerId\":" + id + "}").getBytes(StandardCharsets.UTF_8), value);
    }

    private static Map<String, Map<String, Object>> byEvent(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> byEvent = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            String key =
                    row.get(MetadataColumns.PARTITION)
                            + "@"
                            + row.get(MetadataColumns.OFFSET)
                            + "/"
                            + row.get(MetadataColumns.IMAGE);
            assertThat(byEvent.put(key, row)).as("event row %s twice", key).isNull();
        }
        return byEvent;
    }

    private static List<JsonNode> letters(String folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> letters = new ArrayList<>();
        for (org.apache.flink.core.fs.Path file : LakeFiles.committed(folder, ".jsonl")) {
            for (String line :
                    new String(LakeFiles.read(file), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    letters.add(json.readTree(line));
                }
            }
        }
        return letters;
    }

    private static void waitForRows(String root, int expected) {
        await().alias(
                        expected
                                + " rows in Parquet and CSV committed under "
                                + root
                                + " (Parquet and CSV rows)")
                .atMost(Duration.ofSeconds(180))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                List.of(
                                        LakeFiles.parquetRows(root + "/parquet").size(),
                                        LakeFiles.csvRows(root + "/csv").size()),
                        rows -> rows.stream().allMatch(n -> n >= expected));
    }

    /** Slows the stream until the writer failed, so that a checkpoint completes before it. */
    private static final class SlowUntilTheFailure
            implements MapFunction<KafkaChange, KafkaChange> {
        @Override
        public KafkaChange map(KafkaChange change) throws InterruptedException {
            if (!WRITER_FAILED.get()) {
                Thread.sleep(4);
            }
            return change;
        }
    }

    /**
     * The real CSV writers, whose output stream fails once, at the N-th row written in this JVM.
     */
    private static final class FailingWriters implements BulkWriter.Factory<LakeRow> {
        private final BulkWriter.Factory<LakeRow> real;

        FailingWriters(BulkWriter.Factory<LakeRow> real) {
            this.real = real;
        }

        @Override
        public BulkWriter<LakeRow> create(FSDataOutputStream stream) throws IOException {
            BulkWriter<LakeRow> writer = real.create(stream);
            return new BulkWriter<>() {
                @Override
                public void addElement(LakeRow row) throws IOException {
                    if (CSV_ROWS_SEEN.incrementAndGet() == FAIL_AT_ROW
                            && WRITER_FAILED.compareAndSet(false, true)) {
                        throw new IOException("injected: the S3 upload of this part file failed");
                    }
                    writer.addElement(row);
                }

                @Override
                public void flush() throws IOException {
                    writer.flush();
                }

                @Override
                public void finish() throws IOException {
                    writer.finish();
                }
            };
        }
    }
}
