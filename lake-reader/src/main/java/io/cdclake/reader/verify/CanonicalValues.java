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
 *   <li>{@code infinity} and {@code -infinity} of dates and timestamps: the largest and smallest
 *       value of the Java class, as the lake format reads them; {@code time} {@code 24:00:00}:
 *       {@link LocalTime#MAX}
 *   <li>{@code interval}: {@link Interval}, its months, days and microseconds when the lake kept
 *       them ({@code interval.handling.mode=string}), else Debezium's microseconds
 *   <li>geometric types: PostgreSQL's text with every number by value ({@code (1,1)} is {@code
 *       (1.0,1.0)}); ranges: PostgreSQL's text with bounds by value ({@code tstzrange} bounds as
 *       instants, so the session's time zone does not matter)
 *   <li>{@code xml}: its text, not the driver's object
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

    /**
     * An interval: its months, days and microseconds as PostgreSQL keeps them, and Debezium's
     * microseconds ({@code MicroDuration}, a month of 30.4375 days). A lake that holds only the
     * microseconds (months and days null) compares by them; otherwise by the three fields, so
     * {@code 1 mon} differs from {@code 30 days 10:30:00}.
     */
    record Interval(long micros, Integer months, Integer days, Long timeMicros) {

        static Interval of(
                int years,
                int months,
                int days,
                int hours,
                int minutes,
                long wholeSeconds,
                long microsOfSecond) {
            double seconds = wholeSeconds + microsOfSecond / 1e6;
            return new Interval(
                    DebeziumEncodings.intervalMicros(years, months, days, hours, minutes, seconds),
                    years * 12 + months,
                    days,
                    ((hours * 60L + minutes) * 60L + wholeSeconds) * 1_000_000L + microsOfSecond);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Interval other)) {
                return false;
            }
            if (months == null || other.months == null) {
                return micros == other.micros;
            }
            return months.equals(other.months)
                    && days.equals(other.days)
                    && timeMicros.equals(other.timeMicros);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(micros);
        }

        @Override
        public String toString() {
            if (months == null) {
                return micros + " µs";
            }
            return months + " mons " + days + " days " + timeMicros + " µs";
        }
    }

    /** Debezium's {@code interval.handling.mode=string}: {@code P1Y2M3DT4H5M6.78S}. */
    private static final java.util.regex.Pattern ISO_INTERVAL =
            java.util.regex.Pattern.compile(
                    "P(?:(-?\\d+)Y)?(?:(-?\\d+)M)?(?:(-?\\d+)D)?"
                            + "(?:T(?:(-?\\d+)H)?(?:(-?\\d+)M)?(?:(-?\\d+(?:\\.\\d+)?)S)?)?");

    /** A number in PostgreSQL's text of a geometric value. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile(
                    "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?Infinity|NaN");

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
                return infinite(text(value).trim(), LocalDate.MIN, LocalDate.MAX, LocalDate::parse);
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
                String time = text(value).trim();
                return time.equals("24:00:00") ? LocalTime.MAX : LocalTime.parse(time);
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
                return infinite(
                        text(value).trim(),
                        LocalDateTime.MIN,
                        LocalDateTime.MAX,
                        t -> LocalDateTime.parse(t, PG_LOCAL_DATE_TIME));
            case TIMESTAMPTZ:
                if (value instanceof Instant) {
                    return value;
                }
                if (value instanceof OffsetDateTime t) {
                    // The driver reads infinity and -infinity as OffsetDateTime.MAX and MIN.
                    return t.equals(OffsetDateTime.MAX)
                            ? Instant.MAX
                            : t.equals(OffsetDateTime.MIN) ? Instant.MIN : t.toInstant();
                }
                if (value instanceof java.sql.Timestamp t) {
                    return t.toInstant();
                }
                return infinite(
                        text(value).trim(),
                        Instant.MIN,
                        Instant.MAX,
                        t -> OffsetDateTime.parse(t, PG_OFFSET_DATE_TIME).toInstant());
            case INTERVAL:
                if (value instanceof Interval) {
                    return value;
                }
                if (value instanceof PGInterval interval) {
                    return interval(interval);
                }
                if (value instanceof Number n) {
                    return new Interval(n.longValue(), null, null, null);
                }
                String interval = text(value).trim();
                return interval.startsWith("P") || interval.startsWith("-P")
                        ? isoInterval(interval)
                        : interval(new PGInterval(interval));
            case GEOMETRIC:
                return geometric(text(value));
            case RANGE:
                return range(type, text(value).trim());
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

    /** {@code infinity}, {@code -infinity} or a finite value. */
    private static <T> T infinite(
            String text, T negative, T positive, java.util.function.Function<String, T> finite) {
        if (text.equalsIgnoreCase("infinity")) {
            return positive;
        }
        if (text.equalsIgnoreCase("-infinity")) {
            return negative;
        }
        return finite.apply(text);
    }

    static Interval interval(PGInterval interval) {
        return Interval.of(
                interval.getYears(),
                interval.getMonths(),
                interval.getDays(),
                interval.getHours(),
                interval.getMinutes(),
                interval.getWholeSeconds(),
                interval.getMicroSeconds());
    }

    /** Debezium's ISO-8601 text of an interval; each field may be negative. */
    static Interval isoInterval(String text) {
        java.util.regex.Matcher m = ISO_INTERVAL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an ISO-8601 interval: " + text);
        }
        BigDecimal seconds = m.group(6) == null ? BigDecimal.ZERO : new BigDecimal(m.group(6));
        BigDecimal micros = seconds.movePointRight(6);
        return Interval.of(
                field(m.group(1)),
                field(m.group(2)),
                field(m.group(3)),
                field(m.group(4)),
                field(m.group(5)),
                seconds.longValue(),
                micros.subtract(BigDecimal.valueOf(seconds.longValue()).movePointRight(6))
                        .longValueExact());
    }

    private static int field(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /** PostgreSQL's text of a geometric value with each number as Java prints its double. */
    static String geometric(String text) {
        java.util.regex.Matcher m = NUMBER.matcher(text.replace(" ", ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Double.toString(Double.parseDouble(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A range's text with its bounds unquoted and brought to their value's form: {@code tstzrange}
     * bounds as instants, {@code tsrange} bounds as ISO local date-times, {@code numrange} bounds
     * without trailing zeros.
     */
    static String range(ColumnType type, String text) {
        if (text.equalsIgnoreCase("empty")) {
            return "empty";
        }
        char open = text.charAt(0);
        char close = text.charAt(text.length() - 1);
        String inner = text.substring(1, text.length() - 1);
        int comma = topLevelComma(inner);
        String subtype = type.sqlType().toLowerCase(Locale.ROOT);
        return open
                + bound(subtype, inner.substring(0, comma))
                + ","
                + bound(subtype, inner.substring(comma + 1))
                + close;
    }

    private static int topLevelComma(String inner) {
        boolean quoted = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a range: " + inner);
    }

    private static String bound(String subtype, String raw) {
        String value = raw.trim();
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
            value =
                    value.substring(1, value.length() - 1)
                            .replace("\"\"", "\"")
                            .replaceAll("\\\\(.)", "$1");
        }
        if (value.isEmpty()
                || value.equalsIgnoreCase("infinity")
                || value.equalsIgnoreCase("-infinity")) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (subtype.startsWith("tstzrange")) {
            return OffsetDateTime.parse(value, PG_OFFSET_DATE_TIME).toInstant().toString();
        }
        if (subtype.startsWith("tsrange")) {
            return LocalDateTime.parse(value, PG_LOCAL_DATE_TIME).toString();
        }
        if (subtype.startsWith("numrange")) {
            return new BigDecimal(value).stripTrailingZeros().toPlainString();
        }
        return value;
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
        if (value instanceof java.sql.SQLXML xml) {
            try {
                return xml.getString();
            } catch (SQLException e) {
                throw new IllegalArgumentException("unreadable xml", e);
            }
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
