package io.cdclake.job.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableId;
import io.cdclake.job.options.LakeOptions;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.source.KafkaChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;

/**
 * Turns one Debezium change event (JSON converter, {@code schemas.enable=true}) into lake rows. The
 * schema part is looked up in the {@link SchemaCache}; only the payload is parsed, field by field,
 * straight into the row.
 */
public final class DebeziumDecoder {

    /** What an event turned out to be. */
    public enum Outcome {
        ROWS,
        TOMBSTONE,
        LOGICAL_MESSAGE,
        NOT_A_CHANGE
    }

    private static final byte[] SCHEMA_PREFIX = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_INFIX = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    /**
     * Jackson's default refuses strings over 20 MB; an event may be as big as the chain lets it be.
     */
    private final JsonFactory json =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxStringLength(LakeOptions.MAX_EVENT_BYTES)
                                    .build())
                    // Correctly rounded, as Double.parseDouble, and several times faster.
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build();

    private final SchemaCache cache;
    private final UpdateMode updateMode;
    private final Map<String, SchemaCache.Entry> lastEntryByTopic = new HashMap<>();
    private final Map<TableId, TableId> tableIds = new HashMap<>();
    private final KeyColumns keyColumns = new KeyColumns();

    /** Byte ranges of the schema and the payload of the event being decoded. */
    private final int[] bounds = new int[4];

    /** Rows of the event being decoded; handed out only once the whole event decoded. */
    private final List<LakeRow> pending = new ArrayList<>(2);

    // Facts of the last decoded event, for the caller's metrics; reused to spare an allocation.
    private TableId table;
    private String op;
    private long commitTimeMs;
    private final ChangePosition position = new ChangePosition();

    public DebeziumDecoder(String unavailablePlaceholder, UpdateMode updateMode) {
        this.cache = new SchemaCache(new TypeMapping(unavailablePlaceholder), 10_000);
        this.updateMode = updateMode;
    }

    /** The table of the last event that produced rows. */
    public TableId table() {
        return table;
    }

    /** The op of the last event that produced rows. */
    public String op() {
        return op;
    }

    public long commitTimeMs() {
        return commitTimeMs;
    }

    /** Where the last event that produced rows stands in the WAL, for dropping re-sent events. */
    public ChangePosition position() {
        return position;
    }

    public SchemaCache cache() {
        return cache;
    }

    /**
     * Decodes one event. Rows reach {@code out} only after the whole event decoded, so an event
     * that fails half-way hands out nothing.
     */
    public Outcome decode(KafkaChange change, Consumer<LakeRow> out) throws DecodeException {
        if (change.value == null) {
            return Outcome.TOMBSTONE;
        }
        byte[] value = change.value;
        try {
            SchemaCache.Entry entry = fastPath(change.topic, value, bounds);
            if (entry == null) {
                locate(value, bounds);
                entry = cache.lookup(value, bounds[0], bounds[1]);
                lastEntryByTopic.put(change.topic, entry);
            }
            EnvelopeSchema envelope = entry.schema;
            switch (envelope.kind()) {
                case LOGICAL_MESSAGE:
                    return Outcome.LOGICAL_MESSAGE;
                case NOT_A_CHANGE:
                    return Outcome.NOT_A_CHANGE;
                default:
                    pending.clear();
                    try (JsonParser parser =
                            json.createParser(value, bounds[2], bounds[3] - bounds[2])) {
                        TableSchema schema =
                                envelope.table().withKey(keyColumns.of(change.topic, change.key));
                        readPayload(parser, schema, change);
                    }
                    for (int i = 0; i < pending.size(); i++) {
                        out.accept(pending.get(i));
                    }
                    pending.clear();
                    return Outcome.ROWS;
            }
        } catch (JsonProcessingException e) {
            throw new DecodeException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DecodeException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Kafka's JSON converter writes {@code {"schema":...,"payload":...}} without white space, so
     * the schema of this topic's previous event can be matched byte for byte without tokenizing it.
     */
    private SchemaCache.Entry fastPath(String topic, byte[] value, int[] bounds) {
        SchemaCache.Entry last = lastEntryByTopic.get(topic);
        if (last == null || !startsWith(value, 0, SCHEMA_PREFIX)) {
            return null;
        }
        int schemaEnd = SCHEMA_PREFIX.length + last.bytes.length;
        if (schemaEnd + PAYLOAD_INFIX.length >= value.length
                || !last.matches(value, SCHEMA_PREFIX.length, schemaEnd)
                || !startsWith(value, schemaEnd, PAYLOAD_INFIX)
                || value[value.length - 1] != '}') {
            return null;
        }
        bounds[0] = SCHEMA_PREFIX.length;
        bounds[1] = schemaEnd;
        bounds[2] = schemaEnd + PAYLOAD_INFIX.length;
        bounds[3] = value.length - 1;
        return last;
    }

    private static boolean startsWith(byte[] value, int offset, byte[] prefix) {
        if (offset + prefix.length > value.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (value[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Finds the byte ranges of {@code schema} and {@code payload} by tokenizing the envelope. */
    private void locate(byte[] value, int[] bounds) throws IOException, DecodeException {
        bounds[0] = bounds[2] = -1;
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new DecodeException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                if (token != JsonToken.START_OBJECT) {
                    if (name.equals("schema") || name.equals("payload")) {
                        throw new DecodeException(
                                "'"
                                        + name
                                        + "' is "
                                        + token
                                        + ", not an object"
                                        + (name.equals("schema")
                                                ? " (the converter needs schemas.enable=true)"
                                                : ""));
                    }
                    continue;
                }
                if (name.equals("schema")) {
                    bounds[0] = start;
                    bounds[1] = end;
                } else if (name.equals("payload")) {
                    bounds[2] = start;
                    bounds[3] = end;
                }
            }
        }
        if (bounds[0] < 0) {
            throw new DecodeException(
                    "missing schema: the event has no 'schema' part (set the connector's"
                            + " value.converter.schemas.enable=true)");
        }
        if (bounds[2] < 0) {
            throw new DecodeException("missing payload");
        }
    }

    private void readPayload(JsonParser p, TableSchema schema, KafkaChange change)
            throws IOException, DecodeException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new DecodeException("payload is not an object");
        }
        Image before = null;
        Image after = null;
        String eventOp = null;
        Long tsMs = null;
        Long sourceTsMs = null;
        Long lsn = null;
        Long txId = null;
        String sourceName = null;
        String sourceDb = null;
        String sourceSchema = null;
        String sourceTable = null;
        String sequence = null;
        String snapshot = null;
        boolean hasSource = false;
        boolean hasBefore = false;
        boolean hasAfter = false;
        int afterStart = 0;
        int afterEnd = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "before":
                    hasBefore = true;
                    before = token == JsonToken.VALUE_NULL ? null : readImage(p, schema);
                    break;
                case "after":
                    hasAfter = true;
                    // Parser offsets count from the payload's start.
                    afterStart = bounds[2] + (int) p.currentTokenLocation().getByteOffset();
                    after = token == JsonToken.VALUE_NULL ? null : readImage(p, schema);
                    afterEnd = bounds[2] + (int) p.currentLocation().getByteOffset();
                    break;
                case "op":
                    eventOp = text(p, token, "op");
                    break;
                case "ts_ms":
                    tsMs = number(p, token, "ts_ms");
                    break;
                case "source":
                    if (token != JsonToken.START_OBJECT) {
                        throw new DecodeException("'source' is not an object");
                    }
                    hasSource = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken t = p.nextToken();
                        switch (field) {
                            case "ts_ms":
                                sourceTsMs = number(p, t, "source.ts_ms");
                                break;
                            case "lsn":
                                lsn = number(p, t, "source.lsn");
                                break;
                            case "txId":
                                txId = number(p, t, "source.txId");
                                break;
                            case "name":
                                sourceName = text(p, t, "source.name");
                                break;
                            case "db":
                                sourceDb = text(p, t, "source.db");
                                break;
                            case "schema":
                                sourceSchema = text(p, t, "source.schema");
                                break;
                            case "table":
                                sourceTable = text(p, t, "source.table");
                                break;
                            case "sequence":
                                sequence = text(p, t, "source.sequence");
                                break;
                            case "snapshot":
                                snapshot = text(p, t, "source.snapshot");
                                break;
                            default:
                                p.skipChildren();
                        }
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (eventOp == null) {
            throw new DecodeException("payload has no 'op'");
        }
        if (!hasBefore || !hasAfter) {
            // Kafka's JSON converter writes every field of the envelope, null or not.
            throw new DecodeException("payload has no '" + (hasBefore ? "after" : "before") + "'");
        }
        if (!hasSource) {
            throw new DecodeException("payload has no 'source'");
        }
        if (sourceSchema == null || sourceTable == null) {
            throw new DecodeException("source has no 'schema' or 'table'");
        }
        if (sourceName == null) {
            // The lake keeps each source's tables apart; without its name the table has no place.
            throw new DecodeException("source has no 'name' (the connector's topic.prefix)");
        }
        this.table =
                tableIds.computeIfAbsent(
                        new TableId(sourceName, sourceSchema, sourceTable), t -> t);
        this.op = eventOp;
        this.commitTimeMs = sourceTsMs != null ? sourceTsMs : tsMs != null ? tsMs : 0L;
        position.read(
                // String hashes are specified, so fingerprints in a checkpoint stay valid.
                sourceSchema.hashCode() * 31 + sourceTable.hashCode(),
                eventOp,
                snapshot,
                sequence,
                lsn,
                change.key,
                change.value,
                afterStart,
                afterEnd);
        Metadata metadata =
                new Metadata(
                        eventOp,
                        tsMs,
                        this.commitTimeMs,
                        lsn,
                        txId,
                        change,
                        StringData.fromString(sourceName),
                        sourceDb == null ? null : StringData.fromString(sourceDb));
        switch (eventOp) {
            case "r":
            case "c":
                emit(
                        schema,
                        requireImage(after, "after", eventOp),
                        MetadataColumns.AFTER,
                        metadata);
                break;
            case "u":
                Image updated = requireImage(after, "after", eventOp);
                if (updateMode == UpdateMode.BEFORE_AND_AFTER && before != null) {
                    emit(schema, before, MetadataColumns.BEFORE, metadata);
                }
                emit(schema, updated, MetadataColumns.AFTER, metadata);
                break;
            case "d":
                emit(
                        schema,
                        requireImage(before, "before", eventOp),
                        MetadataColumns.BEFORE,
                        metadata);
                break;
            case "t":
                emit(
                        schema,
                        new Image(new Object[schema.sourceColumnCount()], null),
                        null,
                        metadata);
                break;
            default:
                throw new DecodeException("unknown op '" + eventOp + "'");
        }
    }

    /** A metadata string; null stays null, any other type is a broken event. */
    private static String text(JsonParser p, JsonToken token, String field)
            throws IOException, DecodeException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new DecodeException("'" + field + "' is " + token + ", not a string");
        }
        return p.getText();
    }

    /** A metadata integer; null stays null, any other type is a broken event. */
    private static Long number(JsonParser p, JsonToken token, String field)
            throws IOException, DecodeException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new DecodeException(
                    "'"
                            + field
                            + "' is "
                            + (token == JsonToken.VALUE_NUMBER_INT ? p.getText() : token)
                            + ", not a 64-bit integer");
        }
        return p.getLongValue();
    }

    private static Image requireImage(Image image, String which, String op) throws DecodeException {
        if (image == null) {
            throw new DecodeException("op '" + op + "' without '" + which + "' image");
        }
        return image;
    }

    /** The values of one row image and the columns Debezium could not provide. */
    private record Image(Object[] values, String unavailableColumns) {}

    private record Metadata(
            String op,
            Long tsMs,
            long commitTimeMs,
            Long lsn,
            Long txId,
            KafkaChange change,
            StringData sourceName,
            StringData sourceDb) {}

    private Image readImage(JsonParser p, TableSchema schema) throws IOException, DecodeException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new DecodeException("row image is " + p.currentToken() + ", not an object");
        }
        Object[] values = new Object[schema.sourceColumnCount()];
        StringBuilder unavailable = null;
        int position = 0;
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            int index = schema.indexOf(name, position);
            if (index < 0) {
                throw new DecodeException("column '" + name + "' is not in the event's schema");
            }
            Object value = schema.reader(index).read(p);
            if (value == ValueReader.UNAVAILABLE) {
                unavailable = unavailable == null ? new StringBuilder() : unavailable.append(',');
                unavailable.append(name);
                value = null;
            }
            values[index] = value;
            position = index + 1;
            seen++;
        }
        if (seen != values.length) {
            // Kafka's JSON converter writes every column, null or not: a missing one was lost on
            // the way.
            throw new DecodeException(
                    "row image has " + seen + " of the schema's " + values.length + " columns");
        }
        return new Image(values, unavailable == null ? null : unavailable.toString());
    }

    private void emit(TableSchema schema, Image image, String imageName, Metadata m) {
        int n = schema.sourceColumnCount();
        GenericRowData row = new GenericRowData(schema.arity());
        for (int i = 0; i < n; i++) {
            row.setField(i, image.values()[i]);
        }
        row.setField(n, StringData.fromString(m.op()));
        row.setField(n + 1, imageName == null ? null : StringData.fromString(imageName));
        row.setField(n + 2, m.commitTimeMs());
        row.setField(n + 3, m.tsMs());
        row.setField(n + 4, m.lsn());
        row.setField(n + 5, m.txId());
        row.setField(n + 6, StringData.fromString(m.change().topic));
        row.setField(n + 7, m.change().partition);
        row.setField(n + 8, m.change().offset);
        row.setField(
                n + 9,
                image.unavailableColumns() == null
                        ? null
                        : StringData.fromString(image.unavailableColumns()));
        row.setField(n + 10, m.sourceName());
        row.setField(n + 11, m.sourceDb());
        pending.add(new LakeRow(table, schema, row, m.commitTimeMs()));
    }
}
