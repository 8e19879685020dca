package io.cdclake.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.MetadataColumns;
import io.cdclake.job.decode.ChangeTriage;
import io.cdclake.job.decode.ChangeTriage.Verdict;
import io.cdclake.job.decode.DebeziumDecoder;
import io.cdclake.job.decode.Fixtures;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.sink.LakeSinks;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.EventMutator;
import io.cdclake.job.testing.EventMutator.Mutation;
import io.cdclake.job.testing.LakeFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated Debezium events, some carrying 10 MB values, through the whole job into
 * Parquet and CSV files: the job runs to the end without a failure, and every event is accounted
 * for once: its rows in both formats, or its dead letter, or a skip.
 */
class HostileInputITCase {

    private static final int EVENTS = 2000;

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @TempDir Path lake;

    @Test
    void everyEventIsRowsOrADeadLetterOrASkipAndTheJobKeepsRunning() throws Exception {
        List<KafkaChange> events = hostileEvents(new Random(42));
        Map<Long, Verdict> verdicts = new HashMap<>();
        Map<Long, Integer> rowsPerEvent = new HashMap<>();
        ChangeTriage triage =
                new ChangeTriage(
                        new DebeziumDecoder(
                                "__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER));
        for (KafkaChange event : events) {
            Verdict verdict = triage.judge(event);
            verdicts.put(event.offset, verdict);
            if (verdict == Verdict.ROWS) {
                rowsPerEvent.put(event.offset, triage.rows().size());
            }
        }
        assertThat(verdicts.values())
                .contains(
                        Verdict.ROWS, Verdict.DEAD_LETTER, Verdict.TOMBSTONE, Verdict.NOT_A_CHANGE);

        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers", "unused:9092",
                                "lake.scheme", "file",
                                "lake.bucket",
                                        lake.getRoot().relativize(lake).getName(0).toString(),
                                "lake.base-path",
                                        lake.getRoot()
                                                .relativize(lake)
                                                .subpath(1, lake.getNameCount())
                                                .toString(),
                                "checkpoint.interval", "1 s",
                                // The corpus repeats its originals on purpose; here every copy is
                                // an event of its
                                // own.
                                "dedup.enabled", "false"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        CdcLakeJob.configure(env, config);
        DataStream<KafkaChange> source =
                env.fromData(events, TypeInformation.of(KafkaChange.class));
        LakePipeline.build(source, config, LakeSinks.files(config));
        env.execute("hostile-input-it");

        String root = config.lakeRoot();
        Map<Long, Integer> parquet = rowsByOffset(LakeFiles.parquetRows(root + "/parquet"));
        Map<Long, Integer> csv = rowsByOffset(LakeFiles.csvRows(root + "/csv"));
        Map<Long, String> deadLetters = deadLetters(root);

        assertThat(parquet).as("rows per event in Parquet").isEqualTo(rowsPerEvent);
        assertThat(csv).as("rows per event in CSV").isEqualTo(rowsPerEvent);
        Map<Long, Verdict> deadLettered = new HashMap<>();
        verdicts.forEach(
                (offset, verdict) -> {
                    if (verdict == Verdict.DEAD_LETTER) {
                        deadLettered.put(offset, verdict);
                    }
                });
        assertThat(deadLetters.keySet()).as("dead letters").isEqualTo(deadLettered.keySet());
        assertThat(deadLetters.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        long skipped =
                verdicts.values().stream()
                        .filter(v -> v != Verdict.ROWS && v != Verdict.DEAD_LETTER)
                        .count();
        assertThat(parquet.size() + deadLetters.size() + skipped)
                .as("events in = with rows + dead letters + skips")
                .isEqualTo(events.size());
    }

    /** Mutated fixtures, unharmed ones, tombstones and three events with a 10 MB value. */
    private static List<KafkaChange> hostileEvents(Random random) throws Exception {
        List<KafkaChange> corpus = Fixtures.allRecords();
        List<KafkaChange> events = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < EVENTS; i++) {
            KafkaChange original = corpus.get(random.nextInt(corpus.size()));
            byte[] value = original.value;
            int kind = random.nextInt(Mutation.values().length + 2);
            if (kind < Mutation.values().length) {
                value = EventMutator.mutate(Mutation.values()[kind], value, random);
            } else if (kind == Mutation.values().length) {
                value = null;
            }
            events.add(new KafkaChange(original.topic, 0, offset++, original.key, value));
        }
        KafkaChange text =
                Fixtures.allRecords().stream()
                        .filter(
                                c ->
                                        c.topic.endsWith(".text")
                                                && new String(c.value, StandardCharsets.UTF_8)
                                                        .contains("\"c_text\":\"hello\""))
                        .findFirst()
                        .orElseThrow();
        for (int i = 0; i < 3; i++) {
            byte[] big =
                    EventMutator.withValue(
                            text.value, "c_text", "\"" + "x".repeat(10 * 1024 * 1024) + "\"");
            events.add(new KafkaChange(text.topic, 0, offset++, text.key, big));
        }
        return events;
    }

    private static Map<Long, Integer> rowsByOffset(List<Map<String, Object>> rows) {
        Map<Long, Integer> byOffset = new HashMap<>();
        for (Map<String, Object> row : rows) {
            byOffset.merge(
                    Long.parseLong(String.valueOf(row.get(MetadataColumns.OFFSET))),
                    1,
                    Integer::sum);
        }
        return byOffset;
    }

    private static Map<Long, String> deadLetters(String root) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<Long, String> letters = new HashMap<>();
        for (org.apache.flink.core.fs.Path file :
                LakeFiles.committed(root + "/" + LakeSinks.DEAD_LETTER_FOLDER, ".jsonl")) {
            for (String line :
                    new String(LakeFiles.read(file), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    var letter = json.readTree(line);
                    assertThat(
                                    letters.put(
                                            letter.path("offset").asLong(),
                                            letter.path("reason").asText()))
                            .isNull();
                }
            }
        }
        return letters;
    }
}
