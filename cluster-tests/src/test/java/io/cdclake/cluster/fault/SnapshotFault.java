package io.cdclake.cluster.fault;

import io.cdclake.format.TableId;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The fault during an initial snapshot: Kafka Connect's worker killed with {@code kill -9} while
 * Debezium reads a keyless table of 100,000 rows, every row of it twice, and started again. The
 * snapshot was not finished, so Debezium takes it again from the start and Kafka holds the reads
 * the first attempt committed twice; the lake must still hold every row exactly as often as the
 * table does.
 */
final class SnapshotFault {

    static final String NAME = "Kafka Connect worker kill -9 during the initial snapshot";

    static final int ROWS = 100_000;

    static final KeylessTable TABLE =
            new KeylessTable("snapshot_rows", List.of("n", "label"), null);

    static final TableId LAKE_TABLE = new TableId("postgres", "public", "snapshot_rows");

    static final String TOPIC = "postgres.public.snapshot_rows";

    /** Reads in Kafka when the worker dies: well into the table, far from its end. */
    private static final long KILL_AT = ROWS / 5;

    private SnapshotFault() {}

    /** Creates and fills the table; before the connector registers, so its snapshot reads it. */
    static void fill(Connection db) throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE snapshot_rows (n int NOT NULL, label text)");
            sql.execute("ALTER TABLE snapshot_rows REPLICA IDENTITY FULL");
            sql.execute(
                    "INSERT INTO snapshot_rows SELECT g / 2, 'row ' || (g / 2) FROM"
                            + " generate_series(0, "
                            + (ROWS - 1)
                            + ") g");
        }
    }

    /**
     * Waits until the table's topic holds {@link #KILL_AT} records (committed or not), kills the
     * worker and starts it again.
     *
     * @return the records in the topic just before the kill
     */
    static long killConnectMidSnapshot(FaultChain chain, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = chain.kafka().admin()) {
            long records = records(admin);
            while (records < KILL_AT) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "the snapshot wrote only " + records + " records to " + TOPIC);
                }
                Thread.sleep(20);
                records = records(admin);
            }
            chain.connectWorker().kill();
            chain.connectWorker().restart();
            return records;
        }
    }

    private static long records(Admin admin) throws Exception {
        List<TopicPartition> partitions;
        try {
            partitions =
                    admin
                            .describeTopics(List.of(TOPIC))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(TOPIC)
                            .partitions()
                            .stream()
                            .map(p -> new TopicPartition(TOPIC, p.partition()))
                            .toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(o -> o.offset())
                .sum();
    }
}
