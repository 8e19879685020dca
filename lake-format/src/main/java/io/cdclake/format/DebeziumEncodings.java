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

    private DebeziumEncodings() {}

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
