package io.cdclake.connector.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Debezium's {@code table.include.list}: comma-separated regular expressions, each matched against
 * {@code schema.table}. Immutable.
 */
public final class IncludeList {

    private final List<String> entries;

    private IncludeList(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    public static IncludeList parse(String value) {
        if (value == null || value.isBlank()) {
            return new IncludeList(List.of());
        }
        return new IncludeList(
                Arrays.stream(value.split(","))
                        .map(String::strip)
                        .filter(e -> !e.isEmpty())
                        .toList());
    }

    public List<String> entries() {
        return entries;
    }

    public boolean covers(TableName table) {
        return entries.stream().anyMatch(table::matchedBy);
    }

    /**
     * The list with the table's own entry appended, or this list when an entry covers it already.
     */
    public IncludeList with(TableName table) {
        if (covers(table)) {
            return this;
        }
        List<String> copy = new ArrayList<>(entries);
        copy.add(table.debeziumPattern());
        return new IncludeList(copy);
    }

    /**
     * The list without the entries naming exactly this table.
     *
     * @throws IllegalArgumentException when a pattern such as {@code public.*} still selects it:
     *     dropping that would stop capturing other tables too
     */
    public IncludeList without(TableName table) {
        List<String> kept =
                entries.stream().filter(e -> !table.equals(literal(e).orElse(null))).toList();
        IncludeList result = new IncludeList(kept);
        Optional<String> pattern = kept.stream().filter(table::matchedBy).findFirst();
        if (pattern.isPresent()) {
            throw new IllegalArgumentException(
                    "table.include.list selects "
                            + table
                            + " with the pattern \""
                            + pattern.get()
                            + "\", which may select other tables too; change the connector's"
                            + " table.include.list by hand");
        }
        if (kept.isEmpty()) {
            // An empty include list means "every table" to Debezium.
            throw new IllegalArgumentException(
                    table
                            + " is the only table the connector captures; an empty"
                            + " table.include.list would capture every table. Delete the connector"
                            + " instead");
        }
        return result;
    }

    /**
     * The table an entry names when it is a plain name ({@code public.orders}, regex characters
     * escaped), not a pattern such as {@code public.*}.
     */
    static Optional<TableName> literal(String entry) {
        List<StringBuilder> parts = new ArrayList<>();
        parts.add(new StringBuilder());
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '\\' && i + 1 < entry.length()) {
                char next = entry.charAt(++i);
                if (Character.isLetterOrDigit(next)) {
                    return Optional.empty(); // \d, \w and the like: a pattern
                }
                parts.get(parts.size() - 1).append(next);
            } else if (c == '.') {
                parts.add(new StringBuilder());
            } else if ("^$|?*+()[]{}".indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                parts.get(parts.size() - 1).append(c);
            }
        }
        if (parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TableName(parts.get(0).toString(), parts.get(1).toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncludeList other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
