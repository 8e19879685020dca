package io.cdclake.cli.status;

/**
 * A Flink job's state, as {@code /jobs/overview} reports it, with the first line of its latest
 * exception and of that exception's root cause when it failed.
 */
record JobStatus(
        String id, String name, String state, long startTime, String exception, String rootCause) {

    boolean running() {
        return "RUNNING".equals(state);
    }

    /**
     * Failed, failing or restarting: something went wrong, unlike a job that was cancelled or
     * finished.
     */
    boolean failing() {
        return "FAILED".equals(state) || "FAILING".equals(state) || "RESTARTING".equals(state);
    }
}
