package io.cdclake.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Parquet part file says about its table beyond its columns, in the file's key-value
 * metadata under {@link #KEY}: the schema version of its rows, the table's key columns, and the
 * default of each column that has one.
 *
 * <p>Readers need the defaults because PostgreSQL fills a column added with {@code ADD COLUMN c ...
 * DEFAULT d} into the existing rows without writing them to the WAL: no change event carries the
 * value, so a row last written before the column existed reads {@code d}, not NULL. Readers need
 * the key to rebuild a table's current state from its changelog without asking the database.
 *
 * <p>A default is written as the CSV format writes that column's value ({@link CsvEncoding#text}),
 * so one parser reads both. The value is JSON:
 *
 * <pre>{@code
 * {"version": 1, "schemaVersion": "5d1f...", "key": ["id"], "defaults": {"status": "new"}}
 * }</pre>
 *
 * An empty key means the table has no primary key and a row is identified by all its columns.
 *
 * @param schemaVersion the fingerprint of the row schema every row of the file has
 * @param keyColumns the table's primary key columns, in key order; empty for none
 * @param defaults column name to the CSV text of its default, for the columns that have one
 */
public record TableMetadata(
        String schemaVersion, List<String> keyColumns, Map<String, String> defaults) {

    /** The key-value metadata key of a Parquet part file that holds this record as JSON. */
    public static final String KEY = "cdc-lake.table";

    /** The version of this record's JSON layout. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public TableMetadata {
        keyColumns = List.copyOf(keyColumns);
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** The JSON stored under {@link #KEY}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("schemaVersion", schemaVersion);
        ArrayNode key = root.putArray("key");
        keyColumns.forEach(key::add);
        ObjectNode values = root.putObject("defaults");
        defaults.forEach(values::put);
        return root.toString();
    }

    /** Reads the record from JSON stored under {@link #KEY}. */
    public static TableMetadata fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a " + KEY + " record: " + json, e);
        }
        int version = root.path("version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    KEY + " version " + version + " is not " + FORMAT_VERSION + ": " + json);
        }
        List<String> key = new ArrayList<>();
        root.path("key").forEach(node -> key.add(node.asText()));
        Map<String, String> defaults = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("defaults").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            defaults.put(field.getKey(), field.getValue().asText());
        }
        return new TableMetadata(root.path("schemaVersion").asText(), key, defaults);
    }

    /** The record in a file's key-value metadata; empty for files written before it existed. */
    public static Optional<TableMetadata> of(Map<String, String> keyValueMetadata) {
        String json = keyValueMetadata.get(KEY);
        return json == null ? Optional.empty() : Optional.of(fromJson(json));
    }
}
