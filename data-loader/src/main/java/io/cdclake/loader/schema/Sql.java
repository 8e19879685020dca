package io.cdclake.loader.schema;

/**
 * Quoting for identifiers and literals: every name the loader writes into SQL goes through here.
 */
public final class Sql {

    private Sql() {}

    public static String quoteIdentifier(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable SQL identifier: '" + name + "'");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
