package io.cdclake.reader.state;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.MetadataColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg schema of a current-state table: the table's columns in the lake's types, then the
 * metadata columns of each row's last change and its replay LSN. Every field is optional, as every
 * lake column is.
 */
final class StateSchema {

    private StateSchema() {}

    /**
     * The schema of a state of {@code columns} with the lake types {@code types}; field ids are
     * given in order from 1 (Iceberg renumbers them against the table's own when they are merged).
     */
    static Schema of(List<String> columns, Map<String, LakeType> types) {
        AtomicInteger ids = new AtomicInteger();
        List<Types.NestedField> fields = new ArrayList<>();
        for (String column : columns) {
            LakeType type = types.get(column);
            if (type == null) {
                throw new IllegalArgumentException(
                        "column " + column + " has no lake type in its part files");
            }
            fields.add(Types.NestedField.optional(ids.incrementAndGet(), column, type(type, ids)));
        }
        for (LakeColumn column : MetadataColumns.ALL) {
            fields.add(
                    Types.NestedField.optional(
                            ids.incrementAndGet(), column.name(), type(column.type(), ids)));
        }
        fields.add(
                Types.NestedField.optional(
                        ids.incrementAndGet(), MetadataColumns.REPLAY_LSN, Types.LongType.get()));
        return new Schema(fields);
    }

    /** The Iceberg type of a lake type: its Parquet encoding read as Iceberg reads it. */
    static Type type(LakeType type, AtomicInteger ids) {
        return switch (type.kind()) {
            case BOOLEAN -> Types.BooleanType.get();
            case SMALLINT, INT -> Types.IntegerType.get();
            case BIGINT -> Types.LongType.get();
            case FLOAT -> Types.FloatType.get();
            case DOUBLE -> Types.DoubleType.get();
            case DECIMAL -> Types.DecimalType.of(type.precision(), type.scale());
            case STRING -> Types.StringType.get();
            case BYTES -> Types.BinaryType.get();
            case DATE -> Types.DateType.get();
            case TIME -> Types.TimeType.get();
            case TIMESTAMP -> Types.TimestampType.withoutZone();
            case TIMESTAMP_LTZ -> Types.TimestampType.withZone();
            case ARRAY ->
                    Types.ListType.ofOptional(ids.incrementAndGet(), type(type.element(), ids));
        };
    }
}
