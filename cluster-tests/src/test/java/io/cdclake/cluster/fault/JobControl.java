package io.cdclake.cluster.fault;

import io.cdclake.cluster.FlinkRestClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The job on the cluster, through the REST API: submit, cancel, stop with a savepoint, resume. */
final class JobControl {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final FlinkRestClient rest;
    private final String jarId;
    private final List<String> jobArgs;
    private String jobId;
    private int parallelism;

    JobControl(FlinkRestClient rest, String jarId, List<String> jobArgs) {
        this.rest = rest;
        this.jarId = jarId;
        this.jobArgs = jobArgs;
    }

    /**
     * Submits the job, from a savepoint or retained checkpoint unless it is null; returns once it
     * runs.
     */
    void submit(int newParallelism, String savepoint) throws Exception {
        jobId = rest.runJar(jarId, jobArgs, newParallelism, savepoint);
        parallelism = newParallelism;
        rest.awaitJobState(jobId, Set.of("RUNNING"), TIMEOUT);
    }

    /** Cancels the job; returns the checkpoint it retained. */
    String cancel() throws Exception {
        rest.cancel(jobId);
        rest.awaitJobState(jobId, Set.of("CANCELED"), TIMEOUT);
        String checkpoint = rest.latestCheckpoint(jobId);
        if (checkpoint == null) {
            throw new AssertionError("job " + jobId + " retained no checkpoint");
        }
        return checkpoint;
    }

    /** Stops the job with a savepoint; returns its path. */
    String stopWithSavepoint(String directory) throws Exception {
        String savepoint = rest.stopWithSavepoint(jobId, directory, TIMEOUT);
        rest.awaitJobState(jobId, Set.of("FINISHED"), TIMEOUT);
        return savepoint;
    }

    String describe() {
        try {
            return "job "
                    + jobId
                    + " "
                    + rest.jobState(jobId)
                    + " at parallelism "
                    + parallelism
                    + "; "
                    + rest.exceptions(jobId);
        } catch (Exception e) {
            return "job " + jobId + ": " + e;
        }
    }

    /** Checkpoints the running job completed. */
    long completedCheckpoints() throws Exception {
        return rest.completedCheckpoints(jobId);
    }

    List<Integer> vertexParallelism() throws Exception {
        return rest.vertexParallelism(jobId);
    }

    int parallelism() {
        return parallelism;
    }

    void cancelQuietly() {
        try {
            rest.cancel(jobId);
        } catch (Exception e) {
            // Closing down: the cluster goes next anyway.
        }
    }
}
