package io.cdclake.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughputs the other benchmarks left in their modules' target folders, for the chart's
 * throughput panel; a benchmark not run yet is simply missing from it.
 */
final class OtherBenchmarks {

    static final String JOB_RESULT = "flink-job/target/benchmark/job-throughput.json";
    static final String LOADER_RESULT = "data-loader/target/loader-benchmark.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OtherBenchmarks() {}

    /** The chart's bars from other benchmarks, in its order; absent results are skipped. */
    static List<BenchmarkChart.Throughput> throughputs(Path repo) throws IOException {
        List<BenchmarkChart.Throughput> out = new ArrayList<>();
        Path job = repo.resolve(JOB_RESULT);
        if (Files.exists(job)) {
            JsonNode node = JSON.readTree(job.toFile());
            put(
                    out,
                    "Debezium JSON decode, one core",
                    "events",
                    node.get("decode_events_per_s_one_core"));
            put(
                    out,
                    "Kafka consumer, bytes only (ceiling)",
                    "events",
                    best(node.get("ceiling_bytes_events_per_s_rounds")));
            put(
                    out,
                    "Kafka consumer + JSON tree (ceiling)",
                    "events",
                    best(node.get("ceiling_tree_events_per_s_rounds")));
            put(
                    out,
                    "Flink job: Kafka \u2192 Parquet+CSV on S3",
                    "events",
                    node.get("job_events_per_s"));
        }
        Path loader = repo.resolve(LOADER_RESULT);
        if (Files.exists(loader)) {
            JsonNode copy = null;
            JsonNode insert = null;
            // The file is appended to: the last line of each method is the latest run.
            for (String line : Files.readAllLines(loader)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String method = node.path("method").asText();
                if (method.equals("copy")) {
                    copy = node.get("rowsPerSecond");
                } else if (method.equals("batched-insert")) {
                    insert = node.get("rowsPerSecond");
                }
            }
            put(out, "Loader: COPY into PostgreSQL", "rows", copy);
            put(out, "Loader: batched INSERT into PostgreSQL", "rows", insert);
        }
        return out;
    }

    /** Which results were missing, to say so under the chart. */
    static List<String> missing(Path repo) {
        List<String> missing = new ArrayList<>();
        for (String file : List.of(JOB_RESULT, LOADER_RESULT)) {
            if (!Files.exists(repo.resolve(file))) {
                missing.add(file);
            }
        }
        return missing;
    }

    /** The best of a benchmark's rounds, or null when it has none. */
    private static JsonNode best(JsonNode rounds) {
        JsonNode best = null;
        if (rounds != null) {
            for (JsonNode round : rounds) {
                best = best == null || round.asDouble() > best.asDouble() ? round : best;
            }
        }
        return best;
    }

    private static void put(
            List<BenchmarkChart.Throughput> out, String label, String unit, JsonNode value) {
        if (value != null && value.isNumber()) {
            out.add(new BenchmarkChart.Throughput(label, value.asDouble(), unit, false));
        }
    }
}
