package io.cdclake.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.flink.util.TimeUtils;

/**
 * The seven faults, in the order the suite runs them. The Kafka broker and the Kafka Connect
 * crashes come last: until the source side is exactly-once, Debezium sends the changes since the
 * last offset flush again when its producer or its worker fails, those stay in the lake as
 * duplicates, and each verify compares the whole lake.
 */
final class Faults {

    /** How long PostgreSQL stays down after its immediate shutdown. */
    private static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(3);

    private Faults() {}

    static List<Fault> all(FaultSettings settings, int resumedParallelism) {
        double rate = settings.changesPerSecond();
        // The changes of that step span the whole stop, however long it is.
        double whileStopped =
                Math.min(
                        rate,
                        settings.changesPerFault()
                                / (settings.jobStopped().toMillis() / 1000.0 * 1.25));
        return List.of(
                new Fault(
                        "TaskManager kill -9",
                        Fault.NOTHING,
                        (chain, job) -> {
                            chain.flink().killTaskManager();
                            chain.flink().startTaskManager();
                        },
                        rate),
                new Fault(
                        "job cancelled, resumed from its retained checkpoint (after a TRUNCATE)",
                        Faults::truncate,
                        (chain, job) -> {
                            String checkpoint = job.cancel();
                            job.submit(job.parallelism(), checkpoint);
                        },
                        rate),
                new Fault(
                        "S3 server down " + text(settings.s3Outage()) + " (after ADD COLUMN)",
                        Faults::addColumn,
                        (chain, job) -> chain.s3Outage(settings.s3Outage()),
                        rate),
                new Fault(
                        "PostgreSQL immediate shutdown, down " + text(POSTGRES_OUTAGE),
                        Fault.NOTHING,
                        (chain, job) -> chain.postgresCrash(POSTGRES_OUTAGE),
                        rate),
                new Fault(
                        "job stopped with a savepoint for "
                                + text(settings.jobStopped())
                                + ", resumed at parallelism "
                                + resumedParallelism,
                        Fault.NOTHING,
                        (chain, job) -> {
                            String savepoint = job.stopWithSavepoint(chain.savepointDir());
                            Thread.sleep(settings.jobStopped().toMillis());
                            job.submit(resumedParallelism, savepoint);
                            assertThat(job.vertexParallelism())
                                    .isNotEmpty()
                                    .allMatch(p -> p == resumedParallelism);
                        },
                        whileStopped),
                new Fault(
                        "Kafka broker kill -9",
                        Fault.NOTHING,
                        (chain, job) -> {
                            chain.kafka().kill();
                            chain.kafka().restart();
                        },
                        rate),
                new Fault(
                        "Kafka Connect worker kill -9",
                        Fault.NOTHING,
                        (chain, job) -> {
                            chain.connectWorker().kill();
                            chain.connectWorker().restart();
                        },
                        rate));
    }

    private static void truncate(java.sql.Connection db) throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("TRUNCATE customers");
        }
    }

    private static void addColumn(java.sql.Connection db) throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE customers ADD COLUMN \"Note\" text");
        }
    }

    private static String text(Duration duration) {
        return TimeUtils.formatWithHighestUnit(duration);
    }
}
