package io.cdclake.job.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.decode.ChangeTriage.Verdict;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.sink.csv.LakeCsvWriterFactory;
import io.cdclake.job.sink.parquet.LakeParquetWriterFactory;
import io.cdclake.job.source.KafkaChange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
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

    private static final List<String> FIXTURES = List.of("numeric", "numeric-decimal-double", "numeric-decimal-string",
            "temporal", "temporal-time-connect", "text", "binary", "array", "json", "ops", "ops-pk-change",
            "ops-replica-identity-full", "toast", "transaction-data-event", "heartbeat", "transaction", "message");
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Mutation {
        FLIP_TYPE,
        DROP_PART,
        TRUNCATE,
        INVALID_UTF8,
        DEEP_NESTING
    }

    private static List<KafkaChange> corpus() {
        List<KafkaChange> corpus = new ArrayList<>();
        for (String fixture : FIXTURES) {
            for (KafkaChange change : Fixtures.load(fixture, "postgres.public." + fixture.replace('-', '_'))) {
                if (change.value != null) {
                    corpus.add(change);
                }
            }
        }
        return corpus;
    }

    private static ChangeTriage triage() {
        return new ChangeTriage(new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER));
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

    /** The row's data: its columns and {@code _op}, {@code _image}; metadata a mutation may blank is left out. */
    private static String content(LakeRow row) {
        int n = row.schema().sourceColumnCount();
        StringBuilder text = new StringBuilder(row.table().toString()).append(':');
        GenericRowData data = row.row();
        for (int i = 0; i < n + 2; i++) {
            Object value = data.getField(i);
            text.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value)).append('|');
        }
        return text.toString();
    }

    @Test
    void everyMutatedEventYieldsItsOriginalRowsOrADeadLetter() throws Exception {
        long seed = Long.getLong("mutation.seed", 20261201L);
        int events = Integer.getInteger("mutation.events", 4000);
        Random random = new Random(seed);
        List<KafkaChange> corpus = corpus();
        Map<Mutation, int[]> tally = new EnumMap<>(Mutation.class);
        ChangeTriage mutatedTriage = triage();
        for (int i = 0; i < events; i++) {
            KafkaChange original = corpus.get(random.nextInt(corpus.size()));
            Outcome expected = judge(triage(), original);
            assertThat(expected.verdict()).as("the unmutated fixture %s", original).isNotEqualTo(Verdict.DEAD_LETTER);
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] mutated = mutate(mutation, original.value, random);
            KafkaChange change = new KafkaChange(original.topic, original.partition, original.offset, original.key, mutated);
            Outcome actual = judge(mutatedTriage, change);
            String context = "seed " + seed + ", event " + i + ", " + mutation + " of " + original + ":\n"
                    + new String(mutated, 0, Math.min(mutated.length, 4000), StandardCharsets.UTF_8);
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
        List<Object[]> cases = List.of(
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
                new Object[] {temporal, "c_date", "2147483647", true},
                new Object[] {temporal, "c_time6", "86400000000", true},
                new Object[] {temporal, "c_time6", "86400000001", false},
                new Object[] {temporal, "c_time6", "-1", false},
                new Object[] {temporal, "c_ts6", "9223372036854775807", true},
                new Object[] {temporal, "c_ts6", "-9223372036854775808", true},
                new Object[] {text, "c_text", "\"" + tenMegabytes + "\"", true},
                new Object[] {text, "c_text", "\"\\udfff\"", false},
                new Object[] {text, "c_text", "\"\\u0000\"", true});
        ChangeTriage triage = triage();
        for (Object[] c : cases) {
            KafkaChange original = (KafkaChange) c[0];
            String column = (String) c[1];
            String value = (String) c[2];
            byte[] mutated = withValue(original.value, column, value);
            Verdict verdict = triage.judge(new KafkaChange(original.topic, 0, 0, original.key, mutated));
            String context = column + " = " + (value.length() > 40 ? value.substring(0, 40) + "..." : value);
            if ((Boolean) c[3]) {
                assertThat(verdict).as(context + ": " + triage.reason()).isEqualTo(Verdict.ROWS);
                writeBothFormats(triage.rows());
            } else {
                assertThat(verdict).as(context).isEqualTo(Verdict.DEAD_LETTER);
                assertThat(triage.reason()).as(context).contains("'" + column + "'");
            }
        }
    }

    // ------------------------------------------------------------------ mutations

    private static byte[] mutate(Mutation mutation, byte[] value, Random random) throws IOException {
        switch (mutation) {
            case TRUNCATE:
                return Arrays.copyOf(value, random.nextInt(value.length));
            case INVALID_UTF8:
                return insertAfterAQuote(value, random, random.nextBoolean() ? new byte[] {(byte) 0xff} : new byte[] {(byte) 0xc3, 0x28});
            case DEEP_NESTING:
                return replaceAValue(value, random, "[".repeat(5000) + "]".repeat(5000));
            case FLIP_TYPE:
                ObjectNode flipped = (ObjectNode) JSON.readTree(value);
                flip(pick(flipped.path("payload"), random, true), random);
                return JSON.writeValueAsBytes(flipped);
            case DROP_PART:
            default:
                ObjectNode event = (ObjectNode) JSON.readTree(value);
                drop(event, random);
                return JSON.writeValueAsBytes(event);
        }
    }

    private static byte[] insertAfterAQuote(byte[] value, Random random, byte[] bad) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '"') {
                quotes.add(i + 1);
            }
        }
        int at = quotes.get(random.nextInt(quotes.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 2);
        out.write(value, 0, at);
        out.write(bad, 0, bad.length);
        out.write(value, at, value.length - at);
        return out.toByteArray();
    }

    /** Replaces one value of the payload, keeping the schema's bytes as Debezium wrote them. */
    private static byte[] replaceAValue(byte[] value, Random random, String replacement) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(value);
        Slot slot = pick(event.path("payload"), random, false);
        String marker = "\"__replace_me__\"";
        slot.set(JsonNodeFactory.instance.textNode("__replace_me__"));
        return JSON.writeValueAsString(event).replace(marker, replacement).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withValue(byte[] value, String column, String replacement) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(value);
        ((ObjectNode) event.path("payload").path("after")).put(column, "__replace_me__");
        return JSON.writeValueAsString(event).replace("\"__replace_me__\"", replacement).getBytes(StandardCharsets.UTF_8);
    }

    /** Turns a non-null value into one of another non-null type: null is a valid value of many fields. */
    private static void flip(Slot slot, Random random) {
        JsonNode node = slot.get();
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node.isTextual()) {
            slot.set(random.nextBoolean() ? f.numberNode(7) : f.booleanNode(true));
        } else if (node.isNumber()) {
            slot.set(random.nextBoolean() ? f.textNode(node.asText()) : f.arrayNode().add(node));
        } else if (node.isBoolean()) {
            slot.set(f.textNode(node.asText()));
        } else if (node.isObject()) {
            slot.set(f.arrayNode());
        } else if (node.isArray()) {
            slot.set(f.objectNode());
        } else {
            slot.set(f.objectNode()); // null: rarely picked, see pick
        }
    }

    private static void drop(ObjectNode event, Random random) {
        int where = random.nextInt(10);
        if (where == 0) {
            event.remove(random.nextBoolean() ? "schema" : "payload");
            return;
        }
        if (where == 1 && event.path("schema").path("fields").size() > 0) {
            // A field of the envelope's schema, or a column of the row schema.
            JsonNode fields = event.path("schema").path("fields");
            JsonNode field = fields.get(random.nextInt(fields.size()));
            ArrayNode target = field.path("fields").isArray() && field.path("fields").size() > 0
                    ? (ArrayNode) field.path("fields") : (ArrayNode) fields;
            target.remove(random.nextInt(target.size()));
            return;
        }
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(event.path("payload"), objects);
        if (objects.isEmpty()) {
            event.remove("payload");
            return;
        }
        ObjectNode object = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            object.remove(names.get(random.nextInt(names.size())));
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        if (node instanceof ContainerNode<?>) {
            node.forEach(child -> collectObjects(child, out));
        }
    }

    /** A place in the tree holding a value, that can be given another one. */
    private interface Slot {
        JsonNode get();

        void set(JsonNode value);
    }

    /** A random slot below {@code root}; with {@code nonNull}, one whose value is not null. */
    private static Slot pick(JsonNode root, Random random, boolean nonNull) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(root, slots, nonNull);
        return slots.get(random.nextInt(slots.size()));
    }

    private static void collectSlots(JsonNode node, List<Slot> out, boolean nonNull) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                JsonNode child = object.get(name);
                if (!nonNull || !child.isNull()) {
                    out.add(new Slot() {
                        public JsonNode get() { return object.get(name); }
                        public void set(JsonNode value) { object.set(name, value); }
                    });
                }
                collectSlots(child, out, nonNull);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                JsonNode child = array.get(i);
                if (!nonNull || !child.isNull()) {
                    out.add(new Slot() {
                        public JsonNode get() { return array.get(index); }
                        public void set(JsonNode value) { array.set(index, value); }
                    });
                }
                collectSlots(child, out, nonNull);
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
            write(new LakeParquetWriterFactory(ParquetCompression.SNAPPY, 1 << 20), dir.resolve("rows.parquet"), rows);
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

    private static void write(BulkWriter.Factory<LakeRow> factory, java.nio.file.Path file, List<LakeRow> rows) throws IOException {
        try (var stream = LocalFileSystem.getSharedInstance().create(new Path(file.toUri()), WriteMode.OVERWRITE)) {
            BulkWriter<LakeRow> writer = factory.create(stream);
            for (LakeRow row : rows) {
                writer.addElement(row);
            }
            writer.finish();
        }
    }
}
