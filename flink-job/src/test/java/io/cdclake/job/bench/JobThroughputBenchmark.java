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
import io.cdclake.stack.ChildJvm;
import io.cdclake.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the job, not a test of correctness and not part of the test run. Reproduce with
 * {@code ./mvnw -pl flink-job -am test -Dtest=JobThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.events=1000000}.
 *
 * <p>The broker runs in a JVM of its own, and so does each ceiling: a bare KafkaConsumer that only
 * reads the bytes, and one that parses every value into a JSON tree. The job runs in this JVM's
 * Flink mini cluster (the S3 server is a child process) and is timed from submission until it
 * finishes, which a bounded source does after the final checkpoint has committed the files holding
 * the last record. Ceilings and the job at parallelism 1 alternate for {@code bench.rounds} rounds
 * on a one-partition topic; then the job runs once per {@code bench.matrix} entry ({@code
 * <partitions>x<parallelism>}, default {@code 1x1,1x2,2x1,2x2}). {@code -Dbench.compare-dedup=true}
 * adds rounds without the replay filter; {@code -Dbench.job.<key>=<value>} sets a job option
 * ({@code -Dbench.job.sink.encoder-threads=false}). Also measured: the decoder alone on one thread.
 * Results go to stdout and {@code target/benchmark/job-throughput.json}.
 */
class JobThroughputBenchmark {

