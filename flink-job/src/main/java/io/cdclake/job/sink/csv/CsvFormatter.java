package io.cdclake.job.sink.csv;

import io.cdclake.job.decode.LakeColumn;
import io.cdclake.job.decode.LakeType;
import io.cdclake.job.sink.Representability;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * RFC 4180 lines: fields with the delimiter, a quote or a line break are quoted and quotes doubled;
 * null is an empty field, an empty value (a string, bytes) is {@code ""}. Dates, times and timestamps are ISO-8601,
 * bytes are base64, arrays are JSON arrays.
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
                String text = type.kind() == LakeType.Kind.STRING ? value.toString() : text(type, value);
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

    static String text(LakeType type, Object value) {
        switch (type.kind()) {
            case STRING:
                return ((StringData) value).toString();
            case DECIMAL:
                return ((DecimalData) value).toBigDecimal().toPlainString();
            case BYTES:
                return Base64.getEncoder().encodeToString((byte[]) value);
            case DATE:
                return LocalDate.ofEpochDay((Integer) value).toString();
            case TIME:
                long micros = (Long) value;
                return micros == Representability.MAX_TIME_MICROS ? "24:00:00" : LocalTime.ofNanoOfDay(micros * 1000).toString();
            case TIMESTAMP:
                return ((TimestampData) value).toLocalDateTime().toString();
            case TIMESTAMP_LTZ:
                Instant instant = ((TimestampData) value).toInstant();
                return instant.toString();
            case ARRAY:
                return jsonArray(type.element(), (GenericArrayData) value);
            default:
                return value.toString();
        }
    }

    private static String jsonArray(LakeType element, GenericArrayData array) {
        StringBuilder json = new StringBuilder("[");
        Object[] items = array.toObjectArray();
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            Object item = items[i];
            if (item == null) {
                json.append("null");
            } else if (isJsonNumberOrBoolean(element)) {
                json.append(text(element, item));
            } else {
                jsonString(text(element, item), json);
            }
        }
        return json.append(']').toString();
    }

    private static boolean isJsonNumberOrBoolean(LakeType type) {
        switch (type.kind()) {
            case BOOLEAN: case SMALLINT: case INT: case BIGINT: case DECIMAL:
                return true;
            default:
                return false;
        }
    }

    private static void jsonString(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
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
