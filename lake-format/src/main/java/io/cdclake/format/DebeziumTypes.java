package io.cdclake.format;

import io.cdclake.format.LakeType.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

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
     * The logical types the lake knows, each with its lake type: the one list of them ({@link
     * #DECIMAL} aside, whose type depends on its parameters: {@link #decimal}). The job's reader of
     * each is a switch over this enum, so a type added here without a reader does not compile.
     */
    public enum Logical {
        /**
         * numeric without a declared scale: every value has its own, and a Parquet decimal column
         * has one. Exact text loses nothing; declare numeric(p,s) for a decimal.
         */
        VARIABLE_SCALE_DECIMAL(DebeziumTypes.VARIABLE_SCALE_DECIMAL, LakeType.of(Kind.STRING)),
        DATE(DebeziumTypes.DATE, LakeType.of(Kind.DATE)),
        CONNECT_DATE(DebeziumTypes.CONNECT_DATE, LakeType.of(Kind.DATE)),
        TIME(DebeziumTypes.TIME, LakeType.time(3)),
        CONNECT_TIME(DebeziumTypes.CONNECT_TIME, LakeType.time(3)),
        MICRO_TIME(DebeziumTypes.MICRO_TIME, LakeType.time(6)),
        NANO_TIME(DebeziumTypes.NANO_TIME, LakeType.time(6)),
        TIMESTAMP(DebeziumTypes.TIMESTAMP, LakeType.timestamp(3)),
        CONNECT_TIMESTAMP(DebeziumTypes.CONNECT_TIMESTAMP, LakeType.timestamp(3)),
        MICRO_TIMESTAMP(DebeziumTypes.MICRO_TIMESTAMP, LakeType.timestamp(6)),
        NANO_TIMESTAMP(DebeziumTypes.NANO_TIMESTAMP, LakeType.timestamp(9)),
        ZONED_TIMESTAMP(DebeziumTypes.ZONED_TIMESTAMP, LakeType.timestampLtz(6)),
        MICRO_DURATION(DebeziumTypes.MICRO_DURATION, LakeType.of(Kind.BIGINT)),
        BITS(DebeziumTypes.BITS, LakeType.of(Kind.BYTES)),
        INTERVAL(DebeziumTypes.INTERVAL, LakeType.of(Kind.STRING)),
        POINT(DebeziumTypes.POINT, LakeType.of(Kind.STRING));

        private static final Map<String, Logical> BY_NAME = byName(values(), Logical::logicalName);

        private final String logicalName;
        private final LakeType lakeType;

        Logical(String logicalName, LakeType lakeType) {
            this.logicalName = logicalName;
            this.lakeType = lakeType;
        }

        /** The known logical type of this name; null for unknown names and null. */
        public static Logical of(String logicalName) {
            return logicalName == null ? null : BY_NAME.get(logicalName);
        }

        public String logicalName() {
            return logicalName;
        }

        public LakeType lakeType() {
            return lakeType;
        }
    }

    /**
     * Kafka Connect's types, each with the lake type of a column of it without a known logical
     * type: structs and maps (PostGIS geometries, hstore as a map) are kept whole as JSON text; an
     * array's type is its element's.
     */
    public enum ConnectType {
        BOOLEAN("boolean", LakeType.of(Kind.BOOLEAN)),
        INT8("int8", LakeType.of(Kind.SMALLINT)),
        INT16("int16", LakeType.of(Kind.SMALLINT)),
        INT32("int32", LakeType.of(Kind.INT)),
        INT64("int64", LakeType.of(Kind.BIGINT)),
        FLOAT("float", LakeType.of(Kind.FLOAT)),
        DOUBLE("double", LakeType.of(Kind.DOUBLE)),
        STRING("string", LakeType.of(Kind.STRING)),
        BYTES("bytes", LakeType.of(Kind.BYTES)),
        STRUCT("struct", LakeType.of(Kind.STRING)),
        MAP("map", LakeType.of(Kind.STRING)),
        ARRAY("array", null);

        private static final Map<String, ConnectType> BY_NAME =
                byName(values(), ConnectType::connectName);

        private final String connectName;
        private final LakeType lakeType;

        ConnectType(String connectName, LakeType lakeType) {
            this.connectName = connectName;
            this.lakeType = lakeType;
        }

        /** The Connect type of this name (Connect's schema JSON); null for any other text. */
        public static ConnectType of(String connectName) {
            return connectName == null ? null : BY_NAME.get(connectName);
        }

        public String connectName() {
            return connectName;
        }

        /** Null for {@link #ARRAY}: its element decides. */
        public LakeType lakeType() {
            return lakeType;
        }
    }

    private static <T> Map<String, T> byName(T[] values, Function<T, String> name) {
        Map<String, T> map = new HashMap<>();
        for (T value : values) {
            map.put(name.apply(value), value);
        }
        return Map.copyOf(map);
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
