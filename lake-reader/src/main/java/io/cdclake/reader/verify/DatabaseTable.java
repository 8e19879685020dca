package io.cdclake.reader.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.TableId;
import io.cdclake.postgres.PgCatalog;
import io.cdclake.postgres.PgIdentifiers;
import io.cdclake.postgres.PgTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PostgreSQL table as the verification sees it: its live columns with their comparison types, the
 * columns that identify a row, and its rows.
 *
 * <p>Rows are identified by the primary key; without one, by the replica identity index; with
 * {@code REPLICA IDENTITY FULL} and neither, by all columns (the table is then a multiset).
 */
final class DatabaseTable {

    record Column(String name, ColumnType type) {}

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final TableId table;
    private final List<Column> columns;
    private final List<Column> keyColumns;
    private final boolean wholeRowKey;
    private final String keyOrigin;

    DatabaseTable(
            TableId table,
            List<Column> columns,
            List<Column> keyColumns,
            boolean wholeRowKey,
            String keyOrigin) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        this.wholeRowKey = wholeRowKey;
        this.keyOrigin = keyOrigin;
    }

    /** A table keyed by {@code keyNames}, or by the whole row when there are none; for tests. */
    static DatabaseTable of(TableId table, List<Column> columns, List<String> keyNames) {
        if (keyNames.isEmpty()) {
            return new DatabaseTable(table, columns, columns, true, "REPLICA IDENTITY FULL");
        }
        List<Column> key =
                keyNames.stream()
                        .map(
                                n ->
                                        columns.stream()
                                                .filter(c -> c.name().equals(n))
                                                .findFirst()
                                                .orElseThrow())
                        .collect(Collectors.toList());
        return new DatabaseTable(table, columns, key, false, "primary key");
    }

    TableId table() {
        return table;
    }

    List<Column> columns() {
        return columns;
    }

    List<Column> keyColumns() {
        return keyColumns;
    }

    /** Whether a row is identified by all its columns (no key: {@code REPLICA IDENTITY FULL}). */
    boolean wholeRowKey() {
        return wholeRowKey;
    }

    /**
     * {@code primary key}, {@code replica identity index <name>} or {@code REPLICA IDENTITY FULL}.
     */
    String keyOrigin() {
        return keyOrigin;
    }

    /** Reads the table's definition from the catalog. */
    static DatabaseTable load(Connection connection, TableId table)
            throws SQLException, VerifyException {
        long oid;
        String replicaIdentity;
        try (PreparedStatement st =
                connection.prepareStatement(
                        "SELECT c.oid::int8, c.relreplident::text, c.relkind::text FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                            + " AND c.relname = ?")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new VerifyException("table " + table + " does not exist in the database");
                }
                String kind = rs.getString(3);
                if (!kind.equals("r") && !kind.equals("p")) {
                    throw new VerifyException(table + " is not a table (relkind '" + kind + "')");
                }
                oid = rs.getLong(1);
                replicaIdentity = rs.getString(2);
            }
        }
        List<Column> columns = columns(connection, oid);
        if (columns.isEmpty()) {
            throw new VerifyException("table " + table + " has no columns");
        }
        List<String> primaryKey = PgCatalog.primaryKey(connection, pg(table));
        if (!primaryKey.isEmpty()) {
            return new DatabaseTable(
                    table, columns, pick(columns, primaryKey), false, "primary key");
        }
        if ("i".equals(replicaIdentity)) {
            List<String> identity = PgCatalog.replicaIdentityIndex(connection, pg(table));
            if (!identity.isEmpty()) {
                return new DatabaseTable(
                        table, columns, pick(columns, identity), false, "replica identity index");
            }
        }
        if ("f".equals(replicaIdentity)) {
            return new DatabaseTable(table, columns, columns, true, "REPLICA IDENTITY FULL");
        }
        throw new VerifyException(
                "table "
                        + table
                        + " has neither a primary key nor REPLICA IDENTITY FULL:"
                        + " its deletes and updates cannot be matched to rows (ALTER TABLE "
                        + sql(table)
                        + " REPLICA IDENTITY FULL, or add a primary key)");
    }

    private static List<Column> pick(List<Column> columns, List<String> names) {
        List<Column> picked = new ArrayList<>();
        for (String name : names) {
            columns.stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(picked::add);
        }
        return picked;
    }

    private static List<Column> columns(Connection connection, long oid) throws SQLException {
        String sql =
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod), bt.typname,"
                    + " bt.typtype::text,       ebt.typname, ebt.typtype::text FROM pg_attribute a"
                    + " JOIN pg_type t ON t.oid = a.atttypid JOIN pg_type bt ON bt.oid = CASE WHEN"
                    + " t.typtype = 'd' THEN t.typbasetype ELSE t.oid END LEFT JOIN pg_type et ON"
                    + " et.oid = bt.typelem AND bt.typcategory = 'A' LEFT JOIN pg_type ebt ON"
                    + " ebt.oid = CASE WHEN et.typtype = 'd' THEN et.typbasetype ELSE et.oid END"
                    + " WHERE a.attrelid = CAST(? AS oid) AND a.attnum > 0 AND NOT a.attisdropped"
                    + " ORDER BY a.attnum";
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String display = rs.getString(2);
                    String elementName = rs.getString(5);
                    ColumnType type;
                    if (elementName != null) {
                        ColumnType element =
                                new ColumnType(
                                        ColumnType.kindOf(elementName, rs.getString(6)),
                                        elementName,
                                        null);
                        type = new ColumnType(ColumnType.Kind.ARRAY, display, element);
                    } else {
                        type =
                                new ColumnType(
                                        ColumnType.kindOf(rs.getString(3), rs.getString(4)),
                                        display,
                                        null);
                    }
                    columns.add(new Column(rs.getString(1), type));
                }
            }
        }
        return columns;
    }

    /**
     * The table's rows, values in {@link #columns()} order as the JDBC driver gives them (arrays as
     * lists of their JSON elements); ordered by the key unless the whole row is the key.
     */
    List<Object[]> readRows(Connection connection) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String name = quote(column.name());
            select.append(i == 0 ? "" : ", ");
            switch (column.type().kind()) {
                case ARRAY:
                    // One way for every element type, including those the driver reads lossily
                    // (time[]).
                    select.append("to_json(").append(name).append(")::text");
                    break;
                case HSTORE:
                    select.append("hstore_to_json(").append(name).append(")::text");
                    break;
                case NUMERIC:
                    // money reads as numeric, not as locale-formatted text
                    select.append(
                            column.type().sqlType().equals("money") ? name + "::numeric" : name);
                    break;
                default:
                    select.append(name);
            }
        }
        select.append(" FROM ").append(sql(table));
        if (!wholeRowKey) {
            select.append(" ORDER BY ")
                    .append(
                            keyColumns.stream()
                                    .map(c -> quote(c.name()))
                                    .collect(Collectors.joining(", ")));
        }
        List<Object[]> rows = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery(select.toString())) {
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = read(rs, i + 1, columns.get(i).type());
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
        Object value;
        switch (type.kind()) {
            case DATE:
                value = rs.getObject(index, LocalDate.class);
                break;
            case TIME:
                value = rs.getObject(index, LocalTime.class);
                break;
            case TIMESTAMP:
                value = rs.getObject(index, LocalDateTime.class);
                break;
            case TIMESTAMPTZ:
                value = rs.getObject(index, OffsetDateTime.class);
                break;
            case TIMETZ:
            case GEOMETRIC:
            case RANGE:
            case JSON:
            case HSTORE:
            case BIT:
                value = rs.getString(index);
                break;
            case BYTES:
                value = rs.getBytes(index);
                break;
            case ARRAY:
                String json = rs.getString(index);
                value = json == null ? null : jsonArray(json);
                break;
            default:
                value = rs.getObject(index);
        }
        return rs.wasNull() ? null : value;
    }

    /**
     * A JSON array as a list of elements: text, decimals, booleans, nulls, nested lists; JSON
     * values stay trees.
     */
    private static Object jsonArray(String json) throws SQLException {
        try {
            return elements(JSON.readTree(json));
        } catch (IOException e) {
            throw new SQLException("not a JSON array: " + json, e);
        }
    }

    private static Object elements(JsonNode node) {
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(elements(item)));
            return items;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node;
    }

    /** The WAL position of the database now, as PostgreSQL prints it. */
    static String currentWalLsn(Connection connection) throws SQLException {
        java.sql.Savepoint savepoint =
                connection.getAutoCommit() ? null : connection.setSavepoint();
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT (CASE WHEN pg_is_in_recovery() THEN"
                                        + " pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn()"
                                        + " END)::text")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            // A role without the right: the position is only informative.
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            return null;
        }
    }

    static String sql(TableId table) {
        return pg(table).sql();
    }

    static String quote(String identifier) {
        return PgIdentifiers.quote(identifier);
    }

    private static PgTable pg(TableId table) {
        return new PgTable(table.schema(), table.table());
    }
}
