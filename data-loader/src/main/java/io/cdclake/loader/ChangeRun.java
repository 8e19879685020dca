package io.cdclake.loader;

import io.cdclake.loader.changes.ChangeException;
import io.cdclake.loader.changes.ChangeGenerator;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.ChangeResult;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One run of generated changes on a connection of its own. {@link #stop()} lets another thread (a
 * Ctrl-C hook, a demo shutting down) end it early with what is pending committed.
 */
public final class ChangeRun {

    private final ConnectionSettings database;
    private final PgTable table;
    private final ChangeOptions options;
    private volatile ChangeGenerator generator;
    private volatile boolean stopRequested;

    ChangeRun(ConnectionSettings database, PgTable table, ChangeOptions options) {
        this.database = database;
        this.table = table;
        this.options = options;
    }

    /**
     * Connects, changes the table until the options' count or duration or {@link #stop()}, and
     * disconnects.
     *
     * @throws ChangeException when a change fails; it carries what was committed before
     */
    public ChangeResult run() throws SQLException {
        try (Connection connection = database.connect()) {
            generator = new ChangeGenerator(connection, table, options);
            // A stop that came while connecting must not be lost.
            if (stopRequested) {
                generator.stop();
            }
            return generator.run();
        }
    }

    /** {@link #run()} on a thread of the common pool; a failure completes the future with it. */
    public CompletableFuture<ChangeResult> runInBackground() {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return run();
                    } catch (SQLException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    /** Asks a running {@link #run()} to commit what it has and return. */
    public void stop() {
        stopRequested = true;
        ChangeGenerator running = generator;
        if (running != null) {
            running.stop();
        }
    }
}
