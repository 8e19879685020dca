package io.cdclake.loader.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * RFC 4180 records read with Apache Commons CSV, numbered by the physical lines of the file: a
 * record whose quoted fields span three lines moves the count by three.
 *
 * <p>Empty lines are skipped rather than read as one-field records: trailing blank lines are common
 * and no table has a single column whose only value is NULL worth keeping. A leading byte order
 * mark is dropped. A quote inside an unquoted field is kept as a character, as Commons CSV reads
 * it. A broken record (text after a closing quote, a quote never closed) throws {@link
 * CsvFormatException} after skipping to the end of the line it broke on, so the caller can go on
 * reading when it wants to skip bad rows.
 *
 * <p>This replaced a hand-written reader that parsed faster: on the same 1,000,000-row titanic file
 * in one JVM, best of six alternating rounds on a busy 2-core machine, 970,000 records/s against
 * 606,000 with Commons CSV. Both are faster than COPY takes rows (523,000/s, see the README's
 * Performance), so the library is kept; {@code copy-csv-file} in the loader benchmark shows the
 * whole load from a file.
 */
public final class CsvReader implements Closeable {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    public CsvReader(Reader in) throws IOException {
        this.parser = FORMAT.parse(withoutByteOrderMark(in));
        this.records = parser.iterator();
    }

    /** The next record, or {@code null} at the end of the input. */
    public CsvRecord next() throws IOException, CsvFormatException {
        while (true) {
            // Every earlier record ended with its line break, so this one starts on the next line.
            long startLine = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw broken(startLine, e);
            }
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            return new CsvRecord(record.values(), startLine);
        }
    }

    /** Number of the last line read. */
    public long line() {
        return parser.getCurrentLineNumber();
    }

    /**
     * Turns the parser's complaint into one naming the line, then drops the rest of the broken line
     * so that the next call starts on a fresh record.
     */
    private CsvFormatException broken(long startLine, UncheckedIOException e) throws IOException {
        if (!(e.getCause() instanceof CSVException)) {
            throw e.getCause();
        }
        long errorLine = parser.getCurrentLineNumber();
        boolean atEnd = !skipRestOfLine();
        // At the end of the input the quote opened on the record's first line was never closed.
        return atEnd
                ? new CsvFormatException(
                        startLine, "a quoted field that starts here is never closed", e.getCause())
                : new CsvFormatException(
                        errorLine,
                        "unexpected text after a closing quote"
                                + " (quote the whole field and double any quote inside it)",
                        e.getCause());
    }

    /**
     * Reads what is left of the broken line as a record and drops it; false at the end of the
     * input.
     */
    private boolean skipRestOfLine() throws IOException {
        while (true) {
            try {
                if (!records.hasNext()) {
                    return false;
                }
                records.next();
                return true;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CSVException)) {
                    throw e.getCause();
                }
            }
        }
    }

    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        BufferedReader buffered = new BufferedReader(in, 1 << 16);
        buffered.mark(1);
        if (buffered.read() != '\uFEFF') {
            buffered.reset();
        }
        return buffered;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
