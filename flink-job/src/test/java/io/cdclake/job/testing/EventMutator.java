package io.cdclake.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Breaks Debezium events the ways the world does: a value of another type, a part of the envelope
 * missing, bytes cut off, invalid UTF-8, nesting deeper than any parser should follow.
 */
public final class EventMutator {

    /** The kinds of damage. */
    public enum Mutation {
        FLIP_TYPE,
        DROP_PART,
        TRUNCATE,
        INVALID_UTF8,
        DEEP_NESTING
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventMutator() {}

    public static byte[] mutate(Mutation mutation, byte[] value, Random random) throws IOException {
        switch (mutation) {
            case TRUNCATE:
                return Arrays.copyOf(value, random.nextInt(value.length));
            case INVALID_UTF8:
                return insertAfterAQuote(
                        value,
                        random,
                        random.nextBoolean()
                                ? new byte[] {(byte) 0xff}
                                : new byte[] {(byte) 0xc3, 0x28});
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
    private static byte[] replaceAValue(byte[] value, Random random, String replacement)
            throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(value);
        Slot slot = pick(event.path("payload"), random, false);
        String marker = "\"__replace_me__\"";
        slot.set(JsonNodeFactory.instance.textNode("__replace_me__"));
        return JSON.writeValueAsString(event)
                .replace(marker, replacement)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The event with one column of its after image replaced by {@code replacement}, raw JSON. */
    public static byte[] withValue(byte[] value, String column, String replacement)
            throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(value);
        ((ObjectNode) event.path("payload").path("after")).put(column, "__replace_me__");
        return JSON.writeValueAsString(event)
                .replace("\"__replace_me__\"", replacement)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Turns a non-null value into one of another non-null type: null is a valid value of many
     * fields.
     */
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
            ArrayNode target =
                    field.path("fields").isArray() && field.path("fields").size() > 0
                            ? (ArrayNode) field.path("fields")
                            : (ArrayNode) fields;
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
            object.fieldNames()
                    .forEachRemaining(
                            name -> {
                                JsonNode child = object.get(name);
                                if (!nonNull || !child.isNull()) {
                                    out.add(
                                            new Slot() {
                                                public JsonNode get() {
                                                    return object.get(name);
                                                }

                                                public void set(JsonNode value) {
                                                    object.set(name, value);
                                                }
                                            });
                                }
                                collectSlots(child, out, nonNull);
                            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                JsonNode child = array.get(i);
                if (!nonNull || !child.isNull()) {
                    out.add(
                            new Slot() {
                                public JsonNode get() {
                                    return array.get(index);
                                }

                                public void set(JsonNode value) {
                                    array.set(index, value);
                                }
                            });
                }
                collectSlots(child, out, nonNull);
            }
        }
    }
}
