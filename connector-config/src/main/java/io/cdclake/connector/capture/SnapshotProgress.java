package io.cdclake.connector.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where the connector is, read from Debezium's source offset: the last transaction it streamed
 * ({@code txId}) and the incremental snapshot in progress, if any. Debezium keeps the tables still
 * to snapshot in {@code incremental_snapshot_collections}, the one being read first, and drops the
 * field when the last one is done.
 */
public record SnapshotProgress(OptionalLong lastTransaction, List<String> snapshotQueue) {

    static final String COLLECTIONS = "incremental_snapshot_collections";
    static final String COLLECTION_ID = "incremental_snapshot_collections_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    public SnapshotProgress {
        snapshotQueue = List.copyOf(snapshotQueue);
    }

    static SnapshotProgress of(Map<String, JsonNode> offset) {
        JsonNode txId = offset.get("txId");
        OptionalLong lastTransaction =
                txId != null && txId.canConvertToLong()
                        ? OptionalLong.of(txId.asLong())
                        : OptionalLong.empty();
        List<String> queue = new ArrayList<>();
        JsonNode collections = offset.get(COLLECTIONS);
        if (collections != null && !collections.isNull()) {
            collectIds(parseIfText(collections), queue);
        }
        return new SnapshotProgress(lastTransaction, queue);
    }

    /** Debezium stores the list as a JSON string inside the offset. */
    private static JsonNode parseIfText(JsonNode node) {
        if (!node.isTextual()) {
            return node;
        }
        try {
            return JSON.readTree(node.asText());
        } catch (JsonProcessingException e) {
            throw new CaptureException(
                    "Unexpected " + COLLECTIONS + " in the connector's offset: " + node.asText(),
                    e);
        }
    }

    private static void collectIds(JsonNode node, List<String> ids) {
        if (node.isArray()) {
            node.forEach(element -> collectIds(element, ids));
        } else if (node.isObject() && node.hasNonNull(COLLECTION_ID)) {
            ids.add(node.get(COLLECTION_ID).asText());
        } else if (node.isTextual()) {
            ids.add(node.asText());
        }
    }

    /** The table Debezium is reading, or null. */
    public String snapshotting() {
        return snapshotQueue.isEmpty() ? null : snapshotQueue.get(0);
    }

    /**
     * True when the connector streamed past transaction {@code xid}. Transaction ids are 32-bit and
     * wrap around, so they compare as PostgreSQL does, modulo 2^32.
     */
    boolean streamedPast(long xid) {
        if (lastTransaction.isEmpty()) {
            return false;
        }
        return (int) (lastTransaction.getAsLong() - xid) >= 0;
    }
}
