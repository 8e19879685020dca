package io.cdclake.connector.capture;

import io.cdclake.postgres.PgCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** What the catalog says about a table: whether it exists, its key and replica identity. */
final class TableFacts {

    private TableFacts() {}

    static boolean exists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r',"
                                + " 'p')")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean hasPrimaryKey(Connection connection, TableName table) throws SQLException {
        return !PgCatalog.primaryKey(connection, table.pg()).isEmpty();
    }

    /**
     * Whether {@code column} can stand in for a primary key: declared NOT NULL and alone in a
     * unique index without a predicate, so ordering by it visits every row exactly once.
     */
    static boolean uniqueNotNull(Connection connection, TableName table, String column)
            throws SQLException {
        return PgCatalog.uniqueNotNull(connection, table.pg(), column);
    }

    /**
     * Sets {@code REPLICA IDENTITY FULL} unless set, as {@code ./cdc-lake load} does: updates and
     * deletes then carry the whole old row, so the lake writes complete "before" images.
     */
    static boolean replicaIdentityFull(Connection connection, TableName table) throws SQLException {
        if (PgCatalog.replicaIdentity(connection, table.pg()) == 'f') {
            return false;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + table.sql() + " REPLICA IDENTITY FULL");
        }
        return true;
    }

    /** Every ordinary or partitioned table outside the system schemas. */
    static List<TableName> userTables(Connection connection) throws SQLException {
        return PgCatalog.userTables(connection).stream().map(TableName::of).toList();
    }
}
