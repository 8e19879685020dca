package io.cdclake.reader.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The canonical values that identify a row (its key columns' values, or all of them), nulls
 * allowed.
 */
record RowKey(List<Object> values) {

    RowKey {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The key of a lake row: its key columns' values, null for those its file lacks. */
    static RowKey of(List<DatabaseTable.Column> keyColumns, Map<String, Object> row) {
        List<Object> values = new ArrayList<>(keyColumns.size());
        for (DatabaseTable.Column column : keyColumns) {
            values.add(CanonicalValues.of(column.type(), row.get(column.name())));
        }
        return new RowKey(values);
    }

    /** {@code id=5}, or {@code (a=1, b='x')} for several columns. */
    String render(List<DatabaseTable.Column> keyColumns) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String name = i < keyColumns.size() ? keyColumns.get(i).name() : "?";
            parts.add(name + "=" + CanonicalValues.render(values.get(i)));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }
}
