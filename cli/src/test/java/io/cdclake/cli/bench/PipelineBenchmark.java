package io.cdclake.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.TableId;
import io.cdclake.job.options.JobConfig;
import io.cdclake.stack.FlinkService;
import io.cdclake.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * Numbers of the real pipeline, not a test and not part of the test run: PostgreSQL, Debezium in
 * Kafka Connect, Kafka, the Flink job and the S3 server, all on this machine. Reproduce with
 * {@value #COMMAND}; sizes with {@code -Dbench.snapshot.rows=N -Dbench.rate=R -Dbench.window=60s
 * -Dbench.intervals=1,5,10} (see {@link BenchSettings}). Measures the initial snapshot's time into
 * the lake, end-to-end latency per checkpoint interval and each process's peak memory; writes
 * {@code cli/target/benchmark/pipeline.json} and the chart {@code docs/benchmark.png}. With {@code
 * -Dbench.replot=true} it only redraws the chart from the last pipeline.json, for example after the
 * job or loader benchmark ran again.
 */
class PipelineBenchmark {

    static final String COMMAND =
            "./mvnw -pl cli -am test -Dtest=PipelineBenchmark"
                    + " -Dsurefire.failIfNoSpecifiedTests=false";
    static final TableId TABLE = new TableId("public", "customers");
    static final String KEY = "PassengerId";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void measure() throws Exception {
        Path repo = repoRoot();
        Path json = repo.resolve("cli/target/benchmark/pipeline.json");
        if (!Boolean.getBoolean("bench.replot")) {
            String text =
                    JSON.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(run(BenchSettings.fromSystemProperties()));
            System.out.println("BENCHMARK " + text);
            Files.createDirectories(json.getParent());
            Files.writeString(json, text);
        }
        BenchmarkChart.write(
                ChartData.from(JSON.readTree(json.toFile()), repo),
                List.of(repo.resolve("docs/benchmark.png"), json.resolveSibling("pipeline.png")));
    }

    private static Map<String, Object> run(BenchSettings settings) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("benchmark", "pipeline");
        results.put("command", COMMAND);
        results.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("benchmark_jvm_max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        results.put("settings", settings(settings));
        Path workDir = Files.createTempDirectory("cdc-lake-pipeline-bench");
        try (LocalStack stack = LocalStack.builder(workDir).all().start();
                ProcessMemory postgresMemory =
                        new ProcessMemory(stack.postgres().serverPid(), 500)) {
            FlinkService flink = stack.flink();
            results.put("snapshot", new SnapshotRun(stack, flink, settings).run());
            List<Map<String, Object>> latency = new ArrayList<>();
            for (int interval : settings.intervalsSeconds()) {
                latency.add(new LatencyRun(stack, flink, settings).run(interval));
            }
            results.put("latency", latency);
            Map<String, Object> memory = new LinkedHashMap<>();
            memory.put("benchmark_jvm_vmhwm", ProcessMemory.vmHwmMb("self"));
            memory.put("s3_server_vmhwm", ProcessMemory.vmHwmMb(String.valueOf(stack.s3().pid())));
            memory.putAll(postgresMemory.postgresPeaksMb());
            results.put("peak_memory_mb", memory);
        } finally {
            deleteQuietly(workDir);
        }
        results.put("notes", notes());
        return results;
    }

    private static Map<String, Object> settings(BenchSettings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("snapshot_rows", settings.snapshotRows());
        out.put("snapshot_checkpoint_interval_s", settings.snapshotIntervalSeconds());
        out.put("rate_changes_per_s", settings.rate());
        out.put("window_s", settings.window().toMillis() / 1000.0);
        out.put("checkpoint_intervals_s", settings.intervalsSeconds());
        out.put("change_mix", "insert=50,update=40,delete=10");
        out.put("changes_per_transaction", 1);
        out.put("poll_ms", settings.pollMillis());
        out.put("job_parallelism", 1);
        out.put("connector_overrides", settings.connectorOverrides());
        return out;
    }

    private static Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(
                "latency",
                "per change (an update's two images count once): wall clock of the first listing"
                    + " that shows the committed Parquet file holding it, minus its _source_ts_ms"
                    + " (PostgreSQL's commit timestamp, same machine clock); upper bound by up to"
                    + " one poll interval plus one listing");
        notes.put(
                "snapshot",
                "connector registration (job already running) to the listing that shows the last of"
                        + " the rows in committed Parquet files, counted from footers");
        notes.put(
                "memory",
                "VmHWM is a process's own peak RSS; PostgreSQL's processes share their buffers, so"
                    + " the sum of their VmHWM over-counts, and total_pss_peak_sampled (PSS summed"
                    + " over the server's processes, sampled every 500 ms) is the figure to quote");
        return notes;
    }

    /**
     * How often the job's tasks were restarted so far: a failover inside a measurement must show.
     */
    static int restarts(FlinkService flink, JobClient job) throws Exception {
        int restarts = 0;
        for (var vertex :
                flink.miniCluster()
                        .getExecutionGraph(job.getJobID())
                        .get()
                        .getAllExecutionVertices()) {
            restarts = Math.max(restarts, vertex.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return restarts;
    }

    /**
     * The job's configuration for one measurement; offsets carry over from job to job through the
     * group. {@code -Dbench.job.<key>=<value>} sets an option over them, one change at a time, as
     * {@code bench.connector.} does for the connector.
     */
    static JobConfig jobConfig(LocalStack stack, String basePath, int checkpointSeconds) {
        Map<String, String> options =
                new HashMap<>(
                        Map.of(
                                "kafka.bootstrap-servers",
                                stack.kafka().bootstrapServers(),
                                "kafka.group-id",
                                "cdc-lake-bench",
                                "kafka.partition-discovery-interval",
                                "1 s",
                                "lake.bucket",
                                stack.s3().bucket(),
                                "lake.base-path",
                                basePath,
                                "checkpoint.interval",
                                checkpointSeconds + " s",
                                "job.name",
                                "bench " + basePath));
        options.putAll(BenchSettings.propertiesWithPrefix("bench.job."));
        return JobConfig.fromMap(options);
    }

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("cli"))
                    && Files.isDirectory(dir.resolve("flink-job"))
                    && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from the repository or one of its modules");
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is not worth failing a finished measurement.
        }
    }
}
