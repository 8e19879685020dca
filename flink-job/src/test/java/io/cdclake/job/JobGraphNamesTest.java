package io.cdclake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.options.JobConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tasks the job becomes: Flink truncates a task name beyond 80 characters (with a warning at
 * every start), and the rows must stay in the decoder's task on their way to the writers.
 */
class JobGraphNamesTest {

    /** Flink's MetricUtils.METRICS_OPERATOR_NAME_MAX_LENGTH. */
    private static final int FLINK_NAME_LIMIT = 80;

    @Test
    void everyTaskNameFitsAndOnlyTheCommittersHaveTasksOfTheirOwn(@TempDir Path lake) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers", "unused:9092",
                                "lake.scheme", "file",
                                "lake.bucket", lake.getName(0).toString(),
                                "lake.base-path", lake.subpath(1, lake.getNameCount()).toString(),
                                "lake.formats", "PARQUET;CSV"));
        CdcLakeJob.define(env, config);

        List<String> tasks =
                StreamSupport.stream(
                                CdcLakeJob.streamGraph(env, "names")
                                        .getJobGraph()
                                        .getVertices()
                                        .spliterator(),
                                false)
                        .map(JobVertex::getName)
                        .toList();

        assertThat(tasks)
                .allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(FLINK_NAME_LIMIT));
        assertThat(tasks)
                .containsExactlyInAnyOrder(
                        "Source: Kafka -> Decode -> (Parquet: Writer, CSV: Writer, Dead letters:"
                                + " Writer)",
                        "Parquet: Committer",
                        "CSV: Committer",
                        "Dead letters: Committer");
    }
}
