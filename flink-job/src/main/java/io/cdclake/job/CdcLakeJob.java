package io.cdclake.job;

import io.cdclake.job.options.InvalidOptionException;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions;
import io.cdclake.job.sink.CommitterChaining;
import io.cdclake.job.sink.LakeSinks;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.source.KafkaChangeSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Entry point: {@code flink run cdc-lake-flink-job.jar --kafka.bootstrap-servers kafka:9092 ...}.
 */
public final class CdcLakeJob {

    private CdcLakeJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
        } catch (InvalidOptionException e) {
            System.err.println("cdc-lake: " + e.getMessage());
            throw e;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, config);
        env.execute(streamGraph(env, config.get(LakeOptions.JOB_NAME)));
    }

    /** Submits the job without waiting for it, for embedders such as the demo. */
    public static JobClient start(StreamExecutionEnvironment env, JobConfig config)
            throws Exception {
        define(env, config);
        return env.executeAsync(streamGraph(env, config.get(LakeOptions.JOB_NAME)));
    }

    /** What {@code env} defines, named, with each sink's committer in a task of its own. */
    public static StreamGraph streamGraph(StreamExecutionEnvironment env, String jobName) {
        StreamGraph graph = CommitterChaining.separateCommitters(env.getStreamGraph());
        graph.setJobName(jobName);
        return graph;
    }

    /** Adds the job to {@code env}: checkpointing, the Kafka source and the lake's sinks. */
    public static void define(StreamExecutionEnvironment env, JobConfig config) {
        configure(env, config);
        DataStream<KafkaChange> changes =
                env.fromSource(
                                KafkaChangeSource.create(config),
                                WatermarkStrategy.noWatermarks(),
                                "Kafka")
                        .uid("kafka-source");
        LakePipeline.build(changes, config, LakeSinks.files(config));
    }

    /**
     * Exactly-once checkpoints, and object reuse: records pass between chained operators uncopied.
     */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        env.enableCheckpointing(
                config.get(LakeOptions.CHECKPOINT_INTERVAL).toMillis(),
                CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().enableObjectReuse();
    }
}
