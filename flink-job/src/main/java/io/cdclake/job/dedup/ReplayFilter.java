package io.cdclake.job.dedup;

import io.cdclake.job.decode.ChangePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognizes change events that Kafka Connect sent a second time. Debezium's PostgreSQL connector
 * is at-least-once: after a crash of the Connect worker it starts again from its last flushed
 * offset and sends what it had sent since. Within one Kafka partition streamed changes arrive in
 * increasing WAL position ({@code source.sequence}), so a change at or below the furthest position
 * seen, and not a new event at exactly that position, was seen before. A snapshot that restarts
 * reads every row again with the same values; those are recognized by their key and values.
 *
 * <p>Per partition this costs a few longs, plus 8 bytes per snapshot read until the partition's
 * first streamed change. No shuffle is needed: a partition is read by one subtask at a time.
 */
public final class ReplayFilter {

    /** What {@link #admit} decided. */
    public enum Verdict {
        NEW,
        SENT_AGAIN
    }

    private final int maxSnapshotReads;
    private final Map<String, Map<Integer, Partition>> partitions = new HashMap<>();

    public ReplayFilter(int maxSnapshotReads) {
        this.maxSnapshotReads = maxSnapshotReads;
    }

    private static final class Partition {
        long commitLsn = -1L;
        long changeLsn = -1L;
        LongSet atMark = new LongSet();
        LongSet snapshotReads = new LongSet();
    }

    /** Decides whether an event is new, and remembers it when it is. */
    public Verdict admit(String topic, int partition, ChangePosition position) {
        Partition p =
                partitions
                        .computeIfAbsent(topic, t -> new HashMap<>())
                        .computeIfAbsent(partition, n -> new Partition());
        if (position.snapshotRead()) {
            if (p.snapshotReads.size() >= maxSnapshotReads) {
                return Verdict.NEW;
            }
            return p.snapshotReads.add(position.fingerprint()) ? Verdict.NEW : Verdict.SENT_AGAIN;
        }
        if (position.commitLsn() == ChangePosition.UNKNOWN
                || position.changeLsn() == ChangePosition.UNKNOWN) {
            // Without a position there is nothing to compare; keeping the event is the safe side.
            return Verdict.NEW;
        }
        // Streaming follows the snapshot: a snapshot cannot restart any more.
        p.snapshotReads.clear();
        int order =
                PartitionMark.compare(
                        position.commitLsn(), position.changeLsn(), p.commitLsn, p.changeLsn);
        if (order < 0) {
            return Verdict.SENT_AGAIN;
        }
        if (order == 0) {
            return p.atMark.add(position.fingerprint()) ? Verdict.NEW : Verdict.SENT_AGAIN;
        }
        p.commitLsn = position.commitLsn();
        p.changeLsn = position.changeLsn();
        p.atMark.clear();
        p.atMark.add(position.fingerprint());
        return Verdict.NEW;
    }

    /** The marks to keep in a checkpoint. */
    public List<PartitionMark> marks() {
        List<PartitionMark> marks = new ArrayList<>();
        partitions.forEach(
                (topic, byNumber) ->
                        byNumber.forEach(
                                (number, p) -> {
                                    PartitionMark mark = new PartitionMark();
                                    mark.topic = topic;
                                    mark.partition = number;
                                    mark.commitLsn = p.commitLsn;
                                    mark.changeLsn = p.changeLsn;
                                    mark.atMark = p.atMark.toArray();
                                    mark.snapshotReads = p.snapshotReads.toArray();
                                    marks.add(mark);
                                }));
        return marks;
    }

    /**
     * Takes marks from a checkpoint. After a change of parallelism every subtask gets every mark (a
     * union), and a partition may come with an old mark from its former reader too: the furthest
     * wins.
     */
    public void restore(Iterable<PartitionMark> marks) {
        for (PartitionMark mark : marks) {
            Partition p =
                    partitions
                            .computeIfAbsent(mark.topic, t -> new HashMap<>())
                            .computeIfAbsent(mark.partition, n -> new Partition());
            int order =
                    PartitionMark.compare(mark.commitLsn, mark.changeLsn, p.commitLsn, p.changeLsn);
            if (order > 0) {
                p.commitLsn = mark.commitLsn;
                p.changeLsn = mark.changeLsn;
                p.atMark = LongSet.of(mark.atMark);
                p.snapshotReads = LongSet.of(mark.snapshotReads);
            } else if (order == 0) {
                for (long fingerprint : mark.atMark) {
                    p.atMark.add(fingerprint);
                }
                for (long fingerprint : mark.snapshotReads) {
                    p.snapshotReads.add(fingerprint);
                }
            }
        }
    }
}
