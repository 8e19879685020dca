package io.cdclake.loader.csv;

/** A record that is not valid RFC 4180, located by the line where the broken field starts. */
public final class CsvFormatException extends Exception {

    private final long line;
    private final int fieldIndex;
    private final String reason;

    public CsvFormatException(long line, int fieldIndex, String reason) {
        super("line " + line + ", field " + (fieldIndex + 1) + ": " + reason);
        this.line = line;
        this.fieldIndex = fieldIndex;
        this.reason = reason;
    }

    public long line() {
        return line;
    }

    /** Zero-based position of the broken field in its record. */
    public int fieldIndex() {
        return fieldIndex;
    }

    public String reason() {
        return reason;
    }
}
