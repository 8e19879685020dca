package io.cdclake.job.sink;

import io.cdclake.job.decode.LakeColumn;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.decode.LakeType;
import java.util.List;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.TimestampData;

/**
 * Decides, before any writer sees a row, whether every lake format can hold each of its values. A
 * row that one format cannot hold goes to neither: it is a dead letter, so Parquet and CSV never
 * disagree and a writer never fails on input.
 */
public final class Representability {

    /** PostgreSQL's {@code time} reaches {@code 24:00:00}; CSV writes it as such. */
    public static final long MAX_TIME_MICROS = 86_400_000_000L;

    private Representability() {}

    /** Null when every format can write the row; otherwise why not, naming the column. */
    public static String problem(LakeRow row) {
        List<LakeColumn> columns = row.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.row().getField(i);
            if (value != null) {
                String problem = problem(columns.get(i).type(), value);
                if (problem != null) {
                    return "column '" + columns.get(i).name() + "' (" + columns.get(i).type() + "): " + problem;
                }
            }
        }
        return null;
    }

    private static String problem(LakeType type, Object value) {
        switch (type.kind()) {
            case STRING:
                return unpairedSurrogate(value.toString());
            case TIME:
                long micros = (Long) value;
                return micros < 0 || micros > MAX_TIME_MICROS ? micros + " µs is not a time of day" : null;
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                TimestampData timestamp = (TimestampData) value;
                boolean nanos = type.precision() > 6;
                long unit = nanos ? 1_000_000L : 1_000L;
                long millis = timestamp.getMillisecond();
                long part = nanos ? timestamp.getNanoOfMillisecond() : timestamp.getNanoOfMillisecond() / 1_000;
                try {
                    // What the Parquet writer computes, checked for overflow; one millisecond is moved
                    // into the part for negative values, so that the earliest ones do not overflow on the way.
                    long borrow = millis < 0 ? 1 : 0;
                    Math.addExact(Math.multiplyExact(millis + borrow, unit), part - borrow * unit);
                    return null;
                } catch (ArithmeticException e) {
                    return timestamp.getMillisecond() + " ms since the epoch is beyond Parquet's TIMESTAMP("
                            + (nanos ? "NANOS" : "MICROS") + ")";
                }
            case ARRAY:
                for (Object item : ((GenericArrayData) value).toObjectArray()) {
                    String problem = item == null ? null : problem(type.element(), item);
                    if (problem != null) {
                        return "array element: " + problem;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** UTF-8, which both formats write, has no code for half a surrogate pair. */
    private static String unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("unpaired UTF-16 surrogate \\u%04X at character %d cannot be written as UTF-8", (int) c, i);
            }
        }
        return null;
    }
}
