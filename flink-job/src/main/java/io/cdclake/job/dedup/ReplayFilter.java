package io.cdclake.job.dedup;

import io.cdclake.job.decode.ChangePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognizes change events that Kafka Connect sent a second time. Debezium's PostgreSQL connector
 * is at-least-once without Connect's exactly-once support: after a crash of the Connect worker it
 * starts again from its last flushed offset and sends what it had sent since. Each Kafka partition
 * has a {@link PartitionMemory}; the rule is that an event is dropped only when it provably is a
 * copy, and kept when it cannot be placed. No shuffle is needed: a partition is read by one subtask
 * at a time.
 */
public final class ReplayFilter {

    /** What {@link #admit} decided. */
    public enum Verdict {
        /** A change not seen before: to the lake. */
        NEW,
        /** A copy of a change that reached the lake from an earlier offset: not to the lake. */
        SENT_AGAIN,
        /**
         * At or below a position the memory no longer holds: it may be a copy, but that cannot be
         * shown, so it goes to the lake.
         */
        KEPT_UNPROVEN,
        /**
         * Below the furthest position, and provably not seen before: the WAL stepped back (a
         * restore, a promoted standby that lagged, another cluster behind the same topics). To the
         * lake.
         */
        NEW_BEHIND_MARK
    }

    private final int window;
    private final int maxSnapshotReads;
    private final Map<String, Map<Integer, PartitionMemory>> partitions = new HashMap<>();

    /**
     * @param window how many streamed changes each partition remembers
     * @param maxSnapshotReads how many snapshot reads each partition remembers
     */
    public ReplayFilter(int window, int maxSnapshotReads) {
        this.window = window;
        this.maxSnapshotReads = maxSnapshotReads;
    }

    private boolean verdictChanged;

    /** Decides whether an event is new, and remembers it when it goes to the lake. */
    public Verdict admit(String topic, int partition, ChangePosition position) {
        PartitionMemory memory = memory(topic, partition);
        Verdict verdict = memory.admit(position);
        verdictChanged = verdict != memory.lastVerdict;
        memory.lastVerdict = verdict;
        return verdict;
    }

    /**
     * Whether the last {@link #admit} judged otherwise than the event before it on its partition:
     * the moments worth a log line.
     */
    public boolean verdictChanged() {
        return verdictChanged;
    }

    /** The furthest WAL position of a partition, as {@code [commit LSN, change LSN]}. */
    public String markOf(String topic, int partition) {
        return memory(topic, partition).markText();
    }

    /** Streamed changes and snapshot reads remembered over all partitions, for the metrics. */
    public long remembered() {
        long total = 0;
        for (Map<Integer, PartitionMemory> byNumber : partitions.values()) {
            for (PartitionMemory memory : byNumber.values()) {
                total += memory.rememberedChanges() + memory.rememberedReads();
            }
        }
        return total;
    }

    private PartitionMemory memory(String topic, int partition) {
        return partitions
                .computeIfAbsent(topic, t -> new HashMap<>())
                .computeIfAbsent(partition, n -> new PartitionMemory(window, maxSnapshotReads));
    }

    /** The memories to keep in a checkpoint. */
    public List<PartitionMark> marks() {
        List<PartitionMark> marks = new ArrayList<>();
        partitions.forEach(
                (topic, byNumber) ->
                        byNumber.forEach(
                                (number, memory) -> marks.add(memory.save(topic, number))));
        return marks;
    }

    /**
     * Takes memories from a checkpoint. After a change of parallelism every subtask gets every
     * partition's memory (a union), and a partition may come with an old copy from a subtask that
     * read it before: the copy that judged more events is the newer.
     */
    public void restore(Iterable<PartitionMark> marks) {
        Map<String, Map<Integer, PartitionMark>> newest = new HashMap<>();
        for (PartitionMark mark : marks) {
            newest.computeIfAbsent(mark.topic, t -> new HashMap<>())
                    .merge(mark.partition, mark, ReplayFilter::newer);
        }
        newest.forEach(
                (topic, byNumber) ->
                        byNumber.forEach(
                                (number, mark) ->
                                        partitions
                                                .computeIfAbsent(topic, t -> new HashMap<>())
                                                .put(
                                                        number,
                                                        PartitionMemory.restore(
                                                                mark, window, maxSnapshotReads))));
    }

    private static PartitionMark newer(PartitionMark a, PartitionMark b) {
        if (a.eventsJudged != b.eventsJudged) {
            return a.eventsJudged > b.eventsJudged ? a : b;
        }
        // Checkpoints of an earlier version count nothing: the furthest mark is the newer.
        return PartitionMark.compare(a.commitLsn, a.changeLsn, b.commitLsn, b.changeLsn) >= 0
                ? a
                : b;
    }
}
