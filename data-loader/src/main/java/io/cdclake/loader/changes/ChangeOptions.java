package io.cdclake.loader.changes;

import java.time.Duration;

/**
 * How many changes to make and how fast. The run ends after {@code count} operations or after
 * {@code duration}, whichever comes first; at least one of them must be set.
 *
 * @param count operations to make, or -1 for no limit
 * @param duration how long to run, or {@code null} for no limit
 * @param ratePerSecond operations per second, or 0 for as fast as possible
 * @param operationsPerTransaction how many operations go into one transaction at most
 */
public record ChangeOptions(
        OperationMix mix,
        long seed,
        long count,
        Duration duration,
        double ratePerSecond,
        int operationsPerTransaction) {

    public static final int DEFAULT_OPERATIONS_PER_TRANSACTION = 10;

    public ChangeOptions {
        if (mix == null) {
            throw new IllegalArgumentException("mix is required");
        }
        if (count < 0 && duration == null) {
            throw new IllegalArgumentException("give a count or a duration");
        }
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException(
                    "rate must be a positive number of operations per second");
        }
        if (operationsPerTransaction < 1) {
            throw new IllegalArgumentException("operations per transaction must be at least 1");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    public static ChangeOptions count(long count, long seed) {
        return new ChangeOptions(
                OperationMix.DEFAULT, seed, count, null, 0, DEFAULT_OPERATIONS_PER_TRANSACTION);
    }

    public ChangeOptions withMix(OperationMix newMix) {
        return new ChangeOptions(
                newMix, seed, count, duration, ratePerSecond, operationsPerTransaction);
    }

    public ChangeOptions withRate(double opsPerSecond, Duration runFor) {
        return new ChangeOptions(mix, seed, count, runFor, opsPerSecond, operationsPerTransaction);
    }

    public ChangeOptions withOperationsPerTransaction(int ops) {
        return new ChangeOptions(mix, seed, count, duration, ratePerSecond, ops);
    }
}
