package io.cdclake.job.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.decode.ChangePosition;
import io.cdclake.job.dedup.ReplayFilter.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Re-sent events as Kafka Connect produces them after a crash (the same events again from an
 * earlier point, on the same partition, at new offsets), next to the shapes of real changes that
 * look alike: identical rows, COPY batches whose rows share one position, primary-key changes,
 * truncates, a WAL that steps back. How positions and fingerprints come out of real Debezium events
 * is {@code DebeziumDecoderTest}'s part.
 */
class ReplayFilterTest {

    private static final String TOPIC = "postgres.public.ops_demo";

    /** A streamed change at {@code [commit, change]}; the fingerprint stands for op, key, image. */
    private static ChangePosition streamed(long commit, long change, String op, Object row) {
        return ChangePosition.streamed(commit, change, op.charAt(0), Objects.hash(op, row));
    }

    /** A snapshot read of attempt {@code lsn}; the fingerprint stands for key and values. */
    private static ChangePosition read(long lsn, Object row) {
        return ChangePosition.read(lsn, Objects.hash("r", row), false);
    }

    private static List<Verdict> admitAll(ReplayFilter filter, List<ChangePosition> events) {
        List<Verdict> verdicts = new ArrayList<>();
        for (ChangePosition p : events) {
            verdicts.add(filter.admit(TOPIC, 0, p));
        }
        return verdicts;
    }

    private static long count(List<Verdict> verdicts, Verdict verdict) {
        return verdicts.stream().filter(v -> v == verdict).count();
    }

