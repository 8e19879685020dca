package io.cdclake.cluster.fault;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one fault while changes flow: marks where the change log stands, starts the changes, injects
 * the fault a quarter into them, waits for the changes to end and for the lake to hold every one of
 * them, then counts what is lost or doubled in each format and runs verify.
 */
final class FaultStep {

    private static final Logger LOG = LoggerFactory.getLogger(FaultStep.class);

    private final FaultChain chain;
    private final JobControl job;
    private final FaultSettings settings;
    private final ChangeLoad load;
    private final LakeEvents parquet;
    private final LakeEvents csv;

    FaultStep(FaultChain chain, JobControl job, FaultSettings settings) {
        this.chain = chain;
        this.job = job;
        this.settings = settings;
        this.load = new ChangeLoad(chain::connect);
        this.parquet = LakeEvents.parquet(chain.lakeFolder("parquet"));
        this.csv = LakeEvents.csv(chain.lakeFolder("csv"));
    }

    FaultResult run(Fault fault, int number) throws Exception {
        ChangeAudit.Position from;
        try (Connection db = chain.connect()) {
            from = ChangeAudit.position(db);
            fault.prepare().run(db);
        }
        int changes = settings.changesPerFault();
        double seconds = changes / fault.changesPerSecond();
        LOG.info("Fault {}: {} changes at {}/s", fault.name(), changes, fault.changesPerSecond());
        AtomicBoolean healed = new AtomicBoolean();
        // Changes go on until the step has its count and the fault is over, whichever is later.
        load.start(fault.changesPerSecond(), () -> healed.get() && changesSince(from) >= changes);
        Thread.sleep((long) (seconds * 1000 / 4));

        long faultAt = System.nanoTime();
        fault.inject().run(chain, job);
        healed.set(true);
        LOG.info(
                "Fault {}: back after {} s",
                fault.name(),
                (System.nanoTime() - faultAt) / 1_000_000_000.0);
        load.await(Duration.ofSeconds((long) (seconds * 3) + 300));

        ChangeAudit.Position to;
        Map<ChangeEvent.Kind, Long> expected;
        try (Connection db = chain.connect()) {
            to = ChangeAudit.position(db);
            expected = ChangeAudit.expectedRows(db, from, to);
        }
        double secondsToCatchUp = awaitCaughtUp(expected, from, to, faultAt);
        // Checkpoints in flight may still commit rows of the step: duplicates come late. Two more
        // completed checkpoints commit whatever was in flight when the lake caught up.
        long checkpoints = job.completedCheckpoints();
        await().alias("two more checkpoints of the job complete")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(job::completedCheckpoints, n -> n >= checkpoints + 2);
        LakeCount parquetCount = LakeCount.of(expected, parquet.between(from.lsn(), to.lsn()));
        LakeCount csvCount = LakeCount.of(expected, csv.between(from.lsn(), to.lsn()));

        Path report = chain.workDir().resolve("verify-" + number + ".txt");
        LakeVerify.Outcome verify = LakeVerify.run(chain, report);
        FaultResult result =
                new FaultResult(
                        fault,
                        ChangeAudit.changes(from, to),
                        parquetCount,
                        csvCount,
                        secondsToCatchUp,
                        verify.lastLine(),
                        verify.matched());
        LOG.info(
                "Fault {}: {} changes; Parquet {}; CSV {}; caught up after {} s; verify: {} (report"
                        + " in {})",
                fault.name(),
                result.changes(),
                parquetCount,
                csvCount,
                secondsToCatchUp,
                verify.lastLine(),
                report);
        if (secondsToCatchUp < 0) {
            LOG.warn("The lake did not catch up: {}", job.describe());
        }
        return result;
    }

    /** Changes committed since {@code from}; 0 while the database cannot be reached. */
    private long changesSince(ChangeAudit.Position from) {
        try (Connection db = chain.connect()) {
            return ChangeAudit.changes(from, ChangeAudit.position(db));
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Seconds from the fault until both formats hold every expected row; -1 at the timeout. */
    private double awaitCaughtUp(
            Map<ChangeEvent.Kind, Long> expected,
            ChangeAudit.Position from,
            ChangeAudit.Position to,
            long faultAt)
            throws Exception {
        try {
            await().alias("Parquet and CSV hold every expected row")
                    .atMost(settings.catchUpTimeout())
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    LakeCount.of(expected, parquet.between(from.lsn(), to.lsn()))
                                                            .lost()
                                                    == 0
                                            && LakeCount.of(
                                                                    expected,
                                                                    csv.between(
                                                                            from.lsn(), to.lsn()))
                                                            .lost()
                                                    == 0);
            return (System.nanoTime() - faultAt) / 1e9;
        } catch (ConditionTimeoutException e) {
            // Not a failure here: the step reports the rows still missing.
            return -1;
        }
    }
}
