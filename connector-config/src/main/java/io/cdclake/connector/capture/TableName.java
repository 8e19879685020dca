package io.cdclake.connector.capture;

import java.util.ArrayList;
import java.util.List;
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
     * Schema"."my.table"}.
     */
    public static TableName parse(String text) {
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
            } else {
                part.append(Character.toLowerCase(c));
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unterminated quote in table name: " + text);
        }
        parts.add(finish(part, wasQuoted, text));
        if (parts.size() == 1) {
            return new TableName("public", parts.get(0));
        }
        if (parts.size() != 2) {
            throw new IllegalArgumentException(
                    "Expected schema.table, got: " + text + " (quote names that contain a dot)");
        }
        return new TableName(parts.get(0), parts.get(1));
    }

    private static String finish(StringBuilder part, boolean wasQuoted, String text) {
        String value = wasQuoted ? part.toString() : part.toString().strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Empty name in table name: " + text);
        }
        return value;
    }

    /** The name for SQL, each part double-quoted. */
    public String sql() {
        return quote(schema) + "." + quote(table);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
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
