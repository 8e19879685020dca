package io.cdclake.connector.capture;

import io.cdclake.postgres.PgTable;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A table as {@code schema.table}. Parsed like PostgreSQL does: unquoted parts are folded to lower
 * case, double-quoted parts are kept as written ({@code ""} is a quote), so names with spaces, dots
 * or quotes can be given as {@code "my schema"."order.lines"}.
 */
public record TableName(String schema, String table) {

    private static final String REGEX_SPECIALS = "\\^$.|?*+()[]{}";
    private static final Pattern UNSNAPSHOTTABLE = Pattern.compile("[\\s.\"'`]");

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (schema.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("A table needs a schema and a name");
        }
        if ((schema + table).contains(",")) {
            // Debezium's include list and signal data collection are comma-separated lists.
            throw new IllegalArgumentException(
                    "Debezium cannot capture a table whose name contains a comma: "
                            + schema
                            + "."
                            + table);
        }
    }

    /**
     * {@code orders} (schema {@code public}), {@code sales.orders} or {@code "My
     * Schema"."my.table"}: psql's rules ({@link PgTable#parse}).
     */
    public static TableName parse(String text) {
        return of(PgTable.parse(text));
    }

    public static TableName of(PgTable table) {
        return new TableName(table.schema(), table.name());
    }

    /** The same table as the catalog helpers take it. */
    public PgTable pg() {
        return new PgTable(schema, table);
    }

    /** The name for SQL, each part double-quoted. */
    public String sql() {
        return pg().sql();
    }

    /**
     * The name as Debezium's {@code table.include.list} and a snapshot signal's {@code
     * data-collections} take it: a regular expression matched against {@code schema.table}, so
     * every regex character of the names is escaped; {@code public.orders} stays as it is (an
     * unescaped dot matches itself).
     */
    public String debeziumPattern() {
        return escape(schema) + "." + escape(table);
    }

    private static String escape(String name) {
        StringBuilder s = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (REGEX_SPECIALS.indexOf(c) >= 0) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }

    /**
     * The name as a snapshot signal's {@code data-collections} takes it: Debezium matches it as a
     * pattern against {@code schema.table}, so it is {@link #debeziumPattern()}.
     *
     * @throws IllegalArgumentException for a name with whitespace, a dot or a quote: Debezium 3.4
     *     keeps the tables of a running incremental snapshot in its offset as unquoted {@code
     *     schema.table} and parses that again on every commit; a space makes the parse fail and the
     *     task with it, at every restart, and a dot or quote splits the name wrongly
     */
    public String snapshotDataCollection() {
        if (UNSNAPSHOTTABLE.matcher(schema).find() || UNSNAPSHOTTABLE.matcher(table).find()) {
            throw new IllegalArgumentException(
                    "Debezium cannot run an incremental snapshot of "
                            + sql()
                            + ": it stores the name unquoted in its offset and cannot read a name"
                            + " with whitespace, dots or quotes back (the task would fail at every"
                            + " start). Rename the table to capture it with its existing rows");
        }
        return debeziumPattern();
    }

    /** True when Debezium's pattern (one entry of an include list) selects this table. */
    public boolean matchedBy(String debeziumPattern) {
        // Debezium matches case-insensitively and against the whole schema.table.
        try {
            return Pattern.compile(debeziumPattern, Pattern.CASE_INSENSITIVE)
                    .matcher(schema + "." + table)
                    .matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** {@code schema.table}, without quotes. */
    @Override
    public String toString() {
        return schema + "." + table;
    }
}