    private static final String TOPIC = TitanicChangeEvents.TOPIC;

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", 2);
        List<int[]> matrix = matrix(System.getProperty("bench.matrix", "1x1,1x2,2x1,2x2"));
        Path workDir = Files.createTempDirectory("cdc-lake-bench");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("events", events);
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("job_options", jobOptions());
        results.put("decode_events_per_s_one_core", decodeRate(events));
        try (BrokerJvm broker = BrokerJvm.start(workDir);
                LocalStack stack = LocalStack.builder(workDir).s3().flink().start()) {
            String bootstrap = broker.bootstrapServers();
            for (int partitions : matrix.stream().mapToInt(m -> m[0]).boxed().distinct().toList()) {
                broker.createTopic(topic(partitions), partitions);
                results.put(
                        "topic_bytes_" + partitions + "_partitions",
                        produce(bootstrap, topic(partitions), events));
            }
            List<Double> bytesCeiling = new ArrayList<>();
            List<Double> treeCeiling = new ArrayList<>();
            List<Double> job = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                bytesCeiling.add(ceilingRate(workDir, bootstrap, events, "bytes"));
                treeCeiling.add(ceilingRate(workDir, bootstrap, events, "tree"));
                job.add(jobRate(stack, bootstrap, 1, 1, events, true));
            }
            double bestJob = best(job);
            results.put("ceiling_bytes_events_per_s_rounds", bytesCeiling);
            results.put("ceiling_tree_events_per_s_rounds", treeCeiling);
            results.put("job_events_per_s_rounds", job);
            results.put("job_events_per_s", bestJob);
            results.put("job_to_tree_ceiling", round(bestJob / best(treeCeiling), 100));
            results.put("job_to_bytes_ceiling", round(bestJob / best(bytesCeiling), 100));
            if (Boolean.getBoolean("bench.compare-dedup")) {
                List<Double> withoutDedup = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    withoutDedup.add(jobRate(stack, bootstrap, 1, 1, events, false));
                }
                results.put("job_events_per_s_without_dedup_rounds", withoutDedup);
                results.put(
                        "dedup_cost_percent", round(100 * (1 - bestJob / best(withoutDedup)), 10));
            }
            Map<String, Double> byShape = new LinkedHashMap<>();
            for (int[] shape : matrix) {
                double rate =
                        shape[0] == 1 && shape[1] == 1
                                ? bestJob
                                : jobRate(stack, bootstrap, shape[0], shape[1], events, true);
                byShape.put(shape[0] + " partitions, parallelism " + shape[1], rate);
            }
            results.put("job_events_per_s_by_partitions_and_parallelism", byShape);
            results.put("peak_rss_mb_benchmark_jvm_flink", peakRssMb("self"));
            results.put("peak_rss_mb_broker", peakRssMb(String.valueOf(broker.pid())));
            results.put("peak_rss_mb_s3_server", peakRssMb(String.valueOf(stack.s3().pid())));
        }
        String json =
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results);
        System.out.println("BENCHMARK " + json);
        Path out = Path.of("target", "benchmark", "job-throughput.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
    }

    /**
     * {@code -Dbench.job.<key>=<value>}: job options over the benchmark's, one change at a time.
     */
    private static Map<String, String> jobOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("bench.job.")) {
                options.put(name.substring("bench.job.".length()), System.getProperty(name));
            }
        }
        return options;
    }

    private static List<int[]> matrix(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .map(
                        shape -> {
                            String[] parts = shape.split("x");
                            return new int[] {
                                Integer.parseInt(parts[0]), Integer.parseInt(parts[1])
                            };
                        })
                .toList();
    }

    private static String topic(int partitions) {
        return partitions == 1 ? TOPIC : TOPIC + "-" + partitions;
    }

    private static double best(List<Double> rates) {
        return rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    static long produce(String bootstrap, String topic, int events) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
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
                // Keyed by the row, as Debezium keys by the primary key: a row stays in one
                // partition.
                byte[] key = String.valueOf(1 + i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, value));
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

    /** 20,000 distinct events of the benchmark's mix, for measuring a stage alone. */
    static List<KafkaChange> eventPool() {
        TitanicChangeEvents generator = new TitanicChangeEvents(7, 0);
        List<KafkaChange> pool = new ArrayList<>(20_000);
        for (int i = 0; i < 20_000; i++) {
            pool.add(new KafkaChange(TOPIC, 0, i, generator.event(op(i), 1 + i, i)));
        }
        return pool;
    }

    static double decodeRate(int events) throws Exception {
        List<KafkaChange> pool = eventPool();
        int distinct = pool.size();
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
        return round(events / seconds, 10);
    }

    /** One ceiling in a JVM of its own, on the one-partition topic. */
    private static double ceilingRate(Path workDir, String bootstrap, int events, String mode)
            throws Exception {
        try (ChildJvm consumer =
                BenchmarkJvm.start(
                        workDir,
                        "ceiling-" + mode + "-" + System.nanoTime(),
                        "512m",
                        CeilingConsumer.class,
                        bootstrap,
                        TOPIC,
                        String.valueOf(events),
                        mode)) {
            return round(
                    Double.parseDouble(consumer.awaitResult(CeilingConsumer.RESULT_PREFIX)), 10);
        }
    }

    private static double jobRate(
            LocalStack stack,
            String bootstrap,
            int partitions,
            int parallelism,
            int events,
            boolean dedup)
            throws Exception {
        String base = "bench-" + System.nanoTime();
        Map<String, String> options =
                new HashMap<>(
                        Map.of(
                                "kafka.bootstrap-servers",
                                bootstrap,
                                "kafka.topics",
                                topic(partitions),
                                "kafka.starting-offsets",
                                "EARLIEST",
                                "lake.bucket",
                                stack.s3().bucket(),
                                "lake.base-path",
                                base,
                                "checkpoint.interval",
                                System.getProperty("bench.checkpoint-interval", "5 s"),
                                "dedup.enabled",
                                String.valueOf(dedup)));
        options.putAll(jobOptions());
        JobConfig config = JobConfig.fromMap(options);
        StreamExecutionEnvironment env = stack.flink().environment(parallelism);
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
        long csvRows = 0;
        for (var file : LakeFiles.committed(config.lakeRoot() + "/csv", ".csv")) {
            csvRows += LakeFiles.readCsv(file).size() - 1;
        }
        long expectedRows = expectedRows(events);
        assertThat(parquetRows).as("rows committed to Parquet").isEqualTo(expectedRows);
        assertThat(csvRows).as("rows committed to CSV").isEqualTo(expectedRows);
        return round(events / seconds, 10);
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

    private static double round(double value, int scale) {
        return (double) Math.round(value * scale) / scale;
    }
}
