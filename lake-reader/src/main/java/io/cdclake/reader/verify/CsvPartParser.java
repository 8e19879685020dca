package io.cdclake.reader.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one CSV part file as the job's {@code CsvFormatter} writes it, strictly: RFC 4180 with
 * every line ended by CRLF, a header first, and as many fields on each line as the header has. An
 * unquoted empty field is null; {@code ""} is the empty string.
 *
 * <p>Strict because the writer is known: a bare line feed outside quotes, a quote inside an
 * unquoted field, text after a closing quote or a last line without its CRLF can only come from a
 * file that was cut short or damaged, and such a file must fail the verification, not be guessed
 * at.
 */
final class CsvPartParser {

    /** A data line: its fields and the physical line (1-based) it starts on. */
    record Line(int number, List<String> fields) {}

    /**
     * What could be read of a file: the header, the lines before the first problem, and the problem
     * (null when the whole file parsed).
     */
    record Parsed(List<String> header, List<Line> lines, Problem problem) {}

    /** Why a file could not be parsed to its end, at which physical line. */
    record Problem(int line, String message) {}

    private final char delimiter;

    CsvPartParser(char delimiter) {
        this.delimiter = delimiter;
    }

    Parsed parse(String text) {
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
