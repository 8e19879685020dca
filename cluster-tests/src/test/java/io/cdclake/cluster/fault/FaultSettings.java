package io.cdclake.cluster.fault;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * How big and how long the fault suite runs, from system properties. The defaults are the cheapest
 * form the default build runs; the {@code faults} Maven profile sets the full size.
 *
 * @param changesPerFault changes made during each fault ({@code cdclake.faults.changes})
 * @param changesPerSecond the pace of those changes ({@code cdclake.faults.rate})
 * @param s3Outage how long the S3 server stays down ({@code cdclake.faults.s3-outage})
 * @param jobStopped how long the job stays stopped while changes go on ({@code
 *     cdclake.faults.job-stopped})
 * @param catchUpTimeout how long the lake may take to catch up after a fault ({@code
 *     cdclake.faults.catch-up-timeout})
 * @param checkpointInterval the job's checkpoint interval ({@code
 *     cdclake.faults.checkpoint-interval})
 */
record FaultSettings(
        int changesPerFault,
        double changesPerSecond,
        Duration s3Outage,
        Duration jobStopped,
        Duration catchUpTimeout,
        Duration checkpointInterval) {

    static FaultSettings fromSystemProperties() {
        return new FaultSettings(
                Integer.getInteger("cdclake.faults.changes", 1_000),
                Double.parseDouble(System.getProperty("cdclake.faults.rate", "250")),
                duration("cdclake.faults.s3-outage", "5 s"),
                duration("cdclake.faults.job-stopped", "10 s"),
                duration("cdclake.faults.catch-up-timeout", "4 min"),
                duration("cdclake.faults.checkpoint-interval", "3 s"));
    }

    private static Duration duration(String property, String defaultValue) {
        return TimeUtils.parseDuration(System.getProperty(property, defaultValue));
    }

    @Override
    public String toString() {
        return changesPerFault
                + " changes per fault at "
                + changesPerSecond
                + "/s, S3 down "
                + TimeUtils.formatWithHighestUnit(s3Outage)
                + ", job stopped "
                + TimeUtils.formatWithHighestUnit(jobStopped)
                + ", checkpoints every "
                + TimeUtils.formatWithHighestUnit(checkpointInterval);
    }
}
