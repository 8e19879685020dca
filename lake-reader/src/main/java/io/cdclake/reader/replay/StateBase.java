package io.cdclake.reader.replay;

import java.util.List;

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
