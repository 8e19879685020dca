package io.cdclake.reader.replay;

import java.time.Instant;

/**
 * The point of the changelog a current-state view stops at: every change, or those committed up to
 * a WAL position or a commit time.
 */
public sealed interface AsOf {

    /** Every change in the lake. */
    static AsOf none() {
        return Latest.INSTANCE;
    }

    /** Changes whose {@code _lsn} is at most {@code lsn}. */
    static AsOf lsn(long lsn) {
        return new Lsn(lsn);
    }

    /**
     * Changes committed in PostgreSQL at or before {@code time} ({@code _source_ts_ms}, the commit
     * time Debezium reports, in milliseconds).
     */
    static AsOf timestamp(Instant time) {
        return new Timestamp(time);
    }

    /** Every change. */
    enum Latest implements AsOf {
        INSTANCE
    }

    /** Up to a WAL position, inclusive. */
    record Lsn(long lsn) implements AsOf {}

    /** Up to a commit time, inclusive, to the millisecond. */
    record Timestamp(Instant time) implements AsOf {
        public Timestamp {
            if (time == null) {
                throw new IllegalArgumentException("no time given");
            }
        }
    }
}
