package io.cdclake.job.options;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * Every option of the job, declared once. The README's options table is generated from this class
 * ({@link OptionsDocumentation}) and a test keeps the two equal.
 */
public final class LakeOptions {

    /** Where the job starts reading when it has no checkpoint or savepoint to resume from. */
    public enum StartingOffsets {
        /** The group's committed offsets; partitions without one start at the earliest offset. */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    /** How an update event becomes rows. */
    public enum UpdateMode {
        /** Two rows: the before image, then the after image (a replayable changelog). */
        BEFORE_AND_AFTER,
        /** One row: the after image only. */
        AFTER_ONLY
    }

    public enum Format {
        PARQUET,
        CSV
    }

    public enum ParquetCompression {
        SNAPPY,
        ZSTD,
        GZIP,
        NONE
    }

    // ---------------------------------------------------------------- source

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            key("kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Kafka bootstrap servers, for example `kafka:9092`. Required.");

    public static final ConfigOption<List<String>> KAFKA_TOPICS =
            key("kafka.topics")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Topics to read, separated by `;`. When set, `kafka.topic-pattern` is"
                                + " ignored. The topics must exist when the job starts (Debezium"
                                + " creates a table's topic with its first event); a pattern waits"
                                + " for them.");

    public static final ConfigOption<String> KAFKA_TOPIC_PATTERN =
            key("kafka.topic-pattern")
                    .stringType()
                    .defaultValue("postgres\\..+")
                    .withDescription(
                            "Regular expression of the topics to read when `kafka.topics` is not"
                                + " set. Topics that are not table changes (heartbeats, transaction"
                                + " metadata, logical messages) are ignored even when they match.");

    public static final ConfigOption<String> KAFKA_GROUP_ID =
            key("kafka.group-id")
                    .stringType()
                    .defaultValue("cdc-lake")
                    .withDescription(
                            "Consumer group id. Offsets are committed to it on each completed"
                                    + " checkpoint, for monitoring; the job itself resumes from"
                                    + " Flink state.");

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS =
            key("kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription(
                            "Where to start without a checkpoint or savepoint: `COMMITTED` (the"
                                    + " group's offsets, else earliest), `EARLIEST` or `LATEST`.");

    public static final ConfigOption<Duration> KAFKA_PARTITION_DISCOVERY =
            key("kafka.partition-discovery-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How often new topics and partitions are discovered, so that a newly"
                                    + " captured table is archived without a restart. `0` turns"
                                    + " discovery off.");

    /** Prefix of options handed to the Kafka consumer as they are (security, timeouts). */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    /**
     * The largest change event the pipeline carries: 64 MiB, as Connect's producer and the topics
     * allow.
     */
    public static final int MAX_EVENT_BYTES = 64 * 1024 * 1024;

    /**
     * Consumer properties the job sets unless {@code kafka.properties.*} gives them. A fetch may
     * bring one whole event of {@link #MAX_EVENT_BYTES}; the consumer would return a larger first
     * batch anyway, but only after a fetch sized for 1 MB partitions, so big rows would crawl.
     */
    public static final Map<String, String> KAFKA_CONSUMER_DEFAULTS =
            Map.of(
                    "max.partition.fetch.bytes", String.valueOf(MAX_EVENT_BYTES),
                    "fetch.max.bytes", String.valueOf(MAX_EVENT_BYTES));

    // ---------------------------------------------------------------- decoding

    public static final ConfigOption<UpdateMode> CHANGELOG_UPDATE_MODE =
            key("changelog.update-mode")
                    .enumType(UpdateMode.class)
                    .defaultValue(UpdateMode.BEFORE_AND_AFTER)
                    .withDescription(
                            "`BEFORE_AND_AFTER` writes an update as its before and after images"
                                    + " (two rows, `_image` tells them apart); `AFTER_ONLY` writes"
                                    + " the after image only.");

