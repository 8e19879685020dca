package io.cdclake.job.sink.parquet;

import io.cdclake.job.decode.LakeColumn;
import io.cdclake.job.decode.LakeType;
import io.cdclake.job.decode.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.formats.parquet.utils.ParquetSchemaConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet schema of a table version, with the logical types other engines read without hints:
 * decimals in INT32/INT64/FIXED by precision, DATE, TIME and TIMESTAMP in INT64 micros (nanos for
 * precision 9), UTF-8 strings and standard three-level lists.
 */
public final class ParquetSchemas {

    static final String LIST_GROUP = "list";
    static final String LIST_ELEMENT = "element";

    private ParquetSchemas() {}

    public static MessageType of(TableSchema schema, String name) {
        List<Type> fields = new ArrayList<>();
        for (LakeColumn column : schema.columns()) {
            fields.add(type(column.name(), column.type()));
        }
        return new MessageType(name, fields);
    }

    static Type type(String name, LakeType type) {
        Type.Repetition optional = Type.Repetition.OPTIONAL;
        switch (type.kind()) {
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, optional).named(name);
            case SMALLINT:
                return Types.primitive(PrimitiveTypeName.INT32, optional).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT:
                return Types.primitive(PrimitiveTypeName.INT32, optional).named(name);
            case BIGINT:
                return Types.primitive(PrimitiveTypeName.INT64, optional).named(name);
            case FLOAT:
                return Types.primitive(PrimitiveTypeName.FLOAT, optional).named(name);
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, optional).named(name);
            case DECIMAL:
                LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
                if (type.precision() <= 9) {
                    return Types.primitive(PrimitiveTypeName.INT32, optional).as(decimal).named(name);
                }
                if (type.precision() <= 18) {
                    return Types.primitive(PrimitiveTypeName.INT64, optional).as(decimal).named(name);
                }
                return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, optional)
                        .length(ParquetSchemaConverter.computeMinBytesForDecimalPrecision(type.precision())).as(decimal).named(name);
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, optional).as(LogicalTypeAnnotation.stringType()).named(name);
            case BYTES:
                return Types.primitive(PrimitiveTypeName.BINARY, optional).named(name);
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, optional).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIME:
                return Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(name);
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timestampType(false, timeUnit(type))).named(name);
            case TIMESTAMP_LTZ:
                return Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timestampType(true, timeUnit(type))).named(name);
            case ARRAY:
                return Types.optionalGroup()
                        .as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup().addField(type(LIST_ELEMENT, type.element())).named(LIST_GROUP))
                        .named(name);
            default:
                throw new IllegalArgumentException("No Parquet type for " + type);
        }
    }

    static TimeUnit timeUnit(LakeType type) {
        return type.precision() > 6 ? TimeUnit.NANOS : TimeUnit.MICROS;
    }
}
