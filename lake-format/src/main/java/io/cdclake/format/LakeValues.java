package io.cdclake.format;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical Java value of each lake type, what both formats read back to: {@code Boolean},
 * {@code Short} (SMALLINT), {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code
 * BigDecimal} with the column's scale, {@code String}, {@code byte[]}, {@code LocalDate}, {@code
 * LocalTime} ({@code 24:00:00}, which PostgreSQL allows, is {@link LocalTime#MAX}), {@code
 * LocalDateTime} (TIMESTAMP), {@code Instant} (TIMESTAMP_LTZ) and {@code List} of elements (ARRAY).
 */
public final class LakeValues {

    /** PostgreSQL's {@code time} reaches {@code 24:00:00}. */
    public static final long MAX_TIME_MICROS = 86_400_000_000L;

    private LakeValues() {}

    /**
     * A time of day in microseconds; {@code 24:00:00} becomes {@link LocalTime#MAX}, as the JDBC
     * driver reads it.
     */
    public static LocalTime timeOfMicros(long micros) {
        if (micros >= MAX_TIME_MICROS) {
            return LocalTime.MAX;
        }
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    /**
     * Whether two canonical values are the same: decimals by value, arrays and bytes by content.
     */
    public static boolean same(Object a, Object b) {
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
}
