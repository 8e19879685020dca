package io.cdclake.connector.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A table as {@code schema.table}. Parsed like PostgreSQL does: unquoted parts are folded to lower
 * case, double-quoted parts are kept as written ({@code ""} is a quote), so names with spaces,
 * dots or quotes can be given as {@code "my schema"."order.lines"}.
 */
public record TableName(String schema, String table) {

    private static final String REGEX_SPECIALS = "\\^$.|?*+()[]{}";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (schema.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("A table needs a schema and a name");
        }
        if ((schema + table).contains(",")) {
            // Debezium's include list and signal data collection are comma-separated lists.
            throw new IllegalArgumentException("Debezium cannot capture a table whose name contains a comma: " + schema + "." + table);
        }
    }

    /** {@code orders} (schema {@code public}), {@code sales.orders} or {@code "My Schema"."my.table"}. */
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
            throw new IllegalArgumentException("Expected schema.table, got: " + text + " (quote names that contain a dot)");
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
     * The name as Debezium's {@code table.include.list} and a snapshot signal's
     * {@code data-collections} take it: a regular expression matched against {@code schema.table},
     * so every regex character of the names is escaped; {@code public.orders} stays as it is
     * (an unescaped dot matches itself).
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
     * The name as a snapshot signal's {@code data-collections} takes it. Debezium matches each
     * entry as a regular expression against {@code schema.table} and then parses the match as a
     * table id, which splits at dots and treats double quotes as quoting: {@code public.orders}
     * for plain names, else {@code "schema"."table"} quoted as in SQL, which matches no table
     * as a pattern and so is parsed as written.
     */
    public String snapshotDataCollection() {
        if (PLAIN.matcher(schema).matches() && PLAIN.matcher(table).matches()) {
            return schema + "." + table;
        }
        String quoted = sql();
        try {
            Pattern.compile(quoted);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Debezium cannot snapshot " + this + ": its quoted name " + quoted
                    + " is not a valid regular expression, and Debezium reads it as one first");
        }
        return quoted;
    }

    /** True when Debezium's pattern (one entry of an include list) selects this table. */
    public boolean matchedBy(String debeziumPattern) {
        // Debezium matches case-insensitively and against the whole schema.table.
        try {
            return Pattern.compile(debeziumPattern, Pattern.CASE_INSENSITIVE).matcher(schema + "." + table).matches();
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
