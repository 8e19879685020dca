package io.cdclake.reader.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdclake.format.DebeziumEncodings;
import io.cdclake.format.LakeValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * Brings a lake value (as {@link LakeTableReader} reads it) and a JDBC value (as {@link
 * DatabaseTable} reads it) of one PostgreSQL column to the same canonical form, so that {@link
 * Object#equals} decides whether they are the same value:
 *
 * <ul>
 *   <li>integers of any width: {@code Long}; {@code real}: {@code Float}, {@code double precision}:
 *       {@code Double}, whatever width the other side used
 *   <li>{@code numeric}, {@code money}: {@code BigDecimal} without trailing zeros (so 1.50 = 1.5)
 *   <li>{@code date}, {@code time}, {@code timestamp}: {@code LocalDate}, {@code LocalTime}, {@code
 *       LocalDateTime}; {@code timestamptz}: {@code Instant}; {@code timetz}: {@code OffsetTime} in
 *       UTC
 *   <li>{@code json}, {@code jsonb}, {@code hstore}: a parsed JSON tree (key order, white space and
 *       number spelling do not matter)
 *   <li>{@code bytea}: {@link Bytes}; {@code bit}, {@code varbit}: {@link Bits} (Debezium keeps the
 *       value, not the leading zeros); {@code uuid}: lower-case text; {@code interval}:
 *       microseconds, as Debezium computes them (a month is 30.4375 days)
 *   <li>arrays: lists of canonical elements; anything else: its text
 * </ul>
 *
 * A value that cannot be brought to its column's form stays as text, so it compares unequal to a
 * well-formed value and shows up in the report rather than failing the verification.
 */
final class CanonicalValues {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * PostgreSQL's text form of timestamps: a space between date and time, up to 6 fractional
     * digits.
     */
    private static final DateTimeFormatter PG_LOCAL_DATE_TIME =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter PG_OFFSET_DATE_TIME =
            new DateTimeFormatterBuilder()
                    .append(PG_LOCAL_DATE_TIME)
                    .optionalStart()
                    .appendOffset("+HH:mm", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH", "Z")
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    private CanonicalValues() {}

    /** Bytes with value equality. */
    record Bytes(byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "\\x" + HexFormat.of().formatHex(value);
        }
    }

    /** A bit string by its value: leading zeros are not kept by Debezium's encoding. */
    record Bits(BigInteger value) {
        @Override
        public String toString() {
            return "B'" + value.toString(2) + "'";
        }
    }

    /** The canonical form of {@code value} for a column of {@code type}; null stays null. */
    static Object of(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return convert(type, value);
        } catch (RuntimeException | SQLException e) {
            return text(value);
        }
    }

    static boolean same(ColumnType type, Object a, Object b) {
        return Objects.equals(of(type, a), of(type, b));
    }

    private static Object convert(ColumnType type, Object value) throws SQLException {
        switch (type.kind()) {
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                if (value instanceof Number n) {
                    return n.longValue() != 0;
                }
                String b = value.toString().trim().toLowerCase(Locale.ROOT);
                if (b.equals("t") || b.equals("true") || b.equals("1")) {
                    return Boolean.TRUE;
                }
                if (b.equals("f") || b.equals("false") || b.equals("0")) {
                    return Boolean.FALSE;
                }
                return text(value);
            case INTEGER:
                if (value instanceof BigDecimal d) {
                    return integer(d);
                }
                if (value instanceof BigInteger i) {
                    return integer(new BigDecimal(i));
                }
                if (value instanceof Number n) {
                    return n.longValue();
                }
                return integer(new BigDecimal(value.toString().trim()));
            case FLOAT4:
                if (value instanceof Number n) {
                    return n.floatValue();
                }
                return Float.parseFloat(value.toString().trim());
            case FLOAT8:
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                return Double.parseDouble(value.toString().trim());
            case NUMERIC:
                return numeric(value);
            case TEXT:
                return text(value);
            case UUID:
                return (value instanceof UUID
                                ? value.toString()
                                : java.util.UUID.fromString(text(value).trim()).toString())
                        .toLowerCase(Locale.ROOT);
            case JSON:
            case HSTORE:
                return json(value);
            case BYTES:
                if (value instanceof byte[] bytes) {
                    return new Bytes(bytes);
                }
                if (value instanceof Bytes) {
                    return value;
                }
                String encoded = text(value);
                if (encoded.startsWith("\\x")) {
                    // PostgreSQL's hex output (arrays read as JSON)
                    return new Bytes(HexFormat.of().parseHex(encoded.substring(2)));
                }
                // binary.handling.mode=base64 writes bytes as text
                return new Bytes(Base64.getDecoder().decode(encoded));
            case BIT:
                return bits(value);
            case DATE:
                if (value instanceof LocalDate) {
                    return value;
                }
                if (value instanceof java.sql.Date d) {
                    return d.toLocalDate();
                }
                if (value instanceof Number n) {
                    return LocalDate.ofEpochDay(n.longValue());
                }
                return LocalDate.parse(text(value).trim());
            case TIME:
                if (value instanceof LocalTime) {
                    return value;
                }
                if (value instanceof java.sql.Time t) {
                    return t.toLocalTime();
                }
                if (value instanceof Number n) {
                    return LakeValues.timeOfMicros(n.longValue());
                }
                return LocalTime.parse(text(value).trim());
            case TIMETZ:
                if (value instanceof OffsetTime t) {
                    return t.withOffsetSameInstant(ZoneOffset.UTC);
                }
                return offsetTime(text(value).trim()).withOffsetSameInstant(ZoneOffset.UTC);
            case TIMESTAMP:
                if (value instanceof LocalDateTime) {
                    return value;
                }
                if (value instanceof java.sql.Timestamp t) {
                    return t.toLocalDateTime();
                }
                return LocalDateTime.parse(text(value).trim(), PG_LOCAL_DATE_TIME);
            case TIMESTAMPTZ:
                if (value instanceof Instant) {
                    return value;
                }
                if (value instanceof OffsetDateTime t) {
                    return t.toInstant();
                }
                if (value instanceof java.sql.Timestamp t) {
                    return t.toInstant();
                }
                return OffsetDateTime.parse(text(value).trim(), PG_OFFSET_DATE_TIME).toInstant();
            case INTERVAL:
                if (value instanceof PGInterval interval) {
                    return intervalMicros(interval);
                }
                if (value instanceof Number n) {
                    return n.longValue();
                }
                return intervalMicros(new PGInterval(text(value)));
            case ARRAY:
                return list(type.element(), value);
            case OTHER:
            default:
                if (value instanceof byte[] bytes) {
                    return new Bytes(bytes);
                }
                if (value instanceof Bytes) {
                    return value;
                }
                if (value instanceof Collection<?>
                        || value instanceof Object[]
                        || value instanceof Array) {
                    return list(new ColumnType(ColumnType.Kind.OTHER, type.sqlType(), null), value);
                }
                return text(value);
        }
    }

    /**
     * Debezium writes {@code bit(1)} as a boolean and longer bit strings as {@link
     * DebeziumEncodings#bits}; PostgreSQL prints them as {@code 1010}.
     */
    private static Object bits(Object value) {
        if (value instanceof Bits) {
            return value;
        }
        if (value instanceof Boolean b) {
            return new Bits(b ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (value instanceof byte[] || value instanceof Bytes) {
            return new Bits(
                    DebeziumEncodings.bits(
                            value instanceof Bytes wrapped ? wrapped.value() : (byte[]) value));
        }
        String text = text(value).trim();
        if (!text.matches("[01]*")) {
            return text;
        }
        return new Bits(text.isEmpty() ? BigInteger.ZERO : new BigInteger(text, 2));
    }

    private static Object integer(BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            return value.stripTrailingZeros();
        }
    }

    private static Object numeric(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i).stripTrailingZeros();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            // decimal.handling.mode=double: the shortest decimal that reads back as this double
            return new BigDecimal(value.toString()).stripTrailingZeros();
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue()).stripTrailingZeros();
        }
        String s = text(value).trim();
        // money as text ($1,234.50) and numeric's NaN/Infinity
        String digits = s.replaceAll("[$,\\s]", "");
        try {
            return new BigDecimal(digits).stripTrailingZeros();
        } catch (NumberFormatException e) {
            // NaN, Infinity, -Infinity spelled as Double does
            return s.equalsIgnoreCase("nan")
                    ? "NaN"
                    : s.equalsIgnoreCase("infinity")
                            ? "Infinity"
                            : s.equalsIgnoreCase("-infinity") ? "-Infinity" : s;
        }
    }

    /**
     * {@code HH:mm:ss[.f]} followed by {@code Z}, {@code +HH}, {@code +HH:mm} or {@code +HH:mm:ss}.
     */
    static OffsetTime offsetTime(String text) {
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        if (text.endsWith("Z") || text.endsWith("z")) {
            return OffsetTime.of(
                    LocalTime.parse(text.substring(0, text.length() - 1)), ZoneOffset.UTC);
        }
        if (sign <= 0) {
            throw new DateTimeParseException("no offset", text, 0);
        }
        return OffsetTime.of(
                LocalTime.parse(text.substring(0, sign)), ZoneOffset.of(text.substring(sign)));
    }

    /** Debezium's {@code MicroDuration} of a PostgreSQL interval. */
    static long intervalMicros(PGInterval interval) {
        return DebeziumEncodings.intervalMicros(
                interval.getYears(),
                interval.getMonths(),
                interval.getDays(),
                interval.getHours(),
                interval.getMinutes(),
                interval.getSeconds());
    }

    private static List<Object> list(ColumnType element, Object value) throws SQLException {
        Object items = value;
        if (items instanceof Array array) {
            items = array.getArray();
        }
        List<Object> out = new ArrayList<>();
        if (items instanceof Object[] array) {
            for (Object item : array) {
                out.add(of(element, item));
            }
        } else if (items instanceof Collection<?> collection) {
            for (Object item : collection) {
                out.add(of(element, item));
            }
        } else {
            throw new IllegalArgumentException("not an array: " + value.getClass().getName());
        }
        return out;
    }

    private static Object json(Object value) {
        JsonNode tree;
        if (value instanceof JsonNode node) {
            tree = node;
        } else if (value instanceof Map<?, ?> map) {
            // hstore as the JDBC driver reads it
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            map.forEach(
                    (k, v) -> object.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            tree = object;
        } else {
            try {
                tree = JSON.readTree(text(value));
            } catch (JsonProcessingException e) {
                return text(value);
            }
        }
        return tree == null ? text(value) : normalize(tree);
    }

    /** Numbers become decimals without trailing zeros, so 1, 1.0 and 1E0 are the same. */
    private static JsonNode normalize(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal decimal =
                    node.isIntegralNumber()
                            ? new BigDecimal(node.bigIntegerValue())
                            : node.decimalValue();
            return DecimalNode.valueOf(decimal.stripTrailingZeros());
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(normalize(item)));
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> object.set(e.getKey(), normalize(e.getValue())));
            return object;
        }
        return node;
    }

    private static String text(Object value) {
        if (value instanceof PGobject object) {
            return object.getValue();
        }
        if (value instanceof byte[] bytes) {
            return new Bytes(bytes).toString();
        }
        return value.toString();
    }

    /** A value for a report: NULL, text in single quotes (shortened), anything else as itself. */
    static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String s) {
            String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
            return "'" + shown.replace("'", "''") + "'";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(render(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof JsonNode node) {
            String s = node.toString();
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }
        if (value instanceof Float || value instanceof Double) {
            return value.toString();
        }
        String s = value.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
