package io.cdclake.loader.changes;

import io.cdclake.loader.schema.Column;
import io.cdclake.postgres.PgIdentifiers;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prepared INSERT, UPDATE and DELETE by primary key. Values travel as text and are cast to the
 * column's own type in SQL, so one code path serves any column type.
 */
final class ChangeStatements implements AutoCloseable {

    private final List<Column> columns;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement[] updates;
    private final Connection connection;
    private final PgTable table;
    private final String keyCondition;

    ChangeStatements(Connection connection, PgTable table, List<Column> columns, String keyColumn)
            throws SQLException {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.keyCondition = " WHERE " + PgIdentifiers.quote(keyColumn) + " = ?";
        this.insert =
                connection.prepareStatement(
                        "INSERT INTO "
                                + table.sql()
                                + " ("
                                + columns.stream()
                                        .map(c -> PgIdentifiers.quote(c.name()))
                                        .collect(Collectors.joining(", "))
                                + ") VALUES ("
                                + columns.stream()
                                        .map(ChangeStatements::cast)
                                        .collect(Collectors.joining(", "))
                                + ")");
        this.delete = connection.prepareStatement("DELETE FROM " + table.sql() + keyCondition);
        this.updates = new PreparedStatement[columns.size()];
    }

    int insert(String[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            bind(insert, i + 1, values[i]);
        }
        return insert.executeUpdate();
    }

    int update(long key, int column, String value) throws SQLException {
        PreparedStatement st = updates[column];
        if (st == null) {
            Column c = columns.get(column);
            st =
                    connection.prepareStatement(
                            "UPDATE "
                                    + table.sql()
                                    + " SET "
                                    + PgIdentifiers.quote(c.name())
                                    + " = "
                                    + cast(c)
                                    + keyCondition);
            updates[column] = st;
        }
        bind(st, 1, value);
        st.setLong(2, key);
        return st.executeUpdate();
    }

    int delete(long key) throws SQLException {
        delete.setLong(1, key);
        return delete.executeUpdate();
    }

    private static String cast(Column column) {
        return "CAST(? AS " + column.sqlType() + ")";
    }

    private static void bind(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        delete.close();
        for (PreparedStatement st : updates) {
            if (st != null) {
                st.close();
            }
        }
    }
}
