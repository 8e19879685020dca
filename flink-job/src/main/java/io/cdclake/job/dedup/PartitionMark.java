package io.cdclake.job.dedup;

/**
 * What the job remembers of one Kafka partition to recognize events sent again, as kept in a
 * checkpoint (see {@link PartitionMemory} for what each part means). A POJO, so that Flink
 * serializes it without Kryo and a checkpoint of an earlier version, which had only the mark, still
 * restores.
 */
public class PartitionMark {

    public String topic;
    public int partition;

    /** Events judged so far: of two copies of one partition's memory, the busier is newer. */
    public long eventsJudged;

    /** The furthest WAL position of a streamed change. */
    public long commitLsn = -1L;

    public long changeLsn = -1L;

    /** The furthest position of a change no longer remembered. */
    public long forgottenCommitLsn = -1L;

    public long forgottenChangeLsn = -1L;

    /** The remembered streamed changes, oldest first: positions and keys. */
    public long[] rememberedCommitLsns = new long[0];

    public long[] rememberedChangeLsns = new long[0];
    public long[] rememberedKeys = new long[0];

    /** The run of events at one position being read when the checkpoint was taken. */
    public boolean runStarted;

    public long runCommitLsn = -1L;
    public long runChangeLsn = -1L;
    public boolean runBehindMark;
    public long[] runMatchedKeys = new long[0];
    public int[] runMatchedCounts = new int[0];

    /** Snapshot reads since the partition's last streamed change, with how often each came. */
    public long[] readKeys = new long[0];

    public int[] readCounts = new int[0];
    public boolean readRunStarted;
    public long readRunLsn = -1L;
    public boolean readRunAfterEarlier;
    public long[] readRunMatchedKeys = new long[0];
    public int[] readRunMatchedCounts = new int[0];

    public PartitionMark() {}

    /** Orders positions: commit LSN, then change LSN. */
    static int compare(long commitA, long changeA, long commitB, long changeB) {
        int byCommit = Long.compare(commitA, commitB);
        return byCommit != 0 ? byCommit : Long.compare(changeA, changeB);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@[" + commitLsn + "," + changeLsn + "]";
    }
}
