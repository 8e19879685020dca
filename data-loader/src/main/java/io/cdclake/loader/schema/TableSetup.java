package io.cdclake.loader.schema;

import io.cdclake.postgres.PgCatalog;
import io.cdclake.postgres.PgIdentifiers;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes a table ready for change data capture: it exists, its deletes and updates carry the whole
 * old row ({@code REPLICA IDENTITY FULL}, so the lake can write complete "before" images), and the
 * publication Debezium reads from covers it. Runs inside the caller's transaction.
 */
public final class TableSetup {

    /** What had to be done to the publication. */
    public enum PublicationChange {
        CREATED,
        TABLE_ADDED,
        ALREADY_COVERED
    }

    private TableSetup() {}

    public static void create(
            Connection connection, PgTable table, List<Column> columns, List<String> primaryKey)
            throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(table.sql()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            ddl.append(i == 0 ? "" : ", ")
                    .append(PgIdentifiers.quote(c.name()))
                    .append(' ')
                    .append(c.sqlType());
        }
        if (!primaryKey.isEmpty()) {
            ddl.append(", PRIMARY KEY (")
                    .append(
                            primaryKey.stream()
                                    .map(PgIdentifiers::quote)
                                    .collect(Collectors.joining(", ")))
                    .append(')');
        }
        ddl.append(')');
        try (Statement st = connection.createStatement()) {
            st.execute(ddl.toString());
        }
    }

    /**
     * Sets {@code REPLICA IDENTITY FULL} unless already set, sparing an exclusive lock on busy
     * tables.
     */
    public static void replicaIdentityFull(Connection connection, PgTable table)
            throws SQLException {
        if (PgCatalog.replicaIdentity(connection, table) == 'f') {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + table.sql() + " REPLICA IDENTITY FULL");
        }
    }

    public static PublicationChange ensurePublication(
            Connection connection, String publication, PgTable table) throws SQLException {
        String quotedPublication = PgIdentifiers.quote(publication);
        if (!publicationExists(connection, publication)) {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE PUBLICATION " + quotedPublication + " FOR TABLE " + table.sql());
            }
            return PublicationChange.CREATED;
        }
        if (covers(connection, publication, table)) {
            return PublicationChange.ALREADY_COVERED;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER PUBLICATION " + quotedPublication + " ADD TABLE " + table.sql());
        }
        return PublicationChange.TABLE_ADDED;
    }

    static boolean publicationExists(Connection connection, String publication)
            throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            st.setString(1, publication);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** True when the publication publishes the table, including publications FOR ALL TABLES. */
    public static boolean covers(Connection connection, String publication, PgTable table)
            throws SQLException {
        String sql =
                "SELECT 1 FROM pg_publication_tables WHERE pubname = ? AND schemaname = ? AND"
                        + " tablename = ?";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, publication);
            st.setString(2, table.schema());
            st.setString(3, table.name());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
