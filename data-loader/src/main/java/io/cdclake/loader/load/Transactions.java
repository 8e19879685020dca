package io.cdclake.loader.load;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work as one transaction on a connection and puts its auto-commit mode back afterwards.
 * Whatever the connection had pending becomes part of that transaction.
 */
public final class Transactions {

    /** Work that may fail in the ways a load fails. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws LoadException, IOException, SQLException;
    }

    private Transactions() {}

    public static <T> T inTransaction(Connection connection, Work<T> work)
            throws LoadException, IOException, SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (LoadException | IOException | SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
