package io.cdclake.cli.status;

/**
 * A Flink job's state, as {@code /jobs/overview} reports it, with the first line of its latest
 * exception and of that exception's root cause when it failed, and what its replay filter counted
 * while it runs.
 */
record JobStatus(
        String id,
        String name,
        String state,
        long startTime,
        String exception,
        String rootCause,
        ReplayCounts replay) {

    /**
     * The replay filter's counters summed over the job's tables: events set aside as copies ({@code
     * resentEventsDropped}), perhaps-copies kept ({@code unprovenCopiesKept}), and changes kept
     * below the furthest WAL position ({@code changesBehindMark}).
     */
    record ReplayCounts(long setAside, long unprovenKept, long behindMark) {
        static final ReplayCounts NONE = new ReplayCounts(0, 0, 0);
    }

    JobStatus withReplay(ReplayCounts counts) {
        return new JobStatus(id, name, state, startTime, exception, rootCause, counts);
    }

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
