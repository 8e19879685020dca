package io.cdclake.connector.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Debezium's signal table ({@code signal.data.collection}): a row inserted into it reaches the
 * connector through the WAL, in order with the changes around it. Debezium also writes the
 * watermarks of incremental snapshot chunks into it, so it must be in the publication.
 */
public final class SignalTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableName table;

    public SignalTable(TableName table) {
        this.table = table;
    }

    public TableName table() {
        return table;
    }

    /**
     * The table's DDL. {@code id} holds Debezium's watermark ids (a UUID and a suffix, 41
     * characters) as well as ours.
     */
    public static String createStatement(TableName table) {
        return "CREATE TABLE IF NOT EXISTS "
                + table.sql()
                + " (id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data text)";
    }

    void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(createStatement(table));
        }
    }

    /** Inserts an {@code execute-snapshot} signal for an incremental snapshot; returns its id. */
    String requestIncrementalSnapshot(Connection connection, TableName snapshotTable)
            throws SQLException {
        return requestIncrementalSnapshot(connection, snapshotTable, null);
    }

    /**
     * An incremental snapshot whose chunks are ordered by {@code surrogateKey} (Debezium's {@code
     * surrogate-key}) instead of the primary key; null for the primary key.
     */
    String requestIncrementalSnapshot(
            Connection connection, TableName snapshotTable, String surrogateKey)
            throws SQLException {
        ObjectNode data = JSON.createObjectNode();
        data.putArray("data-collections").add(snapshotTable.snapshotDataCollection());
        data.put("type", "incremental");
        if (surrogateKey != null) {
            data.put("surrogate-key", surrogateKey);
        }
        String id = "cdc-lake-" + UUID.randomUUID();
        try (PreparedStatement st =
                connection.prepareStatement(
                        "INSERT INTO " + table.sql() + " (id, type, data) VALUES (?, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, "execute-snapshot");
            st.setString(3, data.toString());
            st.executeUpdate();
        }
        return id;
    }

    /** The snapshot requests in the table, oldest first, with the transaction that wrote each. */
    List<SnapshotRequest> snapshotRequests(Connection connection) throws SQLException {
        List<SnapshotRequest> requests = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT id, data, xmin::text::bigint FROM "
                                        + table.sql()
                                        + " WHERE type = 'execute-snapshot' ORDER BY age(xmin)"
                                        + " DESC")) {
            while (rs.next()) {
                List<String> collections = new ArrayList<>();
                try {
                    JsonNode data = JSON.readTree(rs.getString(2));
                    data.path("data-collections").forEach(c -> collections.add(c.asText()));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    // Someone else's malformed signal: Debezium skips it, and so does the list.
                }
                requests.add(new SnapshotRequest(rs.getString(1), collections, rs.getLong(3)));
            }
        }
        return requests;
    }

    boolean exists(Connection connection) throws SQLException {
        return TableFacts.exists(connection, table);
    }

    /**
     * One {@code execute-snapshot} row: the patterns of its tables and the id of its transaction.
     */
    record SnapshotRequest(String id, List<String> dataCollections, long xid) {

        boolean names(TableName table) {
            return dataCollections.stream()
                    .anyMatch(c -> table.matchedBy(c) || table.equals(parseOrNull(c)));
        }

        private static TableName parseOrNull(String dataCollection) {
            try {
                return TableName.parse(dataCollection);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
