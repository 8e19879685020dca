package io.cdclake.loader.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table column: its name, the SQL type used in DDL and casts, and the kind values are checked as.
 */
public record Column(String name, String sqlType, ColumnType kind) {

    private static final Pattern SQL_TYPE =
            Pattern.compile(
                    "\\s*[A-Za-z_][A-Za-z0-9_ ]*(\\(\\s*\\d+\\s*(,\\s*-?\\d+\\s*)?\\))?[A-Za-z"
                            + " ]*(\\[\\])*\\s*");

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sqlType, "sqlType");
        Objects.requireNonNull(kind, "kind");
    }

    public static Column of(String name, ColumnType kind) {
        return new Column(name, kind.sql(), kind);
    }

    /** A column of an explicitly given type such as {@code numeric(10,2)} or {@code uuid}. */
    public static Column ofSql(String name, String sqlType) {
        // The type is written into DDL as is, so it may only look like a type name.
        if (!SQL_TYPE.matcher(sqlType).matches()) {
            throw new IllegalArgumentException("not a SQL type: '" + sqlType + "'");
        }
        return new Column(name, sqlType.trim(), ColumnType.fromSql(sqlType));
    }

    @Override
    public String toString() {
        return name + " " + sqlType;
    }
}
