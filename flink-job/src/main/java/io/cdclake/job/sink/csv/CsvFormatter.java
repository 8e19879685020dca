package io.cdclake.job.sink.csv;

import io.cdclake.format.CsvEncoding;
import io.cdclake.format.CsvSyntax;
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
 * Lines of the lake's CSV part files: the syntax is {@link CsvSyntax}'s, the text of each value the
 * lake format's ({@link CsvEncoding}), of the value brought from Flink's structures to its
 * canonical Java value.
 */
public final class CsvFormatter {

    private final CsvSyntax syntax;

    public CsvFormatter(char delimiter) {
        this.syntax = new CsvSyntax(delimiter);
    }

    public void header(List<LakeColumn> columns, StringBuilder out) {
        List<String> names = new ArrayList<>(columns.size());
        for (LakeColumn column : columns) {
            names.add(column.name());
        }
        syntax.appendHeader(names, out);
    }

    public void row(List<LakeColumn> columns, GenericRowData row, StringBuilder out) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                syntax.appendDelimiter(out);
            }
            Object value = row.getField(i);
            if (value != null) {
                appendValue(columns.get(i).type(), value, out);
            }
        }
        syntax.endLine(out);
    }

    /**
     * Numbers and booleans go into the line as they are, without a string each (their text is the
     * same as {@link CsvEncoding}'s: Java's own); the other types through their text.
     */
    private void appendValue(LakeType type, Object value, StringBuilder out) {
        int start = out.length();
        switch (type.kind()) {
            case STRING:
                syntax.appendField(value.toString(), out);
                return;
            case BOOLEAN:
                out.append((boolean) (Boolean) value);
                break;
            case SMALLINT:
                out.append((short) (Short) value);
                break;
            case INT:
                out.append((int) (Integer) value);
                break;
            case BIGINT:
                out.append((long) (Long) value);
                break;
            case FLOAT:
                out.append((float) (Float) value);
                break;
            case DOUBLE:
                out.append((double) (Double) value);
                break;
            default:
                syntax.appendField(text(type, value), out);
                return;
        }
        // A delimiter such as '.' or '-' can occur in a number.
        syntax.closeField(out, start);
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
}
