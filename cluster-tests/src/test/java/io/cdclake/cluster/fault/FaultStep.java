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
 * Runs one fault while changes flow: marks where the change log stands, starts the changes (to
 * {@code customers} on one connection, and overlapping transactions of three more inserting
 * identical rows into a keyless table, one of them by COPY), injects the fault a quarter into them,
 * waits for the changes to end and for the lake to hold every one of them, then counts what is lost
 * or doubled in each format and runs verify on both tables.
 */
final class FaultStep {

    private static final Logger LOG = LoggerFactory.getLogger(FaultStep.class);

    private final FaultChain chain;
    private final JobControl job;
    private final FaultSettings settings;
    private final ChangeLoad load;
    private final LakeEvents parquet;
    private final LakeEvents csv;
    private final OverlappingLoad overlapping;
    private final LakeTableFiles<KeylessTable.Row> keylessParquet;
    private final LakeTableFiles<KeylessTable.Row> keylessCsv;

    FaultStep(FaultChain chain, JobControl job, FaultSettings settings) {
        this.chain = chain;
        this.job = job;
        this.settings = settings;
        this.load = new ChangeLoad(chain::connect);
        this.parquet = LakeEvents.parquet(chain.tableFolder("parquet", FaultChain.CUSTOMERS));
        this.csv = LakeEvents.csv(chain.tableFolder("csv", FaultChain.CUSTOMERS));
        this.overlapping = new OverlappingLoad(chain::connect);
        this.keylessParquet =
                OverlappingLoad.TABLE.parquet(
                        chain.tableFolder("parquet", OverlappingLoad.LAKE_TABLE));
        this.keylessCsv =
                OverlappingLoad.TABLE.csv(chain.tableFolder("csv", OverlappingLoad.LAKE_TABLE));
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
        int fromRound = overlapping.nextRound();
        overlapping.start();
        Thread.sleep((long) (seconds * 1000 / 4));

        long faultAt = System.nanoTime();
        fault.inject().run(chain, job);
        healed.set(true);
        LOG.info(
                "Fault {}: back after {} s",
                fault.name(),
                (System.nanoTime() - faultAt) / 1_000_000_000.0);
        load.await(Duration.ofSeconds((long) (seconds * 3) + 300));
        overlapping.stop();
        Rounds rounds = new Rounds(fromRound, overlapping.nextRound() - 1);

        ChangeAudit.Position to;
        Map<ChangeEvent.Kind, Long> expected;
        try (Connection db = chain.connect()) {
            to = ChangeAudit.position(db);
            expected = ChangeAudit.expectedRows(db, from, to);
        }
        double secondsToCatchUp = awaitCaughtUp(expected, from, to, rounds, faultAt);
        // Checkpoints in flight may still commit rows of the step: duplicates come late. Two more
        // completed checkpoints commit whatever was in flight when the lake caught up.
        long checkpoints = job.completedCheckpoints();
        await().alias("two more checkpoints of the job complete")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(job::completedCheckpoints, n -> n >= checkpoints + 2);
        LakeCount parquetCount = LakeCount.of(expected, parquet.between(from.lsn(), to.lsn()));
        LakeCount csvCount = LakeCount.of(expected, csv.between(from.lsn(), to.lsn()));
        LakeCount keylessParquetCount;
        LakeCount keylessCsvCount;
        try (Connection db = chain.connect()) {
            keylessParquetCount = rounds.count(db, keylessParquet);
            keylessCsvCount = rounds.count(db, keylessCsv);
        }

        Path report = chain.workDir().resolve("verify-" + number + ".txt");
        LakeVerify.Outcome verify = LakeVerify.run(chain, "public.customers", report);
        Path keylessReport = chain.workDir().resolve("verify-" + number + "-keyless.txt");
        LakeVerify.Outcome keylessVerify =
                LakeVerify.run(chain, "public." + OverlappingLoad.TABLE.name(), keylessReport);
        FaultResult result =
                new FaultResult(
                        fault.name(),
                        ChangeAudit.changes(from, to),
                        parquetCount,
                        csvCount,
                        keylessParquetCount,
                        keylessCsvCount,
                        secondsToCatchUp,
                        verify.lastLine() + "; " + keylessVerify.lastLine(),
                        verify.matched() && keylessVerify.matched());
        LOG.info(
                "Fault {}: {} changes; Parquet {}; CSV {}; keyless rows: Parquet {}, CSV {}; caught"
                        + " up after {} s; verify: {} (reports in {} and {})",
                fault.name(),
                result.changes(),
                parquetCount,
                csvCount,
                keylessParquetCount,
                keylessCsvCount,
                secondsToCatchUp,
                result.verify(),
                report,
                keylessReport);
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

    private boolean keylessCaughtUp(Rounds rounds) throws Exception {
        try (Connection db = chain.connect()) {
            return rounds.count(db, keylessParquet).lost() == 0
                    && rounds.count(db, keylessCsv).lost() == 0;
        }
    }

    /** The rounds of the overlapping transactions one step made. */
    private record Rounds(int first, int last) {

        LakeCount count(Connection db, LakeTableFiles<KeylessTable.Row> lake) throws Exception {
            return OverlappingLoad.TABLE.count(db, lake, first, last);
        }
    }

    /** Seconds from the fault until both formats hold every expected row; -1 at the timeout. */
    private double awaitCaughtUp(
            Map<ChangeEvent.Kind, Long> expected,
            ChangeAudit.Position from,
            ChangeAudit.Position to,
            Rounds rounds,
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
                                                    == 0
                                            && keylessCaughtUp(rounds));
            return (System.nanoTime() - faultAt) / 1e9;
        } catch (ConditionTimeoutException e) {
            // Not a failure here: the step reports the rows still missing.
            return -1;
        }
    }
}
