package io.cdclake.connector.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(?) AND contype ="
                                + " 'p'")) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Whether {@code column} can stand in for a primary key: declared NOT NULL and alone in a
     * unique index without a predicate, so ordering by it visits every row exactly once.
     */
    static boolean uniqueNotNull(Connection connection, TableName table, String column)
            throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT 1 FROM pg_attribute a JOIN pg_index i ON i.indrelid = a.attrelid"
                                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ?"
                                + " AND NOT a.attisdropped AND a.attnotnull AND i.indisunique"
                                + " AND i.indpred IS NULL AND i.indnkeyatts = 1"
                                + " AND i.indkey[0] = a.attnum")) {
            st.setString(1, table.sql());
            st.setString(2, column);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Sets {@code REPLICA IDENTITY FULL} unless set, as {@code ./cdc-lake load} does: updates and
     * deletes then carry the whole old row, so the lake writes complete "before" images.
     */
    static boolean replicaIdentityFull(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT relreplident FROM pg_class WHERE oid = to_regclass(?)")) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next() && "f".equals(rs.getString(1))) {
                    return false;
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + table.sql() + " REPLICA IDENTITY FULL");
        }
        return true;
    }

    /** Every ordinary or partitioned table outside the system schemas. */
    static List<TableName> userTables(Connection connection) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON"
                                    + " n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND"
                                    + " n.nspname NOT IN ('pg_catalog', 'information_schema') AND"
                                    + " n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, 2")) {
            while (rs.next()) {
                tables.add(new TableName(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }
}
