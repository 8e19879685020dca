package io.cdclake.job.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.decode.ChangePosition;
import io.cdclake.job.dedup.ReplayFilter.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Re-sent events as Kafka Connect produces them after a crash: the same events again from an
 * earlier point, on the same partition, at new offsets. How positions and fingerprints come out of
 * real Debezium events is {@code DebeziumDecoderTest}'s part.
 */
class ReplayFilterTest {

    private static final String TOPIC = "postgres.public.ops_demo";

    /** A streamed change at {@code [commit, change]}; the fingerprint stands for op and key. */
    private static ChangePosition streamed(long commit, long change, String op, int id) {
        return ChangePosition.of(false, commit, change, Objects.hash(op, id));
    }

    /** A snapshot read; the fingerprint stands for key and values. */
    private static ChangePosition read(int id, String name) {
        return ChangePosition.of(true, ChangePosition.UNKNOWN, 42, Objects.hash(id, name));
    }

    @Test
    void streamedChangesSentAgainAreRecognized() {
        ReplayFilter filter = new ReplayFilter(100);
        List<ChangePosition> stream = new ArrayList<>();
        stream.add(streamed(100, 100, "c", 1));
        stream.add(streamed(200, 210, "u", 1));
        stream.add(streamed(200, 220, "c", 2));
        stream.add(streamed(300, 300, "d", 2));
        for (ChangePosition p : stream) {
            assertThat(filter.admit(TOPIC, 0, p)).isEqualTo(Verdict.NEW);
        }
        // The worker crashed after the second event's offset was flushed: events 2-4 come again.
        for (ChangePosition p : stream.subList(1, 4)) {
            assertThat(filter.admit(TOPIC, 0, p)).isEqualTo(Verdict.SENT_AGAIN);
        }
        assertThat(filter.admit(TOPIC, 0, streamed(300, 320, "c", 3))).isEqualTo(Verdict.NEW);
        // Another partition has its own mark.
        assertThat(filter.admit(TOPIC, 1, stream.get(0))).isEqualTo(Verdict.NEW);
    }

    @Test
    void eventsSharingOnePositionAreAllKeptOnceEach() {
        ReplayFilter filter = new ReplayFilter(100);
        // A primary-key change: a delete of the old key and a create of the new one, one LSN.
        ChangePosition delete = streamed(500, 510, "d", 7);
        ChangePosition create = streamed(500, 510, "c", 8);
        assertThat(filter.admit(TOPIC, 0, delete)).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, create)).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, delete)).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(filter.admit(TOPIC, 0, create)).isEqualTo(Verdict.SENT_AGAIN);
    }

    @Test
    void aRestartedSnapshotsIdenticalReadsAreDroppedAndChangedOnesKept() {
        ReplayFilter filter = new ReplayFilter(100);
        assertThat(filter.admit(TOPIC, 0, read(1, "Ada"))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(2, "Grace"))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(1, "Ada"))).isEqualTo(Verdict.SENT_AGAIN);
        // Changed between the two snapshots: a newer state, not a copy.
        assertThat(filter.admit(TOPIC, 0, read(2, "Grace Hopper"))).isEqualTo(Verdict.NEW);
        // Streaming began: the snapshot is over, and a later re-snapshot of a table reads anew.
        assertThat(filter.admit(TOPIC, 0, streamed(900, 900, "c", 3))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(1, "Ada"))).isEqualTo(Verdict.NEW);
    }

    @Test
    void snapshotMemoryIsBounded() {
        ReplayFilter filter = new ReplayFilter(2);
        assertThat(filter.admit(TOPIC, 0, read(1, "a"))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(2, "b"))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(3, "c"))).isEqualTo(Verdict.NEW);
        // Beyond the bound nothing more is remembered, and nothing is dropped for it.
        assertThat(filter.admit(TOPIC, 0, read(3, "c"))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(1, "a"))).isEqualTo(Verdict.NEW);
    }

    @Test
    void eventsWithoutAPositionAreKept() {
        ReplayFilter filter = new ReplayFilter(100);
        ChangePosition noSequence = ChangePosition.of(false, ChangePosition.UNKNOWN, 100, 1);
        assertThat(filter.admit(TOPIC, 0, noSequence)).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, noSequence)).isEqualTo(Verdict.NEW);
    }

    @Test
    void marksSurviveACheckpointAndAChangeOfParallelism() {
        ReplayFilter before = new ReplayFilter(100);
        before.admit(TOPIC, 0, streamed(100, 100, "c", 1));
        before.admit(TOPIC, 0, streamed(200, 200, "c", 2));
        ReplayFilter stale = new ReplayFilter(100);
        stale.admit(TOPIC, 0, streamed(100, 100, "c", 1));
        stale.admit(TOPIC, 1, streamed(150, 150, "c", 5));

        // A union of both subtasks' marks; partition 0 comes twice, the furthest mark wins.
        List<PartitionMark> union = new ArrayList<>(stale.marks());
        union.addAll(before.marks());
        ReplayFilter after = new ReplayFilter(100);
        after.restore(union);
        assertThat(after.admit(TOPIC, 0, streamed(200, 200, "c", 2))).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(after.admit(TOPIC, 0, streamed(100, 100, "c", 1))).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(after.admit(TOPIC, 1, streamed(150, 150, "c", 5))).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(after.admit(TOPIC, 0, streamed(300, 300, "c", 3))).isEqualTo(Verdict.NEW);
    }
}
