package io.cdclake.loader.csv;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes records in PostgreSQL's COPY CSV dialect: an empty unquoted field is NULL, so NULL is
 * written as nothing and every non-null value that needs it is quoted. A lone {@code \.} would end
 * the COPY data, which is why values with a backslash are quoted too. This is PostgreSQL's input,
 * not the lake's CSV (lake-format's {@code CsvSyntax}): COPY takes lines ended by a line feed and a
 * comma between fields, and the lake's syntax need not quote backslashes.
 */
public final class CopyCsvWriter {

    private final Writer out;

    public CopyCsvWriter(Writer out) {
        this.out = out;
    }

    /** Writes one record; a {@code null} value is SQL NULL. Empty strings must not reach here. */
    public void write(String[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = values[i];
            if (value != null) {
                writeValue(out, value);
            }
        }
        out.write('\n');
    }

    public static void writeValue(Appendable out, String value) throws IOException {
        if (!needsQuotes(value)) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    public void flush() throws IOException {
        out.flush();
    }
}
