package io.cdclake.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
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
 *
 * <p>PostgreSQL's {@code infinity} and {@code -infinity} of {@code date}, {@code timestamp} and
 * {@code timestamptz} are the largest and smallest value of their Java class ({@link
 * LocalDate#MAX}, {@link LocalDateTime#MIN}, {@link Instant#MAX}, ...). In Parquet they are the
 * largest value of the column's integer and its negation ({@link #INFINITE_DAYS}, {@link
 * #INFINITE_UNITS}), as DuckDB writes and reads its own infinities; in CSV {@code infinity} and
 * {@code -infinity}, as PostgreSQL prints them. The job holds them as the epoch milliseconds {@link
 * #POSITIVE_INFINITY_MILLIS} and {@link #NEGATIVE_INFINITY_MILLIS}, and dates as {@code ±}{@link
 * #INFINITE_DAYS}.
 */
public final class LakeValues {

    /** PostgreSQL's {@code time} reaches {@code 24:00:00}. */
    public static final long MAX_TIME_MICROS = 86_400_000_000L;

    /** A date's infinity in Parquet's INT32 days; {@code -INFINITE_DAYS} is {@code -infinity}. */
    public static final int INFINITE_DAYS = Integer.MAX_VALUE;

    /**
     * A timestamp's infinity in Parquet's INT64 of any unit; {@code -INFINITE_UNITS} is {@code
     * -infinity}.
     */
    public static final long INFINITE_UNITS = Long.MAX_VALUE;

    /** {@code infinity} of a timestamp as the job holds it: epoch milliseconds no instant has. */
    public static final long POSITIVE_INFINITY_MILLIS = Long.MAX_VALUE;

    /** {@code -infinity} of a timestamp as the job holds it. */
    public static final long NEGATIVE_INFINITY_MILLIS = Long.MIN_VALUE;

    /** PostgreSQL's spelling, used in CSV. */
    public static final String INFINITY = "infinity";

    public static final String NEGATIVE_INFINITY = "-infinity";

    private LakeValues() {}

    /** The date of Parquet's INT32 days, infinities included. */
    public static LocalDate dateOfDays(int days) {
        if (days == INFINITE_DAYS) {
            return LocalDate.MAX;
        }
        if (days == -INFINITE_DAYS || days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(days);
    }

    /** Parquet's INT32 days of a date, infinities included. */
    public static int daysOfDate(LocalDate date) {
        if (date.equals(LocalDate.MAX)) {
            return INFINITE_DAYS;
        }
        if (date.equals(LocalDate.MIN)) {
            return -INFINITE_DAYS;
        }
        return Math.toIntExact(date.toEpochDay());
    }

    /** The sign of an infinite timestamp held as epoch milliseconds; 0 for a finite one. */
    public static int infinity(long epochMillis) {
        return epochMillis == POSITIVE_INFINITY_MILLIS
                ? 1
                : epochMillis == NEGATIVE_INFINITY_MILLIS ? -1 : 0;
    }

    /** The sign of an infinite canonical value (date, timestamp, instant); 0 for any other. */
    public static int infinity(Object value) {
        if (value.equals(LocalDate.MAX)
                || value.equals(LocalDateTime.MAX)
                || value.equals(Instant.MAX)) {
            return 1;
        }
        if (value.equals(LocalDate.MIN)
                || value.equals(LocalDateTime.MIN)
                || value.equals(Instant.MIN)) {
            return -1;
        }
        return 0;
    }

    /** An instant of epoch milliseconds and nanoseconds of the millisecond, infinities included. */
    public static Instant instant(long epochMillis, int nanosOfMilli) {
        int infinity = infinity(epochMillis);
        if (infinity != 0) {
            return infinity > 0 ? Instant.MAX : Instant.MIN;
        }
        return Instant.ofEpochMilli(epochMillis).plusNanos(nanosOfMilli);
    }

    /** The local date-time of epoch milliseconds (UTC), infinities included. */
    public static LocalDateTime localDateTime(long epochMillis, int nanosOfMilli) {
        int infinity = infinity(epochMillis);
        if (infinity != 0) {
            return infinity > 0 ? LocalDateTime.MAX : LocalDateTime.MIN;
        }
        return LocalDateTime.ofInstant(instant(epochMillis, nanosOfMilli), ZoneOffset.UTC);
    }

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
