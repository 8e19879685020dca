package io.cdclake.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What PostgreSQL's catalog says about a table: the queries every command and reader asks. */
public final class PgCatalog {

    private PgCatalog() {}

    /** The table's oid, or empty when there is no such table. */
    public static Optional<Long> oid(Connection connection, PgTable table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT to_regclass(?)::oid")) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(oid);
            }
        }
    }

    public static boolean exists(Connection connection, PgTable table) throws SQLException {
        return oid(connection, table).isPresent();
    }

    /** Columns in table order, or empty when the table does not exist. */
    public static Optional<List<PgColumn>> columns(Connection connection, PgTable table)
            throws SQLException {
        Optional<Long> oid = oid(connection, table);
        if (oid.isEmpty()) {
            return Optional.empty();
        }
        String sql =
                "SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute"
                        + " WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
        List<PgColumn> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, oid.get());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new PgColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return Optional.of(columns);
    }

    /** Primary key columns in key order; empty when the table has none or does not exist. */
    public static List<String> primaryKey(Connection connection, PgTable table)
            throws SQLException {
        return indexColumns(connection, table, "i.indisprimary");
    }

    /**
     * The columns of the index {@code REPLICA IDENTITY USING INDEX} names, in index order; empty
     * when the table's replica identity is not an index.
     */
    public static List<String> replicaIdentityIndex(Connection connection, PgTable table)
            throws SQLException {
        return indexColumns(connection, table, "i.indisreplident");
    }

    private static List<String> indexColumns(Connection connection, PgTable table, String condition)
            throws SQLException {
        String sql =
                "SELECT a.attname FROM pg_index i"
                        + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS"
                        + " k(attnum, ord)"
                        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                        + " WHERE i.indrelid = to_regclass(?) AND "
                        + condition
                        + " ORDER BY k.ord";
        List<String> key = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    /**
     * Whether {@code column} can stand in for a primary key: declared NOT NULL and alone in a
     * unique index without a predicate, so ordering by it visits every row exactly once.
     */
    public static boolean uniqueNotNull(Connection connection, PgTable table, String column)
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
     * {@code pg_class.relreplident}: 'd' default, 'f' full, 'n' nothing, 'i' index.
     *
     * @throws SQLException when the table does not exist
     */
    public static char replicaIdentity(Connection connection, PgTable table) throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT relreplident FROM pg_class WHERE oid = to_regclass(?)")) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " does not exist");
                }
                return rs.getString(1).charAt(0);
            }
        }
    }

    /** Every ordinary or partitioned table outside the system schemas, by schema and name. */
    public static List<PgTable> userTables(Connection connection) throws SQLException {
        List<PgTable> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON"
                                    + " n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND"
                                    + " n.nspname NOT IN ('pg_catalog', 'information_schema') AND"
                                    + " n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, 2")) {
            while (rs.next()) {
                tables.add(new PgTable(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }
}
