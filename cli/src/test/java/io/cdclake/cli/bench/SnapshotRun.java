package io.cdclake.cli.bench;

import io.cdclake.cli.StackLake;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.loader.EmbeddedLoader;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.LoadSource;
import io.cdclake.loader.load.Progress;
import io.cdclake.postgres.PgTable;
import io.cdclake.stack.FlinkService;
import io.cdclake.stack.LocalStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;

/**
 * Loads a titanic-shaped table, starts the job, then registers the connector and times until the
 * lake's committed files hold every row of Debezium's initial snapshot. The job runs first, as in
 * production, so the time is the chain's and not the job's start-up.
 */
final class SnapshotRun {

    /** Debezium's topic for the table: {@code <topic.prefix>.<schema>.<table>}. */
    private static final String TOPIC =
            "postgres." + PipelineBenchmark.TABLE.schema() + "." + PipelineBenchmark.TABLE.table();

    private final LocalStack stack;
    private final FlinkService flink;
    private final BenchSettings settings;

    SnapshotRun(LocalStack stack, FlinkService flink, BenchSettings settings) {
        this.stack = stack;
        this.flink = flink;
        this.settings = settings;
    }

    Map<String, Object> run() throws Exception {
        int rows = settings.snapshotRows();
        long loadStart = System.nanoTime();
        EmbeddedLoader.of(stack.postgres())
                .load(
                        LoadSource.generated(rows, 11),
                        LoadOptions.into(PgTable.of(PipelineBenchmark.TABLE.table()))
                                .withProgress(Progress.NEVER, System.err));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        String basePath = "bench/snapshot";
        JobConfig config =
                PipelineBenchmark.jobConfig(stack, basePath, settings.snapshotIntervalSeconds());
        JobClient job = CdcLakeJob.start(flink.environment(1), config);
        try {
            LakeWatcher watcher =
                    new LakeWatcher(
                            StackLake.reader(
                                    stack.s3(), config.lakeRoot(), PipelineBenchmark.TABLE),
                            PipelineBenchmark.KEY);
            Timeline timeline;
            ProcessCpu cpu =
                    ProcessCpu.start(
                            List.of(
                                    new ProcessCpu.Counted(
                                            "benchmark_jvm_kafka_connect_flink",
                                            ProcessHandle.current().pid(),
                                            false),
                                    new ProcessCpu.Counted("s3_server", stack.s3().pid(), false),
                                    new ProcessCpu.Counted(
                                            "postgres", stack.postgres().serverPid(), true)));
            Map<String, Object> byComponent;
            try (ThreadCpu threadCpu = ThreadCpu.start();
                    TopicEnd topic = new TopicEnd(stack.kafka().bootstrapServers(), TOPIC)) {
                timeline = follow(watcher, topic, rows);
                byComponent = threadCpu.secondsSinceStart();
            }
            double seconds = timeline.seconds(timeline.allCommitted());
            // Read right after the last file showed up; the few polls after it add little.
            Map<String, Object> cpuSeconds = cpu.secondsSinceStart();
            byComponent.put("s3_server", cpuSeconds.get("s3_server"));
            byComponent.put("postgres", cpuSeconds.get("postgres"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rows", rows);
            out.put("seconds_register_to_all_rows_committed", round(seconds));
            out.put("rows_per_s", Math.round(rows / seconds));
            out.put("seconds_connector_registration", timeline.seconds(timeline.registered()));
            out.put("seconds_to_first_rows_in_kafka", timeline.seconds(timeline.firstInKafka()));
            out.put("seconds_to_all_rows_in_kafka", timeline.seconds(timeline.allInKafka()));
            out.put("seconds_to_first_rows_committed", timeline.seconds(timeline.firstCommitted()));
            out.put("checkpoint_interval_s", settings.snapshotIntervalSeconds());
            out.put("parquet_files", timeline.files());
            out.put("load_seconds_copy_into_postgres", round(loadSeconds));
            out.put("cpu_seconds_registration_to_last_commit", cpuSeconds);
            out.put("cpu_cores_busy_average", round((Double) cpuSeconds.get("total") / seconds));
            out.put(
                    "cpu_microseconds_per_row",
                    Math.round((Double) cpuSeconds.get("total") * 1e6 / rows));
            out.put("cpu_seconds_by_component", byComponent);
            out.put("cpu_microseconds_per_row_by_component", perRow(byComponent, rows));
            out.put("job_restarts", PipelineBenchmark.restarts(flink, job));
            out.put("lake_rows_by_op", verifiedOps(config.lakeRoot(), rows));
            return out;
        } finally {
            job.cancel().get();
        }
    }

    /** Each component's CPU seconds as microseconds per row. */
    private static Map<String, Object> perRow(Map<String, Object> seconds, int rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        seconds.forEach(
                (component, value) -> {
                    if (value instanceof Double s) {
                        out.put(component, Math.round(s * 1e6 / rows * 10) / 10.0);
                    }
                });
        return out;
    }

    /**
     * Wall-clock milestones of the snapshot, epoch milliseconds; {@code start} is just before
     * registration.
     */
    private record Timeline(
            long start,
            long registered,
            long firstInKafka,
            long allInKafka,
            long firstCommitted,
            long allCommitted,
            long files) {
        double seconds(long at) {
            return round((at - start) / 1000.0);
        }
    }

    private Timeline follow(LakeWatcher watcher, TopicEnd topic, int rows) throws Exception {
        long start = System.currentTimeMillis();
        ConnectorConfig connector = ConnectorConfig.load();
        for (var override : settings.connectorOverrides().entrySet()) {
            connector = connector.with(override.getKey(), override.getValue());
        }
        new ConnectorRegistrar(stack.connect().restUrl())
                .register(connector, Duration.ofMinutes(2));
        long registered = System.currentTimeMillis();
        long firstInKafka = 0;
        long allInKafka = 0;
        long firstCommitted = 0;
        long committed = 0;
        long files = 0;
        long end = 0;
        long deadline = start + Duration.ofMinutes(30).toMillis();
        while (committed < rows) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "the lake holds " + committed + " of " + rows + " rows after 30 min");
            }
            Thread.sleep(500);
            if (allInKafka == 0) {
                long inKafka = topic.records();
                firstInKafka =
                        firstInKafka == 0 && inKafka > 0
                                ? System.currentTimeMillis()
                                : firstInKafka;
                allInKafka = inKafka >= rows ? System.currentTimeMillis() : 0;
            }
            for (LakeWatcher.NewFile file : watcher.poll()) {
                committed += LakeWatcher.rowCount(file.path());
                files++;
                firstCommitted = firstCommitted == 0 ? file.visibleAtMs() : firstCommitted;
                end = file.visibleAtMs();
            }
        }
        // The last rows can reach Kafka and the lake between two polls; Kafka cannot be later than
        // the lake.
        return new Timeline(
                start,
                registered,
                firstInKafka == 0 ? end : firstInKafka,
                allInKafka == 0 ? end : allInKafka,
                firstCommitted,
                end,
                files);
    }

    /**
     * Footers count rows, not ops: after the clock stops, the {@code _op} column confirms they are
     * all reads.
     */
    private Map<String, Long> verifiedOps(String lakeRoot, int rows) throws Exception {
        Map<String, Long> byOp =
                StackLake.reader(stack.s3(), lakeRoot, PipelineBenchmark.TABLE).rowsByOp();
        if (byOp.get("r") != rows
                || byOp.values().stream().mapToLong(Long::longValue).sum() != rows) {
            throw new IllegalStateException(
                    "expected exactly " + rows + " snapshot rows in the lake, found " + byOp);
        }
        byOp.values().removeIf(n -> n == 0);
        return byOp;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
