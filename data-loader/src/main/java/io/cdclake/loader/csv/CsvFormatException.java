package io.cdclake.loader.csv;

/** A record that is not valid RFC 4180, located by the line where it broke. */
public final class CsvFormatException extends Exception {

    private final long line;
    private final String reason;

    public CsvFormatException(long line, String reason, Throwable cause) {
        super("line " + line + ": " + reason, cause);
        this.line = line;
        this.reason = reason;
    }

    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