    @Test
    void streamedChangesSentAgainAreRecognized() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        List<ChangePosition> stream = new ArrayList<>();
        stream.add(streamed(100, 100, "c", 1));
        stream.add(streamed(200, 210, "u", 1));
        stream.add(streamed(200, 220, "c", 2));
        stream.add(streamed(300, 300, "d", 2));
        assertThat(admitAll(filter, stream)).containsOnly(Verdict.NEW);
        // The worker crashed after the second event's offset was flushed: events 2-4 come again.
        assertThat(admitAll(filter, stream.subList(1, 4))).containsOnly(Verdict.SENT_AGAIN);
        assertThat(filter.admit(TOPIC, 0, streamed(300, 320, "c", 3))).isEqualTo(Verdict.NEW);
        // Another partition has its own memory.
        assertThat(filter.admit(TOPIC, 1, stream.get(0))).isEqualTo(Verdict.NEW);
    }

    @Test
    void identicalRowsOfOneCopyBatchAreAllKeptAndTheirCopiesAllDropped() {
        ReplayFilter filter = new ReplayFilter(10_000, 100);
        // A COPY into a table without a key: one multi-insert record, one LSN, null keys, and
        // rows 0-99 identical to each other; 300 rows in all.
        List<ChangePosition> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(streamed(100, 500, "c", i < 100 ? "same" : "row " + i));
        }
        assertThat(admitAll(filter, batch)).containsOnly(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, streamed(100, 600, "c", "next"))).isEqualTo(Verdict.NEW);
        // Connect sends the whole batch again, and the next change: all copies.
        List<ChangePosition> again = new ArrayList<>(batch);
        again.add(streamed(100, 600, "c", "next"));
        assertThat(admitAll(filter, again)).containsOnly(Verdict.SENT_AGAIN);
        // And once more after a second crash: still copies.
        assertThat(admitAll(filter, again)).containsOnly(Verdict.SENT_AGAIN);
        assertThat(filter.admit(TOPIC, 0, streamed(100, 700, "c", "same"))).isEqualTo(Verdict.NEW);
    }

    @Test
    void aBatchCutShortByACrashIsCompletedNotDropped() {
        ReplayFilter filter = new ReplayFilter(10_000, 100);
        assertThat(filter.admit(TOPIC, 0, streamed(90, 400, "c", "earlier")))
                .isEqualTo(Verdict.NEW);
        // 40 identical rows of one batch reached Kafka before the crash...
        for (int i = 0; i < 40; i++) {
            assertThat(filter.admit(TOPIC, 0, streamed(100, 500, "c", "same")))
                    .isEqualTo(Verdict.NEW);
        }
        // ...then Connect goes back to its flushed offset, before the batch, and sends all 100.
        assertThat(filter.admit(TOPIC, 0, streamed(90, 400, "c", "earlier")))
                .isEqualTo(Verdict.SENT_AGAIN);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            verdicts.add(filter.admit(TOPIC, 0, streamed(100, 500, "c", "same")));
        }
        assertThat(count(verdicts, Verdict.SENT_AGAIN)).isEqualTo(40);
        assertThat(count(verdicts, Verdict.NEW)).isEqualTo(60);
        assertThat(verdicts.subList(0, 40)).containsOnly(Verdict.SENT_AGAIN);
    }

    @Test
    void identicalRowsInSeparateStatementsAreDistinctChanges() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(filter.admit(TOPIC, 0, streamed(100 + i, 500 + i, "c", "same")))
                    .isEqualTo(Verdict.NEW);
            assertThat(filter.admit(TOPIC, 0, streamed(100 + i, 501 + i, "d", "same")))
                    .isEqualTo(Verdict.NEW);
        }
    }

    @Test
    void eventsSharingOnePositionAreAllKeptOnceEach() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        // A primary-key change: a delete of the old key and a create of the new one, one LSN.
        ChangePosition delete = streamed(500, 510, "d", 7);
        ChangePosition create = streamed(500, 510, "c", 8);
        // A TRUNCATE of two tables: one record, one event per table.
        ChangePosition truncateA = streamed(500, 520, "t", "table a");
        ChangePosition truncateB = streamed(500, 520, "t", "table b");
        assertThat(admitAll(filter, List.of(delete, create, truncateA, truncateB)))
                .containsOnly(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, streamed(530, 530, "c", 9))).isEqualTo(Verdict.NEW);
        assertThat(admitAll(filter, List.of(delete, create, truncateA, truncateB)))
                .containsOnly(Verdict.SENT_AGAIN);
    }

    @Test
    void aCopyStartingAtTheFurthestPositionIsDroppedUnlessItCouldBeARow() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        assertThat(filter.admit(TOPIC, 0, streamed(500, 510, "u", 7))).isEqualTo(Verdict.NEW);
        // One WAL record yields one update: the same one again is a copy.
        assertThat(filter.admit(TOPIC, 0, streamed(500, 510, "u", 7)))
                .isEqualTo(Verdict.SENT_AGAIN);
        assertThat(filter.admit(TOPIC, 0, streamed(500, 520, "c", "same"))).isEqualTo(Verdict.NEW);
        // A create equal to the one before it at one position may be the next identical row of a
        // COPY batch: kept, a duplicate at worst, never a loss.
        assertThat(filter.admit(TOPIC, 0, streamed(500, 520, "c", "same"))).isEqualTo(Verdict.NEW);
    }

    @Test
    void interleavedTransactionsArriveInCommitOrderAndAreAllKept() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        // T1 writes at 100 and 300 and commits at 500; T2 writes at 200 and commits at 400.
        // Decoding sends T2 whole, then T1 whole; the last commit LSN orders them.
        List<ChangePosition> stream =
                List.of(
                        streamed(50, 200, "c", "t2 row"),
                        streamed(400, 100, "c", "t1 row"),
                        streamed(400, 300, "u", "t1 row"));
        assertThat(admitAll(filter, stream)).containsOnly(Verdict.NEW);
        assertThat(admitAll(filter, stream)).containsOnly(Verdict.SENT_AGAIN);
    }

    @Test
    void aWalThatStepsBackIsKeptAndReported() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        for (int i = 0; i < 10; i++) {
            filter.admit(TOPIC, 0, streamed(1000 + i, 1000 + i, "c", i));
        }
        // A restored database writes new changes at positions the old one had passed.
        assertThat(filter.admit(TOPIC, 0, streamed(1003, 1003, "c", "after the restore")))
                .isEqualTo(Verdict.NEW_BEHIND_MARK);
        assertThat(filter.admit(TOPIC, 0, streamed(1003, 1004, "u", "after the restore")))
                .isEqualTo(Verdict.NEW_BEHIND_MARK);
    }

    @Test
    void whatTheMemoryForgotIsKeptNotDropped() {
        ReplayFilter filter = new ReplayFilter(3, 100);
        for (int i = 0; i < 10; i++) {
            assertThat(filter.admit(TOPIC, 0, streamed(100 + i, 100 + i, "c", i)))
                    .isEqualTo(Verdict.NEW);
        }
        // Changes 7-9 are remembered, 0-6 forgotten: a copy from further back cannot be shown.
        assertThat(filter.admit(TOPIC, 0, streamed(108, 108, "c", 8)))
                .isEqualTo(Verdict.SENT_AGAIN);
        assertThat(filter.admit(TOPIC, 0, streamed(105, 105, "c", 5)))
                .isEqualTo(Verdict.KEPT_UNPROVEN);
        assertThat(filter.admit(TOPIC, 0, streamed(106, 106, "c", 6)))
                .isEqualTo(Verdict.KEPT_UNPROVEN);
    }

    @Test
    void aRestartedSnapshotsReadsAreMatchedByCountNotByValue() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        // A table without a key holding one row three times, and two other rows.
        List<ChangePosition> first =
                List.of(read(42, "Ada"), read(42, "Ada"), read(42, "Grace"), read(42, "Ada"));
        assertThat(admitAll(filter, first)).containsOnly(Verdict.NEW);
        // The snapshot restarts under a new LSN after two reads, and the table changed meanwhile:
        // one more Ada, Grace renamed.
        List<ChangePosition> second =
                List.of(
                        read(43, "Ada"),
                        read(43, "Grace Hopper"),
                        read(43, "Ada"),
                        read(43, "Ada"),
                        read(43, "Ada"));
        assertThat(admitAll(filter, second))
                .containsExactly(
                        Verdict.SENT_AGAIN,
                        Verdict.NEW,
                        Verdict.SENT_AGAIN,
                        Verdict.SENT_AGAIN,
                        Verdict.NEW);
        // Streaming began: the snapshot is over, and a later snapshot of a table reads anew.
        assertThat(filter.admit(TOPIC, 0, streamed(900, 900, "c", 3))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(44, "Ada"))).isEqualTo(Verdict.NEW);
    }

    @Test
    void identicalReadsOfOneSnapshotAreAllKept() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        for (int i = 0; i < 51; i++) {
            assertThat(filter.admit(TOPIC, 0, read(42, i == 50 ? "line 7" : "line " + i)))
                    .isEqualTo(Verdict.NEW);
        }
        // A snapshot marked first starts an attempt even under the same LSN.
        assertThat(
                        filter.admit(
                                TOPIC,
                                0,
                                ChangePosition.read(42, Objects.hash("r", "line 7"), true)))
                .isEqualTo(Verdict.SENT_AGAIN);
    }

    @Test
    void incrementalSnapshotReadsAreNeverTakenForCopies() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        assertThat(filter.admit(TOPIC, 0, ChangePosition.incrementalRead(7)))
                .isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, ChangePosition.incrementalRead(7)))
                .isEqualTo(Verdict.NEW);
    }

    @Test
    void snapshotMemoryIsBounded() {
        ReplayFilter filter = new ReplayFilter(100, 2);
        assertThat(filter.admit(TOPIC, 0, read(1, "a"))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(1, "b"))).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, read(1, "c"))).isEqualTo(Verdict.NEW);
        // A second attempt: what was remembered is recognized, the rest kept as unproven.
        assertThat(filter.admit(TOPIC, 0, read(2, "a"))).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(filter.admit(TOPIC, 0, read(2, "c"))).isEqualTo(Verdict.KEPT_UNPROVEN);
    }

    @Test
    void eventsWithoutAPositionAreKept() {
        ReplayFilter filter = new ReplayFilter(100, 100);
        ChangePosition noSequence = ChangePosition.streamed(ChangePosition.UNKNOWN, 100, 'u', 1);
        assertThat(filter.admit(TOPIC, 0, noSequence)).isEqualTo(Verdict.NEW);
        assertThat(filter.admit(TOPIC, 0, noSequence)).isEqualTo(Verdict.NEW);
    }

    @Test
    void aCheckpointTakenInTheMiddleOfABatchResumesItsCount() {
        ReplayFilter before = new ReplayFilter(100, 100);
        for (int i = 0; i < 3; i++) {
            before.admit(TOPIC, 0, streamed(100, 500, "c", "same"));
        }
        ReplayFilter after = new ReplayFilter(100, 100);
        after.restore(before.marks());
        // The source resumes after the checkpoint's offsets: the batch goes on, nothing is a copy.
        for (int i = 0; i < 3; i++) {
            assertThat(after.admit(TOPIC, 0, streamed(100, 500, "c", "same")))
                    .isEqualTo(Verdict.NEW);
        }
        for (int i = 0; i < 2; i++) {
            before.admit(TOPIC, 0, read(7, "x"));
        }
        ReplayFilter reads = new ReplayFilter(100, 100);
        reads.restore(before.marks());
        assertThat(reads.admit(TOPIC, 0, read(7, "x"))).isEqualTo(Verdict.NEW);
        assertThat(reads.admit(TOPIC, 0, read(8, "x"))).isEqualTo(Verdict.SENT_AGAIN);
    }

    @Test
    void memoriesSurviveACheckpointAndAChangeOfParallelism() {
        ReplayFilter before = new ReplayFilter(100, 100);
        before.admit(TOPIC, 0, streamed(100, 100, "c", 1));
        before.admit(TOPIC, 0, streamed(200, 200, "c", 2));
        ReplayFilter stale = new ReplayFilter(100, 100);
        stale.admit(TOPIC, 0, streamed(100, 100, "c", 1));
        stale.admit(TOPIC, 1, streamed(150, 150, "u", 5));

        // A union of both subtasks' memories; partition 0 comes twice, the newer copy wins.
        List<PartitionMark> union = new ArrayList<>(stale.marks());
        union.addAll(before.marks());
        ReplayFilter after = new ReplayFilter(100, 100);
        after.restore(union);
        assertThat(after.admit(TOPIC, 0, streamed(100, 100, "c", 1))).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(after.admit(TOPIC, 0, streamed(200, 200, "c", 2))).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(after.admit(TOPIC, 1, streamed(150, 150, "u", 5))).isEqualTo(Verdict.SENT_AGAIN);
        assertThat(after.admit(TOPIC, 0, streamed(300, 300, "c", 3))).isEqualTo(Verdict.NEW);
    }

    @Test
    void aCheckpointOfTheEarlierVersionKeepsWhatItCannotPlace() {
        PartitionMark old = new PartitionMark();
        old.topic = TOPIC;
        old.partition = 0;
        old.commitLsn = 200;
        old.changeLsn = 200;
        old.rememberedKeys = null;
        old.rememberedCommitLsns = null;
        old.rememberedChangeLsns = null;
        ReplayFilter filter = new ReplayFilter(100, 100);
        filter.restore(List.of(old));
        assertThat(filter.admit(TOPIC, 0, streamed(150, 150, "c", 1)))
                .isEqualTo(Verdict.KEPT_UNPROVEN);
        assertThat(filter.admit(TOPIC, 0, streamed(300, 300, "c", 1))).isEqualTo(Verdict.NEW);
    }
}
