package io.cdclake.reader.replay;

import io.cdclake.format.LakeType;
import io.cdclake.format.LakeValues;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings DuckDB's values of a lake column back to the lake's canonical Java values ({@link
 * LakeValues}), the values Parquet and CSV read back to. Times and timestamps leave DuckDB as epoch
 * units ({@link #export}): its JDBC driver turns them into {@code java.sql} types, and fails on the
 * time {@code 24:00:00} that PostgreSQL allows.
 */
public final class DuckDbValues {

    private DuckDbValues() {}

    /**
     * The SQL expression that exports {@code expression}, a value of {@code type}, for {@link
     * #read}.
     */
    public static String export(LakeType type, String expression) {
        switch (type.kind()) {
            case TIME:
                return "epoch_us(" + expression + ")";
            case DATE:
                return infinities(expression, "(" + expression + " - DATE '1970-01-01')");
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                return infinities(
                        expression,
                        (type.precision() > 6 ? "epoch_ns(" : "epoch_us(") + expression + ")");
            case ARRAY:
                if (!needsExport(type.element())) {
                    return expression;
                }
                return "list_transform("
                        + expression
                        + ", lambda __cdc_lake_x: "
                        + export(type.element(), "__cdc_lake_x")
                        + ")";
            default:
                return expression;
        }
    }

    /**
     * Epoch units, with PostgreSQL's infinities (DuckDB has them too, but its epoch functions give
     * NULL for them) as the largest and smallest BIGINT.
     */
    private static String infinities(String expression, String units) {
        return "CASE WHEN isinf("
                + expression
                + ") THEN (CASE WHEN "
                + expression
                + " > CAST('epoch' AS TIMESTAMP) THEN 9223372036854775807"
                + " ELSE -9223372036854775807 - 1 END) ELSE "
                + units
                + " END";
    }

    private static boolean needsExport(LakeType type) {
        return !export(type, "x").equals("x");
    }

    /** The canonical value of a JDBC value read from an {@link #export}ed expression. */
    public static Object read(LakeType type, Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        switch (type.kind()) {
            case SMALLINT:
                return ((Number) value).shortValue();
            case INT:
                return ((Number) value).intValue();
            case BIGINT:
                return ((Number) value).longValue();
            case FLOAT:
                return ((Number) value).floatValue();
            case DOUBLE:
                return ((Number) value).doubleValue();
            case BYTES:
                if (value instanceof Blob blob) {
                    return blob.getBytes(1, (int) blob.length());
                }
                return value;
            case TIME:
                return LakeValues.timeOfMicros(((Number) value).longValue());
            case DATE:
                {
                    long days = ((Number) value).longValue();
                    return days == Long.MAX_VALUE
                            ? LocalDate.MAX
                            : days == Long.MIN_VALUE ? LocalDate.MIN : LocalDate.ofEpochDay(days);
                }
            case TIMESTAMP:
                {
                    long units = ((Number) value).longValue();
                    return units == Long.MAX_VALUE
                            ? LocalDateTime.MAX
                            : units == Long.MIN_VALUE
                                    ? LocalDateTime.MIN
                                    : LocalDateTime.ofInstant(instant(type, units), ZoneOffset.UTC);
                }
            case TIMESTAMP_LTZ:
                {
                    long units = ((Number) value).longValue();
                    return units == Long.MAX_VALUE
                            ? Instant.MAX
                            : units == Long.MIN_VALUE ? Instant.MIN : instant(type, units);
                }
            case ARRAY:
                Object[] items = (Object[]) ((Array) value).getArray();
                List<Object> list = new ArrayList<>(items.length);
                for (Object item : items) {
                    list.add(read(type.element(), item));
                }
                return list;
            default:
                // Boolean, BigDecimal (with the column's scale), String.
                return value;
        }
    }

    private static Instant instant(LakeType type, long units) {
        if (type.precision() > 6) {
            return Instant.ofEpochSecond(
                    Math.floorDiv(units, 1_000_000_000L), Math.floorMod(units, 1_000_000_000L));
        }
        return Instant.ofEpochSecond(
                Math.floorDiv(units, 1_000_000L), Math.floorMod(units, 1_000_000L) * 1000);
    }
}
