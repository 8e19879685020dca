package io.cdclake.reader.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order in which lake rows are replayed: {@link ChangelogFindings#COMMIT_ORDER} (by {@code
 * _lsn}, then Kafka position), except that a snapshot read and the rows around it in its Kafka
 * partition keep their Kafka order. The replay's SQL ({@link io.cdclake.reader.replay.ReplaySql})
 * computes the same replay LSN with window functions; this is its Java twin for the findings. It is
 * needed because the findings ({@link ChangelogFindings}, run by {@code verify} and by {@code
 * compact}'s checks) walk the rows one by one in this order, keeping each copy of an event and an
 * example per finding with its file: the SQL gives the rows the changes leave, not which change
 * removed nothing.
 *
 * <p>A streamed change carries the LSN of its WAL record, and rows changed by one transaction are
 * locked until it commits, so one row's changes are in LSN order. A row read by an incremental
 * snapshot (a table captured later) carries no LSN (Debezium 3.4 sends {@code source.lsn} null):
 * its place is in Kafka, among the changes streamed while its chunk was read. So in each partition,
 * walked in offset order, a snapshot read sorts at the highest LSN of the rows before it (or its
 * own, if higher), and a streamed change at no lower LSN than any snapshot read before it: a
 * transaction that wrote a row before a chunk's window closed but committed after it comes after
 * the read in Kafka, with a lower LSN. Streamed changes keep LSN order among themselves; an initial
 * snapshot, whose LSN is below every streamed change, keeps its place. A row's events are in one
 * partition (Debezium keys them by primary key), so raising an LSN never moves a row past another
 * event of the same row. "Before it" means up to its offset: rows at one offset (the images of one
 * event, or copies of one Kafka record) are placed alike, whatever their order, as the SQL's window
 * frames of peers place them.
 */
final class ReplayOrder {

    private ReplayOrder() {}

    /** {@code records} sorted for replay; the list given is not changed. */
    static List<LakeRecord> sort(List<LakeRecord> records) {
        Map<LakeRecord, Long> replayLsn = replayLsns(records);
        List<LakeRecord> sorted = new ArrayList<>(records);
        sorted.sort(
                Comparator.<LakeRecord, Long>comparing(
                                replayLsn::get, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(ChangelogFindings.POSITION_ORDER));
        return sorted;
    }

    /** The LSN each row is replayed at: its own, raised as the class explains. */
    static Map<LakeRecord, Long> replayLsns(List<LakeRecord> records) {
        Map<LakeRecord, Long> replayLsn = new IdentityHashMap<>();
        Map<List<Object>, List<LakeRecord>> byPartition = new HashMap<>();
        for (LakeRecord record : records) {
            if (record.offset() == null || (record.lsn() == null && !isRead(record))) {
                replayLsn.put(record, record.lsn());
            } else {
                byPartition
                        .computeIfAbsent(
                                Arrays.asList(record.topic(), record.partition()),
                                p -> new ArrayList<>())
                        .add(record);
            }
        }
        for (List<LakeRecord> partition : byPartition.values()) {
            partition.sort(Comparator.comparing(LakeRecord::offset));
            Long highestLsn = null;
            Long highestRead = null;
            int start = 0;
            while (start < partition.size()) {
                int end = start;
                while (end < partition.size()
                        && partition.get(end).offset().equals(partition.get(start).offset())) {
                    end++;
                }
                // Rows at one offset see each other: first their LSNs, then their reads.
                List<LakeRecord> atOffset = partition.subList(start, end);
                for (LakeRecord record : atOffset) {
                    highestLsn = max(highestLsn, record.lsn());
                }
                for (LakeRecord record : atOffset) {
                    if (isRead(record)) {
                        replayLsn.put(record, highestLsn);
                        highestRead = max(highestRead, highestLsn);
                    }
                }
                for (LakeRecord record : atOffset) {
                    if (!isRead(record)) {
                        replayLsn.put(record, max(record.lsn(), highestRead));
                    }
                }
                start = end;
            }
        }
        return replayLsn;
    }

    private static boolean isRead(LakeRecord record) {
        return Objects.equals(record.op(), "r");
    }

    /** The larger of two LSNs, null only when both are. */
    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
}
