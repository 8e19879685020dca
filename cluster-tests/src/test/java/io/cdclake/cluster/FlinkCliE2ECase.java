package io.cdclake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar submitted with {@code flink run -d}, stopped with {@code flink stop
 * --savepointPath} and resumed with {@code flink run -s} at a lower parallelism, on a standalone
 * cluster: the commands docs/operations.md gives.
 */
class FlinkCliE2ECase {

    private static ClusterFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ClusterFixture.start("flink-cli");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void submittedJarRunsStopsWithASavepointAndResumesWithLessParallelism() throws Exception {
        FlinkCli flink = new FlinkCli(fixture.cluster());
        StopAndResume.run(
                fixture,
                new StopAndResume.Submitter() {
                    @Override
                    public String submit(List<String> jobArgs, int parallelism, String savepoint)
                            throws Exception {
                        List<String> options =
                                new ArrayList<>(List.of("-p", String.valueOf(parallelism)));
                        if (savepoint != null) {
                            options.addAll(List.of("-s", savepoint));
                        }
                        String jobId = flink.runDetached(options, jobArgs);
                        fixture.rest()
                                .awaitJobState(jobId, Set.of("RUNNING"), Duration.ofMinutes(3));
                        // docker-compose.yaml's job-submit greps this line to avoid submitting the
                        // job
                        // twice.
                        assertThat(flink.flink(List.of("list", "-r")))
                                .contains(" : " + jobId + " : cdc-lake (RUNNING)");
                        return jobId;
                    }

                    @Override
                    public String stopWithSavepoint(String jobId, String directory)
                            throws Exception {
                        return flink.stopWithSavepoint(jobId, directory);
                    }
                },
                "cli",
                2,
                1);
    }
}
