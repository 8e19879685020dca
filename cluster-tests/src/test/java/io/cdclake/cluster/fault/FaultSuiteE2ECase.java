package io.cdclake.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.cluster.FlinkRestClient;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.LakePaths;
import io.cdclake.loader.EmbeddedLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once under every fault: the whole chain, every service a process of its own, and one
 * fault after another while changes keep coming. First Kafka Connect's worker dies during the
 * initial snapshot of a keyless table of 100,000 rows, each row twice ({@link SnapshotFault}); then
 * seven faults strike while {@code customers} changes on one connection and three more connections
 * insert identical rows into a keyless table in overlapping transactions, one by COPY ({@link
 * OverlappingLoad}). After each, the lake must hold every change of the step once in Parquet and in
 * CSV, and {@code verify} must find each table equal to the lake. Sizes and durations come from
 * {@link FaultSettings}; the {@code faults} profile runs them full size.
 */
class FaultSuiteE2ECase {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteE2ECase.class);
    private static final int SNAPSHOT_ROWS = 500;
    private static final String TOPIC = "postgres.public.customers";
    private static final String TABLES =
            "public.customers,public."
                    + OverlappingLoad.TABLE.name()
                    + ",public."
                    + SnapshotFault.TABLE.name();
    private static final int PARALLELISM = 2;
    private static final int RESUMED_PARALLELISM = 1;

    private static final FaultSettings SETTINGS = FaultSettings.fromSystemProperties();
    private static FaultChain chain;
    private static JobControl job;
    private static FaultResult snapshotFault;

    @BeforeAll
    static void start() throws Exception {
        chain = FaultChain.start();
        // Age has room for the values the generator makes once a new column leaves the titanic
        // shape.
        EmbeddedLoader.customers(chain.postgres(), SNAPSHOT_ROWS, "numeric(6,2)");
        try (Connection db = chain.connect()) {
            ChangeAudit.install(db);
            OverlappingLoad.create(db);
            SnapshotFault.fill(db);
        }
        // Two partitions, so that both of the job's source readers have work and a resume at
        // another parallelism redistributes them.
        chain.kafka().createTopic(TOPIC, 2);

        FlinkRestClient rest = chain.rest();
        String jarId = rest.uploadJar(chain.flink().distribution().jobJar());
        job =
                new JobControl(
                        rest,
                        jarId,
                        List.of(
                                "--kafka.bootstrap-servers",
                                chain.kafka().bootstrapServers(),
                                "--kafka.starting-offsets",
                                "EARLIEST",
                                "--lake.bucket",
                                chain.s3().bucket(),
                                "--lake.base-path",
                                FaultChain.BASE_PATH,
                                "--checkpoint.interval",
                                SETTINGS.checkpointInterval().toMillis() + " ms"));
        job.submit(PARALLELISM, null);
        new ConnectorRegistrar(chain.connectWorker().restUrl())
                .register(
                        ConnectorConfig.load().with("table.include.list", TABLES),
                        Duration.ofMinutes(2));
        long killedAt = SnapshotFault.killConnectMidSnapshot(chain, Duration.ofMinutes(2));
        LOG.info("Kafka Connect killed with {} snapshot records in Kafka", killedAt);
        snapshotFault = awaitSnapshotInTheLake(killedAt);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chain != null) {
            if (job != null) {
                job.cancelQuietly();
            }
            chain.close();
        }
    }

    @Test
    void everyFaultLeavesEveryChangeInTheLakeExactlyOnce() throws Exception {
        LOG.info("Fault suite: {}", SETTINGS);
        FaultStep step = new FaultStep(chain, job, SETTINGS);
        List<FaultResult> results = new ArrayList<>();
        results.add(snapshotFault);
        int number = 0;
        for (Fault fault : Faults.all(SETTINGS, RESUMED_PARALLELISM)) {
            results.add(step.run(fault, ++number));
        }
        String table = FaultTable.render(results);
        Files.writeString(chain.workDir().resolve("fault-table.md"), table, StandardCharsets.UTF_8);
        LOG.info("Fault suite ({}):\n{}", SETTINGS, table);
        System.out.println(table);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(snapshotFault.keylessParquet().expected())
                .as("rows of the table whose snapshot the fault struck")
                .isEqualTo(SnapshotFault.ROWS);
        for (FaultResult r : results.subList(1, results.size())) {
            String name = r.fault();
            // The audit's rows become lake rows: an audit that missed the step would make every
            // count below trivially zero.
            softly.assertThat(r.parquet().expected())
                    .as("%s: lake rows the audited changes must become", name)
                    .isGreaterThanOrEqualTo(r.changes())
                    .isPositive();
            softly.assertThat(r.keylessParquet().expected())
                    .as("%s: keyless rows the overlapping transactions committed", name)
                    .isPositive();
        }
        for (FaultResult r : results) {
            String name = r.fault();
            softly.assertThat(r.secondsToCatchUp())
                    .as("%s: the lake caught up", name)
                    .isGreaterThan(0);
            softly.assertThat(r.lost()).as("%s: rows lost", name).isZero();
            softly.assertThat(r.unexplained()).as("%s: rows the database never had", name).isZero();
            softly.assertThat(r.writtenTwice())
                    .as("%s: rows the job wrote twice from one Kafka record", name)
                    .isZero();
            softly.assertThat(r.duplicated()).as("%s: rows written twice", name).isZero();
            softly.assertThat(r.verifyMatched()).as("%s: verify (%s)", name, r.verify()).isTrue();
        }
        softly.assertAll();
        assertThat(results).extracting(FaultResult::fault).doesNotHaveDuplicates().hasSize(8);
    }

    /**
     * Waits until {@code verify} finds {@code customers} and the keyless table of the snapshot
     * fault equal to the lake, then counts that table's rows, its records in Kafka and those the
     * job set aside as sent again.
     */
    private static FaultResult awaitSnapshotInTheLake(long killedAt) throws Exception {
        long faultAt = System.nanoTime();
        LakeTableFiles<KeylessTable.Row> parquet =
                SnapshotFault.TABLE.parquet(chain.tableFolder("parquet", SnapshotFault.LAKE_TABLE));
        LakeTableFiles<KeylessTable.Row> csv =
                SnapshotFault.TABLE.csv(chain.tableFolder("csv", SnapshotFault.LAKE_TABLE));
        String table = "public." + SnapshotFault.TABLE.name();
        List<LakeVerify.Outcome> outcomes = new ArrayList<>();
        try {
            await().alias("verify finds both snapshots in the lake (last outcome)")
                    .atMost(SETTINGS.catchUpTimeout())
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> {
                                outcomes.clear();
                                outcomes.add(
                                        LakeVerify.run(
                                                chain,
                                                "public.customers",
                                                chain.workDir().resolve("verify-0.txt")));
                                outcomes.add(
                                        LakeVerify.run(
                                                chain,
                                                table,
                                                chain.workDir().resolve("verify-0-keyless.txt")));
                                return outcomes.stream().allMatch(LakeVerify.Outcome::matched);
                            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    e.getMessage()
                            + outcomes.stream().map(LakeVerify.Outcome::lastLine).toList()
                            + "\n"
                            + job.describe(),
                    e);
        }
        double seconds = (System.nanoTime() - faultAt) / 1e9;
        long checkpoints = job.completedCheckpoints();
        await().alias("two more checkpoints of the job complete")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(job::completedCheckpoints, n -> n >= checkpoints + 2);
        LakeCount parquetCount;
        LakeCount csvCount;
        try (Connection db = chain.connect()) {
            parquetCount = SnapshotFault.TABLE.count(db, parquet);
            csvCount = SnapshotFault.TABLE.count(db, csv);
        }
        long records;
        try (TopicCopies topic =
                TopicCopies.open(chain.kafka().bootstrapServers(), SnapshotFault.TOPIC, true)) {
            records = topic.readToEnd(Duration.ofMinutes(1)).records();
        }
        long setAside =
                SentAgainFiles.committedLines(chain.lakeFolder(LakePaths.SENT_AGAIN_FOLDER))
                        .stream()
                        .filter(line -> line.topic().equals(SnapshotFault.TOPIC))
                        .count();
        LOG.info(
                "Snapshot fault: {} reads in Kafka for {} rows, {} set aside as sent again;"
                        + " Parquet {}, CSV {}",
                records,
                SnapshotFault.ROWS,
                setAside,
                parquetCount,
                csvCount);
        // The fault struck the snapshot: Debezium read part of the table twice, and the job set
        // exactly those reads aside.
        assertThat(records)
                .as(
                        "snapshot reads in Kafka (the worker was killed at %d; none beyond %d means"
                                + " the snapshot ended before the kill and the fault missed it)",
                        killedAt, SnapshotFault.ROWS)
                .isGreaterThan(SnapshotFault.ROWS);
        assertThat(setAside)
                .as("reads set aside as sent again")
                .isEqualTo(records - SnapshotFault.ROWS);
        return new FaultResult(
                String.format(
                        Locale.ROOT,
                        "%s (%,d keyless rows, each twice; %,d reads sent again, set aside)",
                        SnapshotFault.NAME,
                        SnapshotFault.ROWS,
                        setAside),
                0,
                FaultResult.NONE,
                FaultResult.NONE,
                parquetCount,
                csvCount,
                seconds,
                outcomes.get(0).lastLine() + "; " + outcomes.get(1).lastLine(),
                true);
    }
}
