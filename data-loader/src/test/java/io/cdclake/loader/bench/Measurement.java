package io.cdclake.loader.bench;

import java.util.Locale;

/** One timed load, printed as one line of JSON. */
record Measurement(String method, long rows, double seconds) {

    public double rowsPerSecond() {
        return rows / seconds;
    }

    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"benchmark\":\"data-loader\",\"method\":\"%s\",\"rows\":%d,\"seconds\":%.3f,\"rowsPerSecond\":%.0f}",
                method,
                rows,
                seconds,
                rowsPerSecond());
    }

    /** The closing line comparing COPY with batched inserts. */
    public static String ratioJson(Measurement copy, Measurement insert) {
        return String.format(
                Locale.ROOT,
                "{\"benchmark\":\"data-loader\",\"method\":\"copy-vs-insert\",\"rows\":%d,\"copyRowsPerSecond\":%.0f,"
                    + "\"insertRowsPerSecond\":%.0f,\"ratio\":%.2f}",
                copy.rows(),
                copy.rowsPerSecond(),
                insert.rowsPerSecond(),
                copy.rowsPerSecond() / insert.rowsPerSecond());
    }
}
