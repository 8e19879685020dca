package io.cdclake.job.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.DebeziumEncodings;
import io.cdclake.format.DebeziumTypes;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.LakeValues;
import io.cdclake.format.PostgresText;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Maps a Debezium column (a Kafka Connect type and its logical name) to its lake type ({@link
 * DebeziumTypes}) and the reader that converts its JSON values to the job's in-memory form. Covers
 * what a PostgreSQL table produces in Debezium's default modes, {@code
 * decimal.handling.mode=double|string} and {@code time.precision.mode=connect}. Logical types it
 * does not know fall back to their Connect type; structs and maps it does not know (PostGIS
 * geometries, hstore as map) are kept as JSON text, so nothing is dropped.
 */
public final class TypeMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String placeholder;
    private final String placeholderBase64;

    public TypeMapping(String unavailablePlaceholder) {
        this.placeholder = unavailablePlaceholder;
        this.placeholderBase64 =
                Base64.getEncoder()
                        .encodeToString(unavailablePlaceholder.getBytes(StandardCharsets.UTF_8));
    }

    /** A column's lake type and its reader. */
    public record Mapped(LakeType type, ValueReader reader) {}

    Mapped map(ConnectField field) {
        if (DebeziumTypes.DECIMAL.equals(field.logicalName())) {
            return decimal(field);
        }
        DebeziumTypes.Logical logical = DebeziumTypes.Logical.of(field.logicalName());
        if (logical != null) {
            return new Mapped(logical.lakeType(), reader(logical, field));
        }
        if (DebeziumTypes.isTextOfUnknownType(
                field.type(), field.parameter(DebeziumTypes.SOURCE_COLUMN_TYPE))) {
            return new Mapped(LakeType.of(Kind.STRING), p -> unknownTypeText(p, field));
        }
        DebeziumTypes.ConnectType connect = DebeziumTypes.ConnectType.of(field.type());
        if (connect == null) {
            // Not a Kafka Connect type: a reader guessing at it could write wrong values.
            return new Mapped(
                    LakeType.of(Kind.STRING),
                    p -> {
                        throw new DecodeException(
                                "column '"
                                        + field.name()
                                        + "' has type '"
                                        + field.type()
                                        + "', not a Kafka Connect type");
                    });
        }
        if (connect == DebeziumTypes.ConnectType.ARRAY) {
            return array(field);
        }
        return new Mapped(connect.lakeType(), reader(connect, field));
    }

    /** The reader of each logical type; the lake type is {@link DebeziumTypes.Logical}'s. */
    private ValueReader reader(DebeziumTypes.Logical logical, ConnectField field) {
        return switch (logical) {
            case VARIABLE_SCALE_DECIMAL -> p -> variableScaleDecimal(p, field);
            case DATE, CONNECT_DATE ->
                    p -> {
                        Long days = readLong(p, field);
                        // The INT32 extremes are the lake's infinities, no finite date.
                        return days == null
                                ? null
                                : DebeziumEncodings.lakeDays(
                                        (int)
                                                inRange(
                                                        days,
                                                        -LakeValues.INFINITE_DAYS + 1,
                                                        LakeValues.INFINITE_DAYS - 1,
                                                        field));
                    };
            case TIME, CONNECT_TIME ->
                    p -> {
                        Long millis = readLong(p, field);
                        return millis == null ? null : DebeziumEncodings.millisToMicros(millis);
                    };
            case MICRO_TIME, MICRO_DURATION -> p -> readLong(p, field);
            case NANO_TIME ->
                    p -> {
                        Long nanos = readLong(p, field);
                        return nanos == null ? null : DebeziumEncodings.nanosToMicros(nanos);
                    };
            case TIMESTAMP, CONNECT_TIMESTAMP -> p -> timestamp(readLong(p, field), 1);
            case MICRO_TIMESTAMP -> p -> timestamp(readLong(p, field), 1000);
            case NANO_TIMESTAMP -> p -> timestampOfNanos(readLong(p, field));
            case ZONED_TIMESTAMP -> p -> zonedTimestamp(p, field);
            case BITS -> p -> readBytes(p, field);
            case INTERVAL -> p -> readString(p, field);
            case POINT -> p -> point(p, field);
        };
    }

    /**
     * The reader of a column of each Connect type without a known logical type; the lake type is
     * {@link DebeziumTypes.ConnectType}'s.
     */
    private ValueReader reader(DebeziumTypes.ConnectType connect, ConnectField field) {
        return switch (connect) {
            case BOOLEAN -> p -> readBoolean(p, field);
            case INT8, INT16 ->
                    p -> {
                        Long value = readLong(p, field);
                        return value == null
                                ? null
                                : (short) inRange(value, Short.MIN_VALUE, Short.MAX_VALUE, field);
                    };
            case INT32 ->
                    p -> {
                        Long value = readLong(p, field);
                        return value == null
                                ? null
                                : (int) inRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE, field);
                    };
            case INT64 -> p -> readLong(p, field);
            case FLOAT ->
                    p -> {
                        Double d = readDouble(p, field);
                        return d == null ? null : d.floatValue();
                    };
            case DOUBLE -> p -> readDouble(p, field);
            case STRING ->
                    DebeziumEncodings.isNumericSource(
                                    field.parameter(DebeziumTypes.SOURCE_COLUMN_TYPE))
                            ? p -> {
                                Object text = readString(p, field);
                                return text instanceof StringData digits
                                        ? StringData.fromString(
                                                DebeziumEncodings.numericText(digits.toString()))
                                        : text;
                            }
                            : p -> readString(p, field);
            case BYTES -> p -> readBytes(p, field);
            case STRUCT, MAP ->
                    // Kept whole as JSON text (geometries, hstore as a map), so nothing is dropped.
                    p -> {
                        if (p.currentToken() != JsonToken.VALUE_NULL
                                && p.currentToken() != JsonToken.START_OBJECT) {
                            throw mismatch(field, p);
                        }
                        return jsonText(p);
                    };
            case ARRAY ->
                    throw new IllegalArgumentException(
                            "an array's reader is its element's: see array()");
        };
    }

    private Mapped decimal(ConnectField field) {
        int scale =
                Integer.parseInt(field.parameter("scale") == null ? "0" : field.parameter("scale"));
        String declared = field.parameter("connect.decimal.precision");
        LakeType type =
                DebeziumTypes.decimal(declared == null ? null : Integer.valueOf(declared), scale);
        if (type.kind() == Kind.STRING) {
            // Beyond what Parquet readers agree on: keep the exact digits as text.
            return new Mapped(
                    type,
                    p -> {
                        Object value = decimalBytes(p, field, scale);
                        return value instanceof BigDecimal exact
                                ? StringData.fromString(exact.toPlainString())
                                : value;
                    });
        }
        int precision = type.precision();
        return new Mapped(
                type,
                p -> {
                    Object value = decimalBytes(p, field, scale);
                    if (value == null || value == ValueReader.UNAVAILABLE) {
                        return value;
                    }
                    DecimalData data =
                            DecimalData.fromBigDecimal((BigDecimal) value, precision, scale);
                    if (data == null) {
                        throw new DecodeException(
                                "column '"
                                        + field.name()
                                        + "': "
                                        + value
                                        + " does not fit DECIMAL("
                                        + precision
                                        + ","
                                        + scale
                                        + ")");
                    }
                    return data;
                });
    }

    private Mapped array(ConnectField field) {
        JsonNode items = field.schema().path("items");
        Mapped element = map(ConnectField.of(items));
        ValueReader elementReader = element.reader();
        return new Mapped(
                LakeType.array(element.type()),
                p -> {
                    JsonToken token = p.currentToken();
                    if (token == JsonToken.VALUE_NULL) {
                        return null;
                    }
                    if (token != JsonToken.START_ARRAY) {
                        throw mismatch(field, p);
                    }
                    List<Object> values = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == JsonToken.VALUE_STRING
                                && values.isEmpty()
                                && placeholder.equals(p.getText())) {
                            // Debezium stands a one-element list with the placeholder in for an
                            // unavailable
                            // array.
                            p.skipChildren();
                            if (p.nextToken() == JsonToken.END_ARRAY) {
                                return ValueReader.UNAVAILABLE;
                            }
                            throw new DecodeException(
                                    "column '"
                                            + field.name()
                                            + "': array element '"
                                            + placeholder
                                            + "' among others");
                        }
                        Object value = elementReader.read(p);
                        values.add(value == ValueReader.UNAVAILABLE ? null : value);
                    }
                    return new GenericArrayData(values.toArray());
                });
    }

    // ------------------------------------------------------------------ readers

    private Object readString(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw mismatch(field, p);
        }
        String text = p.getText();
        return placeholder.equals(text) ? ValueReader.UNAVAILABLE : StringData.fromString(text);
    }

    private Object readBytes(JsonParser p, ConnectField field) throws IOException, DecodeException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw mismatch(field, p);
        }
        if (placeholderBase64.equals(p.getText())) {
            return ValueReader.UNAVAILABLE;
        }
        try {
            return p.getBinaryValue();
        } catch (IOException e) {
            throw new DecodeException(
                    "column '" + field.name() + "': not base64: " + e.getMessage());
        }
    }

    /** The text of a type Debezium does not know, which it sends as that text's bytes. */
    private Object unknownTypeText(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        Object bytes = readBytes(p, field);
        if (bytes instanceof byte[] raw) {
            String text = new String(raw, StandardCharsets.UTF_8);
            return StringData.fromString(
                    PostgresText.isGeometric(field.parameter(DebeziumTypes.SOURCE_COLUMN_TYPE))
                            ? PostgresText.geometric(text)
                            : text);
        }
        return bytes;
    }

    /** A point's {@code x} and {@code y} as PostgreSQL prints the point: {@code (x,y)}. */
    private static Object point(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw mismatch(field, p);
        }
        Double x = null;
        Double y = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("x".equals(name)) {
                x = readDouble(p, field);
            } else if ("y".equals(name)) {
                y = readDouble(p, field);
            } else {
                p.skipChildren();
            }
        }
        if (x == null || y == null) {
            throw new DecodeException("column '" + field.name() + "': a point without x or y");
        }
        return StringData.fromString(PostgresText.point(x, y));
    }

    /** The decimal's value, null, or {@link ValueReader#UNAVAILABLE}. */
    private Object decimalBytes(JsonParser p, ConnectField field, int scale)
            throws IOException, DecodeException {
        Object bytes = readBytes(p, field);
        return bytes instanceof byte[] unscaled
                ? DebeziumEncodings.decimal(unscaled, scale)
                : bytes;
    }

    private static Object variableScaleDecimal(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw mismatch(field, p);
        }
        Integer scale = null;
        byte[] unscaled = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("scale".equals(name)) {
                scale = p.getIntValue();
            } else if ("value".equals(name)) {
                unscaled = p.getBinaryValue();
            } else {
                p.skipChildren();
            }
        }
        if (scale == null || unscaled == null) {
            throw new DecodeException(
                    "column '" + field.name() + "': VariableScaleDecimal without scale or value");
        }
        return StringData.fromString(DebeziumEncodings.decimal(unscaled, scale).toPlainString());
    }

    private static Boolean readBoolean(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        switch (p.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                throw mismatch(field, p);
        }
    }

    private static Long readLong(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch(field, p);
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new DecodeException(
                    "column '"
                            + field.name()
                            + "' of type "
                            + field.describe()
                            + ": "
                            + p.getText()
                            + " is out of range");
        }
        return p.getLongValue();
    }

    private static long inRange(long value, long min, long max, ConnectField field)
            throws DecodeException {
        if (value < min || value > max) {
            throw new DecodeException(
                    "column '"
                            + field.name()
                            + "' of type "
                            + field.describe()
                            + ": "
                            + value
                            + " is out of range");
        }
        return value;
    }

    private static Double readDouble(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            // Jackson writes NaN and the infinities as strings.
            switch (p.getText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw mismatch(field, p);
    }

    private static Object zonedTimestamp(JsonParser p, ConnectField field)
            throws IOException, DecodeException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw mismatch(field, p);
        }
        String text = p.getText();
        if (text.equals(LakeValues.INFINITY) || text.equals(LakeValues.NEGATIVE_INFINITY)) {
            // Debezium passes PostgreSQL's infinities on as PostgreSQL spells them.
            return infiniteTimestamp(text.equals(LakeValues.INFINITY) ? 1 : -1);
        }
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return TimestampData.fromInstant(instant);
        } catch (DateTimeParseException e) {
            throw new DecodeException(
                    "column '"
                            + field.name()
                            + "': '"
                            + text
                            + "' is not an ISO-8601 timestamp with offset");
        }
    }

    private static Object jsonText(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            generator.copyCurrentStructure(p);
        }
        return StringData.fromString(out.toString());
    }

    /** The job's {@code infinity} ({@code sign} 1) or {@code -infinity} (-1) of a timestamp. */
    /**
     * A timestamp Debezium sends in milliseconds ({@code unitsPerMilli} 1) or microseconds (1000),
     * where its extremes stand for PostgreSQL's infinities.
     */
    private static TimestampData timestamp(Long value, long unitsPerMilli) {
        if (value == null) {
            return null;
        }
        int infinity = DebeziumEncodings.timestampInfinity(value, unitsPerMilli);
        if (infinity != 0) {
            return infiniteTimestamp(infinity);
        }
        return timestampOfMicros(
                unitsPerMilli == 1 ? DebeziumEncodings.millisToMicros(value) : value);
    }

    private static TimestampData infiniteTimestamp(int sign) {
        return TimestampData.fromEpochMillis(
                sign > 0
                        ? LakeValues.POSITIVE_INFINITY_MILLIS
                        : LakeValues.NEGATIVE_INFINITY_MILLIS);
    }

    private static TimestampData timestampOfMicros(Long micros) {
        if (micros == null) {
            return null;
        }
        return TimestampData.fromEpochMillis(
                Math.floorDiv(micros, 1000), (int) Math.floorMod(micros, 1000) * 1000);
    }

    private static TimestampData timestampOfNanos(Long nanos) {
        if (nanos == null) {
            return null;
        }
        return TimestampData.fromEpochMillis(
                Math.floorDiv(nanos, 1_000_000), (int) Math.floorMod(nanos, 1_000_000));
    }

    static DecodeException mismatch(ConnectField field, JsonParser p) {
        return new DecodeException(
                "column '"
                        + field.name()
                        + "' of type "
                        + field.describe()
                        + ": unexpected JSON "
                        + p.currentToken());
    }
}
