package io.cdclake.loader.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what PostgreSQL's catalog says about a table. */
public final class TableInspector {

    private TableInspector() {}

    /** The table's oid, or empty when there is no such table. */
    public static Optional<Long> oid(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT to_regclass(?)::oid")) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(oid);
            }
        }
    }

    /** Columns in table order, or empty when the table does not exist. */
    public static Optional<List<Column>> columns(Connection connection, TableName table)
            throws SQLException {
        Optional<Long> oid = oid(connection, table);
        if (oid.isEmpty()) {
            return Optional.empty();
        }
        String sql =
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, oid.get());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(
                            new Column(
                                    rs.getString(1),
                                    rs.getString(2),
                                    ColumnType.fromSql(rs.getString(2))));
                }
            }
        }
        return Optional.of(columns);
    }

    /** Primary key columns in key order; empty when the table has none. */
    public static List<String> primaryKey(Connection connection, TableName table)
            throws SQLException {
        String sql =
                "SELECT a.attname FROM pg_index i"
                        + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                        + " WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY k.ord";
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

    /** The schema the table lives in, resolving the search path when the name has none. */
    public static String schema(Connection connection, TableName table) throws SQLException {
        String sql =
                "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.oid = to_regclass(?)";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, table.sql());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " does not exist");
                }
                return rs.getString(1);
            }
        }
    }

    /** {@code pg_class.relreplident}: 'd' default, 'f' full, 'n' nothing, 'i' index. */
    public static char replicaIdentity(Connection connection, TableName table) throws SQLException {
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
}
