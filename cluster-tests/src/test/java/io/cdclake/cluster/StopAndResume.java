package io.cdclake.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.job.testing.LakeFiles;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What an operator does with the job, whichever way it is submitted: start it, see files in the
 * bucket, stop it with a savepoint, let changes pile up, resume it with another parallelism, and
 * find every change in the lake exactly once.
 */
final class StopAndResume {

    /** One way of submitting and stopping the job: the REST API or the command line. */
    interface Submitter {
        /**
         * Submits the job jar with {@code jobArgs}; {@code savepoint} is null for a fresh start.
         * Returns the job id.
         */
        String submit(List<String> jobArgs, int parallelism, String savepoint) throws Exception;

        /** Stops the job with a savepoint in {@code directory}; returns the savepoint's path. */
        String stopWithSavepoint(String jobId, String directory) throws Exception;
    }

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final Set<String> RUNNING = Set.of("RUNNING");

    private StopAndResume() {}

    static void run(
            ClusterFixture fixture,
            Submitter submitter,
            String basePath,
            int parallelism,
            int resumedParallelism)
            throws Exception {
        FlinkRestClient rest = fixture.rest();
        CustomerChanges changes = fixture.changes();
        List<String> jobArgs = fixture.jobArgs(basePath);
        String root = fixture.lakeRoot(jobArgs);

        String first = submitter.submit(jobArgs, parallelism, null);
        rest.awaitJobState(first, RUNNING, JOB_TIMEOUT);
        changes.insertAndUpdate(1, 200);
        awaitRows(fixture.rest(), first, root, changes.expectedRows(), fixture.logs());
        assertThat(LakeFiles.committed(root + "/parquet", ".parquet"))
                .isNotEmpty()
                .allSatisfy(
                        p ->
                                assertThat(p.toString())
                                        .matches(
                                                ".*/parquet/postgres/public\\.customers/dt=\\d{4}-\\d{2}-\\d{2}/part-[^/]+\\.parquet"));
        assertThat(LakeFiles.committed(root + "/csv", ".csv")).isNotEmpty();

        String savepoint = submitter.stopWithSavepoint(first, fixture.savepointDir());
        assertThat(savepoint).startsWith(fixture.savepointDir() + "/savepoint-");
        rest.awaitJobState(first, Set.of("FINISHED"), JOB_TIMEOUT);

        // Changes that arrive while the job is stopped must be picked up where the savepoint left
        // off.
        changes.insertAndUpdate(201, 200);
        String resumed = submitter.submit(jobArgs, resumedParallelism, savepoint);
        try {
            rest.awaitJobState(resumed, RUNNING, JOB_TIMEOUT);
            assertThat(rest.vertexParallelism(resumed))
                    .isNotEmpty()
                    .allMatch(p -> p == resumedParallelism);
            awaitRows(fixture.rest(), resumed, root, changes.expectedRows(), fixture.logs());
            // Nothing may be added once everything is there.
            awaitTwoMoreCheckpoints(rest, resumed);
            assertExactlyOnce(LakeRows.parquet(root), changes.expectedRows(), "Parquet");
            assertExactlyOnce(LakeRows.csv(root), changes.expectedRows(), "CSV");
        } finally {
            rest.cancel(resumed);
        }
    }

    /**
     * Waits until the lake under {@code root} holds {@code expected} committed rows in each format;
     * on a timeout the failure names the job's state, its exceptions and where its logs are.
     */
    static void awaitRows(
            FlinkRestClient rest, String jobId, String root, int expected, Object logs)
            throws Exception {
        try {
            await().alias(
                            expected
                                    + " committed rows in Parquet and CSV under "
                                    + root
                                    + " (Parquet and CSV rows)")
                    .atMost(JOB_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> List.of(LakeRows.parquet(root).size(), LakeRows.csv(root).size()),
                            rows -> rows.stream().allMatch(n -> n >= expected));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    e.getMessage()
                            + "; job "
                            + rest.jobState(jobId)
                            + ", "
                            + rest.exceptions(jobId)
                            + "; logs in "
                            + logs,
                    e);
        }
    }

    /**
     * Waits for two more completed checkpoints: whatever was in flight when the rows arrived is
     * committed by then, so late duplicates would be in the lake.
     */
    static void awaitTwoMoreCheckpoints(FlinkRestClient rest, String jobId) throws Exception {
        long checkpoints = rest.completedCheckpoints(jobId);
        await().alias("two more checkpoints of job " + jobId + " complete")
                .atMost(JOB_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> rest.completedCheckpoints(jobId), n -> n >= checkpoints + 2);
    }

    static void assertExactlyOnce(List<String> keys, int expected, String format) {
        Set<String> distinct = new HashSet<>(keys);
        assertThat(keys.size() - distinct.size()).as("%s rows written twice", format).isZero();
        assertThat(keys).as("%s rows", format).hasSize(expected);
    }
}
