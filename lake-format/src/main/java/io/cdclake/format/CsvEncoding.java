package io.cdclake.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The CSV text of each lake type, and how it reads back: decimals as plain numbers, bytes as
 * base64, dates, times and timestamps as ISO-8601 (instants with {@code Z}, {@code 24:00:00} for
 * the end of the day, {@code infinity} and {@code -infinity} as PostgreSQL spells them), arrays as
 * JSON arrays whose numbers and booleans are bare and whose other elements are strings of their own
 * text. Null is an empty field and an empty value {@code ""}; that quoting is the file writer's.
 */
public final class CsvEncoding {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private CsvEncoding() {}

    /** The text of a canonical value ({@link LakeValues}) of {@code type}; never null. */
    public static String text(LakeType type, Object value) {
        switch (type.kind()) {
            case DECIMAL:
                return ((BigDecimal) value).toPlainString();
            case BYTES:
                return Base64.getEncoder().encodeToString((byte[]) value);
            case TIME:
                return LocalTime.MAX.equals(value) ? "24:00:00" : value.toString();
            case DATE:
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                int infinity = LakeValues.infinity(value);
                if (infinity != 0) {
                    return infinity > 0 ? LakeValues.INFINITY : LakeValues.NEGATIVE_INFINITY;
                }
                return value.toString();
            case ARRAY:
                return jsonArray(type.element(), (List<?>) value);
            default:
                // Boolean, numbers, String, LocalDate, LocalDateTime and Instant print as ISO-8601
                // already.
                return value.toString();
        }
    }

    /**
     * The canonical value of {@code text} (null for a null field) in a column of {@code type}.
     *
     * @throws IllegalArgumentException the text is not a value of that type
     */
    public static Object read(LakeType type, String text) {
        if (text == null) {
            return null;
        }
        try {
            return parse(type, text);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a " + type + ": " + e.getMessage(), e);
        }
    }

    private static Object parse(LakeType type, String text) {
        switch (type.kind()) {
            case BOOLEAN:
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("'" + text + "' is not a boolean");
                }
                return Boolean.valueOf(text);
            case SMALLINT:
                return Short.valueOf(text);
            case INT:
                return Integer.valueOf(text);
            case BIGINT:
                return Long.valueOf(text);
            case FLOAT:
                return Float.valueOf(text);
            case DOUBLE:
                return Double.valueOf(text);
            case DECIMAL:
                return new BigDecimal(text).setScale(type.scale());
            case STRING:
                return text;
            case BYTES:
                return Base64.getDecoder().decode(text);
            case DATE:
                return infinite(text, LocalDate.MIN, LocalDate.MAX, LocalDate::parse);
            case TIME:
                return text.equals("24:00:00") ? LocalTime.MAX : LocalTime.parse(text);
            case TIMESTAMP:
                return infinite(text, LocalDateTime.MIN, LocalDateTime.MAX, LocalDateTime::parse);
            case TIMESTAMP_LTZ:
                return infinite(text, Instant.MIN, Instant.MAX, Instant::parse);
            case ARRAY:
                return list(type.element(), text);
            default:
                throw new IllegalArgumentException("no CSV form for " + type);
        }
    }

    /** {@code -infinity}, {@code infinity} or a finite value. */
    private static <T> T infinite(
            String text, T negative, T positive, java.util.function.Function<String, T> finite) {
        if (text.equals(LakeValues.INFINITY)) {
            return positive;
        }
        if (text.equals(LakeValues.NEGATIVE_INFINITY)) {
            return negative;
        }
        return finite.apply(text);
    }

    private static List<Object> list(LakeType element, String text) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a JSON array: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON array");
        }
        List<Object> values = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (item.isNull()) {
                values.add(null);
            } else if (item.isTextual()) {
                values.add(read(element, item.textValue()));
            } else if (item.isNumber() || item.isBoolean()) {
                values.add(
                        read(
                                element,
                                item.isBigDecimal()
                                        ? item.decimalValue().toPlainString()
                                        : item.asText()));
            } else {
                throw new IllegalArgumentException(
                        "'" + text + "' has an element that is neither a value nor null: " + item);
            }
        }
        return values;
    }

    private static String jsonArray(LakeType element, List<?> items) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Object item = items.get(i);
            if (item == null) {
                json.append("null");
            } else if (isJsonNumberOrBoolean(element)) {
                json.append(text(element, item));
            } else {
                jsonString(text(element, item), json);
            }
        }
        return json.append(']').toString();
    }

    private static boolean isJsonNumberOrBoolean(LakeType type) {
        switch (type.kind()) {
            case BOOLEAN:
            case SMALLINT:
            case INT:
            case BIGINT:
            case DECIMAL:
                return true;
            default:
                return false;
        }
    }

    private static void jsonString(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
