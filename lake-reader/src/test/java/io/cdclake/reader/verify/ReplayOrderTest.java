package io.cdclake.reader.verify;

import static io.cdclake.reader.verify.Records.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.MetadataColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayOrderTest {

    @Test
    void streamedChangesKeepLsnOrderAndAnInitialSnapshotComesFirst() {
        LakeRecord read = row("x", "r", "after", 100, 0, 0, null, "id", 1L);
        // Committed in the other order than written: Kafka has the higher LSN first.
        LakeRecord later = row("x", "c", "after", 220, 0, 1, null, "id", 2L);
        LakeRecord earlier = row("x", "c", "after", 210, 0, 2, null, "id", 3L);
        LakeRecord otherPartition = row("x", "c", "after", 215, 1, 0, null, "id", 4L);
        assertThat(ReplayOrder.sort(List.of(earlier, otherPartition, later, read)))
                .containsExactly(read, earlier, otherPartition, later);
    }

    @Test
    void anIncrementalSnapshotReadKeepsItsKafkaPlace() {
        LakeRecord streamed = row("x", "u", "after", 260, 0, 0, null, "id", 1L);
        // Debezium sends a chunk's reads with the LSN of the window's close, 250 here.
        LakeRecord read = row("x", "r", "after", 250, 0, 1, null, "id", 2L);
        // Written before the window closed, committed after.
        LakeRecord writtenBeforeCommittedAfter = row("x", "u", "after", 240, 0, 2, null, "id", 2L);
        LakeRecord next = row("x", "c", "after", 270, 0, 3, null, "id", 3L);
        assertThat(ReplayOrder.sort(List.of(next, writtenBeforeCommittedAfter, read, streamed)))
                .containsExactly(streamed, read, writtenBeforeCommittedAfter, next);
        assertThat(ReplayOrder.replayLsns(List.of(streamed, read, writtenBeforeCommittedAfter)))
                .containsEntry(read, 260L)
                .containsEntry(writtenBeforeCommittedAfter, 260L)
                .containsEntry(streamed, 260L);
    }

    @Test
    void aReadWithoutLsnSortsAtTheHighestLsnBeforeIt() {
        LakeRecord first = row("x", "c", "after", 300, 0, 0, null, "id", 1L);
        LakeRecord second = row("x", "c", "after", 200, 0, 1, null, "id", 2L);
        LakeRecord read = withoutLsn(row("x", "r", "after", 0, 0, 2, null, "id", 3L));
        LakeRecord writtenBeforeCommittedAfter = row("x", "u", "after", 250, 0, 3, null, "id", 3L);
        LakeRecord initialRead = withoutLsn(row("x", "r", "after", 0, 1, 0, null, "id", 4L));
        assertThat(
                        ReplayOrder.replayLsns(
                                List.of(
                                        first,
                                        second,
                                        read,
                                        writtenBeforeCommittedAfter,
                                        initialRead)))
                .containsEntry(second, 200L)
                .containsEntry(read, 300L)
                .containsEntry(writtenBeforeCommittedAfter, 300L)
                .containsEntry(initialRead, null);
        assertThat(ReplayOrder.sort(List.of(writtenBeforeCommittedAfter, read, second, first)))
                .containsExactly(second, first, read, writtenBeforeCommittedAfter);
    }

    @Test
    void rowsAtOneOffsetArePlacedAlikeWhateverTheirOrder() {
        // One Kafka position written twice with other content: each sees the other.
        LakeRecord change = row("x", "c", "after", 300, 0, 0, null, "id", 1L);
        LakeRecord read = withoutLsn(row("x", "r", "after", 0, 0, 0, null, "id", 2L));
        LakeRecord next = row("x", "c", "after", 200, 0, 1, null, "id", 3L);
        for (List<LakeRecord> order :
                List.of(List.of(change, read, next), List.of(read, change, next))) {
            assertThat(ReplayOrder.replayLsns(order))
                    .containsEntry(change, 300L)
                    .containsEntry(read, 300L)
                    .containsEntry(next, 300L);
        }
    }

    private static LakeRecord withoutLsn(LakeRecord row) {
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        values.put(MetadataColumns.LSN, null);
        return new LakeRecord(row.file(), values);
    }
}
