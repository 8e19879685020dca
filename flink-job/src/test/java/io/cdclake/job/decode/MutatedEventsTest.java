package io.cdclake.job.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.decode.ChangeTriage.Verdict;
import io.cdclake.job.dedup.ReplayFilter;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.sink.csv.LakeCsvWriterFactory;
import io.cdclake.job.sink.parquet.LakeParquetWriterFactory;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.EventMutator;
import io.cdclake.job.testing.EventMutator.Mutation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FileSystem.WriteMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.apache.flink.table.data.GenericRowData;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: real Debezium events, mutated at random. Every mutated event either yields exactly
 * the rows its original yields or is a dead letter with a reason, and whatever rows come out are
 * written by the real Parquet and CSV writers without a failure. The seed is printed with every
 * failure; {@code -Dmutation.seed=N -Dmutation.events=N} replay or widen a run.
 */
class MutatedEventsTest {

    private static ChangeTriage triage() {
        return new ChangeTriage(
                new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER));
    }

    /** What an event amounts to: its verdict and, per row, the table's values with op and image. */
    private record Outcome(Verdict verdict, List<String> rows, String reason) {}

    private static Outcome judge(ChangeTriage triage, KafkaChange change) {
        Verdict verdict = triage.judge(change);
        List<String> rows = new ArrayList<>();
        for (LakeRow row : triage.rows()) {
            rows.add(content(row));
        }
        return new Outcome(verdict, rows, triage.reason());
    }

    /**
     * The row's data: its columns and {@code _op}, {@code _image}; metadata a mutation may blank is
     * left out.
     */
    private static String content(LakeRow row) {
        int n = row.schema().sourceColumnCount();
        StringBuilder text = new StringBuilder(row.table().toString()).append(':');
        GenericRowData data = row.row();
        if ("t".equals(String.valueOf(data.getField(n)))) {
            // A truncate carries no values: the table and the op are all of it, whatever columns
            // its schema lists.
            return text.append("truncate").toString();
        }
        for (int i = 0; i < n + 2; i++) {
            Object value = data.getField(i);
            text.append(
                            value instanceof byte[] bytes
                                    ? Arrays.toString(bytes)
                                    : String.valueOf(value))
                    .append('|');
        }
        return text.toString();
    }

    @Test
    void everyMutatedEventYieldsItsOriginalRowsOrADeadLetter() throws Exception {
        long seed = Long.getLong("mutation.seed", 20261201L);
        int events = Integer.getInteger("mutation.events", 4000);
        Random random = new Random(seed);
        List<KafkaChange> corpus = Fixtures.allRecords();
        Map<Mutation, int[]> tally = new EnumMap<>(Mutation.class);
        ChangeTriage mutatedTriage = triage();
        for (int i = 0; i < events; i++) {
            KafkaChange original = corpus.get(random.nextInt(corpus.size()));
            Outcome expected = judge(triage(), original);
            assertThat(expected.verdict())
                    .as("the unmutated fixture %s", original)
                    .isNotEqualTo(Verdict.DEAD_LETTER);
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] mutated = EventMutator.mutate(mutation, original.value, random);
            KafkaChange change =
                    new KafkaChange(
                            original.topic,
                            original.partition,
                            original.offset,
                            original.key,
                            mutated);
            Outcome actual = judge(mutatedTriage, change);
            String context =
                    "seed "
                            + seed
                            + ", event "
                            + i
                            + ", "
                            + mutation
                            + " of "
                            + original
                            + ":\n"
                            + new String(
                                    mutated,
                                    0,
                                    Math.min(mutated.length, 4000),
                                    StandardCharsets.UTF_8);
            int[] counts = tally.computeIfAbsent(mutation, m -> new int[2]);
            if (actual.verdict() == Verdict.DEAD_LETTER) {
                assertThat(actual.reason()).as(context).isNotBlank();
                counts[0]++;
                continue;
            }
            counts[1]++;
            assertThat(actual.verdict()).as(context).isEqualTo(expected.verdict());
            assertThat(actual.rows()).as(context).isEqualTo(expected.rows());
            writeBothFormats(mutatedTriage.rows());
        }
        // Each kind of mutation was tried, and the run was not all dead letters nor all passes.
        assertThat(tally).hasSize(Mutation.values().length);
        assertThat(tally.values().stream().mapToInt(c -> c[0]).sum()).isPositive();
        assertThat(tally.values().stream().mapToInt(c -> c[1]).sum()).isPositive();
    }

    @Test
    void valuesAtTheirTypesLimitsAreWrittenOrRefusedByColumn() throws Exception {
        KafkaChange numeric = Fixtures.load("numeric", "postgres.public.numeric_types").get(0);
        KafkaChange temporal = Fixtures.load("temporal", "postgres.public.temporal_types").get(0);
        KafkaChange text = Fixtures.load("text", "postgres.public.text_types").get(0);
        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        List<Object[]> cases =
                List.of(
                        new Object[] {numeric, "c_smallint", "32767", true},
                        new Object[] {numeric, "c_smallint", "-32769", false},
                        new Object[] {numeric, "c_int", "2147483647", true},
                        new Object[] {numeric, "c_int", "-2147483649", false},
                        new Object[] {numeric, "c_bigint", "-9223372036854775808", true},
                        new Object[] {numeric, "c_bigint", "9223372036854775808", false},
                        new Object[] {numeric, "c_double", "\"NaN\"", true},
                        new Object[] {numeric, "c_double", "\"-Infinity\"", true},
                        new Object[] {numeric, "c_double", "1.7976931348623157E308", true},
                        new Object[] {numeric, "c_real", "3.4028235E38", true},
                        // The extremes of INT32 and INT64 are the lake's infinities.
                        new Object[] {temporal, "c_date", "2147483646", true},
                        new Object[] {temporal, "c_date", "2147483647", false},
                        new Object[] {temporal, "c_date", "-2147483647", false},
                        new Object[] {temporal, "c_time6", "86400000000", true},
                        new Object[] {temporal, "c_time6", "86400000001", false},
                        new Object[] {temporal, "c_time6", "-1", false},
                        new Object[] {temporal, "c_ts6", "9223372036854775806", true},
                        new Object[] {temporal, "c_ts6", "-9223372036854775806", true},
                        new Object[] {temporal, "c_ts6", "9223372036854775807", false},
                        new Object[] {temporal, "c_ts6", "-9223372036854775808", false},
                        new Object[] {temporal, "c_ts6", "9223372036825200000", true},
                        new Object[] {text, "c_text", "\"" + tenMegabytes + "\"", true},
                        // Beyond Jackson's default limit of 20,000,000 characters for one string.
                        new Object[] {
                            text, "c_text", "\"" + "y".repeat(25 * 1024 * 1024) + "\"", true
                        },
                        new Object[] {text, "c_text", "\"\\udfff\"", false},
                        new Object[] {text, "c_text", "\"\\u0000\"", true});
        ChangeTriage triage = triage();
        for (Object[] c : cases) {
            KafkaChange original = (KafkaChange) c[0];
            String column = (String) c[1];
            String value = (String) c[2];
            byte[] mutated = EventMutator.withValue(original.value, column, value);
            Verdict verdict =
                    triage.judge(new KafkaChange(original.topic, 0, 0, original.key, mutated));
            String context =
                    column + " = " + (value.length() > 40 ? value.substring(0, 40) + "..." : value);
            if ((Boolean) c[3]) {
                assertThat(verdict).as(context + ": " + triage.reason()).isEqualTo(Verdict.ROWS);
                writeBothFormats(triage.rows());
            } else {
                assertThat(verdict).as(context).isEqualTo(Verdict.DEAD_LETTER);
                assertThat(triage.reason()).as(context).contains("'" + column + "'");
            }
        }
    }

    // ------------------------------------------------------------------ the real writers

    private static void writeBothFormats(List<LakeRow> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        java.nio.file.Path dir = Files.createTempDirectory("mutated");
        try {
            write(
                    new LakeParquetWriterFactory(ParquetCompression.SNAPPY, 1 << 20),
                    dir.resolve("rows.parquet"),
                    rows);
            write(new LakeCsvWriterFactory(','), dir.resolve("rows.csv"), rows);
            assertThat(Files.size(dir.resolve("rows.parquet"))).isPositive();
            assertThat(Files.size(dir.resolve("rows.csv"))).isPositive();
        } finally {
            try (var files = Files.list(dir)) {
                for (java.nio.file.Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void write(
            BulkWriter.Factory<LakeRow> factory, java.nio.file.Path file, List<LakeRow> rows)
            throws IOException {
        try (var stream =
                LocalFileSystem.getSharedInstance()
                        .create(new Path(file.toUri()), WriteMode.OVERWRITE)) {
            BulkWriter<LakeRow> writer = factory.create(stream);
            for (LakeRow row : rows) {
                writer.addElement(row);
            }
            writer.finish();
        }
    }

    /**
     * One event whose {@code source.sequence} is wrong (far ahead, far behind, or a copy of another
     * event's) must not make the replay filter drop any other, real change; and the same events
     * sent again whole are still all recognized.
     */
    @Test
    void aMutatedPositionDropsNoOtherChange() {
        List<KafkaChange> stream = new ArrayList<>();
        for (String fixture : List.of("ops", "ops-pk-change", "ops-replica-identity-full")) {
            for (KafkaChange change :
                    Fixtures.load(fixture, "postgres.public." + fixture.replace('-', '_'))) {
                if (change.value != null) {
                    stream.add(
                            new KafkaChange(
                                    "postgres.public.ops",
                                    0,
                                    stream.size(),
                                    change.key,
                                    change.value));
                }
            }
        }
        List<String> bogus =
                List.of(
                        "[\\\"999999999999\\\",\\\"999999999999\\\"]",
                        "[\\\"1\\\",\\\"1\\\"]",
                        // another event's position
                        "[\\\"22286592\\\",\\\"22286592\\\"]");
        for (int mutated = 0; mutated < stream.size(); mutated++) {
            for (String sequence : bogus) {
                List<KafkaChange> events = new ArrayList<>(stream);
                KafkaChange original = events.get(mutated);
                String text = Fixtures.text(original);
                String changed =
                        text.replaceFirst(
                                "\"sequence\":\"[^}]*?\\]\"",
                                "\"sequence\":\"" + sequence.replace("\\", "\\\\") + "\"");
                events.set(
                        mutated,
                        new KafkaChange(
                                original.topic,
                                0,
                                original.offset,
                                original.key,
                                changed.getBytes(StandardCharsets.UTF_8)));
                List<ReplayFilter.Verdict> verdicts = judgeAll(events);
                assertThat(verdicts)
                        .as("event %d with source.sequence %s: %s", mutated, sequence, changed)
                        .doesNotContain(ReplayFilter.Verdict.SENT_AGAIN);
            }
        }
        // Unmutated, then the streamed changes sent again from the third event on: the copies are
        // found. (A snapshot read after streamed changes is a new snapshot, not a copy.)
        List<KafkaChange> again = new ArrayList<>(stream);
        for (KafkaChange change : stream.subList(2, stream.size())) {
            if (!Fixtures.text(change).contains("\"op\":\"r\"")) {
                again.add(new KafkaChange(change.topic, 0, again.size(), change.key, change.value));
            }
        }
        List<ReplayFilter.Verdict> verdicts = judgeAll(again);
        assertThat(verdicts.subList(0, stream.size()))
                .doesNotContain(ReplayFilter.Verdict.SENT_AGAIN);
        assertThat(verdicts.subList(stream.size(), again.size()))
                .containsOnly(ReplayFilter.Verdict.SENT_AGAIN);
    }

    /** The replay filter's verdict on every event that decodes to rows, in order. */
    private static List<ReplayFilter.Verdict> judgeAll(List<KafkaChange> events) {
        ChangeTriage triage = triage();
        ReplayFilter filter = new ReplayFilter(1000, 1000);
        List<ReplayFilter.Verdict> verdicts = new ArrayList<>();
        for (KafkaChange change : events) {
            if (triage.judge(change) == Verdict.ROWS) {
                verdicts.add(
                        filter.admit(change.topic, change.partition, triage.decoder().position()));
            }
        }
        return verdicts;
    }
}
