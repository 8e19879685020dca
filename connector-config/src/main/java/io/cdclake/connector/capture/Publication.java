package io.cdclake.connector.capture;

import io.cdclake.postgres.PgIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL publication the connector's replication slot decodes with pgoutput. */
final class Publication {

    /** SQLSTATE undefined_object: "relation ... is not part of the publication". */
    private static final String NOT_IN_PUBLICATION = "42704";

    private final String name;

    Publication(String name) {
        this.name = name;
    }

    boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The tables it publishes, also for a publication FOR ALL TABLES. */
    List<TableName> tables(Connection connection) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ?"
                                + " ORDER BY 1, 2")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    boolean contains(Connection connection, TableName table) throws SQLException {
        return tables(connection).contains(table);
    }

    /** Adds the table unless published already; true if it was added. */
    boolean add(Connection connection, TableName table) throws SQLException {
        if (contains(connection, table)) {
            return false;
        }
        try (Statement st = connection.createStatement()) {
            st.execute(
                    "ALTER PUBLICATION " + PgIdentifiers.quote(name) + " ADD TABLE " + table.sql());
        }
        return true;
    }

    /** Drops the table if published; true if it was dropped here. */
    boolean drop(Connection connection, TableName table) throws SQLException {
        if (!contains(connection, table)) {
            return false;
        }
        try (Statement st = connection.createStatement()) {
            st.execute(
                    "ALTER PUBLICATION "
                            + PgIdentifiers.quote(name)
                            + " DROP TABLE "
                            + table.sql());
        } catch (SQLException e) {
            // With publication.autocreate.mode=filtered, the connector restarting on its new
            // include list sets the publication's tables itself, and may have dropped the table
            // between the check above and this statement: the state asked for is reached.
            if (NOT_IN_PUBLICATION.equals(e.getSQLState()) && !contains(connection, table)) {
                return false;
            }
            throw e;
        }
        return true;
    }

    String name() {
        return name;
    }
}
