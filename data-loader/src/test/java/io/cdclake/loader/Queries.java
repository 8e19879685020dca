package io.cdclake.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for integration tests: run a statement, read one value. */
public final class Queries {

    private Queries() {}

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    public static Object value(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    public static long count(Connection connection, String fromWhere, Object... parameters)
            throws SQLException {
        return ((Number) value(connection, "SELECT count(*) FROM " + fromWhere, parameters))
                .longValue();
    }

    public static boolean tableExists(Connection connection, String name) throws SQLException {
        return value(connection, "SELECT to_regclass(?)", "\"" + name + "\"") != null;
    }

    /** Rows in one table but not the other, both ways; 0 when their contents are equal. */
    public static long difference(Connection connection, String a, String b) throws SQLException {
        return count(
                connection,
                "((TABLE \""
                        + a
                        + "\" EXCEPT ALL TABLE \""
                        + b
                        + "\") UNION ALL "
                        + "(TABLE \""
                        + b
                        + "\" EXCEPT ALL TABLE \""
                        + a
                        + "\")) d");
    }
}