    public static final ConfigOption<Boolean> DEDUP_ENABLED =
            key("dedup.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Drops change events that Kafka Connect sent again after a crash"
                                + " (without Connect's exactly-once support). Per Kafka partition"
                                + " the job remembers the last streamed changes (WAL position from"
                                + " Debezium's `source.sequence`, table, op, key and after image)"
                                + " and how often each came; an event is dropped only when it"
                                + " repeats a remembered change at a position the stream had"
                                + " already passed, the k-th identical row of a COPY batch only"
                                + " when the first pass had k. A restarted snapshot's reads are"
                                + " matched the same way against the earlier attempt. What cannot"
                                + " be placed is kept and counted. Every dropped event is written"
                                + " whole to `_sent_again/` with the reason.");

    public static final ConfigOption<Integer> DEDUP_WINDOW =
            key("dedup.window")
                    .intType()
                    .defaultValue(100_000)
                    .withDescription(
                            "How many streamed changes per Kafka partition the replay filter"
                                + " remembers: measured 24 bytes each in a checkpoint and 52-73 in"
                                + " the heap, so a partition that has seen 100,000 changes holds"
                                + " 2.4 MB of state and about 7 MB of heap (quiet partitions less)."
                                + " Connect sends again what it sent since its last offset flush"
                                + " (`offset.flush.interval.ms`, 60 s by default, 5 s in the"
                                + " embedded stack), so this must cover that much of the busiest"
                                + " partition's changes: 100,000 is 100 s at 1,000 changes/s."
                                + " Copies from further back are kept (a duplicate `verify`"
                                + " reports) and counted in `unprovenCopiesKept`.");

    public static final ConfigOption<Integer> DEDUP_SNAPSHOT_ROWS =
            key("dedup.snapshot-rows")
                    .intType()
                    .defaultValue(10_000_000)
                    .withDescription(
                            "How many snapshot reads per Kafka partition are remembered, to set"
                                + " aside the rows of a snapshot that restarted after a crash"
                                + " (Debezium reads the table again from its first row, with or"
                                + " without Connect's exactly-once support). Measured 12 bytes each"
                                + " in a checkpoint and 20-42 in the heap: 10,000,000 reads are 120"
                                + " MB of state and 0.2 GB of heap (0.3 GB for a moment while its"
                                + " table doubles, past 6.3 million), held only until the"
                                + " partition's first streamed change. They fit the 512 MB heap of"
                                + " a TaskManager with Flink's default memory, with little room"
                                + " left: size the heap for them, or lower this. Reads beyond it"
                                + " are kept without that check.");

    public static final ConfigOption<String> UNAVAILABLE_VALUE_PLACEHOLDER =
            key("debezium.unavailable-value-placeholder")
                    .stringType()
                    .defaultValue("__debezium_unavailable_value")
                    .withDescription(
                            "Debezium's `unavailable.value.placeholder`. Such values (TOASTed"
                                    + " columns of tables without `REPLICA IDENTITY FULL`) are"
                                    + " written as null and named in `_unavailable_columns`.");

    // ---------------------------------------------------------------- lake layout

    public static final ConfigOption<String> LAKE_SCHEME =
            key("lake.scheme")
                    .stringType()
                    .defaultValue("s3")
                    .withDescription(
                            "File system scheme of the lake: `s3` (Flink's S3 plugin), or any"
                                    + " scheme Flink knows, such as `file`.");

    public static final ConfigOption<String> LAKE_BUCKET =
            key("lake.bucket")
                    .stringType()
                    .defaultValue("lake")
                    .withDescription(
                            "Bucket of the lake (for `file`, the first folder of an absolute"
                                    + " path).");

