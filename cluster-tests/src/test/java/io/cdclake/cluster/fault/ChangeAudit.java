package io.cdclake.cluster.fault;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The database's own record of every change to {@code customers}: triggers append each insert,
 * update, delete and truncate to {@code fault_audit} in the same transaction, so a change is there
 * exactly when it committed, whatever the generator saw (a crash may end a commit without an
 * answer). The table is not captured by the connector.
 */
final class ChangeAudit {

    private static final String ROW_TRIGGER =
            """
            CREATE FUNCTION fault_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                INSERT INTO fault_audit (op, passenger_id) VALUES ('d', OLD."PassengerId");
              ELSIF TG_OP = 'UPDATE' THEN
                INSERT INTO fault_audit (op, passenger_id) VALUES ('u', NEW."PassengerId");
              ELSE
                INSERT INTO fault_audit (op, passenger_id) VALUES ('c', NEW."PassengerId");
              END IF;
              RETURN NULL;
            END $$\
            """;
    private static final String TRUNCATE_TRIGGER =
            """
            CREATE FUNCTION fault_audit_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO fault_audit (op, passenger_id) VALUES ('t', NULL);
              RETURN NULL;
            END $$\
            """;

    /** Where the change log stands: the last audit entry and the WAL insert position. */
    record Position(long seq, long lsn) {}

    private ChangeAudit() {}

    static void install(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute(
                    "CREATE TABLE fault_audit (seq bigserial PRIMARY KEY, op text NOT NULL,"
                            + " passenger_id bigint)");
            sql.execute(ROW_TRIGGER);
            sql.execute(TRUNCATE_TRIGGER);
            sql.execute(
                    "CREATE TRIGGER fault_audit_row AFTER INSERT OR UPDATE OR DELETE ON customers"
                            + " FOR EACH ROW EXECUTE FUNCTION fault_audit_row()");
            sql.execute(
                    "CREATE TRIGGER fault_audit_truncate AFTER TRUNCATE ON customers"
                            + " FOR EACH STATEMENT EXECUTE FUNCTION fault_audit_truncate()");
        }
    }

    /**
     * Taken while nothing changes the table: every change before has a lower LSN and audit
     * sequence, every change after a higher one. The insert position, not the flushed one, as
     * commits do not wait for the flush here.
     */
    static Position position(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "SELECT (SELECT coalesce(max(seq), 0) FROM fault_audit),"
                                        + " pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return new Position(rs.getLong(1), rs.getBigDecimal(2).longValueExact());
        }
    }

    /**
     * The lake rows the changes between two positions must become, by kind: an insert one after
     * image, an update a before and an after image (REPLICA IDENTITY FULL), a delete a before
     * image, a truncate one row without key or image.
     */
    static Map<ChangeEvent.Kind, Long> expectedRows(Connection db, Position from, Position to)
            throws SQLException {
        Map<ChangeEvent.Kind, Long> expected = new HashMap<>();
        try (Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "SELECT op, passenger_id FROM fault_audit WHERE seq > "
                                        + from.seq()
                                        + " AND seq <= "
                                        + to.seq())) {
            while (rs.next()) {
                String op = rs.getString(1);
                long id = rs.getLong(2);
                String key = rs.wasNull() ? null : String.valueOf(id);
                switch (op) {
                    case "c" ->
                            expected.merge(new ChangeEvent.Kind(key, "c", "after"), 1L, Long::sum);
                    case "u" -> {
                        expected.merge(new ChangeEvent.Kind(key, "u", "before"), 1L, Long::sum);
                        expected.merge(new ChangeEvent.Kind(key, "u", "after"), 1L, Long::sum);
                    }
                    case "d" ->
                            expected.merge(new ChangeEvent.Kind(key, "d", "before"), 1L, Long::sum);
                    case "t" ->
                            expected.merge(new ChangeEvent.Kind(null, "t", null), 1L, Long::sum);
                    default -> throw new IllegalStateException("unknown audit op " + op);
                }
            }
        }
        return expected;
    }

    /** How many changes were made between two positions. */
    static long changes(Position from, Position to) {
        return to.seq() - from.seq();
    }
}
