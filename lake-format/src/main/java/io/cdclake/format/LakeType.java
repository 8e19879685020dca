package io.cdclake.format;

import java.io.Serializable;
import java.util.Objects;

/**
 * The type of a lake column. Each kind has one Parquet type ({@link ParquetEncoding}), one CSV text
 * ({@link CsvEncoding}) and one canonical Java value that both read back to ({@link LakeValues}).
 * Names follow Flink SQL's, the types a reader of the lake would declare.
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LakeType)) {
            return false;
        }
        LakeType other = (LakeType) o;
        return kind == other.kind
                && precision == other.precision
                && scale == other.scale
                && Objects.equals(element, other.element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale, element);
    }

    @Override
    public String toString() {
        switch (kind) {
            case DECIMAL:
                return "DECIMAL(" + precision + ", " + scale + ")";
            case TIME:
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return kind.name() + "(" + precision + ")";
            case ARRAY:
                return "ARRAY<" + element + ">";
            default:
                return kind.name();
        }
    }
}
