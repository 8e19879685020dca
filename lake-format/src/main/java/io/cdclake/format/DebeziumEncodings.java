package io.cdclake.format;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How Debezium encodes PostgreSQL values, written once for the job that decodes them and for the
 * verifier that compares them with PostgreSQL's own.
 */
public final class DebeziumEncodings {

    /** Debezium's {@code MicroDuration.DAYS_PER_MONTH_AVG}: an interval's month is 30.4375 days. */
    public static final double DAYS_PER_MONTH_AVG = 365.25 / 12;

    /**
     * Debezium's PostgreSQL connector sends {@code infinity} and {@code -infinity} of {@code date}
     * and {@code timestamp} as the values its {@code PostgresValueConverter} derives from the JDBC
     * driver's {@code PGStatement.DATE_POSITIVE_INFINITY} (9223372036825200000) and {@code
     * DATE_NEGATIVE_INFINITY} (-9223372036832400000): as microseconds of a {@code MicroTimestamp},
     * the same number; as milliseconds of a {@code Timestamp}, a thousandth of it; as days of a
     * {@code Date}, the epoch days of the dates -5877611-06-21 and -5877611-06-22. No finite value
     * PostgreSQL holds is one of them but the instants 294247-01-10T04:00:25.2 and
     * -290308-12-21T19:59:27.6, which Debezium cannot tell from the infinities either.
     */
    public static final long POSITIVE_INFINITY_MICROS = 9_223_372_036_825_200_000L;

    public static final long NEGATIVE_INFINITY_MICROS = -9_223_372_036_832_400_000L;

    public static final long POSITIVE_INFINITY_MILLIS = POSITIVE_INFINITY_MICROS / 1000;

    public static final long NEGATIVE_INFINITY_MILLIS = NEGATIVE_INFINITY_MICROS / 1000;

    public static final int POSITIVE_INFINITY_DAYS = -2_147_472_692;

    public static final int NEGATIVE_INFINITY_DAYS = -2_147_472_691;

    /**
     * What the snapshot sends for a {@code date} {@code infinity} and {@code -infinity}: the
     * driver's infinite {@code java.sql.Date}, its epoch days cut to an int. The worker's time zone
     * moves them by a day, so a day either side is the same infinity; PostgreSQL's dates end 600
     * million days earlier.
     */
    public static final int SNAPSHOT_POSITIVE_INFINITY_DAYS = -622_191_234;

    public static final int SNAPSHOT_NEGATIVE_INFINITY_DAYS = -625_821_272;

    /** {@code decimal.handling.mode=string} spells numeric infinities as Java enum names. */
    private static final String POSITIVE_INFINITY_NAME = "POSITIVE_INFINITY";

    private static final String NEGATIVE_INFINITY_NAME = "NEGATIVE_INFINITY";

    private DebeziumEncodings() {}

    /**
     * The sign of a Debezium timestamp that stands for an infinity, 0 for a finite one.
     *
     * @param value the timestamp in {@code unitsPerMilli} units per millisecond (1 for {@code
     *     Timestamp}, 1000 for {@code MicroTimestamp})
     */
    public static int timestampInfinity(long value, long unitsPerMilli) {
        long positive = unitsPerMilli == 1 ? POSITIVE_INFINITY_MILLIS : POSITIVE_INFINITY_MICROS;
        long negative = unitsPerMilli == 1 ? NEGATIVE_INFINITY_MILLIS : NEGATIVE_INFINITY_MICROS;
        return value == positive ? 1 : value == negative ? -1 : 0;
    }

    /**
     * A Debezium {@code Date}'s days as the lake's, the infinities ±{@link
     * LakeValues#INFINITE_DAYS}.
     */
    public static int lakeDays(int debeziumDays) {
        if (debeziumDays == POSITIVE_INFINITY_DAYS
                || Math.abs((long) debeziumDays - SNAPSHOT_POSITIVE_INFINITY_DAYS) <= 1) {
            return LakeValues.INFINITE_DAYS;
        }
        if (debeziumDays == NEGATIVE_INFINITY_DAYS
                || Math.abs((long) debeziumDays - SNAPSHOT_NEGATIVE_INFINITY_DAYS) <= 1) {
            return -LakeValues.INFINITE_DAYS;
        }
        return debeziumDays;
    }

    /**
     * A {@code numeric} as {@code decimal.handling.mode=string} sends it, in PostgreSQL's spelling:
     * digits stay, {@code NAN} becomes {@code NaN}, {@code POSITIVE_INFINITY} and {@code
     * NEGATIVE_INFINITY} become {@code Infinity} and {@code -Infinity}.
     */
    public static String numericText(String debeziumText) {
        switch (debeziumText) {
            case "NAN":
                return "NaN";
            case POSITIVE_INFINITY_NAME:
                return "Infinity";
            case NEGATIVE_INFINITY_NAME:
                return "-Infinity";
            default:
                return debeziumText;
        }
    }

    /** Whether a column's source type ({@link DebeziumTypes#SOURCE_COLUMN_TYPE}) is numeric. */
    public static boolean isNumericSource(String sourceColumnType) {
        return sourceColumnType != null
                && (sourceColumnType.equalsIgnoreCase("numeric")
                        || sourceColumnType.equalsIgnoreCase("decimal"));
    }

    /** Debezium's {@code MicroDuration.durationMicros} of an interval's fields. */
    public static long intervalMicros(
            int years, int months, int days, int hours, int minutes, double seconds) {
        double totalDays = ((years * 12) + months) * DAYS_PER_MONTH_AVG + days;
        double totalSeconds = (((totalDays * 24 + hours) * 60) + minutes) * 60 + seconds;
        return (long) (totalSeconds * 1e6);
    }

    /**
     * The value of a {@code bit(n>1)} or {@code varbit}: Debezium's {@code Bits} are the
     * little-endian bytes of the value ({@code B'1010'} is {@code 0x0A}, {@code B'0000'} no bytes),
     * so leading zeros are not kept. ({@code bit(1)} is a boolean.)
     */
    public static BigInteger bits(byte[] littleEndian) {
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    /**
     * A Connect {@code Decimal} or the {@code value} of a {@code VariableScaleDecimal}: big-endian
     * unscaled bytes.
     */
    public static BigDecimal decimal(byte[] unscaled, int scale) {
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    /**
     * {@code io.debezium.time.Time} and Connect's {@code Time} are milliseconds; the lake keeps
     * microseconds.
     */
    public static long millisToMicros(long millis) {
        return millis * 1000;
    }

    /**
     * {@code io.debezium.time.NanoTime} is nanoseconds; the lake keeps microseconds (PostgreSQL's
     * precision).
     */
    public static long nanosToMicros(long nanos) {
        return Math.floorDiv(nanos, 1000);
    }
}
