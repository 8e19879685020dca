package io.cdclake.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.cluster.FlinkRestClient;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.loader.LoaderCli;
import io.cdclake.stack.PostgresService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once under every fault: the whole chain, every service a process of its own, and one
 * fault after another while changes keep coming. After each, the lake must hold every change of the
 * step once in Parquet and in CSV, and {@code verify} must find the table equal to the lake. Sizes
 * and durations come from {@link FaultSettings}; the {@code faults} profile runs them full size.
 */
class FaultSuiteE2ECase {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteE2ECase.class);
    private static final int SNAPSHOT_ROWS = 500;
    private static final String TOPIC = "postgres.public.customers";
    private static final int PARALLELISM = 2;
    private static final int RESUMED_PARALLELISM = 1;

    private static final FaultSettings SETTINGS = FaultSettings.fromSystemProperties();
    private static FaultChain chain;
    private static JobControl job;

    @BeforeAll
    static void start() throws Exception {
        chain = FaultChain.start();
        // Age has room for the values the generator makes once a new column leaves the titanic
        // shape.
        loader(
                "load",
                "--table",
                "customers",
                "--generate",
                String.valueOf(SNAPSHOT_ROWS),
                "--seed",
                "11",
                "--primary-key",
                "PassengerId",
                "--type",
                "Age=numeric(6,2)",
                "--type",
                "Fare=numeric(10,4)");
        try (Connection db = chain.connect()) {
            ChangeAudit.install(db);
        }
        // Two partitions, so that both of the job's source readers have work and a resume at
        // another parallelism redistributes them.
        chain.kafka().createTopic(TOPIC, 2);
        new ConnectorRegistrar(chain.connectWorker().restUrl())
                .register(ConnectorConfig.load(), Duration.ofMinutes(2));

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
        awaitSnapshotInTheLake();
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
        int number = 0;
        for (Fault fault : Faults.all(SETTINGS, RESUMED_PARALLELISM)) {
            results.add(step.run(fault, ++number));
        }
        String table = FaultTable.render(results);
        Files.writeString(chain.workDir().resolve("fault-table.md"), table, StandardCharsets.UTF_8);
        LOG.info("Fault suite ({}):\n{}", SETTINGS, table);
        System.out.println(table);

        SoftAssertions softly = new SoftAssertions();
        for (FaultResult r : results) {
            String name = r.fault().name();
            // The audit's rows become lake rows: an audit that missed the step would make every
            // count below trivially zero.
            softly.assertThat(r.parquet().expected())
                    .as("%s: lake rows the audited changes must become", name)
                    .isGreaterThanOrEqualTo(r.changes())
                    .isPositive();
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
        assertThat(results).extracting(r -> r.fault().name()).doesNotHaveDuplicates().hasSize(7);
    }

    private static void awaitSnapshotInTheLake() {
        try {
            await().alias("verify finds the snapshot in the lake (last outcome)")
                    .atMost(Duration.ofMinutes(3))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> LakeVerify.run(chain, chain.workDir().resolve("verify-0.txt")),
                            LakeVerify.Outcome::matched);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + job.describe(), e);
        }
    }

    private static void loader(String... args) {
        PostgresService pg = chain.postgres();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc-url", pg.jdbcUrl(), "--user", pg.user()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                LoaderCli.run(
                        all.toArray(new String[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        Map.of("PGPASSWORD", pg.password()));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }
}