    public static final ConfigOption<String> LAKE_BASE_PATH =
            key("lake.base-path")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Folder inside the bucket under which `parquet/`, `csv/` and"
                                    + " `_dead_letter/` are written.");

    public static final ConfigOption<List<Format>> LAKE_FORMATS =
            key("lake.formats")
                    .enumType(Format.class)
                    .asList()
                    .defaultValues(Format.PARQUET, Format.CSV)
                    .withDescription(
                            "Formats to write, separated by `;`: `PARQUET`, `CSV` or both.");

    public static final ConfigOption<MemorySize> SINK_MAX_PART_SIZE =
            key("sink.max-part-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription(
                            "A part file is rolled when it reaches this size (Parquet: once the"
                                + " buffered row groups are flushed), besides every checkpoint.");

    public static final ConfigOption<Duration> SINK_BUCKET_CHECK_INTERVAL =
            key("sink.bucket-check-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How often open part files are checked against time-based rolling.");

    public static final ConfigOption<Boolean> SINK_ENCODER_THREADS =
            key("sink.encoder-threads")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Encode Parquet and CSV in a thread per format beside the task thread,"
                                    + " which then only reads and decodes: a subtask uses up to"
                                    + " three cores. Off: one thread does everything (where each"
                                    + " slot has one core).");

    public static final ConfigOption<ParquetCompression> PARQUET_COMPRESSION =
            key("parquet.compression")
                    .enumType(ParquetCompression.class)
                    .defaultValue(ParquetCompression.SNAPPY)
                    .withDescription("Parquet codec: `SNAPPY`, `ZSTD`, `GZIP` or `NONE`.");

    public static final ConfigOption<MemorySize> PARQUET_ROW_GROUP_SIZE =
            key("parquet.row-group-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("32mb"))
                    .withDescription(
                            "Parquet row group size; also the memory an open Parquet part file may"
                                    + " buffer.");

    public static final ConfigOption<String> CSV_DELIMITER =
            key("csv.delimiter")
                    .stringType()
                    .defaultValue(",")
                    .withDescription("CSV field delimiter, one character (`\\t` for tab).");

    public static final ConfigOption<Duration> CSV_ROLLOVER_INTERVAL =
            key("csv.rollover-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription("A CSV part file is rolled when it has been open this long.");

    public static final ConfigOption<Duration> CSV_INACTIVITY_INTERVAL =
            key("csv.inactivity-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "A CSV part file is rolled when nothing was written to it for this"
                                    + " long.");

    // ---------------------------------------------------------------- job

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            key("checkpoint.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Interval of the exactly-once checkpoints; files become visible when a"
                                    + " checkpoint completes, so this bounds the lake's latency.");

    public static final ConfigOption<String> JOB_NAME =
            key("job.name")
                    .stringType()
                    .defaultValue("cdc-lake")
                    .withDescription("Name of the Flink job.");

    /** Every option, in the order the README lists them. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    KAFKA_BOOTSTRAP_SERVERS,
                    KAFKA_TOPICS,
                    KAFKA_TOPIC_PATTERN,
                    KAFKA_GROUP_ID,
                    KAFKA_STARTING_OFFSETS,
                    KAFKA_PARTITION_DISCOVERY,
                    CHANGELOG_UPDATE_MODE,
                    UNAVAILABLE_VALUE_PLACEHOLDER,
                    DEDUP_ENABLED,
                    DEDUP_WINDOW,
                    DEDUP_SNAPSHOT_ROWS,
                    LAKE_SCHEME,
                    LAKE_BUCKET,
                    LAKE_BASE_PATH,
                    LAKE_FORMATS,
                    SINK_MAX_PART_SIZE,
                    SINK_BUCKET_CHECK_INTERVAL,
                    SINK_ENCODER_THREADS,
                    PARQUET_COMPRESSION,
                    PARQUET_ROW_GROUP_SIZE,
                    CSV_DELIMITER,
                    CSV_ROLLOVER_INTERVAL,
                    CSV_INACTIVITY_INTERVAL,
                    CHECKPOINT_INTERVAL,
                    JOB_NAME);

    private LakeOptions() {}
}
