package io.cdclake.loader.changes;

import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two changes of the original tutorial, so a demo can show one update and one delete travel
 * through to the lake. Each runs in its own transaction, as typed into psql.
 */
public final class TutorialExample {

    public static final String UPDATE_SQL =
            "UPDATE customers SET \"Name\" = 'Cris' WHERE \"PassengerId\" = 2";
    public static final String DELETE_SQL = "DELETE FROM customers WHERE \"PassengerId\" = 3";

    /**
     * Rows touched by each statement; 0 means the row was not there (already changed, or not
     * loaded).
     */
    public record Result(int updated, int deleted) {

        /** A statement found no row: the table was not loaded, or the example ran before. */
        public boolean missedARow() {
            return updated == 0 || deleted == 0;
        }

        @Override
        public String toString() {
            return "updated "
                    + updated
                    + " row (PassengerId 2, Name = 'Cris'), deleted "
                    + deleted
                    + " row (PassengerId 3)";
        }
    }

    private TutorialExample() {}

    /** Runs the tutorial's statements against table {@code customers}. */
    public static Result applyTutorialExample(Connection connection) throws SQLException {
        return run(connection, UPDATE_SQL, DELETE_SQL);
    }

    /** The same two changes against another titanic-shaped table. */
    public static Result applyTutorialExample(Connection connection, PgTable table)
            throws SQLException {
        return run(
                connection,
                "UPDATE " + table.sql() + " SET \"Name\" = 'Cris' WHERE \"PassengerId\" = 2",
                "DELETE FROM " + table.sql() + " WHERE \"PassengerId\" = 3");
    }

    private static Result run(Connection connection, String update, String delete)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            int updated = st.executeUpdate(update);
            int deleted = st.executeUpdate(delete);
            return new Result(updated, deleted);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
