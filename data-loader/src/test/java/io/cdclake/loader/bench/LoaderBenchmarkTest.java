package io.cdclake.loader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.loader.ConnectionSettings;
import io.cdclake.stack.PostgresService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY against batched INSERTs on a PostgreSQL of its own. Not part of the build: run with {@code
 * mvn -o -pl data-loader test -Dgroups=benchmark [-Dbenchmark.rows=1000000]}; the JSON lines land
 * in {@code target/loader-benchmark.jsonl}.
 */
@Tag("benchmark")
class LoaderBenchmarkTest {

    @Test
    void copyIsFasterThanBatchedInserts(@TempDir Path workDir) throws Exception {
        int rows = Integer.getInteger("benchmark.rows", LoaderBenchmark.DEFAULT_ROWS);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        List<Measurement> measurements;
        try (PostgresService postgres = PostgresService.start(workDir, 0)) {
            ConnectionSettings db =
                    new ConnectionSettings(
                            postgres.jdbcUrl(), postgres.user(), postgres.password());
            measurements =
                    LoaderBenchmark.run(
                            db, rows, 42, new PrintStream(json, true, StandardCharsets.UTF_8));
        }
        String lines = json.toString(StandardCharsets.UTF_8);
        System.out.print(lines);
        Path report = Path.of("target", "loader-benchmark.jsonl");
        Files.createDirectories(report.getParent());
        Files.writeString(report, lines);

        assertThat(lines.lines()).hasSize(5);
        assertThat(measurements).extracting(Measurement::rows).containsOnly((long) rows);
        assertThat(measurements.get(1).rowsPerSecond())
                .isGreaterThan(measurements.get(2).rowsPerSecond());
        assertThat(measurements.get(3).method()).isEqualTo("copy-csv-file");
    }
}
