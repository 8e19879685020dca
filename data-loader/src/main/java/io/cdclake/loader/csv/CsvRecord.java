package io.cdclake.loader.csv;

import java.util.Arrays;
import java.util.List;

/** One parsed record; knows the file line of every field because quoted fields may span lines. */
public final class CsvRecord {

    private final String[] fields;
    private final long line;

    CsvRecord(String[] fields, long line) {
        this.fields = fields;
        this.line = line;
    }

    /** The line (1-based, counting the header) where the record starts. */
    public long line() {
        return line;
    }

    public int size() {
        return fields.length;
    }

    public String get(int index) {
        return fields[index];
    }

    /**
     * The line where field {@code index} starts: the record's line plus the line breaks inside the
     * fields before it.
     */
    public long lineOf(int index) {
        long at = line;
        for (int i = 0; i < index; i++) {
            at += lineBreaks(fields[i]);
        }
        return at;
    }

    public List<String> fields() {
        return List.of(fields);
    }

    /** LF, CRLF and CR each end a line, as the parser counts them. */
    private static int lineBreaks(String value) {
        int breaks = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n'
                    || c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n')) {
                breaks++;
            }
        }
        return breaks;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + Arrays.toString(fields);
    }
}
