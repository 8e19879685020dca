package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        CommandRun demo =
                CommandRun.of(
                        System.getenv(),
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
                        "0");
        String printed = demo.out();
        assertThat(demo.code()).as(demo.all()).isZero();
        assertThat(printed)
                .contains("loaded 891 rows into public.customers")
                .contains("Flink web UI       http://")
                .contains("s3://lake/parquet/postgres/public.customers/")
                .contains("Snapshot in the lake: r=891")
                .contains("updated 1 row")
                .contains("Current-state table  cdc_lake.postgres.public.customers: 890 rows")
                .contains("--catalog-jdbc-url jdbc:postgresql://")
                .contains("./cdc-lake query --lake s3://lake --s3-endpoint http://")
                .contains("OK: the lake matches the database")
                .contains("Stopped.");
        assertThat(printed).doesNotContain("MISMATCH");
        // The lake stays on disk after the demo: query reads it there, and its current state has
        // as many rows as verify found equal to PostgreSQL's, without the tutorial's deleted one.
        // (The generated changes may touch passenger 2 again, so its name is PipelineITCase's.)
        java.util.regex.Matcher verified =
                java.util.regex.Pattern.compile(
                                "OK: the lake matches the database \\((\\d+) rows\\)")
                        .matcher(printed);
        assertThat(verified.find()).isTrue();
        CommandRun query =
                CommandRun.of(
                        java.util.Map.of(),
                        "query",
                        "--lake",
                        workDir.resolve("s3/lake").toString(),
                        "--sql",
                        "SELECT count(*) AS n, count(*) FILTER (WHERE \"PassengerId\" = 3) AS"
                                + " deleted FROM public.customers");
        String answer = query.all();
        assertThat(query.code()).as(answer).isZero();
        assertThat(answer.lines().skip(2).findFirst().orElseThrow().trim().split(" {2,}"))
                .containsExactly(verified.group(1), "0");
        // Connector, task and job ran throughout: progress lines, never the failure report.
        assertThat(printed)
                .containsPattern("\\d\\d:\\d\\d:\\d\\d  public\\.customers: r=891 ")
                .doesNotContain("the pipeline is not running");
    }

    /**
     * A CSV with one line twice, loaded without a primary key: both copies are rows of the table,
     * and both reach the lake (the replay filter once took the second read for a copy, and the demo
     * waited in vain for the snapshot).
     */
    @Test
    void aCsvWithALineTwiceAndNoPrimaryKeyArrivesWhole(@TempDir Path workDir) throws Exception {
        java.nio.file.Path csv = workDir.resolve("people.csv");
        StringBuilder lines = new StringBuilder("name,city\n");
        for (int i = 1; i <= 50; i++) {
            lines.append("person ").append(i).append(",city ").append(i % 4).append('\n');
        }
        lines.append("person 7,city 3\n");
        java.nio.file.Files.writeString(csv, lines.toString());
        CommandRun demo =
                CommandRun.of(
                        System.getenv(),
                        "demo",
                        "--csv",
                        csv.toString(),
                        "--duration",
                        "5s",
                        "--rate",
                        "0",
                        "--checkpoint-interval",
                        "2s",
                        "--work-dir",
                        workDir.resolve("demo").toString(),
                        "--flink-port",
                        "0",
                        "--s3-port",
                        "0");
        String printed = demo.out();
        assertThat(demo.code()).as(demo.all()).isZero();
        assertThat(printed)
                .contains("Snapshot in the lake: r=51")
                .contains("OK: the lake matches the database (51 rows)")
                .doesNotContain("events Kafka Connect sent again are set aside");
    }
}
