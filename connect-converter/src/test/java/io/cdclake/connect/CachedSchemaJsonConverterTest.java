package io.cdclake.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CachedSchemaJsonConverterTest {

    /** A Debezium-shaped envelope: row images, source block, logical types, defaults. */
    private static final Schema ROW =
            SchemaBuilder.struct()
                    .name("postgres.public.customers.Value")
                    .field("id", Schema.INT32_SCHEMA)
                    .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                    .field(
                            "status",
                            SchemaBuilder.string()
                                    .optional()
                                    .defaultValue("new")
                                    .parameter("__debezium.source.column.type", "TEXT")
                                    .build())
                    .field("fare", Decimal.builder(2).optional().build())
                    .field("born", org.apache.kafka.connect.data.Date.builder().optional().build())
                    .field("seen", Timestamp.builder().optional().build())
                    .field("photo", Schema.OPTIONAL_BYTES_SCHEMA)
                    .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                    .field(
                            "attrs",
                            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA)
                                    .optional()
                                    .build())
                    .field(
                            "scores",
                            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.FLOAT64_SCHEMA)
                                    .optional()
                                    .build())
                    .field("flag", SchemaBuilder.bool().defaultValue(true).build())
                    .optional()
                    .build();

    private static final Schema SOURCE =
            SchemaBuilder.struct()
                    .name("io.debezium.connector.postgresql.Source")
                    .field("version", Schema.STRING_SCHEMA)
                    .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
                    .field("snapshot", SchemaBuilder.string().optional().defaultValue("false"))
                    .build();

    private static final Schema ENVELOPE =
            SchemaBuilder.struct()
                    .name("postgres.public.customers.Envelope")
                    .version(2)
                    .doc("a change")
                    .field("before", ROW)
                    .field("after", ROW)
                    .field("source", SOURCE)
                    .field("op", Schema.STRING_SCHEMA)
                    .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                    .build();

    static Stream<Arguments> records() {
        Struct full = row(1, "Ann \"the\" \u00e9 \ud83d\ude00");
        Struct sparse = new Struct(ROW).put("id", 2).put("flag", false);
        return Stream.of(
                Arguments.of("insert", ENVELOPE, change(null, full, "c")),
                Arguments.of("update", ENVELOPE, change(full, sparse, "u")),
                Arguments.of("delete", ENVELOPE, change(sparse, null, "d")),
                Arguments.of("key", KEY, new Struct(KEY).put("id", 7)),
                Arguments.of("primitive", Schema.STRING_SCHEMA, "plain"),
                Arguments.of("null value with a schema", Schema.OPTIONAL_STRING_SCHEMA, null),
                Arguments.of("tombstone", null, null),
                Arguments.of("schemaless map", null, Map.of("a", List.of(1, 2))));
    }

    private static final Schema KEY =
            SchemaBuilder.struct()
                    .name("postgres.public.customers.Key")
                    .field("id", Schema.INT32_SCHEMA)
                    .build();

    private static Struct row(int id, String name) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("k", "v");
        attrs.put("none", null);
        return new Struct(ROW)
                .put("id", id)
                .put("name", name)
                .put("status", null)
                .put("fare", new BigDecimal("-12.50"))
                .put("born", new Date(86_400_000L * 3))
                .put("seen", new Date(1_700_000_000_123L))
                .put("photo", new byte[] {0, 1, -1})
                .put("tags", List.of("x", "y"))
                .put("attrs", attrs)
                .put("scores", Map.of(3, 1.5))
                .put("flag", true);
    }

    private static Struct change(Struct before, Struct after, String op) {
        return new Struct(ENVELOPE)
                .put("before", before)
                .put("after", after)
                .put("source", new Struct(SOURCE).put("version", "3.4.3").put("lsn", 123456789L))
                .put("op", op)
                .put("ts_ms", 1_700_000_000_000L);
    }

    static Stream<Map<String, Object>> settings() {
        return Stream.of(
                Map.of(),
                Map.of("schemas.enable", "false"),
                Map.of("decimal.format", "NUMERIC"),
                Map.of("replace.null.with.default", "false"));
    }

    static Stream<Arguments> recordsUnderEverySetting() {
        return settings()
                .flatMap(
                        config ->
                                records()
                                        .map(
                                                record -> {
                                                    Object[] args = record.get();
                                                    return Arguments.of(
                                                            config, args[0], args[1], args[2]);
                                                }));
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("recordsUnderEverySetting")
    void writesJsonConvertersBytes(
            Map<String, Object> config, String what, Schema schema, Object value) {
        for (boolean isKey : new boolean[] {false, true}) {
            JsonConverter reference = new JsonConverter();
            reference.configure(config, isKey);
            CachedSchemaJsonConverter cached = new CachedSchemaJsonConverter();
            cached.configure(config, isKey);

            byte[] expected = reference.fromConnectData("t", schema, value);
            // Twice: the second record takes the cached schema bytes.
            for (int i = 0; i < 2; i++) {
                byte[] actual = cached.fromConnectData("t", schema, value);
                assertThat(text(actual)).isEqualTo(text(expected));
                assertThat(Arrays.equals(actual, expected)).isTrue();
            }
        }
    }

    @Test
    void readsWhatItWrites() {
        CachedSchemaJsonConverter converter = new CachedSchemaJsonConverter();
        converter.configure(Map.of(), false);
        Struct value = change(null, row(5, "Bo"), "c");

        SchemaAndValue back =
                converter.toConnectData("t", converter.fromConnectData("t", ENVELOPE, value));

        assertThat(back.schema().field("after").schema().field("fare").schema().name())
                .isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(((Struct) back.value()).getStruct("after").getString("name")).isEqualTo("Bo");
    }

    @Test
    void serializesEachSchemaOnceAndStaysBounded() {
        CachedSchemaJsonConverter converter = new CachedSchemaJsonConverter();
        converter.configure(new HashMap<>(), false);
        for (int i = 0; i < 3; i++) {
            converter.fromConnectData("t", ENVELOPE, change(null, row(i, "n"), "c"));
        }
        assertThat(converter.cachedSchemas()).isEqualTo(1);

        for (int version = 0; version <= CachedSchemaJsonConverter.MAX_CACHED_SCHEMAS; version++) {
            Schema schema = SchemaBuilder.int32().name("v").version(version + 1).build();
            assertThat(text(converter.fromConnectData("t", schema, version)))
                    .contains("\"version\":" + (version + 1));
        }
        assertThat(converter.cachedSchemas())
                .isBetween(1, CachedSchemaJsonConverter.MAX_CACHED_SCHEMAS);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
