package io.cdclake.job.dedup;

/**
 * What the job remembers of one Kafka partition to recognize events sent again: the furthest WAL
 * position of a streamed change, the fingerprints of the events at exactly that position, and the
 * fingerprints of the snapshot reads since the partition's last streamed change. A POJO, so that
 * Flink serializes it without Kryo.
 */
public class PartitionMark {

    public String topic;
    public int partition;
    public long commitLsn = -1L;
    public long changeLsn = -1L;
    public long[] atMark = new long[0];
    public long[] snapshotReads = new long[0];

    public PartitionMark() {}

    /** Orders marks by position: commit LSN, then change LSN. */
    static int compare(long commitA, long changeA, long commitB, long changeB) {
        int byCommit = Long.compare(commitA, commitB);
        return byCommit != 0 ? byCommit : Long.compare(changeA, changeB);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@[" + commitLsn + "," + changeLsn + "]";
    }
}
