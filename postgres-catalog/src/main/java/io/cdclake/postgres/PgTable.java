package io.cdclake.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table as PostgreSQL's catalog names it: its schema and its name, exactly as stored. {@link
 * #parse} reads what a user types the way psql does: an unquoted part is folded to lower case, a
 * double-quoted part is kept as written ({@code ""} is a quote), and a name without a schema is in
 * {@link #DEFAULT_SCHEMA}. So {@code Orders} is {@code public.orders}, {@code "Orders"} is {@code
 * public.Orders}, {@code sales.orders} is in schema {@code sales}, and {@code "we""ird"."na.me"} is
 * table {@code na.me} in schema {@code we"ird}.
 *
 * @param schema the schema, as stored
 * @param name the table's name, as stored
 */
public record PgTable(String schema, String name) {

    /**
     * The schema of a table named without one. Stated here once: the commands resolve names the
     * same way whatever a connection's search path says, as Debezium and the lake need a schema.
     */
    public static final String DEFAULT_SCHEMA = "public";

    public PgTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (schema.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a table needs a schema and a name");
        }
        if (schema.indexOf('\0') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a PostgreSQL name cannot hold a NUL character");
        }
    }

    /** The table {@code name} (as stored, no folding) in {@link #DEFAULT_SCHEMA}. */
    public static PgTable of(String name) {
        return new PgTable(DEFAULT_SCHEMA, name);
    }

    /**
     * {@code orders}, {@code sales.orders}, {@code "Sales"."Order Lines"}: psql's rules.
     *
     * @throws IllegalArgumentException for an unterminated quote, an empty part or more than two
     *     parts, naming what to write instead
     */
    public static PgTable parse(String text) {
        return parse(text, true);
    }

    /**
     * The table {@code text} names without folding its unquoted parts to lower case: what a user
     * who typed {@code Orders} may have meant, to tell them when that table exists and {@link
     * #parse}'s does not.
     */
    public static PgTable parseAsTyped(String text) {
        return parse(text, false);
    }

    private static PgTable parse(String text, boolean fold) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        String s = text.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(finish(part, wasQuoted, text));
                part.setLength(0);
                wasQuoted = false;
            } else if (Character.isWhitespace(c)) {
                // Between parts, as in psql; inside an unquoted name it is refused below.
                if (!wasQuoted) {
                    part.append(c);
                }
            } else if (wasQuoted) {
                throw new IllegalArgumentException(
                        "unexpected " + c + " after a quoted name in " + text);
            } else {
                // PostgreSQL folds only ASCII letters of an unquoted name.
                part.append(fold && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in the table name " + text);
        }
        parts.add(finish(part, wasQuoted, text));
        if (parts.size() == 1) {
            return of(parts.get(0));
        }
        if (parts.size() != 2) {
            throw new IllegalArgumentException(
                    "expected SCHEMA.TABLE, got "
                            + text
                            + " (double-quote a name that contains a dot: \"my.table\")");
        }
        return new PgTable(parts.get(0), parts.get(1));
    }

    private static String finish(StringBuilder part, boolean wasQuoted, String text) {
        String value = wasQuoted ? part.toString() : part.toString().strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty name in the table name " + text);
        }
        if (!wasQuoted && value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "a name with spaces must be double-quoted, as in psql: " + text);
        }
        return value;
    }

    /** The name to write into SQL: both parts quoted. */
    public String sql() {
        return PgIdentifiers.quote(schema) + "." + PgIdentifiers.quote(name);
    }

    /** {@code schema.name} as stored, without quotes: for messages and Debezium's lists. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
