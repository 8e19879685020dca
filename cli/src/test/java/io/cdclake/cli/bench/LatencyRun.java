package io.cdclake.cli.bench;

import io.cdclake.cli.StackLake;
import io.cdclake.format.MetadataColumns;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.loader.ChangeRun;
import io.cdclake.loader.EmbeddedLoader;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.ChangeResult;
import io.cdclake.loader.changes.OperationMix;
import io.cdclake.postgres.PgTable;
import io.cdclake.stack.FlinkService;
import io.cdclake.stack.LocalStack;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;

/**
 * End-to-end latency at one checkpoint interval: a fresh job writing to its own folder, the data
 * loader's change generator at a steady rate, and every change's latency from its commit in
 * PostgreSQL ({@code _source_ts_ms}, which Debezium takes from the transaction's commit timestamp)
 * to the first listing that shows the committed Parquet file holding it.
 */
final class LatencyRun {

    private final LocalStack stack;
    private final FlinkService flink;
    private final BenchSettings settings;

    LatencyRun(LocalStack stack, FlinkService flink, BenchSettings settings) {
        this.stack = stack;
        this.flink = flink;
        this.settings = settings;
    }

    Map<String, Object> run(int intervalSeconds) throws Exception {
        JobConfig config =
                PipelineBenchmark.jobConfig(
                        stack, "bench/latency-" + intervalSeconds + "s", intervalSeconds);
        JobClient job = CdcLakeJob.start(flink.environment(1), config);
        try {
            LakeWatcher watcher =
                    new LakeWatcher(
                            StackLake.reader(
                                    stack.s3(), config.lakeRoot(), PipelineBenchmark.TABLE),
                            PipelineBenchmark.KEY);
            long probeOffset = awaitProbe(watcher, -intervalSeconds);
            Measured measured = new Measured();
            long windowStart = System.currentTimeMillis();
            ChangeRun generator =
                    EmbeddedLoader.of(stack.postgres())
                            .changes(
                                    PgTable.of(PipelineBenchmark.TABLE.table()),
                                    new ChangeOptions(
                                            OperationMix.DEFAULT,
                                            intervalSeconds,
                                            -1,
                                            settings.window(),
                                            settings.rate(),
                                            1));
            CompletableFuture<ChangeResult> changes = generator.runInBackground();
            long expected = -1;
            long deadline = Long.MAX_VALUE;
            while (expected < 0 || measured.changes() < expected) {
                if (expected < 0 && changes.isDone()) {
                    expected = changes.join().total();
                    deadline =
                            System.currentTimeMillis() + Math.max(60_000, 6_000L * intervalSeconds);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "interval "
                                    + intervalSeconds
                                    + " s: "
                                    + measured.changes()
                                    + " of "
                                    + expected
                                    + " changes reached the lake");
                }
                long next = System.currentTimeMillis() + settings.pollMillis();
                for (LakeWatcher.NewFile file : watcher.poll()) {
                    measured.add(watcher, file, windowStart);
                }
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("checkpoint_interval_s", intervalSeconds);
            out.put("changes", measured.changes());
            out.put("changes_committed_by_generator", expected);
            out.putAll(Percentiles.summary(measured.latencies(), "", "_ms"));
            out.put("lake_rows", measured.rows);
            out.put("parquet_files", measured.files);
            out.put("duplicates", measured.duplicates);
            out.put("job_restarts", PipelineBenchmark.restarts(flink, job));
            out.putAll(Percentiles.summary(measured.debeziumLags(), "commit_to_debezium_", "_ms"));
            out.put("probe_client_commit_minus_source_ts_ms", probeOffset);
            out.put("mean_listing_ms", Math.round(watcher.meanListingMillis()));
            return out;
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Inserts one row with a negative key (outside the generator's keys) and waits for it: the job
     * is then reading and committing, so start-up is not measured. Returns the client's time after
     * COMMIT returned minus the row's {@code _source_ts_ms}, a check that both clocks agree.
     */
    private long awaitProbe(LakeWatcher watcher, long key) throws Exception {
        long clientCommit;
        try (Connection db = stack.postgres().connect();
                Statement sql = db.createStatement()) {
            sql.executeUpdate(
                    "INSERT INTO "
                            + PipelineBenchmark.TABLE.table()
                            + " (\""
                            + PipelineBenchmark.KEY
                            + "\", \"Name\") VALUES ("
                            + key
                            + ", 'latency probe')");
            clientCommit = System.currentTimeMillis();
        }
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            for (LakeWatcher.NewFile file : watcher.poll()) {
                for (LakeWatcher.ChangeRow row : watcher.rows(file.path())) {
                    if (row.key() == key && "c".equals(row.op())) {
                        return clientCommit - row.sourceTsMs();
                    }
                }
            }
            Thread.sleep(settings.pollMillis());
        }
        throw new IllegalStateException(
                "the probe row " + key + " did not reach the lake within 3 minutes");
    }

    /** One sample per change: an update's before image shares its after image's commit and file. */
    private static final class Measured {
        private final LongList latencies = new LongList();
        private final LongList debeziumLags = new LongList();
        private final Set<Long> lsns = new HashSet<>();
        private long rows;
        private long files;
        private long duplicates;

        void add(LakeWatcher watcher, LakeWatcher.NewFile file, long windowStart)
                throws java.io.IOException {
            files++;
            for (LakeWatcher.ChangeRow row : watcher.rows(file.path())) {
                if (row.sourceTsMs() < windowStart || row.key() < 0) {
                    continue; // re-read from before this window, or the probe
                }
                rows++;
                if ("u".equals(row.op()) && MetadataColumns.BEFORE.equals(row.image())) {
                    continue;
                }
                if (!lsns.add(row.lsn())) {
                    duplicates++;
                    continue;
                }
                latencies.add(file.visibleAtMs() - row.sourceTsMs());
                debeziumLags.add(row.tsMs() - row.sourceTsMs());
            }
        }

        long changes() {
            return latencies.size();
        }

        long[] latencies() {
            return latencies.toArray();
        }

        long[] debeziumLags() {
            return debeziumLags.toArray();
        }
    }

    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
