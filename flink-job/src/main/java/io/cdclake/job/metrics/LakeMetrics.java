package io.cdclake.job.metrics;

/**
 * Metric names of the job. Per-table metrics live in the operator's group {@code
 * cdclake.table.<schema.table>}; per-topic ones (tombstones carry no table) in {@code
 * cdclake.topic.<topic>}; job-wide ones in {@code cdclake}.
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

    /** Change events Kafka Connect sent again after a crash, dropped before the lake, per table. */
    public static final String RESENT_DROPPED = "resentEventsDropped";

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
