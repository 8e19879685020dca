package io.cdclake.postgres;

/** Quoting for PostgreSQL: every name and literal the commands write into SQL goes through here. */
public final class PgIdentifiers {

    private PgIdentifiers() {}

    /** {@code "name"}, a quote doubled: the name as stored, whatever its case or characters. */
    public static String quote(String identifier) {
        if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable SQL identifier: '" + identifier + "'");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code 'value'}, a single quote doubled (standard_conforming_strings, the default). */
    public static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
