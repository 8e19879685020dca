package io.cdclake.cli.verify;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a CSV field back into the value {@link LakeTableReader} gives for the same column of a
 * Parquet file, so that the two formats compare value by value. The text is decoded by the
 * column's Parquet type, independently of the job's CSV writer: decimals as plain numbers, bytes as
 * base64, dates, times and timestamps as ISO-8601 (instants with {@code Z}), arrays as JSON arrays
 * whose numbers and booleans are bare and whose other elements are strings of their own text.
 */
final class CsvValues {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private CsvValues() {}

    /**
     * The value of {@code text} (null for a null field) as a column of {@code type}.
     *
     * @throws IllegalArgumentException the text is not a value of that type
     */
    static Object decode(String text, Type type) {
        if (text == null) {
            return null;
        }
        try {
            if (!type.isPrimitive()) {
                return list(text, type.asGroupType());
            }
            return primitive(text, type.asPrimitiveType());
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + describe(type) + ": " + e.getMessage(), e);
        }
    }

    private static Object primitive(String text, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return new BigDecimal(text).setScale(decimal.getScale());
        }
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN:
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("'" + text + "' is not a boolean");
                }
                return Boolean.valueOf(text);
            case INT32:
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return LocalDate.parse(text);
                }
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    return LocalTime.parse(text);
                }
                return Integer.valueOf(text);
            case INT64:
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    return LocalTime.parse(text);
                }
                if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
                    return timestamp.isAdjustedToUTC() ? Instant.parse(text) : LocalDateTime.parse(text);
                }
                return Long.valueOf(text);
            case FLOAT:
                return Float.valueOf(text);
            case DOUBLE:
                return Double.valueOf(text);
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return text;
                }
                return Base64.getDecoder().decode(text);
            default:
                throw new IllegalArgumentException("no CSV form for " + type);
        }
    }

    /** A three-level LIST as the job writes it: {@code list} of repeated {@code element}. */
    private static List<Object> list(String text, GroupType listType) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON array: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON array");
        }
        Type repeated = listType.getType(0);
        Type element = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                ? repeated.asGroupType().getType(0) : repeated;
        List<Object> values = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (item.isNull()) {
                values.add(null);
            } else if (item.isTextual()) {
                values.add(decode(item.textValue(), element));
            } else if (item.isNumber() || item.isBoolean()) {
                values.add(decode(item.isBigDecimal() ? item.decimalValue().toPlainString() : item.asText(), element));
            } else {
                throw new IllegalArgumentException("'" + text + "' has an element that is neither a value nor null: " + item);
            }
        }
        return values;
    }

    private static String describe(Type type) {
        if (!type.isPrimitive()) {
            return "JSON array";
        }
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return logical == null ? type.asPrimitiveType().getPrimitiveTypeName().name() : logical.toString();
    }

    /** Whether two values read from the lake are the same; decimals by value, arrays and bytes by content. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object key : x.keySet()) {
                if (!same(x.get(key), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** A value for a report line. */
    static String show(Object value) {
        if (value instanceof byte[] bytes) {
            return "base64 " + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(show(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return CanonicalValues.render(value);
    }
}
