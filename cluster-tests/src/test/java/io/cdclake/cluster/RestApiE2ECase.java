package io.cdclake.cluster;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar uploaded and run through the REST API of Flink's web UI, on a standalone
 * cluster, stopped with a savepoint and resumed from it with a higher parallelism.
 */
class RestApiE2ECase {

    private static ClusterFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ClusterFixture.start("rest-api");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void uploadedJarRunsStopsWithASavepointAndResumesWithMoreParallelism() throws Exception {
        FlinkRestClient rest = fixture.rest();
        String jarId = rest.uploadJar(fixture.cluster().distribution().jobJar());
        StopAndResume.run(
                fixture,
                new StopAndResume.Submitter() {
                    @Override
                    public String submit(List<String> jobArgs, int parallelism, String savepoint)
                            throws Exception {
                        return rest.runJar(jarId, jobArgs, parallelism, savepoint);
                    }

                    @Override
                    public String stopWithSavepoint(String jobId, String directory)
                            throws Exception {
                        return rest.stopWithSavepoint(jobId, directory, Duration.ofMinutes(2));
                    }
                },
                "rest",
                1,
                2);
    }
}
