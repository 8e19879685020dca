package io.cdclake.job;

import io.cdclake.job.decode.ChangeDecoderFunction;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions;
import io.cdclake.job.options.LakeOptions.Format;
import io.cdclake.job.sink.LakeSinks;
import io.cdclake.job.source.KafkaChange;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The job between its source and its sinks: decode, route dead letters and events sent again aside,
 * write every format. {@link CdcLakeJob#main} wires Kafka and the lake's file sinks into it; tests
 * wire their own.
 */
public final class LakePipeline {

    private LakePipeline() {}

    public static SingleOutputStreamOperator<LakeRow> build(
            DataStream<KafkaChange> changes, JobConfig config, LakeSinks sinks) {
        SingleOutputStreamOperator<LakeRow> rows =
                changes.process(
                                new ChangeDecoderFunction(
                                        config.get(LakeOptions.UNAVAILABLE_VALUE_PLACEHOLDER),
                                        config.get(LakeOptions.CHANGELOG_UPDATE_MODE),
                                        config.get(LakeOptions.DEDUP_ENABLED),
                                        config.get(LakeOptions.DEDUP_WINDOW),
                                        config.get(LakeOptions.DEDUP_SNAPSHOT_ROWS)))
                        .name("Decode")
                        .uid("decode");
        for (Map.Entry<Format, Sink<LakeRow>> sink : sinks.rowSinks().entrySet()) {
            String format = sink.getKey().name().toLowerCase(Locale.ROOT);
            rows.sinkTo(sink.getValue()).name(operatorName(sink.getKey())).uid("sink-" + format);
        }
        rows.getSideOutput(ChangeDecoderFunction.DEAD_LETTERS)
                .sinkTo(sinks.deadLetters())
                .name("Dead letters")
                .uid("sink-dead-letters");
        return rows;
    }

    /**
     * Short, because Flink truncates a task's name, the chain of its operator names, beyond 80
     * characters: "Source: Kafka -> Decode -> (Parquet: Writer, CSV: Writer, Dead letters:
     * Writer)".
     */
    private static String operatorName(Format format) {
        return switch (format) {
            case PARQUET -> "Parquet";
            case CSV -> "CSV";
        };
    }
}
