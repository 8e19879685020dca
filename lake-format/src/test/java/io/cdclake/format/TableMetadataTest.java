package io.cdclake.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableMetadataTest {

    @Test
    void roundTripsThroughJson() {
        TableMetadata metadata =
                new TableMetadata(
                        "5d1f", List.of("id", "region"), Map.of("status", "new, \"quoted\""));

        TableMetadata read = TableMetadata.of(Map.of(TableMetadata.KEY, metadata.toJson())).get();

        assertThat(read).isEqualTo(metadata);
    }

    @Test
    void filesWithoutTheRecordHaveNone() {
        assertThat(TableMetadata.of(Map.of("writer.model.name", "x"))).isEmpty();
    }

    @Test
    void refusesAnUnknownLayout() {
        assertThatThrownBy(() -> TableMetadata.fromJson("{\"version\": 2}"))
                .hasMessageContaining("version 2");
    }
}
