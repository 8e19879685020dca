package io.cdclake.loader.csv;

import java.util.Arrays;
import java.util.List;

/** One parsed record; remembers the file line of every field because quoted fields may span lines. */
public final class CsvRecord {

    private final String[] fields;
    private final long[] fieldLines;

    CsvRecord(String[] fields, long[] fieldLines) {
        this.fields = fields;
        this.fieldLines = fieldLines;
    }

    /** The line (1-based, counting the header) where the record starts. */
    public long line() {
        return fieldLines[0];
    }

    public int size() {
        return fields.length;
    }

    public String get(int index) {
        return fields[index];
    }

    public long lineOf(int index) {
        return fieldLines[index];
    }

    public List<String> fields() {
        return List.of(fields);
    }

    @Override
    public String toString() {
        return "line " + line() + ": " + Arrays.toString(fields);
    }
}
