package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's one command, run for a short while: everything starts, data flows, the lake
 * verifies, everything stops.
 */
class DemoCommandITCase {

    @Test
    void demoStreamsTheSampleIntoTheLakeAndVerifiesIt(@TempDir Path workDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                Main.run(
                        new String[] {
                            "demo",
                            "--duration",
                            "30s",
                            "--rate",
                            "5",
                            "--checkpoint-interval",
                            "2s",
                            "--work-dir",
                            workDir.toString(),
                            "--flink-port",
                            "0",
                            "--s3-port",
                            "0"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        System.getenv());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed)
                .contains("loaded 891 rows into customers")
                .contains("Flink web UI       http://")
                .contains("s3://lake/parquet/public.customers/")
                .contains("Snapshot in the lake: r=891")
                .contains("updated 1 row")
                .contains("./cdc-lake query --lake s3://lake --s3-endpoint http://")
                .contains("OK: the lake matches the database")
                .contains("Stopped.");
        assertThat(printed).doesNotContain("MISMATCH");
        // Connector, task and job ran throughout: progress lines, never the failure report.
        assertThat(printed)
                .containsPattern("\\d\\d:\\d\\d:\\d\\d  public\\.customers: r=891 ")
                .doesNotContain("the pipeline is not running");
    }
}
