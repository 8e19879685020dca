package io.cdclake.cluster.fault;

import io.cdclake.format.TableId;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Three connections whose transactions overlap, inserting into one keyless table rows that are
 * identical within a round: a COPY batch (PostgreSQL logs its rows as one WAL record, so they share
 * one LSN and, without a key, one Kafka key), two separate INSERTs of one row, and one INSERT ...
 * SELECT of five. Each round begins all three transactions before any commits and commits them in
 * an order that turns with the round, so commit order differs from begin order. It goes on through
 * a database crash, reconnecting; what committed is whatever the table holds.
 */
final class OverlappingLoad {

    static final KeylessTable TABLE =
            new KeylessTable("copied_rows", List.of("conn_no", "round_no", "label"), "round_no");

    static final TableId LAKE_TABLE = new TableId("postgres", "public", "copied_rows");

    /** Rows of one COPY batch: three distinct rows, each ten times. */
    private static final int COPY_ROWS = 30;

    private static final long PAUSE_MILLIS = 100;

    private final ChangeLoad.Connections connections;
    private volatile boolean stopped;
    private volatile Exception failure;
    private Thread worker;
    private volatile int nextRound = 1;

    OverlappingLoad(ChangeLoad.Connections connections) {
        this.connections = connections;
    }

    /** Creates the table, before the connector registers, so its publication covers it. */
    static void create(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute(
                    "CREATE TABLE copied_rows (conn_no int NOT NULL, round_no int NOT NULL, label"
                            + " text)");
            sql.execute("ALTER TABLE copied_rows REPLICA IDENTITY FULL");
        }
    }

    /** The number the next round will carry in {@code round_no}. */
    int nextRound() {
        return nextRound;
    }

    void start() {
        stopped = false;
        failure = null;
        worker = new Thread(this::makeRounds, "overlapping-load");
        worker.setDaemon(true);
        worker.start();
    }

    /** Ends the run after its current round and rethrows what broke it, if anything did. */
    void stop() throws Exception {
        stopped = true;
        worker.join();
        if (failure != null) {
            throw failure;
        }
    }

    private void makeRounds() {
        while (!stopped) {
            List<Connection> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Connection db = connections.open();
                    db.setAutoCommit(false);
                    open.add(db);
                }
                while (!stopped) {
                    round(open, nextRound++);
                    Thread.sleep(PAUSE_MILLIS);
                }
            } catch (SQLException e) {
                if (!ChangeLoad.isConnectionLoss(e)) {
                    failure = e;
                    return;
                }
                // The database is down or the connection broke in a crash: try again shortly.
                ChangeLoad.pause();
            } catch (Exception e) {
                failure = e;
                return;
            } finally {
                for (Connection db : open) {
                    try {
                        db.close();
                    } catch (SQLException ignored) {
                        // Broken already; nothing left to release.
                    }
                }
            }
        }
    }

    private static void round(List<Connection> db, int round) throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < COPY_ROWS; i++) {
            batch.append("0,").append(round).append(",copy ").append(i % 3).append('\n');
        }
        db.get(0)
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                        "COPY copied_rows (conn_no, round_no, label) FROM STDIN WITH (FORMAT csv)",
                        new StringReader(batch.toString()));
        try (PreparedStatement insert =
                db.get(1)
                        .prepareStatement(
                                "INSERT INTO copied_rows VALUES (1, ?, 'one at a time')")) {
            insert.setInt(1, round);
            insert.executeUpdate();
            try (Statement select = db.get(2).createStatement()) {
                select.executeUpdate(
                        "INSERT INTO copied_rows SELECT 2, "
                                + round
                                + ", 'select' FROM generate_series(1, 5)");
            }
            insert.executeUpdate();
        }
        for (int i = 0; i < 3; i++) {
            db.get((round + i) % 3).commit();
        }
    }
}
