package io.cdclake.loader.schema;

import java.util.Objects;

/**
 * A table name as the user typed it, case kept. {@code sales.orders} names schema {@code sales};
 * without a schema the connection's search path decides, as in psql.
 */
public record TableName(String schema, String name) {

    public TableName {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || (schema != null && schema.isEmpty())) {
            throw new IllegalArgumentException("empty table or schema name");
        }
    }

    public static TableName of(String name) {
        return new TableName(null, name);
    }

    /** Splits at the first dot: {@code a.b} is table b in schema a. */
    public static TableName parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? of(text) : new TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    /** The quoted name to put into SQL. */
    public String sql() {
        return schema == null
                ? Sql.quoteIdentifier(name)
                : Sql.quoteIdentifier(schema) + "." + Sql.quoteIdentifier(name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
