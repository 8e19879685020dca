package io.cdclake.loader.schema;

import io.cdclake.postgres.PgCatalog;
import io.cdclake.postgres.PgColumn;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The catalog's columns of a table, with the loader's type of each. */
public final class TableInspector {

    private TableInspector() {}

    /** Columns in table order, or empty when the table does not exist. */
    public static Optional<List<Column>> columns(Connection connection, PgTable table)
            throws SQLException {
        return PgCatalog.columns(connection, table)
                .map(columns -> columns.stream().map(TableInspector::column).toList());
    }

    private static Column column(PgColumn c) {
        return new Column(c.name(), c.type(), ColumnType.fromSql(c.type()));
    }
}
