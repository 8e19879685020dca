package io.cdclake.reader.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compacted state of a table that stands in for the changes it covers in the replay: its rows
 * (Parquet files of the table's columns, each row with the metadata columns of the change it last
 * took and its replay LSN, as {@link ReplaySql#compactedState} gives them) and its marks ({@link
 * ReplaySql#marks}). Replaying the state and the changes written after it gives the rows the replay
 * of every change gives, as long as each Kafka partition's later changes are at offsets beyond its
 * mark: the files a state covers are, per partition, the first ones the job wrote.
 *
 * @param files the state's files, as the engine reads them
 * @param marks per Kafka partition where the covered changes end, and the last truncate
 */
public record StateBase(List<PartFile> files, List<Mark> marks) {

    /** No compacted state: the replay reads every change. */
    public static final StateBase NONE = new StateBase(List.of(), List.of());

    public StateBase {
        files = List.copyOf(files);
        marks = List.copyOf(marks);
    }

    public boolean isNone() {
        return files.isEmpty() && marks.isEmpty();
    }

    /**
     * Why the replay of this state and {@code uncovered} (part files it does not cover, with the
     * key they record; {@code stateKey} the key the state was compacted with) would not give the
     * rows the replay of every part file gives; empty when it does. The replay continues a state as
     * long as each Kafka partition's new changes come after what the state covers, which the job's
     * exactly-once files give; these are the cases it does not:
     *
     * <ul>
     *   <li>the table's key changed;
     *   <li>a new change is at or before the furthest offset the state covers in its partition;
     *   <li>a table without a key gets a truncate from a partition read behind the others, whose
     *       LSN is below a change the state covers: the state has already netted the upserts and
     *       removals on either side of it.
     * </ul>
     */
    public Optional<String> whyNotContinued(
            Connection duckDb, List<PartFile> uncovered, List<String> stateKey, List<String> key)
            throws SQLException {
        if (!key.equals(stateKey)) {
            return Optional.of("the table's key changed from " + stateKey + " to " + key);
        }
        if (uncovered.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> furthest = new HashMap<>();
        long highestLsn = Long.MIN_VALUE;
        for (Mark mark : marks) {
            if (mark.op().equals(Mark.POSITION)) {
                furthest.put(mark.topic() + "\u0000" + mark.partition(), mark.offset());
                if (mark.lsn() != null) {
                    highestLsn = Math.max(highestLsn, mark.lsn());
                }
            }
        }
        String changes = ReplaySql.changes(SqlDialect.DUCKDB, uncovered);
        try (Statement statement = duckDb.createStatement()) {
            try (ResultSet result =
                    statement.executeQuery(
                            "SELECT _topic, _partition, min(_offset) FROM ("
                                    + changes
                                    + ") AS c WHERE _topic IS NOT NULL AND _partition IS NOT NULL"
                                    + " AND _offset IS NOT NULL GROUP BY _topic, _partition")) {
                while (result.next()) {
                    Long mark = furthest.get(result.getString(1) + "\u0000" + result.getInt(2));
                    if (mark != null && result.getLong(3) <= mark) {
                        return Optional.of(
                                "a new part file has a change at offset "
                                        + result.getLong(3)
                                        + " of "
                                        + result.getString(1)
                                        + "-"
                                        + result.getInt(2)
                                        + ", which the state covers up to "
                                        + mark);
                    }
                }
            }
            if (key.isEmpty() && highestLsn != Long.MIN_VALUE) {
                try (ResultSet result =
                        statement.executeQuery(
                                "SELECT min(_lsn) FROM ("
                                        + changes
                                        + ") AS c WHERE _op = 't' AND _lsn < "
                                        + highestLsn)) {
                    result.next();
                    long lsn = result.getLong(1);
                    if (!result.wasNull()) {
                        return Optional.of(
                                "a truncate at LSN "
                                        + lsn
                                        + " comes after changes the state covers up to LSN "
                                        + highestLsn);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A row of {@link ReplaySql#marks}.
     *
     * @param op {@code p} for a partition's position, {@code t} for the last truncate
     * @param topic the Kafka topic
     * @param partition the Kafka partition
     * @param offset the furthest offset covered, or the truncate's
     * @param lsn the highest LSN covered, or the truncate's; null when none
     * @param replayLsn the highest replay LSN of a read covered, or the truncate's replay LSN; null
     *     when none
     */
    public record Mark(
            String op, String topic, int partition, long offset, Long lsn, Long replayLsn) {

        public static final String POSITION = "p";
        public static final String TRUNCATE = "t";

        public Mark {
            if (!op.equals(POSITION) && !op.equals(TRUNCATE)) {
                throw new IllegalArgumentException("a mark is a position or a truncate: " + op);
            }
        }
    }
}
