package io.cdclake.connect;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.json.JsonSerializer;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka's {@link JsonConverter}, byte for byte, made cheap for sources that send one schema many
 * times.
 *
 * <p>With {@code schemas.enable=true} the JSON converter writes every record as {@code
 * {"schema":...,"payload":...}}, and for a Debezium change event the schema is most of the bytes:
 * it describes {@code before}, {@code after} and {@code source} on every record. JsonConverter
 * finds the schema's JSON tree in a cache (hashing and comparing the whole Connect schema to do so)
 * and then serializes that tree again for each record; during a snapshot that serialization was the
 * connector task's largest cost. This converter keeps the serialized schema per schema instance
 * (Debezium builds a table's schemas once and reuses them) and lets JsonConverter write only the
 * payload. The envelope around the two is the one Jackson writes, so a consumer, and the cdc-lake
 * job comparing schema bytes with the previous event's, cannot tell the two converters apart.
 *
 * <p>Every setting of JsonConverter applies ({@code schemas.enable}, {@code decimal.format}, {@code
 * replace.null.with.default}, ...). Reading ({@link #toConnectData}) is JsonConverter's.
 */
public class CachedSchemaJsonConverter implements Converter, Versioned {

    /**
     * Schemas kept at most; a connector whose tables change schema often starts over when full,
     * which costs one serialization per schema.
     */
    static final int MAX_CACHED_SCHEMAS = 1024;

    private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

    private final JsonConverter withEnvelope = new JsonConverter();
    private final JsonConverter payloadOnly = new JsonConverter();
    private final JsonSerializer serializer = new JsonSerializer();

    /**
     * By identity: Connect schemas hash and compare deeply, which is the cost this class avoids.
     * Each task has its own converter, called from the task's one thread.
     */
    private final Map<Schema, byte[]> schemaBytes = new IdentityHashMap<>();

    private boolean schemasEnabled;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        withEnvelope.configure(configs, isKey);
        Map<String, Object> payloadConfigs = new HashMap<>(configs);
        payloadConfigs.put(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false);
        payloadOnly.configure(payloadConfigs, isKey);
        Map<String, Object> withType = new HashMap<>(configs);
        withType.put("converter.type", isKey ? "key" : "value");
        schemasEnabled = new JsonConverterConfig(withType).schemasEnabled();
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (!schemasEnabled || (schema == null && value == null)) {
            return withEnvelope.fromConnectData(topic, schema, value);
        }
        byte[] schemaJson = schema == null ? NULL : schemaBytes(topic, schema);
        byte[] payload = payloadOnly.fromConnectData(topic, schema, value);
        if (payload == null) {
            payload = NULL;
        }
        byte[] record =
                new byte
                        [SCHEMA_FIELD.length
                                + schemaJson.length
                                + PAYLOAD_FIELD.length
                                + payload.length
                                + 1];
        int at = put(record, 0, SCHEMA_FIELD);
        at = put(record, at, schemaJson);
        at = put(record, at, PAYLOAD_FIELD);
        at = put(record, at, payload);
        record[at] = '}';
        return record;
    }

    private byte[] schemaBytes(String topic, Schema schema) {
        byte[] cached = schemaBytes.get(schema);
        if (cached == null) {
            if (schemaBytes.size() >= MAX_CACHED_SCHEMAS) {
                schemaBytes.clear();
            }
            cached = serializer.serialize(topic, withEnvelope.asJsonSchema(schema));
            schemaBytes.put(schema, cached);
        }
        return cached;
    }

    private static int put(byte[] target, int at, byte[] part) {
        System.arraycopy(part, 0, target, at, part.length);
        return at + part.length;
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return withEnvelope.toConnectData(topic, value);
    }

    @Override
    public ConfigDef config() {
        return withEnvelope.config();
    }

    @Override
    public String version() {
        return withEnvelope.version();
    }

    @Override
    public void close() {
        withEnvelope.close();
        payloadOnly.close();
    }

    int cachedSchemas() {
        return schemaBytes.size();
    }
}
