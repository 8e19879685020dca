package io.cdclake.format;

import io.cdclake.format.LakeType.Kind;

/**
 * The lake type of each column Debezium's PostgreSQL connector produces, by the Connect schema's
 * logical name or, without a known one, its Connect type. Covers Debezium's default modes, {@code
 * decimal.handling.mode=double|string} and {@code time.precision.mode=connect}.
 */
public final class DebeziumTypes {

    /** The widest decimal Parquet readers agree on; wider ones are kept as exact text. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
    public static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    public static final String DATE = "io.debezium.time.Date";
    public static final String CONNECT_DATE = "org.apache.kafka.connect.data.Date";
    public static final String TIME = "io.debezium.time.Time";
    public static final String CONNECT_TIME = "org.apache.kafka.connect.data.Time";
    public static final String MICRO_TIME = "io.debezium.time.MicroTime";
    public static final String NANO_TIME = "io.debezium.time.NanoTime";
    public static final String TIMESTAMP = "io.debezium.time.Timestamp";
    public static final String CONNECT_TIMESTAMP = "org.apache.kafka.connect.data.Timestamp";
    public static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    public static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    public static final String MICRO_DURATION = "io.debezium.time.MicroDuration";
    public static final String BITS = "io.debezium.data.Bits";

    /** {@code interval.handling.mode=string}: ISO-8601 text, months and days kept apart. */
    public static final String INTERVAL = "io.debezium.time.Interval";

    /** A PostgreSQL {@code point}: a struct of {@code x}, {@code y} (and {@code wkb}). */
    public static final String POINT = "io.debezium.data.geometry.Point";

    /**
     * The schema parameter {@code datatype.propagate.source.type} adds: the column's type as
     * PostgreSQL names it, upper case ({@code BOX}, {@code BYTEA}).
     */
    public static final String SOURCE_COLUMN_TYPE = "__debezium.source.column.type";

    private DebeziumTypes() {}

    /**
     * The lake type of a logical type; null for {@link #DECIMAL} (see {@link #decimal}) and unknown
     * names.
     */
    public static LakeType ofLogicalName(String logicalName) {
        if (logicalName == null) {
            return null;
        }
        switch (logicalName) {
            case VARIABLE_SCALE_DECIMAL:
                // numeric without a declared scale: every value has its own, and a Parquet decimal
                // column has one. Exact text loses nothing; declare numeric(p,s) for a decimal.
                return LakeType.of(Kind.STRING);
            case DATE:
            case CONNECT_DATE:
                return LakeType.of(Kind.DATE);
            case TIME:
            case CONNECT_TIME:
                return LakeType.time(3);
            case MICRO_TIME:
            case NANO_TIME:
                return LakeType.time(6);
            case TIMESTAMP:
            case CONNECT_TIMESTAMP:
                return LakeType.timestamp(3);
            case MICRO_TIMESTAMP:
                return LakeType.timestamp(6);
            case NANO_TIMESTAMP:
                return LakeType.timestamp(9);
            case ZONED_TIMESTAMP:
                return LakeType.timestampLtz(6);
            case MICRO_DURATION:
                return LakeType.of(Kind.BIGINT);
            case BITS:
                return LakeType.of(Kind.BYTES);
            case INTERVAL:
            case POINT:
                return LakeType.of(Kind.STRING);
            default:
                return null;
        }
    }

    /**
     * The lake type of a Connect type: structs and maps (PostGIS geometries, hstore as a map) are
     * kept whole as JSON text; null for arrays (their element decides) and for what is not a
     * Connect type.
     */
    public static LakeType ofConnectType(String connectType) {
        switch (connectType) {
            case "boolean":
                return LakeType.of(Kind.BOOLEAN);
            case "int8":
            case "int16":
                return LakeType.of(Kind.SMALLINT);
            case "int32":
                return LakeType.of(Kind.INT);
            case "int64":
                return LakeType.of(Kind.BIGINT);
            case "float":
                return LakeType.of(Kind.FLOAT);
            case "double":
                return LakeType.of(Kind.DOUBLE);
            case "string":
            case "struct":
            case "map":
                return LakeType.of(Kind.STRING);
            case "bytes":
                return LakeType.of(Kind.BYTES);
            default:
                return null;
        }
    }

    /**
     * Whether a Connect {@code bytes} column is the text of a type Debezium does not know ({@code
     * include.unknown.datatypes}: {@code box}, {@code circle}, {@code isbn}, ...): its source type
     * is known ({@link #SOURCE_COLUMN_TYPE}) and is not {@code bytea}. Such bytes are PostgreSQL's
     * text of the value, kept as text.
     */
    public static boolean isTextOfUnknownType(String connectType, String sourceColumnType) {
        return "bytes".equals(connectType)
                && sourceColumnType != null
                && !sourceColumnType.equalsIgnoreCase("bytea")
                && !sourceColumnType.equalsIgnoreCase("_bytea");
    }

    /**
     * A Connect {@code Decimal}: DECIMAL(p,s) up to {@link #MAX_DECIMAL_PRECISION} digits, beyond
     * that (or without a declared precision wider than the scale) exact text.
     *
     * @param declaredPrecision {@code connect.decimal.precision}, null when not given
     */
    public static LakeType decimal(Integer declaredPrecision, int scale) {
        int precision = declaredPrecision == null ? MAX_DECIMAL_PRECISION : declaredPrecision;
        if (precision > MAX_DECIMAL_PRECISION || scale > precision) {
            return LakeType.of(Kind.STRING);
        }
        return LakeType.decimal(precision, scale);
    }
}
