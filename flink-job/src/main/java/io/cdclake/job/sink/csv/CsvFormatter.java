package io.cdclake.job.sink.csv;

import io.cdclake.format.CsvEncoding;
import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.TimestampData;

/**
 * RFC 4180 lines: fields with the delimiter, a quote or a line break are quoted and quotes doubled;
 * null is an empty field, an empty value (a string, bytes) is {@code ""}. Each value's text is the
 * lake format's ({@link CsvEncoding}), of the value brought from Flink's structures to its
 * canonical Java value.
 */
public final class CsvFormatter {

    private final char delimiter;

    public CsvFormatter(char delimiter) {
        this.delimiter = delimiter;
    }

    public void header(List<LakeColumn> columns, StringBuilder out) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            quoted(columns.get(i).name(), out);
        }
        out.append("\r\n");
    }

    public void row(List<LakeColumn> columns, GenericRowData row, StringBuilder out) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            Object value = row.getField(i);
            if (value != null) {
                LakeType type = columns.get(i).type();
                String text =
                        type.kind() == LakeType.Kind.STRING ? value.toString() : text(type, value);
                if (text.isEmpty()) {
                    // An empty field is null: an empty value (a string, bytea '\x') is quoted.
                    out.append("\"\"");
                } else {
                    quoted(text, out);
                }
            }
        }
        out.append("\r\n");
    }

    /** The CSV text of a value as the job holds it in a {@code GenericRowData}; never null. */
    public static String text(LakeType type, Object value) {
        return CsvEncoding.text(type, canonical(type, value));
    }

    /** A value as the job holds it in a {@code GenericRowData}, as its canonical Java value. */
    static Object canonical(LakeType type, Object value) {
        switch (type.kind()) {
            case STRING:
                return value.toString();
            case DECIMAL:
                return ((DecimalData) value).toBigDecimal();
            case DATE:
                return LakeValues.dateOfDays((Integer) value);
            case TIME:
                return LakeValues.timeOfMicros((Long) value);
            case TIMESTAMP:
                TimestampData local = (TimestampData) value;
                return LakeValues.localDateTime(
                        local.getMillisecond(), local.getNanoOfMillisecond());
            case TIMESTAMP_LTZ:
                TimestampData instant = (TimestampData) value;
                return LakeValues.instant(instant.getMillisecond(), instant.getNanoOfMillisecond());
            case ARRAY:
                Object[] items = ((GenericArrayData) value).toObjectArray();
                List<Object> list = new ArrayList<>(items.length);
                for (Object item : items) {
                    list.add(item == null ? null : canonical(type.element(), item));
                }
                return list;
            default:
                return value;
        }
    }

    private void quoted(String text, StringBuilder out) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
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
}
