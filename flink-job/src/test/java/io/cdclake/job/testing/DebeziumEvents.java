package io.cdclake.job.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdclake.job.source.KafkaChange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debezium change events of one PostgreSQL table as Kafka Connect's JSON converter writes them
 * (schema and payload), in Debezium's default modes ({@code decimal.handling.mode=precise}, {@code
 * time.precision.mode=adaptive}), for tests that need a lake written by the job's own decoder and
 * writer without running a connector. Values are given as the JDBC driver reads them ({@link
 * #readRows}).
 */
public final class DebeziumEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public enum Kind {
        INT16,
        INT32,
        INT64,
        BOOLEAN,
        FLOAT32,
        FLOAT64,
        STRING,
        DECIMAL,
        VARIABLE_DECIMAL,
        DATE,
        MICRO_TIME,
        MICRO_TIMESTAMP,
        ZONED_TIMESTAMP,
        BYTES,
        JSON,
        UUID,
        ARRAY
    }

    /** A column of the event's row schema. */
    /** A column of every kind the verifier reads back, for tests over all of them. */
    public static final List<Field> EVERY_KIND =
            List.of(
                    Field.key("id", Kind.INT64),
                    Field.of("small", Kind.INT16),
                    Field.of("qty", Kind.INT32),
                    Field.of("flag", Kind.BOOLEAN),
                    Field.of("weight", Kind.FLOAT32),
                    Field.of("score", Kind.FLOAT64),
                    Field.of("name", Kind.STRING),
                    Field.decimal("price", 7, 2),
                    Field.decimal("total", 15, 3),
                    Field.decimal("huge", 30, 5),
                    Field.of("ratio", Kind.VARIABLE_DECIMAL),
                    Field.of("born", Kind.DATE),
                    Field.of("alarm", Kind.MICRO_TIME),
                    Field.of("created", Kind.MICRO_TIMESTAMP),
                    Field.of("updated", Kind.ZONED_TIMESTAMP),
                    Field.of("payload", Kind.BYTES),
                    Field.of("doc", Kind.JSON),
                    Field.array("tags", Field.of("element", Kind.STRING)),
                    Field.array("amounts", Field.decimal("element", 5, 1)));

    public record Field(
            String name, Kind kind, int precision, int scale, Field element, boolean optional) {
        public static Field of(String name, Kind kind) {
            return new Field(name, kind, 0, 0, null, true);
        }

        public static Field key(String name, Kind kind) {
            return new Field(name, kind, 0, 0, null, false);
        }

        public static Field decimal(String name, int precision, int scale) {
            return new Field(name, Kind.DECIMAL, precision, scale, null, true);
        }

        public static Field array(String name, Field element) {
            return new Field(name, Kind.ARRAY, 0, 0, element, true);
        }
    }

    private final String topic;
    private final String schema;
    private final String table;
    private List<Field> fields;
    private long lsn = 23_000_000L;
    private long offset;
    private long txId = 600;
    private long commitMs = Instant.parse("2026-11-23T22:00:00Z").toEpochMilli();

    public DebeziumEvents(String schema, String table, List<Field> fields) {
        this.topic = "postgres." + schema + "." + table;
        this.schema = schema;
        this.table = table;
        this.fields = List.copyOf(fields);
    }

    public String topic() {
        return topic;
    }

    /** Later events follow this row schema (a column added or dropped). */
    public DebeziumEvents fields(List<Field> fields) {
        this.fields = List.copyOf(fields);
        return this;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Later events are committed from this time on, one second apart. */
    public DebeziumEvents at(Instant commitTime) {
        this.commitMs = commitTime.toEpochMilli();
        return this;
    }

    /** Snapshot reads of these rows, all at the same LSN as Debezium's snapshot writes them. */
    public List<KafkaChange> snapshot(List<Map<String, Object>> rows) {
        List<KafkaChange> events = new ArrayList<>();
        long snapshotLsn = lsn += 1000;
        txId++;
        for (Map<String, Object> row : rows) {
            events.add(event("r", null, row, snapshotLsn));
        }
        return events;
    }

    public KafkaChange insert(Map<String, Object> after) {
        return event("c", null, after, lsn += 100);
    }

    /** An update; {@code before} is null unless the table has {@code REPLICA IDENTITY FULL}. */
    public KafkaChange update(Map<String, Object> before, Map<String, Object> after) {
        return event("u", before, after, lsn += 100);
    }

    /**
     * A delete; for a table without {@code REPLICA IDENTITY FULL} the before image has only the
     * key.
     */
    public KafkaChange delete(Map<String, Object> before) {
        return event("d", before, null, lsn += 100);
    }

    public KafkaChange truncate() {
        return event("t", null, null, lsn += 100);
    }

    /** The same event again under a new offset, as Debezium re-sends events after a crash. */
    public KafkaChange resend(KafkaChange event) {
        return new KafkaChange(event.topic, event.partition, offset++, event.value);
    }

    private KafkaChange event(
            String op, Map<String, Object> before, Map<String, Object> after, long eventLsn) {
        long commit = commitMs;
        commitMs += 1000;
        if (!op.equals("r")) {
            txId++;
        }
        ObjectNode source =
                NODES.objectNode()
                        .put("version", "3.4.3.Final")
                        .put("connector", "postgresql")
                        .put("name", "postgres")
                        .put("ts_ms", commit)
                        .put("snapshot", op.equals("r") ? "true" : "false")
                        .put("db", "postgres")
                        .put("schema", schema)
                        .put("table", table)
                        .put("txId", txId)
                        .put("lsn", eventLsn);
        ObjectNode payload = NODES.objectNode();
        payload.set("before", before == null ? NODES.nullNode() : image(before));
        payload.set("after", after == null ? NODES.nullNode() : image(after));
        payload.set("source", source);
        payload.put("op", op);
        payload.put("ts_ms", commit + 50);
        ObjectNode envelope = NODES.objectNode();
        envelope.set("schema", envelopeSchema());
        envelope.set("payload", payload);
        try {
            return new KafkaChange(
                    topic,
                    0,
                    offset++,
                    JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode envelopeSchema() {
        ArrayNode rowFields = NODES.arrayNode();
        for (Field field : fields) {
            rowFields.add(fieldSchema(field).put("field", field.name()));
        }
        ArrayNode sourceFields = NODES.arrayNode();
        for (String[] f :
                new String[][] {
                    {"string", "version"},
                    {"string", "connector"},
                    {"string", "name"},
                    {"int64", "ts_ms"},
                    {"string", "snapshot"},
                    {"string", "db"},
                    {"string", "schema"},
                    {"string", "table"},
                    {"int64", "txId"},
                    {"int64", "lsn"}
                }) {
            sourceFields.add(
                    NODES.objectNode().put("type", f[0]).put("optional", true).put("field", f[1]));
        }
        String valueName = topic + ".Value";
        ArrayNode envelopeFields = NODES.arrayNode();
        envelopeFields.add(
                NODES.objectNode()
                        .put("type", "struct")
                        .<ObjectNode>set("fields", rowFields)
                        .put("optional", true)
                        .put("name", valueName)
                        .put("field", "before"));
        envelopeFields.add(
                NODES.objectNode()
                        .put("type", "struct")
                        .<ObjectNode>set("fields", rowFields)
                        .put("optional", true)
                        .put("name", valueName)
                        .put("field", "after"));
        envelopeFields.add(
                NODES.objectNode()
                        .put("type", "struct")
                        .<ObjectNode>set("fields", sourceFields)
                        .put("optional", false)
                        .put("name", "io.debezium.connector.postgresql.Source")
                        .put("field", "source"));
        envelopeFields.add(
                NODES.objectNode().put("type", "string").put("optional", false).put("field", "op"));
        envelopeFields.add(
                NODES.objectNode()
                        .put("type", "int64")
                        .put("optional", true)
                        .put("field", "ts_ms"));
        return NODES.objectNode()
                .put("type", "struct")
                .<ObjectNode>set("fields", envelopeFields)
                .put("optional", false)
                .put("name", topic + ".Envelope")
                .put("version", 2);
    }

    private static ObjectNode fieldSchema(Field field) {
        ObjectNode s = NODES.objectNode();
        switch (field.kind()) {
            case INT16:
                s.put("type", "int16");
                break;
            case INT32:
                s.put("type", "int32");
                break;
            case INT64:
                s.put("type", "int64");
                break;
            case BOOLEAN:
                s.put("type", "boolean");
                break;
            case FLOAT32:
                s.put("type", "float");
                break;
            case FLOAT64:
                s.put("type", "double");
                break;
            case STRING:
                s.put("type", "string");
                break;
            case DECIMAL:
                s.put("type", "bytes")
                        .put("name", "org.apache.kafka.connect.data.Decimal")
                        .put("version", 1);
                s.set(
                        "parameters",
                        NODES.objectNode()
                                .put("scale", String.valueOf(field.scale()))
                                .put(
                                        "connect.decimal.precision",
                                        String.valueOf(field.precision())));
                break;
            case VARIABLE_DECIMAL:
                s.put("type", "struct");
                s.set(
                        "fields",
                        NODES.arrayNode()
                                .add(
                                        NODES.objectNode()
                                                .put("type", "int32")
                                                .put("optional", false)
                                                .put("field", "scale"))
                                .add(
                                        NODES.objectNode()
                                                .put("type", "bytes")
                                                .put("optional", false)
                                                .put("field", "value")));
                s.put("name", "io.debezium.data.VariableScaleDecimal").put("version", 1);
                break;
            case DATE:
                s.put("type", "int32").put("name", "io.debezium.time.Date").put("version", 1);
                break;
            case MICRO_TIME:
                s.put("type", "int64").put("name", "io.debezium.time.MicroTime").put("version", 1);
                break;
            case MICRO_TIMESTAMP:
                s.put("type", "int64")
                        .put("name", "io.debezium.time.MicroTimestamp")
                        .put("version", 1);
                break;
            case ZONED_TIMESTAMP:
                s.put("type", "string")
                        .put("name", "io.debezium.time.ZonedTimestamp")
                        .put("version", 1);
                break;
            case BYTES:
                s.put("type", "bytes");
                break;
            case JSON:
                s.put("type", "string").put("name", "io.debezium.data.Json").put("version", 1);
                break;
            case UUID:
                s.put("type", "string").put("name", "io.debezium.data.Uuid").put("version", 1);
                break;
            case ARRAY:
                s.put("type", "array");
                s.set("items", fieldSchema(field.element()));
                break;
            default:
                throw new IllegalArgumentException(field.toString());
        }
        s.put("optional", field.optional());
        return s;
    }

    private ObjectNode image(Map<String, Object> row) {
        ObjectNode image = NODES.objectNode();
        for (Field field : fields) {
            image.set(field.name(), value(field, row.get(field.name())));
        }
        return image;
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Field field, Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        switch (field.kind()) {
            case INT16:
            case INT32:
            case INT64:
                return NODES.numberNode(((Number) v).longValue());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) v);
            case FLOAT32:
                return NODES.numberNode(((Number) v).floatValue());
            case FLOAT64:
                return NODES.numberNode(((Number) v).doubleValue());
            case STRING:
            case JSON:
            case UUID:
                return NODES.textNode(v.toString());
            case DECIMAL:
                {
                    BigDecimal d =
                            ((BigDecimal) v).setScale(field.scale(), RoundingMode.UNNECESSARY);
                    return NODES.textNode(
                            Base64.getEncoder().encodeToString(d.unscaledValue().toByteArray()));
                }
            case VARIABLE_DECIMAL:
                {
                    BigDecimal d = (BigDecimal) v;
                    return NODES.objectNode()
                            .put("scale", d.scale())
                            .put(
                                    "value",
                                    Base64.getEncoder()
                                            .encodeToString(d.unscaledValue().toByteArray()));
                }
            case DATE:
                return NODES.numberNode(((LocalDate) v).toEpochDay());
            case MICRO_TIME:
                return NODES.numberNode(((LocalTime) v).toNanoOfDay() / 1000);
            case MICRO_TIMESTAMP:
                {
                    Instant t = ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
                    return NODES.numberNode(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
                }
            case ZONED_TIMESTAMP:
                return NODES.textNode(
                        ((OffsetDateTime) v)
                                .withOffsetSameInstant(ZoneOffset.UTC)
                                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            case BYTES:
                return NODES.textNode(Base64.getEncoder().encodeToString((byte[]) v));
            case ARRAY:
                {
                    ArrayNode array = NODES.arrayNode();
                    for (Object item : (List<?>) v) {
                        array.add(value(field.element(), item));
                    }
                    return array;
                }
            default:
                throw new IllegalArgumentException(field.toString());
        }
    }

    /** Rows of a query, each column read as Debezium would have received it for its field. */
    public List<Map<String, Object>> readRows(Connection connection, String sql)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Field field : fields) {
                    row.put(field.name(), read(rs, field));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public Map<String, Object> readRow(Connection connection, String sql) throws SQLException {
        List<Map<String, Object>> rows = readRows(connection, sql);
        if (rows.size() != 1) {
            throw new IllegalStateException(rows.size() + " rows for " + sql);
        }
        return rows.get(0);
    }

    private static Object read(ResultSet rs, Field field) throws SQLException {
        String name = field.name();
        Object value;
        switch (field.kind()) {
            case DATE:
                value = rs.getObject(name, LocalDate.class);
                break;
            case MICRO_TIME:
                value = rs.getObject(name, LocalTime.class);
                break;
            case MICRO_TIMESTAMP:
                value = rs.getObject(name, LocalDateTime.class);
                break;
            case ZONED_TIMESTAMP:
                value = rs.getObject(name, OffsetDateTime.class);
                break;
            case BYTES:
                value = rs.getBytes(name);
                break;
            case JSON:
                value = rs.getString(name);
                break;
            case DECIMAL:
            case VARIABLE_DECIMAL:
                value = rs.getBigDecimal(name);
                break;
            case ARRAY:
                {
                    Array array = rs.getArray(name);
                    value =
                            array == null
                                    ? null
                                    : new ArrayList<>(Arrays.asList((Object[]) array.getArray()));
                    break;
                }
            default:
                value = rs.getObject(name);
        }
        return rs.wasNull() ? null : value;
    }

    /** A row with only these values (a delete's before image carries only the key). */
    public static Map<String, Object> keyOnly(String column, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(column, value);
        return row;
    }
}
