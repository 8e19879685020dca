package io.cdclake.job.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.LakePipeline;
import io.cdclake.job.decode.DebeziumDecoder;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.sink.LakeSinks;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.source.KafkaChangeSource;
import io.cdclake.job.testing.LakeFiles;
import io.cdclake.job.testing.TitanicChangeEvents;
import io.cdclake.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the job, not a test of correctness and not part of the test run. Reproduce with
 * {@code ./mvnw -pl flink-job -am test -Dtest=JobThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.events=1000000}. Measures, in one run on one
 * machine: the decoder alone on one thread (events/s per core); a bare KafkaConsumer that parses
 * every value into a JSON tree (the ceiling); and the whole job at parallelism 1 from the same
 * topic to committed Parquet and CSV files on the S3 server, with and without dropping re-sent
 * events (alternating rounds, {@code -Dbench.rounds}). Results go to stdout and {@code
 * target/benchmark/job-throughput.json}.
 */
class JobThroughputBenchmark {

    private static final String TOPIC = TitanicChangeEvents.TOPIC;

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 1_000_000);
        Path workDir = Files.createTempDirectory("cdc-lake-bench");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("events", events);
        results.put("cores", Runtime.getRuntime().availableProcessors());
        try (LocalStack stack = LocalStack.builder(workDir).kafka().s3().flink().start()) {
            stack.kafka().createTopic(TOPIC, 1);
            long bytes = produce(stack, events);
            results.put("topic_bytes", bytes);

            results.put("decode_events_per_s_one_core", decodeRate(events));
            results.put("ceiling_consumer_events_per_s", ceilingRate(stack, events));
            // The job with and without dropping re-sent events, alternating, to price the
            // de-duplication.
            List<Double> withDedup = new ArrayList<>();
            List<Double> withoutDedup = new ArrayList<>();
            int rounds = Integer.getInteger("bench.rounds", 2);
            for (int round = 0; round < rounds; round++) {
                withoutDedup.add((Double) jobRate(stack, events, false).get("job_events_per_s"));
                Map<String, Object> job = jobRate(stack, events, true);
                withDedup.add((Double) job.get("job_events_per_s"));
                results.putAll(job);
            }
            double best = withDedup.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double bestWithout =
                    withoutDedup.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            results.put("job_events_per_s", best);
            results.put("job_events_per_s_rounds", withDedup);
            results.put("job_events_per_s_without_dedup_rounds", withoutDedup);
            results.put("dedup_cost_percent", round(100 * (1 - best / bestWithout)));
            results.put(
                    "job_to_ceiling_ratio",
                    round(best / (double) results.get("ceiling_consumer_events_per_s")));
            results.put("peak_rss_mb_benchmark_jvm_broker_and_flink", peakRssMb("self"));
            results.put("peak_rss_mb_s3_server", peakRssMb(String.valueOf(stack.s3().pid())));
        }
        String json =
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results);
        System.out.println("BENCHMARK " + json);
        Path out = Path.of("target", "benchmark", "job-throughput.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
    }

    private static long produce(LocalStack stack, int events) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        TitanicChangeEvents generator =
                new TitanicChangeEvents(7, Instant.parse("2026-11-24T00:00:00Z").toEpochMilli());
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < events; i++) {
                // Every event its own row: a snapshot that reads one row twice would be a re-sent
                // one.
                byte[] value = generator.event(op(i), 1 + i, i);
                bytes += value.length;
                producer.send(new ProducerRecord<>(TOPIC, null, value));
            }
            producer.flush();
        }
        return bytes;
    }

    /** 60% snapshot reads, 20% inserts, 15% updates, 5% deletes. */
    private static String op(int i) {
        int bucket = i % 20;
        return bucket < 12 ? "r" : bucket < 16 ? "c" : bucket < 19 ? "u" : "d";
    }

    private static double decodeRate(int events) throws Exception {
        TitanicChangeEvents generator = new TitanicChangeEvents(7, 0);
        int distinct = 20_000;
        List<KafkaChange> pool = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            pool.add(new KafkaChange(TOPIC, 0, i, generator.event(op(i), 1 + i, i)));
        }
        DebeziumDecoder decoder =
                new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER);
        long[] rows = new long[1];
        for (int i = 0; i < 200_000; i++) { // warm-up
            decoder.decode(pool.get(i % distinct), r -> rows[0]++);
        }
        rows[0] = 0;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            decoder.decode(pool.get(i % distinct), r -> rows[0]++);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(rows[0]).isGreaterThanOrEqualTo(events);
        return round(events / seconds);
    }

    private static double ceilingRate(LocalStack stack, int events) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ceiling");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        ObjectMapper json = new ObjectMapper();
        long parsed = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            while (parsed < events) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    try {
                        if (json.readTree(record.value()).size() > 0) {
                            parsed++;
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return round(parsed / ((System.nanoTime() - start) / 1e9));
    }

    private static Map<String, Object> jobRate(LocalStack stack, int events, boolean dedup)
            throws Exception {
        String base = "bench-" + System.nanoTime();
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers",
                                stack.kafka().bootstrapServers(),
                                "kafka.topics",
                                TOPIC,
                                "kafka.starting-offsets",
                                "EARLIEST",
                                "lake.bucket",
                                stack.s3().bucket(),
                                "lake.base-path",
                                base,
                                "checkpoint.interval",
                                "5 s",
                                "dedup.enabled",
                                String.valueOf(dedup)));
        StreamExecutionEnvironment env = stack.flink().environment(1);
        CdcLakeJob.configure(env, config);
        // Bounded at the topic's end: the job finishes after its final checkpoint has committed
        // every file.
        var source =
                KafkaChangeSource.builder(config).setBounded(OffsetsInitializer.latest()).build();
        LakePipeline.build(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka"),
                config,
                LakeSinks.files(config));
        long start = System.nanoTime();
        JobClient job = env.executeAsync("throughput-benchmark");
        job.getJobExecutionResult().get();
        double seconds = (System.nanoTime() - start) / 1e9;

        long parquetRows = 0;
        for (var file : LakeFiles.committed(config.lakeRoot() + "/parquet", ".parquet")) {
            parquetRows += LakeFiles.parquetRowCount(file);
        }
        long expectedRows = expectedRows(events);
        assertThat(parquetRows).as("rows committed to Parquet").isEqualTo(expectedRows);
        Map<String, Object> result = new HashMap<>();
        result.put("job_parallelism", 1);
        result.put("job_seconds_submit_to_last_commit", round(seconds));
        result.put("job_events_per_s", round(events / seconds));
        result.put("job_rows_committed_parquet", parquetRows);
        return result;
    }

    private static long expectedRows(int events) {
        long rows = 0;
        for (int i = 0; i < events; i++) {
            rows += op(i).equals("u") ? 2 : 1;
        }
        return rows;
    }

    private static long peakRssMb(String pid) {
        try {
            for (String line :
                    Files.readAllLines(Path.of("/proc", pid, "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
