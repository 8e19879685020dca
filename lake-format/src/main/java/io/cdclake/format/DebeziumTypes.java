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
