package io.cdclake.job.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.cdclake.format.TableMetadata;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.source.KafkaChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the decoder learns about a table beyond its rows: the key columns from the Kafka key and the
 * defaults of columns from the value schema, on real Debezium records of columns added with a
 * default ({@code column-defaults.jsonl}: two snapshot rows, then after the {@code ALTER TABLE} an
 * update and an insert).
 */
class TableMetadataDecodeTest {

    private final DebeziumDecoder decoder =
            new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER);

    private List<LakeRow> decode(List<KafkaChange> changes) throws DecodeException {
        List<LakeRow> rows = new ArrayList<>();
        for (KafkaChange change : changes) {
            decoder.decode(change, rows::add);
        }
        return rows;
    }

    private static List<KafkaChange> columnDefaults() {
        return Fixtures.load("column-defaults", "postgres.public.defaults_demo");
    }

    @Test
    void defaultsOfAddedColumnsAreTheirCsvText() throws Exception {
        List<LakeRow> rows = decode(columnDefaults());
        TableMetadata afterAlter = rows.get(rows.size() - 1).schema().metadata();
        assertThat(afterAlter.defaults())
                .containsExactly(
                        entry("c_text", "x"),
                        // Debezium 3.4.3 cuts a literal at its first doubled quote ('it''s, ...'),
                        // fixed upstream by DBZ-2440.
                        entry("c_quoted", "it"),
                        entry("c_int", "7"),
                        entry("c_bigint", "-9007199254740993"),
                        entry("c_double", "2.5"),
                        entry("c_numeric", "12.50"),
                        entry("c_bool", "true"),
                        entry("c_date", "2024-02-29"),
                        entry("c_time", "13:45:30.500"),
                        entry("c_ts", "2024-02-29T13:45:30.123456"),
                        entry("c_tstz", "2024-02-29T11:45:30.123456Z"),
                        // 'a' || 'b': Debezium parses only the first literal.
                        entry("c_expr", "a"),
                        // now(), CURRENT_TIMESTAMP, random(): Debezium's stand-in, the type's zero.
                        entry("c_now", "1970-01-01T00:00:00Z"),
                        entry("c_ts_now", "1970-01-01T00:00"),
                        entry("c_random", "0.0"));
        // numeric without scale, bytea, int[] and DEFAULT NULL: Debezium's schema has no default.
        assertThat(afterAlter.defaults())
                .doesNotContainKeys("c_numeric_var", "c_bytea", "c_int_arr", "c_null");
    }

    @Test
    void keyColumnsComeFromTheKafkaKey() throws Exception {
        List<LakeRow> rows = decode(columnDefaults());
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.schema().keyColumns()).containsExactly("id"));
        TableMetadata snapshot = rows.get(0).schema().metadata();
        assertThat(snapshot.keyColumns()).containsExactly("id");
        assertThat(snapshot.defaults()).isEmpty();
    }

    @Test
    void theAlterStartsANewSchemaVersion() throws Exception {
        List<LakeRow> rows = decode(columnDefaults());
        LakeRow snapshot = rows.get(0);
        LakeRow afterAlter = rows.get(rows.size() - 1);
        assertThat(afterAlter.schema().fingerprint()).isNotEqualTo(snapshot.schema().fingerprint());
        assertThat(afterAlter.schema().metadata().schemaVersion())
                .isEqualTo(String.format("%016x", afterAlter.schema().fingerprint()))
                .isNotEqualTo(snapshot.schema().metadata().schemaVersion());
    }

    @Test
    void aChangedDefaultIsANewSchemaVersion() throws Exception {
        KafkaChange insert = columnDefaults().get(3);
        String json = new String(insert.value, StandardCharsets.UTF_8);
        String changed = json.replace("\"default\":7,", "\"default\":8,");
        assertThat(changed).isNotEqualTo(json);
        LakeRow before = decode(List.of(insert)).get(0);
        LakeRow after =
                decode(
                                List.of(
                                        new KafkaChange(
                                                insert.topic,
                                                0,
                                                4,
                                                insert.key,
                                                changed.getBytes(StandardCharsets.UTF_8))))
                        .get(0);
        assertThat(after.schema().metadata().defaults()).containsEntry("c_int", "8");
        assertThat(after.schema().fingerprint()).isNotEqualTo(before.schema().fingerprint());
    }

    @Test
    void aDefaultTheColumnCannotHoldIsLeftOutNotADeadLetter() throws Exception {
        KafkaChange insert = columnDefaults().get(3);
        String json = new String(insert.value, StandardCharsets.UTF_8);
        String broken = json.replace("\"default\":7,", "\"default\":\"seven\",");
        assertThat(broken).isNotEqualTo(json);
        List<LakeRow> rows =
                decode(
                        List.of(
                                new KafkaChange(
                                        insert.topic,
                                        0,
                                        3,
                                        insert.key,
                                        broken.getBytes(StandardCharsets.UTF_8))));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).schema().metadata().defaults())
                .doesNotContainKey("c_int")
                .containsEntry("c_text", "x");
    }

    @Test
    void aTableWithoutPrimaryKeyHasAnEmptyKey() throws Exception {
        List<LakeRow> rows =
                decode(Fixtures.load("column-defaults-nokey", "postgres.public.defaults_nokey"));
        assertThat(rows).hasSize(2);
        assertThat(rows)
                .allSatisfy(
                        row -> {
                            assertThat(row.schema().keyColumns()).isEmpty();
                            assertThat(row.schema().metadata().defaults())
                                    .containsExactly(entry("n", "5"));
                        });
    }

    @Test
    void aTruncateKeepsTheKeyItsTopicLastHad() throws Exception {
        List<KafkaChange> ops = Fixtures.load("ops", "postgres.public.ops_demo");
        KafkaChange truncate = ops.get(ops.size() - 1);
        assertThat(truncate.key).isNull();
        List<LakeRow> rows = decode(ops);
        LakeRow last = rows.get(rows.size() - 1);
        assertThat(last.row().getField(last.schema().sourceColumnCount()).toString())
                .isEqualTo("t");
        assertThat(last.schema().keyColumns()).containsExactly("id");
        assertThat(last.schema().fingerprint()).isEqualTo(rows.get(0).schema().fingerprint());
    }

    @Test
    void anotherKeyOfTheSameRowShapeIsAnotherSchemaVersion() throws Exception {
        KafkaChange first = Fixtures.load("ops", "postgres.public.ops_demo").get(0);
        String key = new String(first.key, StandardCharsets.UTF_8);
        String widerKey =
                key.replace(
                                "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}",
                                "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
                                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"name\"}")
                        .replace(
                                "\"payload\":{\"id\":1}",
                                "\"payload\":{\"id\":1,\"name\":\"Ada\"}");
        assertThat(widerKey).isNotEqualTo(key);
        LakeRow byId = decode(List.of(first)).get(0);
        LakeRow byIdAndName =
                decode(
                                List.of(
                                        new KafkaChange(
                                                first.topic,
                                                0,
                                                1,
                                                widerKey.getBytes(StandardCharsets.UTF_8),
                                                first.value)))
                        .get(0);
        assertThat(byIdAndName.schema().keyColumns()).containsExactly("id", "name");
        assertThat(byIdAndName.schema().fingerprint()).isNotEqualTo(byId.schema().fingerprint());
        // Back to the first key: the cached version, not a third one.
        LakeRow again = decode(List.of(first)).get(0);
        assertThat(again.schema()).isSameAs(byId.schema());
    }

    @Test
    void aKeyWithoutSchemaNamesItsFields() throws Exception {
        KafkaChange first = Fixtures.load("ops", "postgres.public.ops_demo").get(0);
        LakeRow row =
                decode(
                                List.of(
                                        new KafkaChange(
                                                first.topic,
                                                0,
                                                0,
                                                "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                                                first.value)))
                        .get(0);
        assertThat(row.schema().keyColumns()).containsExactly("id");
    }
}
