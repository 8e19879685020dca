package io.cdclake.job.sink;

import static io.cdclake.job.options.LakeOptions.*;

import io.cdclake.format.LakePaths;
import io.cdclake.job.deadletter.DeadLetter;
import io.cdclake.job.deadletter.DeadLetterBucketAssigner;
import io.cdclake.job.deadletter.DeadLetterEncoder;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions.Format;
import io.cdclake.job.route.LakeBucketing;
import io.cdclake.job.sink.csv.LakeCsvWriterFactory;
import io.cdclake.job.sink.encode.OffThreadWriters;
import io.cdclake.job.sink.parquet.LakeParquetWriterFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The sinks of a pipeline: one per lake format, and the dead-letter sink. {@link #files} builds the
 * real ones under the lake root ({@code <root>/parquet}, {@code <root>/csv}, {@code
 * <root>/_dead_letter}, and {@code <root>/_sent_again} for events sent again); tests may pass their
 * own.
 */
public record LakeSinks(Map<Format, Sink<LakeRow>> rowSinks, Sink<DeadLetter> deadLetters) {

    public static final String DEAD_LETTER_FOLDER = LakePaths.DEAD_LETTER_FOLDER;

    public static LakeSinks files(JobConfig config) {
        String root = config.lakeRoot();
        Map<Format, Sink<LakeRow>> sinks = new LinkedHashMap<>();
        for (Format format : config.formats()) {
            sinks.put(format, format == Format.PARQUET ? parquet(root, config) : csv(root, config));
        }
        return new LakeSinks(sinks, deadLetters(root));
    }

    static Sink<LakeRow> parquet(String root, JobConfig config) {
        LakeBucketing bucketing =
                new LakeBucketing(
                        config.get(SINK_MAX_PART_SIZE).getBytes(), Long.MAX_VALUE, Long.MAX_VALUE);
        return FileSink.forBulkFormat(
                        new Path(root + "/" + LakePaths.Format.PARQUET.folder()),
                        encoded(
                                new LakeParquetWriterFactory(
                                        config.get(PARQUET_COMPRESSION),
                                        config.get(PARQUET_ROW_GROUP_SIZE).getBytes()),
                                Format.PARQUET,
                                config))
                .withBucketAssigner(bucketing)
                .withRollingPolicy(bucketing)
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix(LakePaths.PART_PREFIX)
                                .withPartSuffix(LakePaths.Format.PARQUET.suffix())
                                .build())
                .withBucketCheckInterval(config.get(SINK_BUCKET_CHECK_INTERVAL).toMillis())
                .build();
    }

    static Sink<LakeRow> csv(String root, JobConfig config) {
        return csv(root, config, new LakeCsvWriterFactory(config.csvDelimiter()));
    }

    /**
     * The CSV sink with other writers, for tests that put a failing writer behind the real
     * FileSink.
     */
    public static Sink<LakeRow> csv(
            String root, JobConfig config, BulkWriter.Factory<LakeRow> writers) {
        LakeBucketing bucketing =
                new LakeBucketing(
                        config.get(SINK_MAX_PART_SIZE).getBytes(),
                        config.get(CSV_ROLLOVER_INTERVAL).toMillis(),
                        config.get(CSV_INACTIVITY_INTERVAL).toMillis());
        return FileSink.forBulkFormat(
                        new Path(root + "/" + LakePaths.Format.CSV.folder()),
                        encoded(writers, Format.CSV, config))
                .withBucketAssigner(bucketing)
                .withRollingPolicy(bucketing)
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix(LakePaths.PART_PREFIX)
                                .withPartSuffix(LakePaths.Format.CSV.suffix())
                                .build())
                .withBucketCheckInterval(config.get(SINK_BUCKET_CHECK_INTERVAL).toMillis())
                .build();
    }

    /** The format's writers, encoding beside the task thread unless that is switched off. */
    private static BulkWriter.Factory<LakeRow> encoded(
            BulkWriter.Factory<LakeRow> writers, Format format, JobConfig config) {
        return config.get(SINK_ENCODER_THREADS)
                ? new OffThreadWriters<>(writers, format.name())
                : writers;
    }

    static Sink<DeadLetter> deadLetters(String root) {
        return FileSink.forRowFormat(new Path(root), new DeadLetterEncoder())
                .withBucketAssigner(new DeadLetterBucketAssigner())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(".jsonl")
                                .build())
                .build();
    }
}
