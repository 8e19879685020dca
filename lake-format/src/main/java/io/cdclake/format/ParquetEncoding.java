package io.cdclake.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet type of each lake type, with the logical types other engines read without hints:
 * decimals in INT32/INT64/FIXED by precision, DATE, TIME and TIMESTAMP in INT64 micros (nanos for
 * precision 9), UTF-8 strings and standard three-level lists; the units the writer puts in them;
 * and how a Parquet value reads back to its canonical value ({@link LakeValues}).
 */
public final class ParquetEncoding {

    /** The repeated group of a three-level list. */
    public static final String LIST_GROUP = "list";

    /** The element field of a three-level list. */
    public static final String LIST_ELEMENT = "element";

    private ParquetEncoding() {}

    /** The message type of rows of {@code columns}. */
    public static MessageType schema(String name, List<LakeColumn> columns) {
        List<Type> fields = new ArrayList<>(columns.size());
        for (LakeColumn column : columns) {
            fields.add(type(column.name(), column.type()));
        }
        return new MessageType(name, fields);
    }

    /** The optional Parquet field {@code name} of a column of {@code type}. */
    public static Type type(String name, LakeType type) {
        Type.Repetition optional = Type.Repetition.OPTIONAL;
        switch (type.kind()) {
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, optional).named(name);
            case SMALLINT:
                return Types.primitive(PrimitiveTypeName.INT32, optional)
                        .as(LogicalTypeAnnotation.intType(16, true))
                        .named(name);
            case INT:
                return Types.primitive(PrimitiveTypeName.INT32, optional).named(name);
            case BIGINT:
                return Types.primitive(PrimitiveTypeName.INT64, optional).named(name);
            case FLOAT:
                return Types.primitive(PrimitiveTypeName.FLOAT, optional).named(name);
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, optional).named(name);
            case DECIMAL:
                LogicalTypeAnnotation decimal =
                        LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
                if (type.precision() <= 9) {
                    return Types.primitive(PrimitiveTypeName.INT32, optional)
                            .as(decimal)
                            .named(name);
                }
                if (type.precision() <= 18) {
                    return Types.primitive(PrimitiveTypeName.INT64, optional)
                            .as(decimal)
                            .named(name);
                }
                return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, optional)
                        .length(decimalBytes(type.precision()))
                        .as(decimal)
                        .named(name);
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, optional)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
            case BYTES:
                return Types.primitive(PrimitiveTypeName.BINARY, optional).named(name);
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, optional)
                        .as(LogicalTypeAnnotation.dateType())
                        .named(name);
            case TIME:
                return Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS))
                        .named(name);
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timestampType(false, timeUnit(type)))
                        .named(name);
            case TIMESTAMP_LTZ:
                return Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timestampType(true, timeUnit(type)))
                        .named(name);
            case ARRAY:
                return Types.optionalGroup()
                        .as(LogicalTypeAnnotation.listType())
                        .addField(
                                Types.repeatedGroup()
                                        .addField(type(LIST_ELEMENT, type.element()))
                                        .named(LIST_GROUP))
                        .named(name);
            default:
                throw new IllegalArgumentException("No Parquet type for " + type);
        }
    }

    /** Timestamps of precision 7 to 9 are in nanoseconds, all others in microseconds. */
    public static TimeUnit timeUnit(LakeType type) {
        return type.precision() > 6 ? TimeUnit.NANOS : TimeUnit.MICROS;
    }

    /**
     * Bytes of a FIXED_LEN_BYTE_ARRAY decimal of {@code precision} digits: the fewest that hold
     * them signed.
     */
    public static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
            bytes++;
        }
        return bytes;
    }

    /**
     * The big-endian two's complement of {@code unscaled}, sign-extended to a decimal's fixed
     * length.
     */
    public static byte[] fixedDecimal(BigInteger unscaled, int precision) {
        byte[] bytes = unscaled.toByteArray();
        int length = decimalBytes(precision);
        byte[] fixed = new byte[length];
        byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
        int pad = length - bytes.length;
        for (int i = 0; i < pad; i++) {
            fixed[i] = sign;
        }
        System.arraycopy(bytes, 0, fixed, pad, bytes.length);
        return fixed;
    }

    /**
     * The INT64 of a timestamp given as epoch milliseconds and nanoseconds of the millisecond;
     * {@code ±infinity} ({@link LakeValues#infinity(long)}) is {@code ±}{@link
     * LakeValues#INFINITE_UNITS}.
     */
    public static long epochUnits(long epochMillis, int nanosOfMilli, TimeUnit unit) {
        int infinity = LakeValues.infinity(epochMillis);
        if (infinity != 0) {
            return infinity * LakeValues.INFINITE_UNITS;
        }
        if (unit == TimeUnit.NANOS) {
            return epochMillis * 1_000_000L + nanosOfMilli;
        }
        return epochMillis * 1_000L + nanosOfMilli / 1_000;
    }

    /**
     * Null when {@link #epochUnits} holds the instant; otherwise why not. The earliest instants
     * overflow on the way unless one millisecond is moved into the fraction first.
     */
    public static String timestampProblem(long epochMillis, int nanosOfMilli, TimeUnit unit) {
        if (LakeValues.infinity(epochMillis) != 0) {
            return null;
        }
        boolean nanos = unit == TimeUnit.NANOS;
        long perMilli = nanos ? 1_000_000L : 1_000L;
        long part = nanos ? nanosOfMilli : nanosOfMilli / 1_000;
        try {
            long borrow = epochMillis < 0 ? 1 : 0;
            long units =
                    Math.addExact(
                            Math.multiplyExact(epochMillis + borrow, perMilli),
                            part - borrow * perMilli);
            if (units >= LakeValues.INFINITE_UNITS || units <= -LakeValues.INFINITE_UNITS) {
                // The INT64s of the infinities: a finite instant there would read back as one.
                throw new ArithmeticException("an infinity's value");
            }
            return null;
        } catch (ArithmeticException e) {
            return epochMillis + " ms since the epoch is beyond Parquet's TIMESTAMP(" + unit + ")";
        }
    }

    /**
     * The lake type a Parquet field of the lake was written for, as far as the file tells: times
     * and timestamps of precision 0 to 6 are all microseconds there and read as precision 6.
     */
    public static LakeType lakeType(Type type) {
        if (!type.isPrimitive()) {
            GroupType group = type.asGroupType();
            if (group.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                Type repeated = group.getType(0);
                Type element =
                        !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                                ? repeated.asGroupType().getType(0)
                                : repeated;
                return LakeType.array(lakeType(element));
            }
            throw new IllegalArgumentException("no lake type for the group " + type);
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return LakeType.decimal(decimal.getPrecision(), decimal.getScale());
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LakeType.of(LakeType.Kind.DATE);
        }
        if (logical instanceof TimeLogicalTypeAnnotation time) {
            return LakeType.time(precision(time.getUnit()));
        }
        if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
            int precision = precision(timestamp.getUnit());
            return timestamp.isAdjustedToUTC()
                    ? LakeType.timestampLtz(precision)
                    : LakeType.timestamp(precision);
        }
        switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN:
                return LakeType.of(LakeType.Kind.BOOLEAN);
            case INT32:
                return logical instanceof IntLogicalTypeAnnotation i && i.getBitWidth() <= 16
                        ? LakeType.of(LakeType.Kind.SMALLINT)
                        : LakeType.of(LakeType.Kind.INT);
            case INT64:
                return LakeType.of(LakeType.Kind.BIGINT);
            case FLOAT:
                return LakeType.of(LakeType.Kind.FLOAT);
            case DOUBLE:
                return LakeType.of(LakeType.Kind.DOUBLE);
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                return isText(logical)
                        ? LakeType.of(LakeType.Kind.STRING)
                        : LakeType.of(LakeType.Kind.BYTES);
            default:
                throw new IllegalArgumentException("no lake type for " + type);
        }
    }

    private static int precision(TimeUnit unit) {
        return unit == TimeUnit.NANOS ? 9 : unit == TimeUnit.MILLIS ? 3 : 6;
    }

    private static boolean isText(LogicalTypeAnnotation logical) {
        return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
    }

    /**
     * The fields of a record read with Parquet's example {@link Group}s, by name, null for absent
     * values.
     */
    public static Map<String, Object> read(Group group, GroupType schema) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < schema.getFieldCount(); i++) {
            Type type = schema.getType(i);
            row.put(
                    type.getName(),
                    group.getFieldRepetitionCount(i) == 0 ? null : read(group, i, type, 0));
        }
        return row;
    }

    /**
     * The canonical value at {@code index} of field {@code field} of {@code group}, by the field's
     * type.
     */
    public static Object read(Group group, int field, Type type, int index) {
        if (!type.isPrimitive()) {
            Group nested = group.getGroup(field, index);
            GroupType groupType = type.asGroupType();
            if (groupType.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                return list(nested, groupType);
            }
            return read(nested, groupType);
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN:
                return group.getBoolean(field, index);
            case INT32:
                {
                    int v = group.getInteger(field, index);
                    if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
                        return BigDecimal.valueOf(v, decimal.getScale());
                    }
                    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                        return LakeValues.dateOfDays(v);
                    }
                    if (logical instanceof TimeLogicalTypeAnnotation) {
                        return LakeValues.timeOfMicros(v * 1000L);
                    }
                    if (logical instanceof IntLogicalTypeAnnotation i && i.getBitWidth() <= 16) {
                        return (short) v;
                    }
                    return v;
                }
            case INT64:
                {
                    long v = group.getLong(field, index);
                    if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
                        return BigDecimal.valueOf(v, decimal.getScale());
                    }
                    if (logical instanceof TimeLogicalTypeAnnotation time) {
                        return LakeValues.timeOfMicros(
                                time.getUnit() == TimeUnit.NANOS
                                        ? v / 1000
                                        : time.getUnit() == TimeUnit.MILLIS ? v * 1000 : v);
                    }
                    if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
                        if (v >= LakeValues.INFINITE_UNITS || v <= -LakeValues.INFINITE_UNITS) {
                            boolean positive = v > 0;
                            if (timestamp.isAdjustedToUTC()) {
                                return positive ? Instant.MAX : Instant.MIN;
                            }
                            return positive ? LocalDateTime.MAX : LocalDateTime.MIN;
                        }
                        Instant instant = instant(v, timestamp.getUnit());
                        return timestamp.isAdjustedToUTC()
                                ? instant
                                : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                    }
                    return v;
                }
            case FLOAT:
                return group.getFloat(field, index);
            case DOUBLE:
                return group.getDouble(field, index);
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                {
                    byte[] bytes = group.getBinary(field, index).getBytes();
                    if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
                        return new BigDecimal(new BigInteger(bytes), decimal.getScale());
                    }
                    return isText(logical) ? new String(bytes, StandardCharsets.UTF_8) : bytes;
                }
            case INT96:
            default:
                return group.getInt96(field, index).getBytes();
        }
    }

    /** A LIST: the standard three levels (list of repeated group of element), or the legacy two. */
    private static List<Object> list(Group list, GroupType listType) {
        List<Object> values = new ArrayList<>();
        Type repeated = listType.getType(0);
        int count = list.getFieldRepetitionCount(0);
        for (int i = 0; i < count; i++) {
            if (!repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1) {
                Group item = list.getGroup(0, i);
                Type element = repeated.asGroupType().getType(0);
                values.add(item.getFieldRepetitionCount(0) == 0 ? null : read(item, 0, element, 0));
            } else {
                values.add(read(list, 0, repeated, i));
            }
        }
        return values;
    }

    private static Instant instant(long value, TimeUnit unit) {
        switch (unit) {
            case MILLIS:
                return Instant.ofEpochMilli(value);
            case NANOS:
                return Instant.ofEpochSecond(
                        Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
            case MICROS:
            default:
                return Instant.ofEpochSecond(
                        Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
        }
    }
}
