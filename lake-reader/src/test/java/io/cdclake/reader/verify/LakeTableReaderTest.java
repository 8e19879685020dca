package io.cdclake.reader.verify;

import static io.cdclake.job.testing.DebeziumEvents.Field;
import static io.cdclake.job.testing.DebeziumEvents.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.TableId;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.DebeziumEvents;
import io.cdclake.job.testing.JobWrittenLake;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads back what the job's decoder and Parquet writer write, value by value. */
class LakeTableReaderTest {

    @TempDir Path temp;

    private static Map<String, Object> sample() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 42L);
        row.put("small", (short) -3);
        row.put("qty", 7);
        row.put("flag", true);
        row.put("weight", 1.1f);
        row.put("score", 2.25d);
        row.put("name", "Ünïcode, \"quoted\"");
        row.put("price", new BigDecimal("-12345.67"));
        row.put("total", new BigDecimal("123456789012.345"));
        row.put("huge", new BigDecimal("-1234567890123456789012345.12345"));
        row.put("ratio", new BigDecimal("3.14159"));
        row.put("born", LocalDate.of(1912, 4, 15));
        row.put("alarm", LocalTime.of(23, 59, 59, 999_999_000));
        row.put("created", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000));
        row.put("updated", OffsetDateTime.of(2026, 11, 24, 10, 0, 0, 1000, ZoneOffset.ofHours(2)));
        row.put("payload", new byte[] {0, 1, (byte) 0xfe});
        row.put("doc", "{\"a\": [1, 2]}");
        row.put("tags", Arrays.asList("x", null, "z"));
        row.put("amounts", List.of(new BigDecimal("1.5"), new BigDecimal("-2.0")));
        return row;
    }

    @Test
    void readsEveryLogicalTypeTheJobWrites() throws Exception {
        DebeziumEvents events = new DebeziumEvents("public", "items", DebeziumEvents.EVERY_KIND);
        JobWrittenLake lake = new JobWrittenLake(temp.resolve("lake"));
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("id", 43L);
        lake.write(List.of(events.insert(sample()), events.insert(nulls)));

        LakeTableReader reader =
                new LakeTableReader(lake.root(), new TableId("postgres", "public", "items"));
        assertThat(reader.tableRoot()).isEqualTo(lake.root() + "/parquet/postgres/public.items");
        List<LakeRecord> rows = reader.read();
        assertThat(rows).hasSize(2);
        LakeRecord row = rows.get(0);
        assertThat(row.get("id")).isEqualTo(42L);
        assertThat(row.get("small")).isEqualTo((short) -3);
        assertThat(row.get("qty")).isEqualTo(7);
        assertThat(row.get("flag")).isEqualTo(true);
        assertThat(row.get("weight")).isEqualTo(1.1f);
        assertThat(row.get("score")).isEqualTo(2.25d);
        assertThat(row.get("name")).isEqualTo("Ünïcode, \"quoted\"");
        assertThat(row.get("price")).isEqualTo(new BigDecimal("-12345.67"));
        assertThat(row.get("total")).isEqualTo(new BigDecimal("123456789012.345"));
        assertThat(row.get("huge")).isEqualTo(new BigDecimal("-1234567890123456789012345.12345"));
        // numeric without a scale: the job keeps its exact text
        assertThat(row.get("ratio")).isEqualTo("3.14159");
        assertThat(row.get("born")).isEqualTo(LocalDate.of(1912, 4, 15));
        assertThat(row.get("alarm")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(row.get("created"))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000));
        assertThat(row.get("updated")).isEqualTo(Instant.parse("2026-11-24T08:00:00.000001Z"));
        assertThat((byte[]) row.get("payload")).containsExactly(0, 1, 0xfe);
        assertThat(row.get("doc")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(row.get("tags")).isEqualTo(Arrays.asList("x", null, "z"));
        assertThat(row.get("amounts"))
                .isEqualTo(List.of(new BigDecimal("1.5"), new BigDecimal("-2.0")));

        assertThat(row.op()).isEqualTo("c");
        assertThat(row.image()).isEqualTo("after");
        assertThat(row.topic()).isEqualTo("postgres.public.items");
        assertThat(row.partition()).isZero();
        assertThat(row.offset()).isZero();
        assertThat(row.lsn()).isEqualTo(23_000_100L);
        assertThat(row.unavailableColumns()).isEmpty();
        assertThat(row.file())
                .endsWith(".parquet")
                .contains("/parquet/postgres/public.items/dt=2026-11-23/part-");

        LakeRecord empty = rows.get(1);
        assertThat(empty.values())
                .containsKey("tags")
                .containsEntry("tags", null)
                .containsEntry("price", null);
        assertThat(empty.has("price")).isTrue();
        assertThat(empty.has("no_such_column")).isFalse();
    }

    @Test
    void onlyCommittedFilesCountAndRowsByOpFollowsTheLake() throws Exception {
        DebeziumEvents events =
                new DebeziumEvents(
                        "public",
                        "items",
                        List.of(Field.key("id", Kind.INT64), Field.of("name", Kind.STRING)));
        JobWrittenLake lake = new JobWrittenLake(temp.resolve("lake"));
        LakeTableReader reader = new LakeTableReader(lake.root(), new TableId("public", "items"));
        assertThat(reader.files()).isEmpty();
        assertThat(reader.rowsByOp())
                .containsExactly(
                        Map.entry("r", 0L),
                        Map.entry("c", 0L),
                        Map.entry("u", 0L),
                        Map.entry("d", 0L),
                        Map.entry("t", 0L));

        List<Map<String, Object>> rows = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            rows.add(new LinkedHashMap<>(Map.of("id", id, "name", "n" + id)));
        }
        lake.write(events.snapshot(rows));
        events.at(Instant.parse("2026-11-24T01:00:00Z"));
        List<KafkaChange> changes =
                List.of(
                        events.update(null, Map.of("id", 1L, "name", "n1 updated")),
                        events.delete(DebeziumEvents.keyOnly("id", 2L)),
                        events.truncate());
        lake.write(changes);
        lake.writeInProgress(List.of(events.insert(Map.of("id", 9L, "name", "not committed"))));
        Path marker = lake.dir().resolve("parquet/postgres/public.items/dt=2026-11-24/_SUCCESS");
        Files.writeString(marker, "");

        assertThat(reader.files()).hasSize(2);
        assertThat(reader.rowsByOp())
                .containsExactly(
                        Map.entry("r", 3L),
                        Map.entry("c", 0L),
                        Map.entry("u", 1L),
                        Map.entry("d", 1L),
                        Map.entry("t", 1L));
        assertThat(reader.read()).hasSize(6);

        lake.write(List.of(events.insert(Map.of("id", 10L, "name", "later"))));
        assertThat(reader.rowsByOp()).containsEntry("c", 1L).containsEntry("r", 3L);
    }
}
