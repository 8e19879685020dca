package io.cdclake.loader.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 reader: comma separated, fields optionally quoted with {@code "}, a quote inside
 * a quoted field doubled, line breaks (LF, CRLF or CR) allowed inside quoted fields. Lines are
 * counted physically, so a record that spans three lines moves the count by three.
 *
 * <p>Empty lines are skipped rather than read as one-field records: trailing blank lines are common
 * and no table has a single column whose only value is NULL worth keeping. A broken record throws
 * {@link CsvFormatException} after skipping to the end of the physical line, so the caller can go on
 * reading when it wants to skip bad rows.
 */
public final class CsvReader implements Closeable {

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private boolean started;
    private final StringBuilder field = new StringBuilder(64);
    private final List<String> fields = new ArrayList<>(16);
    private long[] fieldLines = new long[16];

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The next record, or {@code null} at the end of the input. */
    public CsvRecord next() throws IOException, CsvFormatException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                position++;
            }
        }
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                consumeLineBreak(c);
                continue;
            }
            return readRecord();
        }
    }

    /** Number of the line the reader is on; after a record, the line where the next one starts. */
    public long line() {
        return line;
    }

    private CsvRecord readRecord() throws IOException, CsvFormatException {
        fields.clear();
        while (true) {
            int index = fields.size();
            if (index == fieldLines.length) {
                fieldLines = java.util.Arrays.copyOf(fieldLines, index * 2);
            }
            fieldLines[index] = line;
            field.setLength(0);
            int c = peek();
            int end = c == '"' ? readQuoted(index) : readUnquoted(index);
            fields.add(field.toString());
            if (end == ',') {
                position++;
                continue;
            }
            if (end != EOF) {
                consumeLineBreak(end);
            }
            return new CsvRecord(fields.toArray(new String[0]), java.util.Arrays.copyOf(fieldLines, fields.size()));
        }
    }

    /** Reads up to the next delimiter or line break and returns it (not consumed), or EOF. */
    private int readUnquoted(int index) throws IOException, CsvFormatException {
        while (true) {
            if (position == limit && fill() == EOF) {
                return EOF;
            }
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == ',' || c == '\n' || c == '\r') {
                    field.append(buffer, start, position - start);
                    return c;
                }
                if (c == '"') {
                    field.append(buffer, start, position - start);
                    long at = line;
                    skipRestOfLine();
                    throw new CsvFormatException(at, index, "a quote inside an unquoted field (quote the whole field and double the quote)");
                }
                position++;
            }
            field.append(buffer, start, position - start);
        }
    }

    private int readQuoted(int index) throws IOException, CsvFormatException {
        long startLine = line;
        position++;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new CsvFormatException(startLine, index, "a quoted field that starts here is never closed");
            }
            if (c == '"') {
                int next = peek();
                if (next == '"') {
                    position++;
                    field.append('"');
                    continue;
                }
                if (next == ',' || next == '\n' || next == '\r' || next == EOF) {
                    return next;
                }
                long at = line;
                skipRestOfLine();
                throw new CsvFormatException(at, index, "unexpected character '" + (char) next + "' after a closing quote");
            }
            field.append((char) c);
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                if (peek() == '\n') {
                    position++;
                    field.append('\n');
                }
                line++;
            }
        }
    }

    private void skipRestOfLine() throws IOException {
        while (true) {
            int c = peek();
            if (c == EOF) {
                return;
            }
            if (c == '\n' || c == '\r') {
                consumeLineBreak(c);
                return;
            }
            position++;
        }
    }

    private void consumeLineBreak(int c) throws IOException {
        position++;
        if (c == '\r' && peek() == '\n') {
            position++;
        }
        line++;
    }

    private int peek() throws IOException {
        if (position == limit && fill() == EOF) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && fill() == EOF) {
            return EOF;
        }
        return buffer[position++];
    }

    private int fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            position = limit = 0;
            return EOF;
        }
        position = 0;
        limit = n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
