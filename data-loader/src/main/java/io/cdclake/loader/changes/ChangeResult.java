package io.cdclake.loader.changes;

import java.time.Duration;
import java.util.Locale;

/** Committed changes only: operations of a transaction that was rolled back are not counted. */
public record ChangeResult(
        long inserts, long updates, long deletes, long transactions, Duration elapsed) {

    public long total() {
        return inserts + updates + deletes;
    }

    public long count(Operation op) {
        return switch (op) {
            case INSERT -> inserts;
            case UPDATE -> updates;
            case DELETE -> deletes;
        };
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "insert=%d update=%d delete=%d total=%d transactions=%d elapsed=%.2fs",
                inserts,
                updates,
                deletes,
                total(),
                transactions,
                elapsed.toNanos() / 1e9);
    }
}
