package io.cdclake.connector.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheQueueDebeziumKeepsAsAJsonStringInTheOffset() throws Exception {
        SnapshotProgress progress =
                SnapshotProgress.of(
                        offset(
                                """
                                {"lsn": 24023128, "txId": 771, "incremental_snapshot_collections":
                                  "[{\\"incremental_snapshot_collections_id\\":\\"public.orders\\",\\"incremental_snapshot_collections_additional_condition\\":null},{\\"incremental_snapshot_collections_id\\":\\"public.items\\"}]",
                                 "incremental_snapshot_primary_key": "aced0005"}
                                """));

        assertThat(progress.snapshotQueue()).containsExactly("public.orders", "public.items");
        assertThat(progress.snapshotting()).isEqualTo("public.orders");
        assertThat(progress.lastTransaction()).hasValue(771);
    }

    @Test
    void aStreamingOffsetHasNoSnapshot() throws Exception {
        SnapshotProgress progress = SnapshotProgress.of(offset("{\"lsn\": 24023128, \"txId\": 5}"));

        assertThat(progress.snapshotQueue()).isEmpty();
        assertThat(progress.snapshotting()).isNull();
    }

    @Test
    void transactionIdsCompareAcrossTheWraparound() throws Exception {
        SnapshotProgress progress = SnapshotProgress.of(offset("{\"txId\": 100}"));
        assertThat(progress.streamedPast(99)).isTrue();
        assertThat(progress.streamedPast(100)).isTrue();
        assertThat(progress.streamedPast(101)).isFalse();
        // 4294967290 was assigned a few transactions before the counter wrapped to 100.
        assertThat(progress.streamedPast(4_294_967_290L)).isTrue();
        assertThat(SnapshotProgress.of(offset("{\"txId\": 4294967290}")).streamedPast(100))
                .isFalse();
        assertThat(SnapshotProgress.of(offset("{}")).streamedPast(1)).isFalse();
    }

    private static Map<String, JsonNode> offset(String json) throws Exception {
        Map<String, JsonNode> offset = new LinkedHashMap<>();
        JSON.readTree(json).fields().forEachRemaining(e -> offset.put(e.getKey(), e.getValue()));
        return offset;
    }
}
