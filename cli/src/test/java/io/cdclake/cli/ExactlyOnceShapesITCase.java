package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.verify.LakeRecord;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The job's replay filter never drops a distinct real change, on the table shapes users have,
 * through the whole chain (PostgreSQL, Debezium in Kafka Connect, Kafka, the Flink job, both
 * formats in S3). No process crashes here, so Kafka Connect re-sends nothing: every event the job
 * reads is new, and any event the filter calls "sent again" is a change lost from the lake.
 *
 * <p>The filter tells a re-sent event from a new one by its WAL position ({@code source.sequence})
 * per Kafka partition, and, at one position, by the op and the Kafka key (for a snapshot read also
 * the row's values). The shapes below are those where that is not enough to tell events apart:
 *
 * <ul>
 *   <li><b>COPY rows share one LSN</b>: PostgreSQL logs a COPY batch as multi-insert WAL records,
 *       and logical decoding gives every row of one record that record's LSN.
 *   <li><b>Keyless tables have a null Kafka key</b>: a table without a primary key ({@code REPLICA
 *       IDENTITY FULL}) gives Debezium no key, so op and key are the same for all its events.
 *   <li><b>Identical rows have identical payloads</b>: a keyless table may hold the same row many
 *       times; its snapshot reads, inserts and deletes are then byte for byte the same events,
 *       apart from their WAL position (and snapshot reads all share the snapshot's).
 *   <li>A primary-key change is a delete and a create at one LSN; a TRUNCATE of two tables is one
 *       WAL record and one event per table; interleaved transactions arrive in commit order, so a
 *       later transaction may carry lower change LSNs than the one before it.
 * </ul>
 *
 * One stack, one connector and one job capture all the {@code shape_*} tables; the methods run in
 * order, each making one shape's changes and waiting until {@code verify} finds its tables equal to
 * PostgreSQL's (a keyless table compared as a multiset of whole rows), in Parquet and CSV alike.
 * Each also counts the lake's change rows per op: every change exactly once. The last method checks
 * every table once more, that the filter kept nothing out as sent again ({@code _sent_again/}) and
 * that nothing became a dead letter ({@code _dead_letter/}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExactlyOnceShapesITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("shapes");

    private static final String PREFIX = "shapes";
    private static final String BASE_PATH = "shapes";

    /** Shape 1: identical rows read by the initial snapshot. */
    private static final TableId SNAPSHOT_KEYLESS = shape("shape_snapshot_keyless");

    /** Shape 2: COPY of identical rows while streaming. */
    private static final TableId COPY_KEYLESS = shape("shape_copy_keyless");

    /** Shape 3: identical rows by separate statements, one transaction, one multi-row INSERT. */
    private static final TableId IDENTICAL_KEYLESS = shape("shape_identical_keyless");

    /** Shape 4: a keyed table, a COPY, one UPDATE of 2,000 rows, key changes and deletes. */
    private static final TableId KEYED = shape("shape_keyed");

    /** Shape 5: interleaved transactions of four connections, keyed (default identity) ... */
    private static final TableId TXN_KEYED = shape("shape_txn_keyed");

    /** ... and keyless. */
    private static final TableId TXN_KEYLESS = shape("shape_txn_keyless");

    /** Shape 6: one TRUNCATE of both, then new rows equal to the truncated ones. */
    private static final TableId TRUNCATE_KEYED = shape("shape_truncate_keyed");

    private static final TableId TRUNCATE_KEYLESS = shape("shape_truncate_keyless");

    private static final List<TableId> ALL_TABLES =
            List.of(
                    SNAPSHOT_KEYLESS,
                    COPY_KEYLESS,
                    IDENTICAL_KEYLESS,
                    KEYED,
                    TXN_KEYED,
                    TXN_KEYLESS,
                    TRUNCATE_KEYED,
                    TRUNCATE_KEYLESS);

    private static final Set<TableId> KEYLESS =
            Set.of(
                    SNAPSHOT_KEYLESS,
                    COPY_KEYLESS,
                    IDENTICAL_KEYLESS,
                    TXN_KEYLESS,
                    TRUNCATE_KEYLESS);

    /** 50 distinct rows, 5 more copies of one of them, a row 3 times, NULLs twice, 200 alike. */
    private static final long SNAPSHOT_KEYLESS_ROWS = 50 + 5 + 3 + 2 + 200;

    /** Rows of one COPY into the keyless table: 2,500 rows twice, 100 alike, 2 all NULL. */
    private static final long COPY_ROWS = 2 * 2500 + 100 + 2;

    private static final String COPY_KEYLESS_SQL =
            "COPY shape_copy_keyless (n, label, amount) FROM STDIN WITH (FORMAT csv)";

    private static final int KEYED_SNAPSHOT_ROWS = 1000;
    private static final int TRUNCATE_KEYED_SNAPSHOT_ROWS = 100;
    private static final int TRUNCATE_KEYLESS_SNAPSHOT_ROWS = 30;

    /** Rounds of the four interleaved transactions. Keep it even: connection 1 commits on those. */
    private static final int ROUNDS = 300;

    private static final String INSERT_TXN_KEYED =
            "INSERT INTO shape_txn_keyed (id, conn_no, round_no, note) VALUES (?, ?, ?, 'new')";
    private static final String INSERT_TXN_KEYLESS =
            "INSERT INTO shape_txn_keyless (conn_no, round_no, note) VALUES (?, ?, ?)";

    /** What PostgreSQL holds per table once the shapes that ran so far made their changes. */
    private static final Map<TableId, Long> EXPECTED_ROWS = new LinkedHashMap<>();

    private static String lakeRoot;
    private static JobClient job;

    @BeforeAll
    static void start() throws Exception {
        // Every table exists before the connector registers: the publication is created for the
        // tables then matching, and the initial snapshot reads the pre-filled ones.
        sql(
                "CREATE TABLE shape_snapshot_keyless (n int, label text, amount numeric(10,2))",
                "ALTER TABLE shape_snapshot_keyless REPLICA IDENTITY FULL",
                "INSERT INTO shape_snapshot_keyless SELECT i, 'distinct ' || i, i * 1.5 FROM"
                        + " generate_series(1, 50) i",
                "INSERT INTO shape_snapshot_keyless SELECT 1, 'distinct 1', 1.5 FROM"
                        + " generate_series(1, 5)",
                "INSERT INTO shape_snapshot_keyless VALUES (100, 'thrice', 3.00), (100, 'thrice',"
                        + " 3.00), (100, 'thrice', 3.00)",
                "INSERT INTO shape_snapshot_keyless VALUES (NULL, NULL, NULL), (NULL, NULL, NULL)",
                "INSERT INTO shape_snapshot_keyless SELECT 7, 'bulk', 7.00 FROM"
                        + " generate_series(1, 200)",
                "CREATE TABLE shape_copy_keyless (n int, label text, amount numeric(10,2))",
                "ALTER TABLE shape_copy_keyless REPLICA IDENTITY FULL",
                "CREATE TABLE shape_identical_keyless (n int, label text, amount numeric(10,2))",
                "ALTER TABLE shape_identical_keyless REPLICA IDENTITY FULL",
                "CREATE TABLE shape_keyed (id int PRIMARY KEY, grp int, label text, amount"
                        + " numeric(12,2))",
                "ALTER TABLE shape_keyed REPLICA IDENTITY FULL",
                "INSERT INTO shape_keyed SELECT i, i % 5, 'snapshot', 1.00 FROM"
                        + " generate_series(1, "
                        + KEYED_SNAPSHOT_ROWS
                        + ") i",
                // Default replica identity on purpose: updates without before images, deletes
                // with the key only.
                "CREATE TABLE shape_txn_keyed (id int PRIMARY KEY, conn_no int, round_no int,"
                        + " note text)",
                "CREATE TABLE shape_txn_keyless (conn_no int, round_no int, note text)",
                "ALTER TABLE shape_txn_keyless REPLICA IDENTITY FULL",
                "CREATE TABLE shape_truncate_keyed (id int PRIMARY KEY, label text)",
                "ALTER TABLE shape_truncate_keyed REPLICA IDENTITY FULL",
                "INSERT INTO shape_truncate_keyed SELECT i, 'row ' || i FROM generate_series(1, "
                        + TRUNCATE_KEYED_SNAPSHOT_ROWS
                        + ") i",
                "CREATE TABLE shape_truncate_keyless (n int, label text)",
                "ALTER TABLE shape_truncate_keyless REPLICA IDENTITY FULL",
                "INSERT INTO shape_truncate_keyless SELECT 1, 'before' FROM generate_series(1, 10)",
                "INSERT INTO shape_truncate_keyless SELECT i, 'before' FROM"
                        + " generate_series(2, 21) i");
        EXPECTED_ROWS.put(SNAPSHOT_KEYLESS, SNAPSHOT_KEYLESS_ROWS);
        EXPECTED_ROWS.put(COPY_KEYLESS, 0L);
        EXPECTED_ROWS.put(IDENTICAL_KEYLESS, 0L);
        EXPECTED_ROWS.put(KEYED, (long) KEYED_SNAPSHOT_ROWS);
        EXPECTED_ROWS.put(TXN_KEYED, 0L);
        EXPECTED_ROWS.put(TXN_KEYLESS, 0L);
        EXPECTED_ROWS.put(TRUNCATE_KEYED, (long) TRUNCATE_KEYED_SNAPSHOT_ROWS);
        EXPECTED_ROWS.put(TRUNCATE_KEYLESS, (long) TRUNCATE_KEYLESS_SNAPSHOT_ROWS);

        new ConnectorRegistrar(STACK.stack().connect().restUrl())
                .register(
                        ConnectorConfig.load()
                                .withName("cdc-lake-shapes")
                                .with("topic.prefix", PREFIX)
                                .with("slot.name", "cdc_lake_shapes")
                                .with("publication.name", "cdc_lake_shapes")
                                .with("table.include.list", "public\\.shape_.*"),
                        Duration.ofMinutes(2));
        lakeRoot = STACK.lakeRoot(BASE_PATH);
        job =
                CdcLakeJob.start(
                        STACK.stack().flink().environment(1),
                        JobConfig.fromMap(
                                Map.of(
                                        "kafka.bootstrap-servers",
                                        STACK.stack().kafka().bootstrapServers(),
                                        // A pattern: a table's topic appears with its first event.
                                        "kafka.topic-pattern",
                                        PREFIX + "\\.public\\.shape_.*",
                                        "kafka.partition-discovery-interval",
                                        "1 s",
                                        "lake.bucket",
                                        STACK.stack().s3().bucket(),
                                        "lake.base-path",
                                        BASE_PATH,
                                        "checkpoint.interval",
                                        "1 s")));
        // The snapshot is under way (so the slot exists): what the methods change is streamed.
        awaitRows(KEYED, "r", KEYED_SNAPSHOT_ROWS);
        awaitRows(TRUNCATE_KEYED, "r", TRUNCATE_KEYED_SNAPSHOT_ROWS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    /**
     * Shape 1: the initial snapshot reads every copy of identical rows of a keyless table (all at
     * the snapshot's LSN, a null key and the same values), and the pre-filled tables of the other
     * shapes whole.
     */
    @Test
    @Order(1)
    void theSnapshotReadsEveryCopyOfIdenticalRows() throws Exception {
        Map<TableId, VerifyReport> reports =
                awaitMatch(
                        "the initial snapshot",
                        SNAPSHOT_KEYLESS,
                        KEYED,
                        TRUNCATE_KEYED,
                        TRUNCATE_KEYLESS);
        for (Map.Entry<TableId, VerifyReport> entry : reports.entrySet()) {
            assertVerified(entry.getKey(), entry.getValue());
        }
        assertOps(reports.get(SNAPSHOT_KEYLESS), SNAPSHOT_KEYLESS_ROWS, 0, 0, 0, 0);
        assertOps(reports.get(KEYED), KEYED_SNAPSHOT_ROWS, 0, 0, 0, 0);
        assertOps(reports.get(TRUNCATE_KEYED), TRUNCATE_KEYED_SNAPSHOT_ROWS, 0, 0, 0, 0);
        assertOps(reports.get(TRUNCATE_KEYLESS), TRUNCATE_KEYLESS_SNAPSHOT_ROWS, 0, 0, 0, 0);
    }

    /**
     * Shape 2: two COPYs of the same 5,102 rows into a keyless table while streaming (each row
     * twice in a row, a block of 100 alike, two all NULL). Rows of one multi-insert WAL record
     * share its LSN, so identical rows arrive at one position with the same (null) key and op.
     */
    @Test
    @Order(2)
    void aCopyOfIdenticalRowsArrivesWhole() throws Exception {
        String data = copyKeylessData();
        try (Connection db = STACK.stack().postgres().connect()) {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            assertThat(copy.copyIn(COPY_KEYLESS_SQL, new StringReader(data)))
                    .as("rows of the first COPY")
                    .isEqualTo(COPY_ROWS);
            assertThat(copy.copyIn(COPY_KEYLESS_SQL, new StringReader(data)))
                    .as("rows of the second COPY, each equal to one of the first")
                    .isEqualTo(COPY_ROWS);
        }
        EXPECTED_ROWS.put(COPY_KEYLESS, 2 * COPY_ROWS);

        VerifyReport report = awaitMatch("the COPYs", COPY_KEYLESS).get(COPY_KEYLESS);
        assertVerified(COPY_KEYLESS, report);
        assertOps(report, 0, 2 * COPY_ROWS, 0, 0, 0);

        // That the test exercises what it claims: identical rows at one LSN in the lake.
        List<LakeRecord> records =
                StackLake.reader(STACK.stack().s3(), lakeRoot, COPY_KEYLESS.withSource(PREFIX))
                        .read();
        assertThat(mostRowsAtOneLsn(records, true))
                .as(
                        "most identical rows sharing one LSN in "
                                + COPY_KEYLESS
                                + " (a COPY is logged as multi-insert records; if this fails, the"
                                + " COPY no longer shares LSNs and the shape is not tested)")
                .isGreaterThan(1);
    }

    /**
     * Shape 3: identical rows in a keyless table by separate statements (in separate transactions
     * and in one), by one multi-row INSERT and by one INSERT ... SELECT; then one of several
     * identical rows deleted, one updated, identical rows updated alike, and 100 of 250 identical
     * rows deleted (identical delete events, their before images equal).
     */
    @Test
    @Order(3)
    void identicalRowsBySeparateAndMultiRowInsertsArriveWhole() throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertThat(
                                sql.executeUpdate(
                                        "INSERT INTO shape_identical_keyless VALUES (1, 'same',"
                                                + " 1.00)"))
                        .isEqualTo(1);
            }
            db.setAutoCommit(false);
            for (int i = 0; i < 3; i++) {
                assertThat(
                                sql.executeUpdate(
                                        "INSERT INTO shape_identical_keyless VALUES (2, 'same in"
                                                + " one transaction', 2.00)"))
                        .isEqualTo(1);
            }
            db.commit();
            db.setAutoCommit(true);
            assertThat(
                            sql.executeUpdate(
                                    "INSERT INTO shape_identical_keyless VALUES (3, 'multi', 3.00),"
                                            + " (3, 'multi', 3.00), (3, 'multi', 3.00), (3,"
                                            + " 'multi', 3.00), (4, 'multi', 4.00), (4, 'multi',"
                                            + " 4.00), (NULL, NULL, NULL), (NULL, NULL, NULL)"))
                    .isEqualTo(8);
            assertThat(
                            sql.executeUpdate(
                                    "INSERT INTO shape_identical_keyless SELECT 5, 'select', 5.00"
                                            + " FROM generate_series(1, 250)"))
                    .isEqualTo(250);
            assertThat(
                            sql.executeUpdate(
                                    "DELETE FROM shape_identical_keyless WHERE ctid IN (SELECT"
                                            + " ctid FROM shape_identical_keyless WHERE n = 1"
                                            + " LIMIT 1)"))
                    .isEqualTo(1);
            assertThat(
                            sql.executeUpdate(
                                    "UPDATE shape_identical_keyless SET label = 'multi updated'"
                                            + " WHERE ctid IN (SELECT ctid FROM"
                                            + " shape_identical_keyless WHERE n = 3 LIMIT 1)"))
                    .isEqualTo(1);
            assertThat(
                            sql.executeUpdate(
                                    "UPDATE shape_identical_keyless SET amount = 40.00 WHERE n ="
                                            + " 4"))
                    .isEqualTo(2);
            assertThat(
                            sql.executeUpdate(
                                    "DELETE FROM shape_identical_keyless WHERE ctid IN (SELECT"
                                            + " ctid FROM shape_identical_keyless WHERE n = 5"
                                            + " LIMIT 100)"))
                    .isEqualTo(100);
        }
        long inserted = 3 + 3 + 8 + 250;
        long deleted = 1 + 100;
        EXPECTED_ROWS.put(IDENTICAL_KEYLESS, inserted - deleted);

        VerifyReport report =
                awaitMatch("the identical inserts", IDENTICAL_KEYLESS).get(IDENTICAL_KEYLESS);
        assertVerified(IDENTICAL_KEYLESS, report);
        // REPLICA IDENTITY FULL: an update is a before and an after row; 3 rows were updated.
        assertOps(report, 0, inserted, 2 * 3, deleted, 0);
    }

    /**
     * Shape 4: a keyed table (REPLICA IDENTITY FULL) read by the snapshot, then a COPY of 3,000
     * rows differing only in their key (sharing LSNs), one UPDATE of 2,000 rows, two UPDATEs that
     * change nothing (the same key, op and values twice), a primary-key change of 500 rows (a
     * delete and a create at one LSN each), deletes, and in one transaction keys moved away and
     * their old keys inserted again with the same values.
     */
    @Test
    @Order(4)
    void aKeyedTableKeepsEveryBulkUpdateKeyChangeAndDelete() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int id = 1001; id <= 4000; id++) {
            csv.append(id).append(',').append(id % 5).append(",copied,1.00\n");
        }
        try (Connection db = STACK.stack().postgres().connect()) {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            assertThat(
                            copy.copyIn(
                                    "COPY shape_keyed (id, grp, label, amount) FROM STDIN WITH"
                                            + " (FORMAT csv)",
                                    new StringReader(csv.toString())))
                    .isEqualTo(3000L);
            try (Statement sql = db.createStatement()) {
                assertThat(
                                sql.executeUpdate(
                                        "UPDATE shape_keyed SET amount = amount + 1, label ="
                                                + " 'bulk' WHERE id BETWEEN 501 AND 2500"))
                        .as("rows of the one bulk UPDATE")
                        .isEqualTo(2000);
                for (int i = 0; i < 2; i++) {
                    assertThat(
                                    sql.executeUpdate(
                                            "UPDATE shape_keyed SET label = label WHERE id BETWEEN"
                                                    + " 1 AND 100"))
                            .isEqualTo(100);
                }
                assertThat(
                                sql.executeUpdate(
                                        "UPDATE shape_keyed SET id = id + 100000 WHERE id BETWEEN"
                                                + " 3001 AND 3500"))
                        .as("rows whose primary key changed")
                        .isEqualTo(500);
                // Multiples of 10 up to 4000, those moved to 103001..103500 aside: 300 + 50.
                assertThat(
                                sql.executeUpdate(
                                        "DELETE FROM shape_keyed WHERE id % 10 = 0 AND id <="
                                                + " 4000"))
                        .isEqualTo(350);
                db.setAutoCommit(false);
                assertThat(
                                sql.executeUpdate(
                                        "UPDATE shape_keyed SET id = id + 200000 WHERE id BETWEEN"
                                                + " 1 AND 5"))
                        .isEqualTo(5);
                assertThat(
                                sql.executeUpdate(
                                        "INSERT INTO shape_keyed SELECT id - 200000, grp, label,"
                                                + " amount FROM shape_keyed WHERE id BETWEEN"
                                                + " 200001 AND 200005"))
                        .isEqualTo(5);
                db.commit();
                db.setAutoCommit(true);
            }
        }
        EXPECTED_ROWS.put(KEYED, KEYED_SNAPSHOT_ROWS + 3000L - 350 + 5);

        VerifyReport report = awaitMatch("the keyed changes", KEYED).get(KEYED);
        assertVerified(KEYED, report);
        // Creates: the COPY, the new keys of 500 + 5 key changes, the 5 old keys inserted again.
        // Updates: 2,000 + 2 x 100 rows, a before and an after row each. Deletes: the old keys of
        // the key changes, and the 350 deleted rows.
        assertOps(
                report,
                KEYED_SNAPSHOT_ROWS,
                3000 + 500 + 5 + 5,
                2 * (2000 + 2 * 100),
                500 + 5 + 350,
                0);

        List<LakeRecord> copied =
                StackLake.reader(STACK.stack().s3(), lakeRoot, KEYED.withSource(PREFIX))
                        .read()
                        .stream()
                        .filter(r -> "copied".equals(r.get("label")))
                        .toList();
        assertThat(mostRowsAtOneLsn(copied, false))
                .as(
                        "most COPY rows sharing one LSN in "
                                + KEYED
                                + " (if this fails, the COPY no longer shares LSNs and the shape"
                                + " is not tested)")
                .isGreaterThan(1);
    }

    /**
     * Shape 5: four connections, autocommit off, inserting into, updating and deleting from a keyed
     * and a keyless table in an interleaved order, committing in an order that differs from the
     * order they began in (and connection 1 only every other round, its transaction spanning two
     * rounds), for {@value #ROUNDS} rounds. Each round all four insert the same keyless row. No two
     * transactions touch the same row, so none waits for another.
     */
    @Test
    @Order(5)
    void interleavedTransactionsArriveWhole() throws Exception {
        try (Connection c1 = STACK.stack().postgres().connect();
                Connection c2 = STACK.stack().postgres().connect();
                Connection c3 = STACK.stack().postgres().connect();
                Connection c4 = STACK.stack().postgres().connect()) {
            Connection[] conns = {null, c1, c2, c3, c4};
            for (int k = 1; k <= 4; k++) {
                conns[k].setAutoCommit(false);
            }
            int[][] commitOrders = {{4, 1, 3}, {3, 4, 1}, {1, 3, 4}};
            for (int round = 1; round <= ROUNDS; round++) {
                interleavedRound(conns, round, commitOrders[round % commitOrders.length]);
            }
            for (int k = 1; k <= 4; k++) {
                conns[k].commit();
            }
        }
        // Keyed: 4 rows a round, connection 4 deletes its row of two rounds before (rounds 3..).
        long keyedDeletes = ROUNDS - 2;
        EXPECTED_ROWS.put(TXN_KEYED, 4L * ROUNDS - keyedDeletes);
        // Keyless: 4 identical shared rows and 5 own rows a round (connection 1's twice),
        // connection 4 deletes its own row of two rounds before.
        long keylessDeletes = ROUNDS - 2;
        EXPECTED_ROWS.put(TXN_KEYLESS, 9L * ROUNDS - keylessDeletes);

        Map<TableId, VerifyReport> reports =
                awaitMatch("the interleaved transactions", TXN_KEYED, TXN_KEYLESS);
        assertVerified(TXN_KEYED, reports.get(TXN_KEYED));
        assertVerified(TXN_KEYLESS, reports.get(TXN_KEYLESS));
        // Connection 3 updates one row of each table of the round before (rounds 2..): keyed with
        // the default replica identity, an after row only; keyless, a before and an after row.
        assertOps(reports.get(TXN_KEYED), 0, 4L * ROUNDS, ROUNDS - 1, keyedDeletes, 0);
        assertOps(reports.get(TXN_KEYLESS), 0, 9L * ROUNDS, 2L * (ROUNDS - 1), keylessDeletes, 0);
    }

    /** One round of shape 5; {@code conns[1..4]} are the connections. */
    private static void interleavedRound(Connection[] conns, int round, int[] commitOrder)
            throws SQLException {
        Connection c1 = conns[1];
        Connection c2 = conns[2];
        Connection c3 = conns[3];
        Connection c4 = conns[4];
        int base = round * 10;
        int updated = round >= 2 ? 1 : 0;
        int deleted = round >= 3 ? 1 : 0;
        exec(c1, INSERT_TXN_KEYED, base + 1, 1, round);
        exec(c1, INSERT_TXN_KEYLESS, 0, round, "shared");
        exec(c2, INSERT_TXN_KEYED, base + 2, 2, round);
        exec(c2, INSERT_TXN_KEYLESS, 0, round, "shared");
        assertThat(
                        exec(
                                c3,
                                "UPDATE shape_txn_keyed SET note = 'updated' WHERE conn_no = 3"
                                        + " AND round_no = ?",
                                round - 1))
                .as("keyed rows connection 3 updates in round " + round)
                .isEqualTo(updated);
        exec(c1, INSERT_TXN_KEYLESS, 1, round, "own");
        exec(c1, INSERT_TXN_KEYLESS, 1, round, "own");
        exec(c4, INSERT_TXN_KEYLESS, 0, round, "shared");
        exec(c4, INSERT_TXN_KEYED, base + 4, 4, round);
        exec(c3, INSERT_TXN_KEYED, base + 3, 3, round);
        exec(c3, INSERT_TXN_KEYLESS, 0, round, "shared");
        exec(c3, INSERT_TXN_KEYLESS, 3, round, "own");
        exec(c2, INSERT_TXN_KEYLESS, 2, round, "own");
        c2.commit();
        exec(c4, INSERT_TXN_KEYLESS, 4, round, "own");
        assertThat(
                        exec(
                                c4,
                                "DELETE FROM shape_txn_keyless WHERE conn_no = 4 AND round_no = ?",
                                round - 2))
                .as("keyless rows connection 4 deletes in round " + round)
                .isEqualTo(deleted);
        assertThat(
                        exec(
                                c4,
                                "DELETE FROM shape_txn_keyed WHERE conn_no = 4 AND round_no = ?",
                                round - 2))
                .as("keyed rows connection 4 deletes in round " + round)
                .isEqualTo(deleted);
        assertThat(
                        exec(
                                c3,
                                "UPDATE shape_txn_keyless SET note = 'updated' WHERE conn_no = 3"
                                        + " AND round_no = ?",
                                round - 1))
                .as("keyless rows connection 3 updates in round " + round)
                .isEqualTo(updated);
        for (int k : commitOrder) {
            // Connection 1's transaction spans two rounds.
            if (k != 1 || round % 2 == 0) {
                conns[k].commit();
            }
        }
    }

    /**
     * Shape 6: a keyed and a keyless table read by the snapshot, a few rows more streamed, both
     * truncated by one statement (one WAL record, one truncate event per table), then rows equal to
     * truncated ones inserted again into both (the keyless ones also by a COPY).
     */
    @Test
    @Order(6)
    void aTruncateOfTwoTablesThenEqualRowsArriveWhole() throws Exception {
        sql(
                "INSERT INTO shape_truncate_keyed SELECT i, 'row ' || i FROM"
                        + " generate_series(101, 150) i",
                "INSERT INTO shape_truncate_keyless SELECT 1, 'before' FROM generate_series(1, 5)",
                "TRUNCATE shape_truncate_keyed, shape_truncate_keyless",
                "INSERT INTO shape_truncate_keyed SELECT i, 'row ' || i FROM"
                        + " generate_series(1, 40) i",
                "INSERT INTO shape_truncate_keyless SELECT 1, 'before' FROM"
                        + " generate_series(1, 10)");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            csv.append("1,before\n");
        }
        try (Connection db = STACK.stack().postgres().connect()) {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            assertThat(
                            copy.copyIn(
                                    "COPY shape_truncate_keyless (n, label) FROM STDIN WITH"
                                            + " (FORMAT csv)",
                                    new StringReader(csv.toString())))
                    .isEqualTo(500L);
        }
        EXPECTED_ROWS.put(TRUNCATE_KEYED, 40L);
        EXPECTED_ROWS.put(TRUNCATE_KEYLESS, 10L + 500);

        Map<TableId, VerifyReport> reports =
                awaitMatch("the TRUNCATE", TRUNCATE_KEYED, TRUNCATE_KEYLESS);
        assertVerified(TRUNCATE_KEYED, reports.get(TRUNCATE_KEYED));
        assertVerified(TRUNCATE_KEYLESS, reports.get(TRUNCATE_KEYLESS));
        assertOps(reports.get(TRUNCATE_KEYED), TRUNCATE_KEYED_SNAPSHOT_ROWS, 50 + 40, 0, 0, 1);
        assertOps(
                reports.get(TRUNCATE_KEYLESS),
                TRUNCATE_KEYLESS_SNAPSHOT_ROWS,
                5 + 10 + 500,
                0,
                0,
                1);
    }

    /**
     * After all shapes: every table matches PostgreSQL in both formats once more, the replay filter
     * kept no event out as sent again (no process crashed, so Kafka Connect sent nothing twice),
     * and the job wrote no dead letter.
     */
    @Test
    @Order(7)
    void everyTableStillMatchesAndNothingWasKeptOut() throws Exception {
        awaitMatch("all shapes", ALL_TABLES.toArray(new TableId[0]));
        Map<TableId, VerifyReport> reports = verifyAll(ALL_TABLES);
        for (TableId table : ALL_TABLES) {
            assertVerified(table, reports.get(table));
        }
        assertThat(lakeFolderFiles(LakePaths.SENT_AGAIN_FOLDER))
                .as(
                        "events the replay filter kept out as sent again, under "
                                + lakeRoot
                                + "/"
                                + LakePaths.SENT_AGAIN_FOLDER
                                + " (nothing was sent again: each is a real change lost)")
                .isEmpty();
        assertThat(lakeFolderFiles(LakePaths.DEAD_LETTER_FOLDER))
                .as("dead letters under " + lakeRoot + "/" + LakePaths.DEAD_LETTER_FOLDER)
                .isEmpty();
    }

    // ------------------------------------------------------------------------------ helpers

    private static TableId shape(String name) {
        return new TableId("public", name);
    }

    /** 2,500 distinct rows, each twice in a row, 100 alike in the middle, two all NULL. */
    private static String copyKeylessData() {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 2500; i++) {
            String line = i + ",copy " + i + "," + (i % 1000) + ".25\n";
            csv.append(line).append(line);
            if (i == 1250) {
                for (int j = 0; j < 100; j++) {
                    csv.append("0,block,0.00\n");
                }
            }
        }
        // Unquoted empty fields are NULL in CSV format.
        csv.append(",,\n").append(",,\n");
        return csv.toString();
    }

    /**
     * The most created rows at one {@code _lsn}; with {@code sameValues}, only rows also equal in
     * every table column ({@code n}, {@code label}, {@code amount}) count together.
     */
    private static long mostRowsAtOneLsn(List<LakeRecord> records, boolean sameValues) {
        return records.stream()
                .filter(r -> "c".equals(r.op()) && r.lsn() != null)
                .collect(
                        Collectors.groupingBy(
                                r ->
                                        sameValues
                                                ? r.lsn()
                                                        + "|"
                                                        + r.get("n")
                                                        + "|"
                                                        + r.get("label")
                                                        + "|"
                                                        + r.get("amount")
                                                : String.valueOf(r.lsn()),
                                Collectors.counting()))
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0L);
    }

    /**
     * The report says the lake equals the table in Parquet and CSV, and both hold the rows this
     * test expects.
     */
    private static void assertVerified(TableId table, VerifyReport report) throws Exception {
        long expected = EXPECTED_ROWS.get(table);
        String render = report.render();
        assertThat(report.matches()).as(table + " matches PostgreSQL:\n" + render).isTrue();
        assertThat(report.csv())
                .as(table + ": the CSV files were compared with the Parquet files\n" + render)
                .isNotNull();
        assertThat(report.keyOrigin())
                .as(table + ": how verify identifies rows (a keyless table is a multiset)")
                .isEqualTo(KEYLESS.contains(table) ? "REPLICA IDENTITY FULL" : "primary key");
        assertThat(report.duplicateEvents())
                .as(table + ": change events written twice\n" + render)
                .isZero();
        assertThat(report.databaseRows())
                .as(table + ": rows in PostgreSQL")
                .isEqualTo(expected)
                .isEqualTo(countRows(table));
        assertThat(report.lakeRows())
                .as(table + ": rows of the lake's replayed state\n" + render)
                .isEqualTo(expected);
    }

    /** The lake's change rows per {@code _op}: every change exactly once. */
    private static void assertOps(VerifyReport report, long r, long c, long u, long d, long t) {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("r", r);
        expected.put("c", c);
        expected.put("u", u);
        expected.put("d", d);
        expected.put("t", t);
        assertThat(report.lakeRowsByOp())
                .as(
                        report.table()
                                + ": change rows per _op in the lake (a missing one was dropped)\n"
                                + report.render())
                .isEqualTo(expected);
    }

    private static Map<TableId, VerifyReport> awaitMatch(String after, TableId... tables) {
        List<TableId> list = List.of(tables);
        return await().alias(
                        "after "
                                + after
                                + ", verify finds "
                                + list
                                + " equal to PostgreSQL (last reports of those that differ)")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> verifyAll(list),
                        reports -> reports.values().stream().allMatch(VerifyReport::matches));
    }

    private static Map<TableId, VerifyReport> verifyAll(List<TableId> tables) throws Exception {
        Map<TableId, VerifyReport> reports = new ReportedMap();
        try (Connection db = STACK.stack().postgres().connect()) {
            for (TableId table : tables) {
                reports.put(
                        table,
                        new LakeVerifier(lakeRoot)
                                .tempDir(STACK.workDir())
                                .s3(StackLake.access(STACK.stack().s3()))
                                .checkCsv(true)
                                .verify(db, table));
            }
        }
        return reports;
    }

    /** Prints only the tables that do not match, so that a timeout says what differs. */
    private static final class ReportedMap extends LinkedHashMap<TableId, VerifyReport> {

        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return entrySet().stream()
                    .filter(e -> !e.getValue().matches())
                    .map(e -> e.getKey() + ":\n" + e.getValue().render())
                    .collect(Collectors.joining("\n"));
        }
    }

    /**
     * Committed files under a folder of the lake root ({@code _dead_letter}, {@code _sent_again}),
     * each with its content.
     */
    private static List<String> lakeFolderFiles(String folder) throws IOException {
        LakeStore store = StackLake.store(STACK.stack().s3());
        List<String> letters = new ArrayList<>();
        for (StoredFile file : store.list(lakeRoot + "/" + folder)) {
            // Hidden names are files still being written, and their upload parts.
            if (file.name().startsWith(".") || file.name().startsWith("_")) {
                continue;
            }
            letters.add(
                    file.path()
                            + ":\n"
                            + Files.readString(store.local(file), StandardCharsets.UTF_8));
        }
        return letters;
    }

    private static long countRows(TableId table) throws SQLException {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "SELECT count(*) FROM " + table.schema() + "." + table.table())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs {@code statement} with {@code params}; the rows it changed. */
    private static int exec(Connection db, String statement, Object... params) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }

    private static void sql(String... statements) throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static void awaitRows(TableId table, String op, long rows) {
        await().alias("the lake reaches " + rows + " '" + op + "' rows of " + table)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                StackLake.reader(
                                                STACK.stack().s3(),
                                                lakeRoot,
                                                table.withSource(PREFIX))
                                        .rowsByOp(),
                        byOp -> byOp.getOrDefault(op, 0L) >= rows);
    }
}
