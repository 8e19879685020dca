package io.cdclake.job.decode;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * The type of a lake column, and how its value is held in a {@code GenericRowData}: Flink's internal
 * structures ({@code StringData}, {@code DecimalData}, {@code TimestampData}, {@code
 * GenericArrayData}), boxed primitives, {@code byte[]}, dates as {@code Integer} days, and times as
 * {@code Long} microseconds of the day (Flink's own TIME keeps only milliseconds; PostgreSQL keeps
 * microseconds, and so does the lake).
 */
public final class LakeType implements Serializable {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        BOOLEAN,
        SMALLINT,
        INT,
        BIGINT,
        FLOAT,
        DOUBLE,
        DECIMAL,
        STRING,
        BYTES,
        DATE,
        TIME,
        TIMESTAMP,
        TIMESTAMP_LTZ,
        ARRAY
    }

    private final Kind kind;
    private final int precision;
    private final int scale;
    private final LakeType element;

    private LakeType(Kind kind, int precision, int scale, LakeType element) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
        this.element = element;
    }

    public static LakeType of(Kind kind) {
        return new LakeType(kind, 0, 0, null);
    }

    public static LakeType decimal(int precision, int scale) {
        return new LakeType(Kind.DECIMAL, precision, scale, null);
    }

    /** Fractional digits of seconds: 3, 6 or 9. */
    public static LakeType timestamp(int precision) {
        return new LakeType(Kind.TIMESTAMP, precision, 0, null);
    }

    public static LakeType timestampLtz(int precision) {
        return new LakeType(Kind.TIMESTAMP_LTZ, precision, 0, null);
    }

    public static LakeType time(int precision) {
        return new LakeType(Kind.TIME, precision, 0, null);
    }

    public static LakeType array(LakeType element) {
        return new LakeType(Kind.ARRAY, 0, 0, element);
    }

    public Kind kind() {
        return kind;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    public LakeType element() {
        return element;
    }

    /** The Flink SQL type a reader of the lake would declare for this column. */
    public LogicalType toFlinkType() {
        switch (kind) {
            case BOOLEAN: return new BooleanType();
            case SMALLINT: return new SmallIntType();
            case INT: return new IntType();
            case BIGINT: return new BigIntType();
            case FLOAT: return new FloatType();
            case DOUBLE: return new DoubleType();
            case DECIMAL: return new DecimalType(precision, scale);
            case STRING: return new VarCharType(VarCharType.MAX_LENGTH);
            case BYTES: return new VarBinaryType(VarBinaryType.MAX_LENGTH);
            case DATE: return new DateType();
            case TIME: return new TimeType(precision);
            case TIMESTAMP: return new TimestampType(precision);
            case TIMESTAMP_LTZ: return new LocalZonedTimestampType(precision);
            case ARRAY: return new ArrayType(element.toFlinkType());
            default: throw new IllegalStateException(kind.name());
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LakeType)) {
            return false;
        }
        LakeType other = (LakeType) o;
        return kind == other.kind && precision == other.precision && scale == other.scale
                && Objects.equals(element, other.element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale, element);
    }

    @Override
    public String toString() {
        return toFlinkType().asSummaryString();
    }
}
