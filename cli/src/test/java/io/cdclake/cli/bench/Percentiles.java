package io.cdclake.cli.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles: every value reported was measured, none is interpolated. */
final class Percentiles {

    private Percentiles() {}

    static long of(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * p50, p95, p99, max and mean of {@code values}, under {@code <prefix>p50<suffix>} and so on.
     */
    static Map<String, Object> summary(long[] values, String prefix, String suffix) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        if (sorted.length == 0) {
            return out;
        }
        out.put(prefix + "p50" + suffix, of(sorted, 50));
        out.put(prefix + "p95" + suffix, of(sorted, 95));
        out.put(prefix + "p99" + suffix, of(sorted, 99));
        out.put(prefix + "max" + suffix, sorted[sorted.length - 1]);
        out.put(prefix + "mean" + suffix, Math.round(Arrays.stream(sorted).average().orElse(0)));
        return out;
    }
}
