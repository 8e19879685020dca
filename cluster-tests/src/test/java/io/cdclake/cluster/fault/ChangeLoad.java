package io.cdclake.cluster.fault;

import io.cdclake.loader.changes.ChangeGenerator;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.OperationMix;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Inserts, updates and deletes on {@code customers} at a steady pace in a background thread until
 * told it is enough, going on through a database crash: when the connection breaks it reconnects
 * and carries on. What committed is counted by {@link ChangeAudit}, not here.
 */
final class ChangeLoad {

    /** Half inserts, so the table grows while updates and deletes find rows. */
    private static final OperationMix MIX = new OperationMix(50, 35, 15);

    private static final long POLL_MILLIS = 250;

    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private volatile ChangeGenerator current;
    private volatile boolean stopped;
    private volatile Exception failure;
    private Thread worker;
    private long seed = 1;

    ChangeLoad(Connections connections) {
        this.connections = connections;
    }

    /**
     * Starts making changes at {@code perSecond} until {@code enough} says so; one run at a time.
     */
    void start(double perSecond, BooleanSupplier enough) {
        stopped = false;
        failure = null;
        long runSeed = seed++;
        worker = new Thread(() -> makeChanges(perSecond, runSeed), "change-load");
        worker.setDaemon(true);
        worker.start();
        Thread monitor = new Thread(() -> stopWhen(enough), "change-load-monitor");
        monitor.setDaemon(true);
        monitor.start();
    }

    /** Waits for the run to end. */
    void await(Duration timeout) throws Exception {
        worker.join(timeout.toMillis());
        if (worker.isAlive()) {
            stop();
            throw new AssertionError("the change load did not finish within " + timeout);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void stopWhen(BooleanSupplier enough) {
        try {
            while (worker.isAlive() && !enough.getAsBoolean()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    private void stop() {
        stopped = true;
        ChangeGenerator generator = current;
        if (generator != null) {
            generator.stop();
        }
    }

    private void makeChanges(double perSecond, long runSeed) {
        long attempt = 0;
        while (!stopped) {
            try (Connection db = connections.open()) {
                ChangeOptions options =
                        new ChangeOptions(
                                MIX,
                                runSeed * 1000 + attempt++,
                                Long.MAX_VALUE,
                                null,
                                perSecond,
                                ChangeOptions.DEFAULT_OPERATIONS_PER_TRANSACTION);
                current = new ChangeGenerator(db, PgTable.of("customers"), options);
                if (stopped) {
                    return;
                }
                current.run();
            } catch (SQLException e) {
                if (!isConnectionLoss(e)) {
                    failure = e;
                    return;
                }
                // The database is down or the connection broke in a crash: try again shortly.
                pause();
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    /**
     * Connection exceptions (class 08) and server shutdowns (57P0x); anything else is a bug of the
     * suite.
     */
    static boolean isConnectionLoss(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
