package io.cdclake.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.cluster.FlinkRestClient;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.LakePaths;
import io.cdclake.loader.EmbeddedLoader;
import io.cdclake.stack.ConnectService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each of the two layers that keep a change Kafka Connect sent twice out of the lake is enough on
 * its own: the Kafka Connect worker is killed with {@code kill -9} while changes flow, a
 * replacement worker takes over, and the lake must hold every change of the step once, in Parquet
 * and in CSV. Each scenario runs on a chain of its own ({@link FaultChain}: every service a process
 * of its own, the packaged job submitted through Flink's REST API), with the fault suite's change
 * load, audit and lake counts.
 *
 * <ol>
 *   <li><b>The replay filter alone.</b> The worker runs without exactly-once source support ({@code
 *       exactly.once.source.support=disabled}, offsets flushed every 10 s) and the connector
 *       without {@code exactly.once.support}; the job runs with {@code dedup.enabled=true}. The
 *       worker is killed after it flushed its source offsets and at least 200 more records reached
 *       Kafka, so the replacement must send those again. The test proves that Kafka then holds
 *       copies (the same change at a second offset; counted by reading the topic, before the job),
 *       that the lake holds none of them and loses nothing, and that the filter set aside exactly
 *       those copies: the lines of the committed {@code _sent_again/} files are the copies' Kafka
 *       records, one each.
 *   <li><b>Connect's exactly-once support alone.</b> The worker and connector as shipped
 *       (exactly-once source support enabled, {@code exactly.once.support=required}); the job runs
 *       with {@code dedup.enabled=false}. The worker is killed while it streams. The test proves
 *       that Kafka, read as the job reads it ({@code read_committed}), holds each change once, that
 *       the lake loses nothing and doubles nothing although nothing filters, and that nothing went
 *       to {@code _sent_again/}.
 * </ol>
 *
 * <p>Both end with {@code ./cdc-lake verify} finding the table equal to the lake. Work files and
 * logs stay in target/e2e/exactly-once-filter and target/e2e/exactly-once-connect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExactlyOnceLayersE2ECase {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceLayersE2ECase.class);
    private static final FaultSettings SETTINGS = FaultSettings.fromSystemProperties();

    private static final String TOPIC = "postgres.public.customers";
    private static final String CONNECTOR = ConnectorConfig.load().name();

    /** The transactional producer Connect gives the connector's task with exactly-once support. */
    private static final String TRANSACTIONAL_ID = ConnectService.GROUP_ID + "-" + CONNECTOR + "-0";

    private static final int SNAPSHOT_ROWS = 200;
    private static final int PARALLELISM = 2;

    /**
     * Slower than the fault suite: with exactly-once support the replacement worker waits about a
     * minute for the killed task's transaction to time out, and the changes keep coming meanwhile.
     */
    private static final double CHANGES_PER_SECOND = 100;

    /** Step changes Kafka must hold before the kill: the worker is streaming, not starting. */
    private static final int STREAMING_BEFORE_KILL = 100;

    /**
     * Records that must reach Kafka after the moment the kill waits for: after an offset flush
     * (scenario a), these are what the replacement sends again.
     */
    private static final int SENT_BEFORE_KILL = 200;

    /** The worker's offset flush interval without exactly-once support (scenario a). */
    private static final Duration OFFSET_FLUSH_INTERVAL = Duration.ofSeconds(10);

    /**
     * How long after a flush the kill may come at the latest: well within the flush interval, so
     * that no other flush comes between.
     */
    private static final Duration SENT_AFTER_FLUSH_TIMEOUT = Duration.ofSeconds(6);

    /**
     * Changes made after the replacement worker is up: they follow the copies in each partition, so
     * that once the lake holds the last of them the job has read past every copy.
     */
    private static final int CHANGES_AFTER_RESTART = 300;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Order(1)
    void theReplayFilterAloneKeepsWhatKafkaConnectSentAgainOutOfTheLake() throws Exception {
        Map<String, String> worker =
                Map.of(
                        "exactly.once.source.support",
                        "disabled",
                        "offset.flush.interval.ms",
                        String.valueOf(OFFSET_FLUSH_INTERVAL.toMillis()));
        ConnectorConfig connector =
                ConnectorConfig.load()
                        .without("exactly.once.support")
                        .without("transaction.boundary");
        try (Pipeline pipeline = Pipeline.start("exactly-once-filter", worker, connector, true)) {
            assertThat(transactionalIds(pipeline.chain))
                    .as(
                            "transactional producers in Kafka: the connector's task must write"
                                    + " without a transaction (exactly-once source support off)")
                    .doesNotContain(TRANSACTIONAL_ID);

            Step step = run(pipeline, ExactlyOnceLayersE2ECase::afterAnOffsetFlush);
            report("the replay filter alone (Connect without exactly-once support)", step);

            SoftAssertions softly = new SoftAssertions();
            assertKafkaHoldsEveryChange(softly, step);
            softly.assertThat(step.kafkaCopies())
                    .as(
                            "duplicates counted before the filter: change records Kafka holds a"
                                    + " second time (the replacement worker sends again what was"
                                    + " sent after the last offset flush, %s)",
                            step.killed())
                    .isPositive();
            assertLakeHoldsEveryChangeOnce(softly, step);
            softly.assertThat((long) step.sentAgain().size())
                    .as(
                            "lines in the committed files of %s/: one per copy in Kafka (%d)",
                            LakePaths.SENT_AGAIN_FOLDER, step.kafkaCopies())
                    .isEqualTo(step.kafkaCopies());
            softly.assertThat(step.sentAgain().stream().map(SentAgainFiles.Line::at).toList())
                    .as(
                            "the Kafka records (partition, offset) the lines of %s/ came from:"
                                    + " exactly the copies, each once",
                            LakePaths.SENT_AGAIN_FOLDER)
                    .containsExactlyInAnyOrderElementsOf(step.copyOffsets());
            softly.assertThat(step.sentAgain())
                    .as("the topic of each line of %s/", LakePaths.SENT_AGAIN_FOLDER)
                    .allMatch(line -> line.topic().equals(TOPIC));
            softly.assertAll();
        }
    }

    @Test
    @Order(2)
    void kafkaConnectsExactlyOnceSupportAloneSendsEachChangeOnce() throws Exception {
        try (Pipeline pipeline =
                Pipeline.start("exactly-once-connect", Map.of(), ConnectorConfig.load(), false)) {
            assertThat(ConnectorConfig.load().get("exactly.once.support"))
                    .as("the shipped connector's exactly.once.support")
                    .isEqualTo("required");
            assertThat(transactionalIds(pipeline.chain))
                    .as(
                            "transactional producers in Kafka: the connector's task must write in"
                                    + " transactions (exactly-once source support on)")
                    .contains(TRANSACTIONAL_ID);

            Step step = run(pipeline, ExactlyOnceLayersE2ECase::whileStreaming);
            report("Connect's exactly-once support alone (replay filter off)", step);

            SoftAssertions softly = new SoftAssertions();
            assertKafkaHoldsEveryChange(softly, step);
            softly.assertThat(step.kafkaCopies())
                    .as(
                            "change records Kafka holds a second time, read_committed as the job"
                                    + " reads them (copies only read_uncommitted sees, in aborted"
                                    + " transactions: %d)",
                            step.uncommittedCopies())
                    .isZero();
            assertLakeHoldsEveryChangeOnce(softly, step);
            softly.assertThat(step.sentAgainFiles())
                    .as(
                            "files under %s/ (the job ran with dedup.enabled=false)",
                            LakePaths.SENT_AGAIN_FOLDER)
                    .isEmpty();
            softly.assertAll();
        }
    }

    // ------------------------------------------------------------------------------ the step

    /**
     * What one scenario saw.
     *
     * @param changes changes committed in PostgreSQL during the step (the audit's count)
     * @param killed when the worker was killed
     * @param secondsWorkerAway from the kill until the replacement served requests
     * @param secondsToCatchUp from the end of the changes until both formats held the last change
     *     of every partition; negative when they did not within the timeout
     * @param kafkaDistinct distinct streamed changes in Kafka in the step's stretch of the WAL
     * @param kafkaCopies change records of the whole topic that repeat an earlier one, read as the
     *     job reads ({@code read_committed})
     * @param kafkaCopiesInStep of those, copies of the step's changes
     * @param copyOffsets where the copies are
     * @param uncommittedCopies copies {@code read_uncommitted} sees: also aborted transactions'
     * @param parquet the step's rows in the Parquet files
     * @param csv the step's rows in the CSV files
     * @param sentAgain lines of the committed {@code _sent_again/} files
     * @param sentAgainFiles every file under {@code _sent_again/}, committed or not
     * @param verify {@code ./cdc-lake verify} on the whole table afterwards
     */
    private record Step(
            long changes,
            String killed,
            double secondsWorkerAway,
            double secondsToCatchUp,
            long kafkaDistinct,
            long kafkaCopies,
            long kafkaCopiesInStep,
            Set<TopicCopies.At> copyOffsets,
            long uncommittedCopies,
            LakeCount parquet,
            LakeCount csv,
            List<SentAgainFiles.Line> sentAgain,
            List<Path> sentAgainFiles,
            LakeVerify.Outcome verify) {}

    /** Waits for the moment to kill the worker at; says what the moment was, for the report. */
    private interface KillMoment {
        String reach(FaultChain chain, TopicCopies kafka) throws Exception;
    }

    /**
     * Changes flow; at {@code moment} the worker is killed with SIGKILL and a replacement started;
     * the changes go on until {@value #CHANGES_AFTER_RESTART} more were made after it came up. Then
     * the step waits for Kafka to hold every change of the step and for both formats to hold the
     * last one of each partition (so the job read and committed everything before, copies
     * included), and counts.
     */
    private static Step run(Pipeline pipeline, KillMoment moment) throws Exception {
        FaultChain chain = pipeline.chain;
        JobControl job = pipeline.job;
        String bootstrap = chain.kafka().bootstrapServers();
        ChangeAudit.Position from = position(chain);
        ChangeLoad load = new ChangeLoad(chain::connect);
        AtomicReference<ChangeAudit.Position> replaced = new AtomicReference<>();
        try (TopicCopies kafka = TopicCopies.open(bootstrap, TOPIC, true);
                TopicCopies uncommitted = TopicCopies.open(bootstrap, TOPIC, false)) {
            load.start(
                    CHANGES_PER_SECOND,
                    () -> {
                        ChangeAudit.Position up = replaced.get();
                        return up != null && changesSince(chain, up) >= CHANGES_AFTER_RESTART;
                    });
            awaitOrFail(
                    "Kafka holds " + STREAMING_BEFORE_KILL + " changes of the step",
                    Duration.ofMinutes(2),
                    Duration.ofMillis(200),
                    () ->
                            kafka.readToEnd(READ_TIMEOUT)
                                            .distinctChangesBetween(from.lsn(), Long.MAX_VALUE)
                                    >= STREAMING_BEFORE_KILL,
                    job);

            String killed = moment.reach(chain, kafka);
            long killedAt = System.nanoTime();
            chain.connectWorker().kill();
            chain.connectWorker().restart();
            double secondsWorkerAway = secondsSince(killedAt);
            replaced.set(position(chain));
            LOG.info(
                    "Kafka Connect worker killed {}; the replacement served requests after {} s",
                    killed,
                    secondsWorkerAway);
            new ConnectorRegistrar(chain.connectWorker().restUrl())
                    .awaitRunning(CONNECTOR, Duration.ofMinutes(2));
            load.await(Duration.ofMinutes(5));
            long loadEndedAt = System.nanoTime();

            ChangeAudit.Position to = position(chain);
            Map<ChangeEvent.Kind, Long> expected;
            try (Connection db = chain.connect()) {
                expected = ChangeAudit.expectedRows(db, from, to);
            }
            long changes = ChangeAudit.changes(from, to);

            awaitQuietly(
                    "Kafka holds each of the " + changes + " changes of the step",
                    SETTINGS.catchUpTimeout(),
                    Duration.ofSeconds(1),
                    () ->
                            kafka.readToEnd(READ_TIMEOUT)
                                            .distinctChangesBetween(from.lsn(), to.lsn())
                                    >= changes);
            Map<Integer, Long> last = kafka.lastOriginals(from.lsn(), to.lsn());
            LakeEvents parquet =
                    LakeEvents.parquet(chain.tableFolder("parquet", FaultChain.CUSTOMERS));
            LakeEvents csv = LakeEvents.csv(chain.tableFolder("csv", FaultChain.CUSTOMERS));
            boolean caughtUp =
                    awaitQuietly(
                            "Parquet and CSV hold the last change of each partition, at " + last,
                            SETTINGS.catchUpTimeout(),
                            Duration.ofMillis(500),
                            () ->
                                    !last.isEmpty()
                                            && holdsAll(parquet.between(from.lsn(), to.lsn()), last)
                                            && holdsAll(csv.between(from.lsn(), to.lsn()), last));
            double secondsToCatchUp = caughtUp ? secondsSince(loadEndedAt) : -1;
            if (!caughtUp) {
                LOG.warn("The lake did not catch up: {}", job.describe());
            }
            LakeCount parquetCount = LakeCount.of(expected, parquet.between(from.lsn(), to.lsn()));
            LakeCount csvCount = LakeCount.of(expected, csv.between(from.lsn(), to.lsn()));

            // The copies were read long before the last changes; the dead-letter sink commits at
            // the same checkpoints as the formats, but is an operator of its own.
            Path sentAgainFolder = chain.lakeFolder(LakePaths.SENT_AGAIN_FOLDER);
            long copies = kafka.copies();
            if (copies > 0) {
                awaitQuietly(
                        "the committed files of "
                                + LakePaths.SENT_AGAIN_FOLDER
                                + "/ hold "
                                + copies
                                + " lines",
                        Duration.ofMinutes(1),
                        Duration.ofMillis(500),
                        () -> SentAgainFiles.committedLines(sentAgainFolder).size() >= copies);
            }
            uncommitted.readToEnd(READ_TIMEOUT);
            LakeVerify.Outcome verify =
                    LakeVerify.run(
                            chain,
                            "public.customers",
                            chain.workDir().resolve("verify-after-kill.txt"));
            return new Step(
                    changes,
                    killed,
                    secondsWorkerAway,
                    secondsToCatchUp,
                    kafka.distinctChangesBetween(from.lsn(), to.lsn()),
                    copies,
                    kafka.copiesBetween(from.lsn(), to.lsn()),
                    kafka.copyOffsets(),
                    uncommitted.copies(),
                    parquetCount,
                    csvCount,
                    SentAgainFiles.committedLines(sentAgainFolder),
                    SentAgainFiles.files(sentAgainFolder),
                    verify);
        }
    }

    /**
     * Scenario a: waits for the worker to flush its source offsets, then for {@value
     * #SENT_BEFORE_KILL} more records to reach Kafka, well before the next flush. Those the
     * replacement worker sends again, from the flushed offsets.
     */
    private static String afterAnOffsetFlush(FaultChain chain, TopicCopies kafka) {
        try (OffsetFlushWatch flushes =
                OffsetFlushWatch.fromNow(chain.kafka().bootstrapServers(), CONNECTOR)) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                long flushedAt = flushes.awaitNext(OFFSET_FLUSH_INTERVAL.multipliedBy(3));
                // Every record acknowledged when the offsets were taken is in Kafka by now: what
                // comes from here on lies beyond the flushed offsets.
                long atFlush = kafka.readToEnd(READ_TIMEOUT).records();
                boolean sent =
                        awaitQuietly(
                                SENT_BEFORE_KILL + " records reach Kafka after the offset flush",
                                SENT_AFTER_FLUSH_TIMEOUT,
                                Duration.ofMillis(100),
                                () ->
                                        kafka.readToEnd(READ_TIMEOUT).records()
                                                >= atFlush + SENT_BEFORE_KILL);
                if (sent) {
                    return String.format(
                            Locale.ROOT,
                            "%.1f s after its offset flush of %s, %d change records having reached"
                                    + " Kafka since",
                            (System.currentTimeMillis() - flushedAt) / 1000.0,
                            Instant.ofEpochMilli(flushedAt),
                            kafka.records() - atFlush);
                }
                LOG.info(
                        "Fewer than {} records reached Kafka within {} of the offset flush (attempt"
                                + " {}); waiting for the next flush",
                        SENT_BEFORE_KILL,
                        SENT_AFTER_FLUSH_TIMEOUT,
                        attempt);
            }
        }
        throw new AssertionError(
                "Kafka Connect did not send "
                        + SENT_BEFORE_KILL
                        + " records within "
                        + SENT_AFTER_FLUSH_TIMEOUT
                        + " of any of three offset flushes");
    }

    /**
     * Scenario b: waits for {@value #SENT_BEFORE_KILL} more records to reach Kafka, so that the
     * task is committing transactions when it is killed.
     */
    private static String whileStreaming(FaultChain chain, TopicCopies kafka) {
        long before = kafka.readToEnd(READ_TIMEOUT).records();
        awaitOrFail(
                SENT_BEFORE_KILL + " more records reach Kafka",
                Duration.ofMinutes(1),
                Duration.ofMillis(100),
                () -> kafka.readToEnd(READ_TIMEOUT).records() >= before + SENT_BEFORE_KILL,
                null);
        return "while it streamed, "
                + (kafka.records() - before)
                + " change records having reached Kafka in the moments before";
    }

    // ------------------------------------------------------------------------------ assertions

    private static void assertKafkaHoldsEveryChange(SoftAssertions softly, Step step) {
        softly.assertThat(step.changes())
                .as("changes made in the step")
                .isGreaterThanOrEqualTo(CHANGES_AFTER_RESTART);
        softly.assertThat(step.kafkaDistinct())
                .as("distinct changes of the step in Kafka, against the audit's count")
                .isEqualTo(step.changes());
    }

    private static void assertLakeHoldsEveryChangeOnce(SoftAssertions softly, Step step) {
        softly.assertThat(step.secondsToCatchUp())
                .as("both formats hold the last change of every partition")
                .isGreaterThanOrEqualTo(0);
        for (Map.Entry<String, LakeCount> format :
                Map.of("Parquet", step.parquet(), "CSV", step.csv()).entrySet()) {
            String name = format.getKey();
            LakeCount count = format.getValue();
            softly.assertThat(count.expected()).as("%s: rows expected", name).isPositive();
            softly.assertThat(count.lost()).as("%s: rows lost", name).isZero();
            softly.assertThat(count.duplicated()).as("%s: rows written twice", name).isZero();
            softly.assertThat(count.writtenTwice())
                    .as("%s: rows the job wrote twice from one Kafka record", name)
                    .isZero();
            softly.assertThat(count.unexplained())
                    .as("%s: rows the database never had", name)
                    .isZero();
        }
        softly.assertThat(step.verify().matched())
                .as("verify (%s)", step.verify().lastLine())
                .isTrue();
    }

    private static void report(String scenario, Step step) {
        String text =
                String.format(
                        Locale.ROOT,
                        "%s:%n  %d changes; worker killed %s, replacement up after %.1f s%n"
                                + "  Kafka: %d distinct changes of the step; duplicates before the"
                                + " filter %d (of the step %d); read_uncommitted %d%n"
                                + "  lake: Parquet %s%n        CSV %s%n"
                                + "  caught up %.1f s after the changes ended; %s/: %d committed"
                                + " lines, %d files; verify: %s",
                        scenario,
                        step.changes(),
                        step.killed(),
                        step.secondsWorkerAway(),
                        step.kafkaDistinct(),
                        step.kafkaCopies(),
                        step.kafkaCopiesInStep(),
                        step.uncommittedCopies(),
                        step.parquet(),
                        step.csv(),
                        step.secondsToCatchUp(),
                        LakePaths.SENT_AGAIN_FOLDER,
                        step.sentAgain().size(),
                        step.sentAgainFiles().size(),
                        step.verify().lastLine());
        LOG.info("{}", text);
        System.out.println(text);
    }

    // ------------------------------------------------------------------------------ helpers

    /** A chain with the table loaded, the connector registered and the job running on it. */
    private static final class Pipeline implements AutoCloseable {

        final FaultChain chain;
        JobControl job;

        private Pipeline(FaultChain chain) {
            this.chain = chain;
        }

        static Pipeline start(
                String name, Map<String, String> worker, ConnectorConfig connector, boolean dedup)
                throws Exception {
            Pipeline pipeline = new Pipeline(FaultChain.start(name, worker));
            try {
                pipeline.setUp(connector, dedup);
                return pipeline;
            } catch (Exception | Error e) {
                try {
                    pipeline.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        private void setUp(ConnectorConfig connector, boolean dedup) throws Exception {
            EmbeddedLoader.customers(chain.postgres(), SNAPSHOT_ROWS, "numeric(6,2)");
            try (Connection db = chain.connect()) {
                ChangeAudit.install(db);
            }
            // Two partitions, one for each of the job's source readers.
            chain.kafka().createTopic(TOPIC, 2);
            new ConnectorRegistrar(chain.connectWorker().restUrl())
                    .register(connector, Duration.ofMinutes(2));
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
                                    SETTINGS.checkpointInterval().toMillis() + " ms",
                                    "--dedup.enabled",
                                    String.valueOf(dedup)));
            job.submit(PARALLELISM, null);
            awaitOrFail(
                    "verify finds the snapshot in the lake",
                    Duration.ofMinutes(3),
                    Duration.ofSeconds(2),
                    () ->
                            LakeVerify.run(
                                            chain,
                                            "public.customers",
                                            chain.workDir().resolve("verify-snapshot.txt"))
                                    .matched(),
                    job);
        }

        @Override
        public void close() throws Exception {
            if (job != null) {
                job.cancelQuietly();
            }
            chain.close();
        }
    }

    private static Set<String> transactionalIds(FaultChain chain) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                chain.kafka().bootstrapServers()))) {
            Set<String> ids = new HashSet<>();
            admin.listTransactions()
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(t -> ids.add(t.transactionalId()));
            return ids;
        }
    }

    private static ChangeAudit.Position position(FaultChain chain) throws SQLException {
        try (Connection db = chain.connect()) {
            return ChangeAudit.position(db);
        }
    }

    /** Changes committed since {@code from}; 0 while the database cannot be reached. */
    private static long changesSince(FaultChain chain, ChangeAudit.Position from) {
        try {
            return ChangeAudit.changes(from, position(chain));
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Whether the rows include one from each partition's record at the given offset. */
    private static boolean holdsAll(List<LakeRow> rows, Map<Integer, Long> offsets) {
        Set<TopicCopies.At> present = new HashSet<>();
        for (LakeRow row : rows) {
            present.add(new TopicCopies.At(row.partition(), row.offset()));
        }
        return offsets.entrySet().stream()
                .allMatch(e -> present.contains(new TopicCopies.At(e.getKey(), e.getValue())));
    }

    /**
     * Polls {@code condition} in this thread (it may use a Kafka consumer) until it holds; false at
     * the timeout, for the assertions after to report what is missing.
     */
    private static boolean awaitQuietly(
            String alias, Duration atMost, Duration pollInterval, Callable<Boolean> condition) {
        try {
            await().alias(alias)
                    .atMost(atMost)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(pollInterval)
                    .pollInSameThread()
                    .ignoreExceptions()
                    .until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            LOG.warn("Not within {}: {}", atMost, alias);
            return false;
        }
    }

    /** As {@link #awaitQuietly}, failing at the timeout with the job's state, if there is a job. */
    private static void awaitOrFail(
            String alias,
            Duration atMost,
            Duration pollInterval,
            Callable<Boolean> condition,
            JobControl job) {
        if (!awaitQuietly(alias, atMost, pollInterval, condition)) {
            throw new AssertionError(
                    "not within "
                            + atMost
                            + ": "
                            + alias
                            + (job == null ? "" : "; " + job.describe()));
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
