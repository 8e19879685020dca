package io.cdclake.job.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's primary key columns, from the Kafka record key: Debezium keys a table's events by its
 * primary key (a struct of the key columns, in key order) and sends a null key for a table without
 * one. The key's schema repeats in every event, so the last one of each topic is matched byte for
 * byte before anything is parsed.
 *
 * <p>A truncate has a null key even when the table has a key, so a null key keeps the columns the
 * topic's last keyed event named (none when there was none). A key that is not a JSON object names
 * no columns: the key only adds to what the lake knows about a table, it never makes an event
 * undecodable.
 */
final class KeyColumns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SCHEMA_PREFIX = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_INFIX = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    /** The key schema last seen on a topic and the columns it names. */
    private record Last(byte[] schema, List<String> columns) {}

    private final Map<String, Last> lastByTopic = new HashMap<>();

    /** The key columns of an event on {@code topic} with Kafka key {@code key}. */
    List<String> of(String topic, byte[] key) {
        Last last = lastByTopic.get(topic);
        if (key == null) {
            return last == null ? List.of() : last.columns();
        }
        if (last != null && last.schema() != null && sameSchema(key, last.schema())) {
            return last.columns();
        }
        Last parsed = parse(key);
        lastByTopic.put(topic, parsed);
        return parsed.columns();
    }

    /** Whether {@code key} is {@code {"schema":<schema>,"payload":...}}. */
    private static boolean sameSchema(byte[] key, byte[] schema) {
        int schemaEnd = SCHEMA_PREFIX.length + schema.length;
        return schemaEnd + PAYLOAD_INFIX.length < key.length
                && Arrays.equals(
                        key, 0, SCHEMA_PREFIX.length, SCHEMA_PREFIX, 0, SCHEMA_PREFIX.length)
                && Arrays.equals(key, SCHEMA_PREFIX.length, schemaEnd, schema, 0, schema.length)
                && Arrays.equals(
                        key,
                        schemaEnd,
                        schemaEnd + PAYLOAD_INFIX.length,
                        PAYLOAD_INFIX,
                        0,
                        PAYLOAD_INFIX.length);
    }

    private static Last parse(byte[] key) {
        JsonNode root;
        try {
            root = JSON.readTree(key);
        } catch (IOException e) {
            return new Last(null, List.of());
        }
        if (root == null || !root.isObject()) {
            return new Last(null, List.of());
        }
        JsonNode schema = root.get("schema");
        List<String> columns = new ArrayList<>();
        if (schema != null && schema.isObject() && root.has("payload")) {
            for (JsonNode field : schema.path("fields")) {
                columns.add(field.path("field").asText());
            }
            // The schema as the converter wrote it, for the byte comparison of the next key.
            byte[] bytes = schemaBytes(key, schema);
            return new Last(bytes, List.copyOf(columns));
        }
        // A key converter without schemas: the payload's fields are the key columns.
        root.fieldNames().forEachRemaining(columns::add);
        return new Last(null, List.copyOf(columns));
    }

    /**
     * The bytes of the schema in the key when the converter wrote it compactly (as Kafka's JSON
     * converter does); null otherwise, which only turns the byte comparison off.
     */
    private static byte[] schemaBytes(byte[] key, JsonNode schema) {
        byte[] compact = schema.toString().getBytes(StandardCharsets.UTF_8);
        return sameSchema(key, compact) ? compact : null;
    }
}
