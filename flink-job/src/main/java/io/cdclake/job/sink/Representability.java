package io.cdclake.job.sink;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.job.decode.LakeRow;
import java.util.List;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.TimestampData;

/**
 * Decides, before any writer sees a row, whether every lake format can hold each of its values, by
 * the lake format's rules ({@link io.cdclake.format.Representability}). A row that one format
 * cannot hold goes to neither: it is a dead letter, so Parquet and CSV never disagree and a writer
 * never fails on input.
 */
public final class Representability {

    private Representability() {}

    /** Null when every format can write the row; otherwise why not, naming the column. */
    public static String problem(LakeRow row) {
        List<LakeColumn> columns = row.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.row().getField(i);
            if (value != null) {
                String problem = problem(columns.get(i).type(), value);
                if (problem != null) {
                    return "column '"
                            + columns.get(i).name()
                            + "' ("
                            + columns.get(i).type()
                            + "): "
                            + problem;
                }
            }
        }
        return null;
    }

    private static String problem(LakeType type, Object value) {
        switch (type.kind()) {
            case STRING:
                return io.cdclake.format.Representability.textProblem(value.toString());
            case TIME:
                return io.cdclake.format.Representability.timeProblem((Long) value);
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                TimestampData timestamp = (TimestampData) value;
                return io.cdclake.format.Representability.timestampProblem(
                        type, timestamp.getMillisecond(), timestamp.getNanoOfMillisecond());
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
}
