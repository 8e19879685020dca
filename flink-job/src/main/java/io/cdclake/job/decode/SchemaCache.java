package io.cdclake.job.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.format.LakeColumn;
import io.cdclake.format.MetadataColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debezium repeats a table's full schema (about 2 KB of JSON) in every event. This cache keys the
 * parsed schema, with its column readers, by those exact bytes, so an event whose schema was seen
 * before costs a comparison instead of a parse.
 */
public final class SchemaCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Debezium's events that carry no row change and may be skipped: heartbeats, transaction
     * metadata.
     */
    static final Set<String> SKIPPABLE =
            Set.of(
                    "io.debezium.connector.common.Heartbeat",
                    "io.debezium.connector.common.TransactionMetadataValue");

    private final TypeMapping typeMapping;
    private final int maxEntries;
    private final Map<Integer, List<Entry>> entries = new HashMap<>();
    private int size;
    private long misses;

    public SchemaCache(TypeMapping typeMapping, int maxEntries) {
        this.typeMapping = typeMapping;
        this.maxEntries = maxEntries;
    }

    /** A schema's bytes and what they describe. */
    static final class Entry {
        final byte[] bytes;
        final EnvelopeSchema schema;

        Entry(byte[] bytes, EnvelopeSchema schema) {
            this.bytes = bytes;
            this.schema = schema;
        }

        boolean matches(byte[] buffer, int start, int end) {
            return bytes.length == end - start
                    && Arrays.equals(bytes, 0, bytes.length, buffer, start, end);
        }
    }

    /** The schema spelled by {@code buffer[start, end)}. */
    Entry lookup(byte[] buffer, int start, int end) throws DecodeException {
        int hash = hash(buffer, start, end);
        List<Entry> bucket = entries.get(hash);
        if (bucket != null) {
            for (Entry entry : bucket) {
                if (entry.matches(buffer, start, end)) {
                    return entry;
                }
            }
        }
        misses++;
        Entry entry = new Entry(Arrays.copyOfRange(buffer, start, end), parse(buffer, start, end));
        if (size >= maxEntries) {
            // Schemas change rarely; a full cache means many tables or churn, and starting over is
            // cheap.
            entries.clear();
            size = 0;
        }
        entries.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(entry);
        size++;
        return entry;
    }

    /** How many schemas were parsed rather than found. */
    public long misses() {
        return misses;
    }

    private static int hash(byte[] buffer, int start, int end) {
        // Sampling keeps hashing cheap; equality is decided by the full comparison.
        int h = end - start;
        int step = Math.max(1, (end - start) / 64);
        for (int i = start; i < end; i += step) {
            h = 31 * h + buffer[i];
        }
        return h;
    }

    private EnvelopeSchema parse(byte[] buffer, int start, int end) throws DecodeException {
        JsonNode schema;
        try {
            schema = JSON.readTree(buffer, start, end - start);
        } catch (IOException e) {
            throw new DecodeException("schema is not JSON: " + e.getMessage());
        }
        String name = schema.path("name").asText("");
        Map<String, JsonNode> fields = new HashMap<>();
        for (JsonNode field : schema.path("fields")) {
            fields.put(field.path("field").asText(), field);
        }
        if (fields.containsKey("message") && fields.containsKey("op")) {
            return new EnvelopeSchema(EnvelopeSchema.Kind.LOGICAL_MESSAGE, name, null);
        }
        if (SKIPPABLE.contains(name)) {
            return new EnvelopeSchema(EnvelopeSchema.Kind.NOT_A_CHANGE, name, null);
        }
        if (!fields.containsKey("op")
                || !fields.containsKey("source")
                || !(fields.containsKey("after") || fields.containsKey("before"))) {
            // Anything else that is not a change may be a change someone broke: keep it as a dead
            // letter.
            throw new DecodeException(
                    "not a change event: schema '"
                            + name
                            + "' lacks "
                            + (!fields.containsKey("op")
                                    ? "'op'"
                                    : !fields.containsKey("source")
                                            ? "'source'"
                                            : "'before' and 'after'")
                            + " (only heartbeats and transaction metadata are skipped)");
        }
        JsonNode value = fields.containsKey("after") ? fields.get("after") : fields.get("before");
        if (!"struct".equals(value.path("type").asText())) {
            throw new DecodeException("envelope '" + name + "' has no struct of row values");
        }
        return new EnvelopeSchema(EnvelopeSchema.Kind.TABLE_CHANGE, name, tableSchema(value));
    }

    private TableSchema tableSchema(JsonNode value) throws DecodeException {
        List<LakeColumn> columns = new ArrayList<>();
        List<ValueReader> readers = new ArrayList<>();
        ColumnDefaults.Builder defaults = new ColumnDefaults.Builder(value.path("name").asText(""));
        for (JsonNode fieldSchema : value.path("fields")) {
            ConnectField field = ConnectField.of(fieldSchema);
            if (field.name() == null) {
                throw new DecodeException(
                        "a field of '" + value.path("name").asText() + "' has no name");
            }
            if (field.name().startsWith("_")
                    && MetadataColumns.ALL.stream().anyMatch(c -> c.name().equals(field.name()))) {
                throw new DecodeException(
                        "column '"
                                + field.name()
                                + "' collides with a metadata column of the lake");
            }
            TypeMapping.Mapped mapped = typeMapping.map(field);
            columns.add(new LakeColumn(field.name(), mapped.type()));
            readers.add(mapped.reader());
            defaults.add(field, mapped);
        }
        return new TableSchema(value.path("name").asText(""), columns, readers, defaults.build());
    }
}
