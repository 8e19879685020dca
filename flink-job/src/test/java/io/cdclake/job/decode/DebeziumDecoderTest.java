package io.cdclake.job.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.TableId;
import io.cdclake.job.decode.DebeziumDecoder.Outcome;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.source.KafkaChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;

/** Decoding of real Debezium records, one type family per test. */
class DebeziumDecoderTest {

    private static final String PLACEHOLDER = "__debezium_unavailable_value";

    private final DebeziumDecoder decoder =
            new DebeziumDecoder(PLACEHOLDER, UpdateMode.BEFORE_AND_AFTER);

    private List<LakeRow> decodeAll(List<KafkaChange> changes) throws DecodeException {
        List<LakeRow> rows = new ArrayList<>();
        for (KafkaChange change : changes) {
            decoder.decode(change, rows::add);
        }
        return rows;
    }

    private static List<LakeRow> rowsOf(String fixture) throws DecodeException {
        return new DebeziumDecoderTest()
                .decodeAll(Fixtures.load(fixture, "postgres.public." + fixture));
    }

    private static Object value(LakeRow row, String column) {
        List<LakeColumn> columns = row.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return row.row().getField(i);
            }
        }
        throw new IllegalArgumentException("no column " + column + " in " + columns);
    }

    private static LakeType type(LakeRow row, String column) {
        return row.schema().columns().stream()
                .filter(c -> c.name().equals(column))
                .findFirst()
                .orElseThrow()
                .type();
    }

    private static String text(LakeRow row, String column) {
        Object value = value(row, column);
        return value == null ? null : value.toString();
    }

    @Test
    void numericFamily() throws Exception {
        List<LakeRow> rows = rowsOf("numeric");
        assertThat(rows).hasSize(6);
        LakeRow typical = rows.get(0);
        assertThat(type(typical, "c_smallint").kind()).isEqualTo(Kind.SMALLINT);
        assertThat(type(typical, "c_real").kind()).isEqualTo(Kind.FLOAT);
        assertThat(type(typical, "c_double").kind()).isEqualTo(Kind.DOUBLE);
        assertThat(type(typical, "c_numeric")).isEqualTo(LakeType.decimal(10, 2));
        assertThat(type(typical, "c_numeric_var").kind()).isEqualTo(Kind.STRING);
        assertThat(value(typical, "c_smallint")).isEqualTo((short) 42);
        assertThat(value(typical, "c_int")).isEqualTo(123456);
        assertThat(value(typical, "c_bigint")).isEqualTo(9876543210L);
        assertThat(value(typical, "c_real")).isEqualTo(3.5f);
        assertThat(value(typical, "c_double")).isEqualTo(2.718281828459045);
        assertThat(((DecimalData) value(typical, "c_numeric")).toBigDecimal())
                .isEqualByComparingTo("12345.67");
        assertThat(text(typical, "c_numeric_var")).isEqualTo("3.14159265358979323846");
        assertThat(value(typical, "c_bool")).isEqualTo(true);

        LakeRow nulls = rows.get(1);
        for (String column :
                List.of(
                        "c_smallint",
                        "c_int",
                        "c_bigint",
                        "c_real",
                        "c_double",
                        "c_numeric",
                        "c_numeric_var",
                        "c_bool")) {
            assertThat(value(nulls, column)).as(column).isNull();
        }
        LakeRow edges = rows.get(2);
        assertThat(value(edges, "c_smallint")).isEqualTo((short) -32768);
        assertThat(value(edges, "c_bigint")).isEqualTo(Long.MAX_VALUE);
        assertThat(value(edges, "c_double")).isEqualTo(Double.MAX_VALUE);
        assertThat(((DecimalData) value(edges, "c_numeric")).toBigDecimal())
                .isEqualByComparingTo("-99999999.99");
        assertThat(text(edges, "c_numeric_var")).isEqualTo("-0.000000000000000000001");
        assertThat(rows.subList(3, 6)).extracting(r -> text(r, "_op")).containsOnly("c");
    }

    @Test
    void decimalHandlingModes() throws Exception {
        LakeRow asDouble = rowsOf("numeric-decimal-double").get(0);
        assertThat(type(asDouble, "c_numeric").kind()).isEqualTo(Kind.DOUBLE);
        assertThat(value(asDouble, "c_numeric")).isEqualTo(12345.67);
        LakeRow asString = rowsOf("numeric-decimal-string").get(0);
        assertThat(type(asString, "c_numeric").kind()).isEqualTo(Kind.STRING);
        assertThat(text(asString, "c_numeric")).isEqualTo("12345.67");
        assertThat(text(asString, "c_numeric_var")).isEqualTo("3.14159265358979323846");
    }

    @Test
    void temporalFamily() throws Exception {
        List<LakeRow> rows = rowsOf("temporal");
        LakeRow typical = rows.get(0);
        assertThat(type(typical, "c_date").kind()).isEqualTo(Kind.DATE);
        assertThat(value(typical, "c_date"))
                .isEqualTo((int) LocalDate.parse("2024-02-29").toEpochDay());
        assertThat(type(typical, "c_time")).isEqualTo(LakeType.time(6));
        assertThat(value(typical, "c_time"))
                .isEqualTo(LocalTime.parse("13:45:30").toNanoOfDay() / 1000);
        assertThat(type(typical, "c_time3")).isEqualTo(LakeType.time(3));
        assertThat(value(typical, "c_time3"))
                .isEqualTo(LocalTime.parse("13:45:30.123").toNanoOfDay() / 1000);
        assertThat(value(typical, "c_time6"))
                .isEqualTo(LocalTime.parse("13:45:30.123456").toNanoOfDay() / 1000);
        assertThat(type(typical, "c_ts3")).isEqualTo(LakeType.timestamp(3));
        assertThat(((TimestampData) value(typical, "c_ts3")).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2024-02-29T13:45:30.123"));
        assertThat(type(typical, "c_ts6")).isEqualTo(LakeType.timestamp(6));
        assertThat(((TimestampData) value(typical, "c_ts6")).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2024-02-29T13:45:30.123456"));
        assertThat(type(typical, "c_tstz")).isEqualTo(LakeType.timestampLtz(6));
        assertThat(((TimestampData) value(typical, "c_tstz")).toInstant())
                .isEqualTo(Instant.parse("2024-02-29T11:45:30.123456Z"));
        assertThat(text(typical, "c_timetz")).isEqualTo("11:45:30.123456Z");
        assertThat(type(typical, "c_interval").kind()).isEqualTo(Kind.BIGINT);
        assertThat(value(typical, "c_interval")).isEqualTo(37091106789000L);

        LakeRow edges = rows.get(2);
        assertThat(value(edges, "c_date")).isEqualTo(-165);
        assertThat(((TimestampData) value(edges, "c_ts6")).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("1969-12-31T23:59:59.999999"));
        assertThat(((TimestampData) value(edges, "c_ts3")).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("1900-01-01T00:00:00"));
        assertThat(value(edges, "c_time6")).isEqualTo(86399999999L);
        assertThat(value(edges, "c_interval")).isEqualTo(-86401000000L);
    }

    @Test
    void connectTimePrecisionMode() throws Exception {
        LakeRow typical = rowsOf("temporal-time-connect").get(0);
        assertThat(type(typical, "c_date").kind()).isEqualTo(Kind.DATE);
        assertThat(type(typical, "c_time6")).isEqualTo(LakeType.time(3));
        assertThat(value(typical, "c_time6"))
                .isEqualTo(LocalTime.parse("13:45:30.123").toNanoOfDay() / 1000);
        assertThat(type(typical, "c_ts6")).isEqualTo(LakeType.timestamp(3));
        assertThat(((TimestampData) value(typical, "c_ts6")).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2024-02-29T13:45:30.123"));
    }

    @Test
    void textFamily() throws Exception {
        List<LakeRow> rows = rowsOf("text");
        LakeRow typical = rows.get(0);
        assertThat(text(typical, "c_char")).isEqualTo("ab   ");
        assertThat(text(typical, "c_uuid")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(text(typical, "c_enum")).isEqualTo("happy");
        LakeRow edges = rows.get(2);
        assertThat(text(edges, "c_text"))
                .isEqualTo("line1\nline2 \"quoted\" \\ backslash, comma; ünïcödé 😀");
        assertThat(text(edges, "c_varchar")).isEmpty();
        assertThat(value(rows.get(1), "c_text")).isNull();
    }

    @Test
    void binaryFamily() throws Exception {
        List<LakeRow> rows = rowsOf("binary");
        assertThat(type(rows.get(0), "c_bytea").kind()).isEqualTo(Kind.BYTES);
        assertThat((byte[]) value(rows.get(0), "c_bytea")).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat((byte[]) value(rows.get(0), "c_bit")).containsExactly(0x0a);
        assertThat((byte[]) value(rows.get(2), "c_bytea")).isEmpty();
    }

    @Test
    void arrayFamily() throws Exception {
        List<LakeRow> rows = rowsOf("array");
        assertThat(type(rows.get(0), "c_int_arr")).isEqualTo(LakeType.array(LakeType.of(Kind.INT)));
        assertThat(((GenericArrayData) value(rows.get(0), "c_int_arr")).toObjectArray())
                .containsExactly(1, 2, 3);
        assertThat(((GenericArrayData) value(rows.get(2), "c_int_arr")).size()).isZero();
        Object[] texts = ((GenericArrayData) value(rows.get(2), "c_text_arr")).toObjectArray();
        assertThat(texts).hasSize(3);
        assertThat(texts[0]).isNull();
        assertThat(texts[1].toString()).isEqualTo("with,comma");
    }

    @Test
    void jsonFamily() throws Exception {
        List<LakeRow> rows = rowsOf("json");
        assertThat(type(rows.get(0), "c_jsonb").kind()).isEqualTo(Kind.STRING);
        assertThat(text(rows.get(0), "c_json")).isEqualTo("{\"a\": 1, \"b\": [true, null]}");
        assertThat(text(rows.get(2), "c_jsonb")).isEqualTo("\"just a string\"");
    }

    @Test
    void operationsAndMetadata() throws Exception {
        List<KafkaChange> changes = Fixtures.load("ops", "postgres.public.ops_demo");
        List<LakeRow> rows = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (KafkaChange change : changes) {
            outcomes.add(decoder.decode(change, rows::add));
        }
        assertThat(outcomes)
                .containsExactly(
                        Outcome.ROWS,
                        Outcome.ROWS,
                        Outcome.ROWS,
                        Outcome.ROWS,
                        Outcome.TOMBSTONE,
                        Outcome.ROWS);
        assertThat(rows).extracting(r -> text(r, "_op")).containsExactly("r", "c", "u", "d", "t");
        // Without REPLICA IDENTITY FULL an update has no before image, a delete only the key.
        assertThat(rows)
                .extracting(r -> text(r, "_image"))
                .containsExactly("after", "after", "after", "before", null);
        LakeRow delete = rows.get(3);
        assertThat(value(delete, "id")).isEqualTo(2);
        assertThat(value(delete, "name")).isNull();
        assertThat(value(delete, "_lsn")).isEqualTo(22286912L);
        assertThat(value(delete, "_tx_id")).isEqualTo(749L);
        assertThat(value(delete, "_source_ts_ms")).isEqualTo(1795563978616L);
        assertThat(value(delete, "_ts_ms")).isEqualTo(1795563979098L);
        assertThat(text(delete, "_topic")).isEqualTo("postgres.public.ops_demo");
        assertThat(value(delete, "_offset")).isEqualTo(3L);
        assertThat(delete.table()).isEqualTo(new TableId("postgres", "public", "ops_demo"));
        assertThat(text(delete, "_source_name")).isEqualTo("postgres");
        assertThat(text(delete, "_source_db")).isEqualTo("postgres");
        assertThat(delete.commitTimeMs()).isEqualTo(1795563978616L);
        LakeRow truncate = rows.get(4);
        assertThat(value(truncate, "id")).isNull();
        assertThat(truncate.schema().columns())
                .extracting(LakeColumn::name)
                .containsExactly(
                        "id",
                        "name",
                        "score",
                        "_op",
                        "_image",
                        "_source_ts_ms",
                        "_ts_ms",
                        "_lsn",
                        "_tx_id",
                        "_topic",
                        "_partition",
                        "_offset",
                        "_unavailable_columns",
                        "_source_name",
                        "_source_db");
    }

    @Test
    void updatesWithFullReplicaIdentityKeepBothImages() throws Exception {
        List<LakeRow> rows = rowsOf("ops-replica-identity-full");
        assertThat(rows)
                .extracting(r -> text(r, "_op") + "/" + text(r, "_image") + "/" + value(r, "score"))
                .containsExactly("r/after/10", "u/before/10", "u/after/11", "d/before/11");

        DebeziumDecoder afterOnly = new DebeziumDecoder(PLACEHOLDER, UpdateMode.AFTER_ONLY);
        List<LakeRow> compact = new ArrayList<>();
        for (KafkaChange change :
                Fixtures.load("ops-replica-identity-full", "postgres.public.ops_full")) {
            afterOnly.decode(change, compact::add);
        }
        assertThat(compact)
                .extracting(r -> text(r, "_op") + "/" + text(r, "_image"))
                .containsExactly("r/after", "u/after", "d/before");
    }

    @Test
    void toastedColumnBecomesNullAndIsNamed() throws Exception {
        List<LakeRow> rows = rowsOf("toast");
        assertThat(text(rows.get(0), "payload")).hasSizeGreaterThan(8000);
        assertThat(value(rows.get(0), "_unavailable_columns")).isNull();
        LakeRow update = rows.get(1);
        assertThat(value(update, "payload")).isNull();
        assertThat(value(update, "counter")).isEqualTo(1);
        assertThat(text(update, "_unavailable_columns")).isEqualTo("payload");
    }

    @Test
    void notTableChangesAreRecognized() throws Exception {
        for (KafkaChange change : Fixtures.load("message", "postgres.message")) {
            assertThat(
                            decoder.decode(
                                    change,
                                    row -> {
                                        throw new AssertionError(row);
                                    }))
                    .isEqualTo(Outcome.LOGICAL_MESSAGE);
        }
        for (KafkaChange change : Fixtures.load("heartbeat", "__debezium-heartbeat.postgres")) {
            assertThat(
                            decoder.decode(
                                    change,
                                    row -> {
                                        throw new AssertionError(row);
                                    }))
                    .isEqualTo(Outcome.NOT_A_CHANGE);
        }
        for (KafkaChange change : Fixtures.load("transaction", "postgres.transaction")) {
            assertThat(
                            decoder.decode(
                                    change,
                                    row -> {
                                        throw new AssertionError(row);
                                    }))
                    .isEqualTo(Outcome.NOT_A_CHANGE);
        }
    }

    @Test
    void schemaIsParsedOncePerVersion() throws Exception {
        decodeAll(Fixtures.load("numeric", "postgres.public.numeric_types"));
        assertThat(decoder.cache().misses()).isEqualTo(1);
        decodeAll(Fixtures.load("text", "postgres.public.text_types"));
        decodeAll(Fixtures.load("numeric", "postgres.public.numeric_types"));
        assertThat(decoder.cache().misses()).isEqualTo(2);
        // The same schema bytes on a fresh decoder's slow path (no per-topic shortcut) still hit
        // the cache.
        List<KafkaChange> numeric = Fixtures.load("numeric", "postgres.public.numeric_types");
        KafkaChange renamed = new KafkaChange("elsewhere", 0, 0, numeric.get(0).value);
        decoder.decode(renamed, row -> {});
        assertThat(decoder.cache().misses()).isEqualTo(2);
    }

    @Test
    void schemaChangeGivesANewSchemaVersion() throws Exception {
        KafkaChange original = Fixtures.load("ops", "t").get(1);
        String json = Fixtures.text(original);
        String widened =
                json.replace(
                                "{\"type\":\"int32\",\"optional\":true,\"field\":\"score\"}",
                                "{\"type\":\"int32\",\"optional\":true,\"field\":\"score\"},{\"type\":\"string\",\"optional\":true,\"field\":\"email\"}")
                        .replace("\"score\":20}", "\"score\":20,\"email\":\"g@example.com\"}");
        assertThat(widened).isNotEqualTo(json);
        List<LakeRow> rows = new ArrayList<>();
        decoder.decode(original, rows::add);
        decoder.decode(
                new KafkaChange("t", 0, 1, widened.getBytes(StandardCharsets.UTF_8)), rows::add);
        assertThat(rows.get(0).schema().fingerprint())
                .isNotEqualTo(rows.get(1).schema().fingerprint());
        assertThat(text(rows.get(1), "email")).isEqualTo("g@example.com");
    }

    @Test
    void malformedEventsAreRefusedWithAReason() throws Exception {
        String good = Fixtures.text(Fixtures.load("ops", "t").get(1));
        assertThatThrownBy(() -> decode("{not json"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> decode("{\"before\":null,\"after\":{\"id\":1},\"op\":\"c\"}"))
                .hasMessageContaining("missing schema")
                .hasMessageContaining("schemas.enable=true");
        assertThatThrownBy(() -> decode(good.replace("\"name\":\"Grace\"", "\"name\":17")))
                .hasMessageContaining("column 'name'");
        assertThatThrownBy(() -> decode(good.replace("\"score\":20", "\"score\":\"twenty\"")))
                .hasMessageContaining("column 'score'")
                .hasMessageContaining("int32");
        assertThatThrownBy(() -> decode(good.replace("\"op\":\"c\"", "\"op\":\"x\"")))
                .hasMessageContaining("unknown op 'x'");
        assertThatThrownBy(
                        () ->
                                decode(
                                        good.replace(
                                                "\"after\":{\"id\":2,",
                                                "\"after\":{\"id\":2,\"ghost\":1,")))
                .hasMessageContaining("'ghost'");
        // A decoder that refused events keeps decoding good ones.
        List<LakeRow> rows = new ArrayList<>();
        decoder.decode(
                new KafkaChange("t", 0, 9, good.getBytes(StandardCharsets.UTF_8)), rows::add);
        assertThat(rows).hasSize(1);
    }

    private void decode(String value) throws DecodeException {
        decoder.decode(
                new KafkaChange("t", 0, 0, value.getBytes(StandardCharsets.UTF_8)), row -> {});
    }

    @Test
    void everyFixtureDecodesWithoutDeadLetters() throws Exception {
        List<String> families =
                List.of(
                        "numeric",
                        "numeric-decimal-double",
                        "numeric-decimal-string",
                        "temporal",
                        "temporal-time-connect",
                        "text",
                        "binary",
                        "array",
                        "json",
                        "ops",
                        "ops-pk-change",
                        "ops-replica-identity-full",
                        "toast",
                        "transaction-data-event");
        for (String family : families) {
            List<LakeRow> rows = rowsOf(family);
            assertThat(rows).as(family).isNotEmpty();
            assertThat(rows.stream().map(r -> r.row().getArity()).collect(Collectors.toSet()))
                    .as(family)
                    .hasSize(1);
        }
    }

    @Test
    void onlyHeartbeatsAndTransactionMetadataAreSkipped() throws Exception {
        String good = Fixtures.text(Fixtures.load("ops", "t").get(1));
        // An envelope stripped of its source, in schema and payload, is a broken change, not a
        // skip.
        String noSource =
                good.replaceFirst(
                                ",\\{\"type\":\"struct\",\"fields\":\\[\\{\"type\":\"string\",\"optional\":false,\"field\":\"version\"}.*?\"field\":\"source\"}",
                                "")
                        .replaceFirst(",\"source\":\\{[^}]*}", "");
        assertThat(noSource).doesNotContain("\"source\"");
        assertThatThrownBy(() -> decode(noSource))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("'source'");
        // The payload alone without source, the schema still declaring it.
        String payloadWithoutSource = good.replaceFirst(",\"source\":\\{[^}]*}", "");
        assertThatThrownBy(() -> decode(payloadWithoutSource))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("no 'source'");
        // A heartbeat's schema under another name is not a heartbeat.
        String heartbeat = Fixtures.text(Fixtures.load("heartbeat", "h").get(0));
        assertThatThrownBy(
                        () ->
                                decode(
                                        heartbeat.replace(
                                                "io.debezium.connector.common.Heartbeat",
                                                "acme.Ping")))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("not a change event")
                .hasMessageContaining("acme.Ping");
    }

    @Test
    void anEventThatFailsHalfWayHandsOutNoRow() throws Exception {
        KafkaChange update =
                Fixtures.load("ops", "t").stream()
                        .filter(c -> c.value != null && Fixtures.text(c).contains("\"op\":\"u\""))
                        .findFirst()
                        .orElseThrow();
        String json = Fixtures.text(update);
        // The before image decodes, the after image does not: nothing of the event may come out.
        String broken = json.replaceFirst("(\"after\":\\{\"id\":\\d+,\"name\":)\"[^\"]*\"", "$1[]");
        assertThat(broken).isNotEqualTo(json);
        List<LakeRow> rows = new ArrayList<>();
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        new KafkaChange(
                                                "t", 0, 0, broken.getBytes(StandardCharsets.UTF_8)),
                                        rows::add))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("column 'name'");
        assertThat(rows).isEmpty();
    }

    @Test
    void integersOutOfTheirColumnsRangeAreRefused() {
        String good = Fixtures.text(Fixtures.load("numeric", "t").get(0));
        assertThat(good).contains("\"c_smallint\":42");
        assertThatThrownBy(() -> decode(good.replace("\"c_smallint\":42", "\"c_smallint\":70000")))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("column 'c_smallint'")
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> decode(good.replace("\"c_int\":123456", "\"c_int\":3000000000")))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("column 'c_int'")
                .hasMessageContaining("out of range");
        assertThatThrownBy(
                        () ->
                                decode(
                                        good.replace(
                                                "\"c_bigint\":9876543210",
                                                "\"c_bigint\":99999999999999999999")))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("column 'c_bigint'")
                .hasMessageContaining("out of range");
    }

    @Test
    void positionComesFromTheSourceSequence() throws Exception {
        List<KafkaChange> changes = Fixtures.load("ops-pk-change", "postgres.public.ops_demo");
        for (KafkaChange change : changes) {
            if (decoder.decode(change, row -> {}) == Outcome.ROWS) {
                ChangePosition p = decoder.position();
                assertThat(p.snapshotRead()).isFalse();
                assertThat(p.commitLsn()).isPositive();
                assertThat(p.changeLsn()).isGreaterThanOrEqualTo(p.commitLsn());
            }
        }
        // The delete and the create of a primary-key change share one position and differ in
        // fingerprint.
        List<KafkaChange> rows = changes.stream().filter(c -> c.value != null).toList();
        decoder.decode(rows.get(1), r -> {});
        long deleteCommit = decoder.position().commitLsn();
        long deleteChange = decoder.position().changeLsn();
        long deleteFingerprint = decoder.position().fingerprint();
        decoder.decode(rows.get(2), r -> {});
        assertThat(decoder.position().commitLsn()).isEqualTo(deleteCommit);
        assertThat(decoder.position().changeLsn()).isEqualTo(deleteChange);
        assertThat(decoder.position().fingerprint()).isNotEqualTo(deleteFingerprint);
        // The same event decoded again has the same fingerprint.
        decoder.decode(rows.get(1), r -> {});
        assertThat(decoder.position().fingerprint()).isEqualTo(deleteFingerprint);
    }

    @Test
    void snapshotReadsAreToldApartByKeyAndValues() throws Exception {
        KafkaChange read = Fixtures.load("ops", "t").get(0);
        assertThat(Fixtures.text(read)).contains("\"op\":\"r\"");
        decoder.decode(read, r -> {});
        assertThat(decoder.position().snapshotRead()).isTrue();
        assertThat(decoder.position().commitLsn()).isEqualTo(ChangePosition.UNKNOWN);
        long fingerprint = decoder.position().fingerprint();
        // Read again later by a restarted snapshot: other timestamps in source, same row.
        String again = Fixtures.text(read).replaceAll("\"ts_ms\":\\d+", "\"ts_ms\":1");
        decoder.decode(
                new KafkaChange("t", 0, 5, read.key, again.getBytes(StandardCharsets.UTF_8)),
                r -> {});
        assertThat(decoder.position().fingerprint()).isEqualTo(fingerprint);
        String changed = Fixtures.text(read).replaceFirst("\"score\":(\\d+)", "\"score\":999");
        assertThat(changed).isNotEqualTo(Fixtures.text(read));
        decoder.decode(
                new KafkaChange("t", 0, 6, read.key, changed.getBytes(StandardCharsets.UTF_8)),
                r -> {});
        assertThat(decoder.position().fingerprint()).isNotEqualTo(fingerprint);
    }

    @Test
    void aSequenceThatIsNotTwoLsnsIsRefused() {
        String good = Fixtures.text(Fixtures.load("ops", "t").get(1));
        String sequence = "\"sequence\":\"[\\\"22286592\\\",\\\"22286592\\\"]\"";
        assertThat(good).contains(sequence);
        for (String broken :
                List.of(
                        "[\\\"22286592\\\"]",
                        "[\\\"12x\\\",\\\"5\\\"]",
                        "[null,null,null]",
                        "[\\\"99999999999999999999\\\",\\\"1\\\"]",
                        "22286592")) {
            assertThatThrownBy(
                            () -> decode(good.replace(sequence, "\"sequence\":\"" + broken + "\"")))
                    .as(broken)
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining("source.sequence");
        }
    }
}
