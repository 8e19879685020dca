package io.cdclake.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chart's content from a pipeline.json, plus what the other benchmarks left behind: the chart
 * is drawn from the file, not from live objects, so it can be redrawn without measuring again.
 */
final class ChartData {

    private ChartData() {}

    static BenchmarkChart.Data from(JsonNode results, Path repo) throws IOException {
        JsonNode settings = results.get("settings");
        JsonNode snapshot = results.get("snapshot");
        List<BenchmarkChart.LatencyGroup> latency = new ArrayList<>();
        for (JsonNode run : results.get("latency")) {
            latency.add(
                    new BenchmarkChart.LatencyGroup(
                            run.get("checkpoint_interval_s").asInt() + " s",
                            run.get("p50_ms").asLong(),
                            run.get("p95_ms").asLong(),
                            run.get("p99_ms").asLong(),
                            run.get("changes").asLong()));
        }
        List<BenchmarkChart.Throughput> throughput = new ArrayList<>();
        throughput.add(
                new BenchmarkChart.Throughput(
                        "Snapshot: PostgreSQL \u2192 lake, whole chain",
                        snapshot.get("rows_per_s").asDouble(),
                        "rows",
                        true));
        throughput.addAll(OtherBenchmarks.throughputs(repo));

        String subtitle =
                String.format(
                        Locale.ROOT,
                        "PostgreSQL \u2192 Debezium (Kafka Connect) \u2192 Kafka \u2192 Flink"
                            + " (parallelism 1) \u2192 Parquet + CSV on S3, all on one machine with"
                            + " %d cores, %s",
                        results.get("cores").asInt(),
                        results.get("date").asText());
        List<String> notes = new ArrayList<>();
        notes.add(
                String.format(
                        Locale.ROOT,
                        "Latency: %s changes/s (%s, one per transaction) for %s s per interval;"
                            + " from the commit (_source_ts_ms) to the first listing showing the"
                            + " committed Parquet file, listed every %d ms.",
                        trim(settings.get("rate_changes_per_s").asDouble()),
                        settings.get("change_mix").asText(),
                        trim(settings.get("window_s").asDouble()),
                        settings.get("poll_ms").asInt()));
        notes.add(
                String.format(
                        Locale.ROOT,
                        "Snapshot: %,d titanic-shaped rows, from registering the connector to all"
                                + " rows in committed files: %.1f s (checkpoints every %d s).",
                        snapshot.get("rows").asLong(),
                        snapshot.get("seconds_register_to_all_rows_committed").asDouble(),
                        snapshot.get("checkpoint_interval_s").asInt()));
        List<String> missing = OtherBenchmarks.missing(repo);
        notes.add(
                "Throughputs in light blue: JobThroughputBenchmark (flink-job) and LoaderBenchmark"
                        + " (data-loader)"
                        + (missing.isEmpty()
                                ? "."
                                : "; not run yet: " + String.join(", ", missing) + "."));
        notes.add("Reproduce: " + PipelineBenchmark.COMMAND);
        return new BenchmarkChart.Data(
                "cdc-lake pipeline benchmark", subtitle, latency, throughput, notes);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
