package io.cdclake.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The lake's CSV syntax, as the job writes its CSV part files and as they are read back: UTF-8
 * text, RFC 4180 with every line ended by CRLF, a header line of the column names first, and a
 * delimiter of the job's choice ({@code csv.delimiter}, a comma unless set). A field is quoted when
 * it holds the delimiter, a quote or a line break, with every quote inside doubled; null is an
 * empty field and an empty value is {@code ""}. The text of each value is {@link CsvEncoding}'s.
 *
 * <p>Reading is strict because the writer is known: a bare line break outside quotes, a quote
 * inside an unquoted field, text after a closing quote or a last line without its CRLF can only
 * come from a file that was cut short or damaged, and such a file must fail a verification, not be
 * guessed at.
 *
 * <p>Written here rather than on Commons CSV (which the loader reads users' files with), because
 * the library's bytes are not these: its minimal quoting also quotes a value that starts with a
 * space, {@code !} or {@code #} or ends with a space, and leaves an empty value unquoted after the
 * first field, where it reads back as null; its reader takes a bare line feed as a line's end and a
 * file cut after a line's last field as whole. {@code CsvSyntaxTest} shows each of these on the
 * library's version the project uses.
 */
public final class CsvSyntax {

    public static final String LINE_END = "\r\n";

    public static final char DEFAULT_DELIMITER = ',';

    private final char delimiter;

    /**
     * @throws IllegalArgumentException the delimiter cannot separate fields ({@link
     *     #delimiterProblem})
     */
    public CsvSyntax(char delimiter) {
        String problem = delimiterProblem(delimiter);
        if (problem != null) {
            throw new IllegalArgumentException("CSV delimiter '" + delimiter + "' " + problem);
        }
        this.delimiter = delimiter;
    }

    /** Why {@code delimiter} cannot separate the lake's fields, or null when it can. */
    public static String delimiterProblem(char delimiter) {
        return delimiter == '"' || delimiter == '\n' || delimiter == '\r'
                ? "must be one character other than a quote or a line break"
                : null;
    }

    public char delimiter() {
        return delimiter;
    }

    // ---------------------------------------------------------------- writing

    /** The header line: the column names, then the line's end. */
    public void appendHeader(List<String> names, StringBuilder out) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            appendField(names.get(i), out);
        }
        out.append(LINE_END);
    }

    /** The delimiter that goes before every field of a line but the first. */
    public void appendDelimiter(StringBuilder out) {
        out.append(delimiter);
    }

    /** One field: nothing for null, {@code ""} for an empty text, quoted where it needs to be. */
    public void appendField(String text, StringBuilder out) {
        if (text == null) {
            return;
        }
        if (text.isEmpty()) {
            out.append("\"\"");
            return;
        }
        if (!needsQuotes(text)) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    /**
     * Makes the text appended to {@code out} since {@code start} one field, quoting it where it
     * needs to be: for writers that append a value's text in place (a number) instead of making a
     * string of it first. The text must not be empty.
     */
    public void closeField(StringBuilder out, int start) {
        for (int i = start; i < out.length(); i++) {
            if (needsQuotes(out.charAt(i))) {
                String text = out.substring(start);
                out.setLength(start);
                appendField(text, out);
                return;
            }
        }
    }

    public void endLine(StringBuilder out) {
        out.append(LINE_END);
    }

    private boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (needsQuotes(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A field holding this character is quoted. */
    private boolean needsQuotes(char c) {
        return c == delimiter || c == '"' || c == '\n' || c == '\r';
    }

    // ---------------------------------------------------------------- reading

    /**
     * A data line: its fields (null for a null field) and the physical line (1-based) it starts on.
     */
    public record Line(int number, List<String> fields) {}

    /**
     * What could be read of a file: the header, the lines before the first problem, and the problem
     * (null when the whole file parsed).
     */
    public record Parsed(List<String> header, List<Line> lines, Problem problem) {}

    /** Why a file could not be read to its end, at which physical line. */
    public record Problem(int line, String message) {}

    /** A whole file's bytes read strictly; bytes that are not UTF-8 are a problem at line 1. */
    public Parsed parse(byte[] bytes) {
        return Utf8.decode(bytes)
                .map(this::parse)
                .orElseGet(
                        () -> new Parsed(List.of(), List.of(), new Problem(1, "not UTF-8 text")));
    }

    /** A whole file's text read strictly, as far as it reads. */
    public Parsed parse(String text) {
        Cursor cursor = new Cursor(text);
        List<Line> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return new Parsed(List.of(), lines, new Problem(1, "empty file: no header line"));
        }
        List<String> header;
        try {
            header = cursor.record();
        } catch (BadLine e) {
            return new Parsed(List.of(), lines, new Problem(e.line, e.getMessage()));
        }
        for (String name : header) {
            if (name == null || name.isEmpty()) {
                return new Parsed(
                        header, lines, new Problem(1, "the header has an empty column name"));
            }
        }
        while (!cursor.atEnd()) {
            int start = cursor.line;
            List<String> fields;
            try {
                fields = cursor.record();
            } catch (BadLine e) {
                return new Parsed(header, lines, new Problem(e.line, e.getMessage()));
            }
            if (fields.size() != header.size()) {
                return new Parsed(
                        header,
                        lines,
                        new Problem(
                                start,
                                "has " + fields.size() + " fields, the header " + header.size()));
            }
            lines.add(new Line(start, fields));
        }
        return new Parsed(header, lines, null);
    }

    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        BadLine(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final class Cursor {
        private final String text;
        private int pos;
        int line = 1;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        /** One record up to and including its CRLF. */
        List<String> record() throws BadLine {
            int start = line;
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(field(start));
                if (atEnd()) {
                    throw new BadLine(start, "torn line: the file ends before the line's CRLF");
                }
                char c = text.charAt(pos);
                if (c == delimiter) {
                    pos++;
                    continue;
                }
                if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                    pos += 2;
                    line++;
                    return fields;
                }
                throw new BadLine(
                        line,
                        c == '\r' || c == '\n'
                                ? "a line break that is not CRLF outside quotes"
                                : "unexpected '" + c + "' after a quoted field");
            }
        }

        private String field(int recordStart) throws BadLine {
            if (atEnd()) {
                return null;
            }
            if (text.charAt(pos) != '"') {
                int begin = pos;
                while (!atEnd()) {
                    char c = text.charAt(pos);
                    if (c == delimiter || c == '\r' || c == '\n') {
                        break;
                    }
                    if (c == '"') {
                        throw new BadLine(line, "a quote inside an unquoted field");
                    }
                    pos++;
                }
                return pos == begin ? null : text.substring(begin, pos);
            }
            pos++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw new BadLine(
                            recordStart, "torn line: the file ends inside a quoted field");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    if (!atEnd() && text.charAt(pos) == '"') {
                        value.append('"');
                        pos++;
                        continue;
                    }
                    return value.toString();
                }
                if (c == '\n') {
                    line++;
                }
                value.append(c);
            }
        }
    }
}
