package io.cdclake.cluster.fault;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lake's rows for a stretch of the change log against what the database's audit says they must
 * be, in one format.
 *
 * @param expected rows the audited changes must become
 * @param lost expected rows the lake does not have
 * @param duplicated rows the lake has more than once (copies beyond the first)
 * @param writtenTwice of those, copies of a row from the same Kafka record: the job wrote them
 *     twice. The others came from a change the source side sent to Kafka again.
 * @param unexplained distinct rows beyond what the audit accounts for: none may exist
 */
record LakeCount(long expected, long lost, long duplicated, long writtenTwice, long unexplained) {

    static LakeCount of(Map<ChangeEvent.Kind, Long> expectedRows, List<LakeRow> lakeRows) {
        Map<ChangeEvent, Long> copies = new HashMap<>();
        Map<LakeRow, Long> sameRecord = new HashMap<>();
        for (LakeRow row : lakeRows) {
            copies.merge(row.event(), 1L, Long::sum);
            sameRecord.merge(row, 1L, Long::sum);
        }
        long writtenTwice = sameRecord.values().stream().mapToLong(n -> n - 1).sum();
        Map<ChangeEvent.Kind, Long> distinct = new HashMap<>();
        long duplicated = 0;
        for (Map.Entry<ChangeEvent, Long> e : copies.entrySet()) {
            distinct.merge(e.getKey().kind(), 1L, Long::sum);
            duplicated += e.getValue() - 1;
        }
        long expected = 0;
        long lost = 0;
        for (Map.Entry<ChangeEvent.Kind, Long> e : expectedRows.entrySet()) {
            expected += e.getValue();
            lost += Math.max(0, e.getValue() - distinct.getOrDefault(e.getKey(), 0L));
        }
        long unexplained = 0;
        for (Map.Entry<ChangeEvent.Kind, Long> e : distinct.entrySet()) {
            unexplained += Math.max(0, e.getValue() - expectedRows.getOrDefault(e.getKey(), 0L));
        }
        return new LakeCount(expected, lost, duplicated, writtenTwice, unexplained);
    }
}
