package io.cdclake.job.metrics;

/**
 * Metric names of the job. Per-table metrics live in the operator's group {@code
 * cdclake.table.<source>.<schema>.<table>} (the source being the connector's {@code topic.prefix});
 * per-topic ones (tombstones carry no table) in {@code cdclake.topic.<topic>}; job-wide ones in
 * {@code cdclake}.
 */
public final class LakeMetrics {

    public static final String GROUP = "cdclake";
    public static final String TABLE_GROUP = "table";
    public static final String TOPIC_GROUP = "topic";

    /**
     * Rows written, one counter per op: {@code rows_c}, {@code rows_r}, {@code rows_u}, {@code
     * rows_d}, {@code rows_t}.
     */
    public static final String ROWS_PREFIX = "rows_";

    /** Events of a table that went to the dead-letter place. */
    public static final String DEAD_LETTERS = "deadLetters";

    /**
     * Change events Kafka Connect sent again after a crash, kept out of the lake's tables and
     * written to {@code _sent_again/}, per table.
     */
    public static final String RESENT_DROPPED = "resentEventsDropped";

    /**
     * Events at or below a WAL position the replay filter no longer remembers: perhaps copies, kept
     * because that cannot be shown, per table.
     */
    public static final String UNPROVEN_KEPT = "unprovenCopiesKept";

    /**
     * Changes below the furthest WAL position seen that are provably new: the WAL stepped back (a
     * restore, a promoted standby), per table.
     */
    public static final String BEHIND_MARK = "changesBehindMark";

    /** Streamed changes and snapshot reads the replay filter remembers, per subtask. */
    public static final String DEDUP_REMEMBERED = "replayFilterRemembered";

    /** Milliseconds between now and the commit time of the table's last event. */
    public static final String EVENT_TIME_LAG_MS = "eventTimeLagMs";

    /** Tombstones (null values after deletes), per topic. */
    public static final String TOMBSTONES_SKIPPED = "tombstonesSkipped";

    /** Logical messages ({@code op=m}), per topic. */
    public static final String MESSAGES_SKIPPED = "logicalMessagesSkipped";

    /**
     * Events of topics that are not table changes (heartbeats, transaction metadata), skipped, per
     * topic.
     */
    public static final String NOT_CHANGES_SKIPPED = "nonChangeEventsSkipped";

    /** Dead letters whose table could not be told, job-wide. */
    public static final String UNROUTABLE_DEAD_LETTERS = "deadLettersWithoutTable";

    /** Schemas parsed rather than found in the cache, job-wide. */
    public static final String SCHEMA_CACHE_MISSES = "schemaCacheMisses";

    private LakeMetrics() {}
}
