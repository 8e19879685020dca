package io.cdclake.cluster.fault;

import io.cdclake.loader.changes.ChangeException;
import io.cdclake.loader.changes.ChangeGenerator;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.ChangeResult;
import io.cdclake.loader.changes.OperationMix;
import io.cdclake.loader.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inserts, updates and deletes on {@code customers} at a steady pace in a background thread,
 * going on through a database crash: when the connection breaks it reconnects and makes the
 * changes still owed. Counts are only for progress; what committed is in {@link ChangeAudit}.
 */
final class ChangeLoad {

    /** Half inserts, so the table grows while updates and deletes find rows. */
    private static final OperationMix MIX = new OperationMix(50, 35, 15);

    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final AtomicLong made = new AtomicLong();
    private volatile ChangeGenerator current;
    private volatile boolean stopped;
    private CompletableFuture<Long> run;
    private long seed = 1;

    ChangeLoad(Connections connections) {
        this.connections = connections;
    }

    /** Starts making {@code count} changes at {@code perSecond}; one run at a time. */
    void start(long count, double perSecond) {
        made.set(0);
        stopped = false;
        long runSeed = seed++;
        run = CompletableFuture.supplyAsync(() -> makeChanges(count, perSecond, runSeed));
    }

    /** Waits for the run to end; returns how many changes the generator saw commit. */
    long await(Duration timeout) throws Exception {
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            stopped = true;
            ChangeGenerator generator = current;
            if (generator != null) {
                generator.stop();
            }
            throw new AssertionError("the change load did not finish within " + timeout + " (" + made.get() + " made)", e);
        }
    }

    private long makeChanges(long count, double perSecond, long runSeed) {
        long attempt = 0;
        while (made.get() < count && !stopped) {
            long owed = count - made.get();
            try (Connection db = connections.open()) {
                ChangeOptions options = ChangeOptions.count(owed, runSeed * 1000 + attempt++).withMix(MIX)
                        .withRate(perSecond, null);
                current = new ChangeGenerator(db, TableName.of("customers"), options);
                ChangeResult result = current.run();
                made.addAndGet(result.total());
            } catch (ChangeException e) {
                made.addAndGet(e.committed().total());
                pause();
            } catch (SQLException e) {
                // The database is down: try again shortly.
                pause();
            }
        }
        return made.get();
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
