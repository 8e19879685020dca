package io.cdclake.format;

import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;

/**
 * What every lake format can hold. A value one format cannot hold goes to neither (the job makes
 * its row a dead letter), so that Parquet and CSV never disagree and a writer never fails on input.
 * Each check returns null when the value can be written, otherwise why not.
 */
public final class Representability {

    private Representability() {}

    /** UTF-8, which both formats write, has no code for half a surrogate pair. */
    public static String textProblem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(
                        "unpaired UTF-16 surrogate \\u%04X at character %d cannot be written as"
                                + " UTF-8",
                        (int) c, i);
            }
        }
        return null;
    }

    /** A time of day from {@code 00:00:00} to PostgreSQL's {@code 24:00:00}. */
    public static String timeProblem(long micros) {
        return micros < 0 || micros > LakeValues.MAX_TIME_MICROS
                ? micros + " µs is not a time of day"
                : null;
    }

    /** A timestamp of {@code type} within what Parquet's INT64 of its unit holds. */
    public static String timestampProblem(LakeType type, long epochMillis, int nanosOfMilli) {
        TimeUnit unit = ParquetEncoding.timeUnit(type);
        return ParquetEncoding.timestampProblem(epochMillis, nanosOfMilli, unit);
    }
}
