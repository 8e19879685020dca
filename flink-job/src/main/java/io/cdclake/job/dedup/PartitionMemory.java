package io.cdclake.job.dedup;

import io.cdclake.job.decode.ChangePosition;
import io.cdclake.job.dedup.ReplayFilter.Verdict;

/**
 * What one Kafka partition's events were, to tell an event Kafka Connect sent again from a change
 * that merely looks like one.
 *
 * <p>Streamed changes arrive in increasing WAL position, and all events at one position arrive
 * together, as one <em>run</em>: one event for most positions, many for a COPY batch (one
 * multi-insert record), two for a primary-key change. When Connect sends again after a crash, it
 * goes back to its last flushed offset, so the stream steps back and positions it had reached come
 * a second time, as new runs. The memory keeps the last {@code window} streamed changes (position
 * and fingerprint) with how often each came. An event is sent again only when its position,
 * fingerprint and count in the current run match a remembered change from an earlier run: the k-th
 * copy of an identical row in a run matches only when the earlier run had at least k. A change the
 * memory cannot place (below what it forgot) is kept, never dropped on a guess.
 *
 * <p>Within a run, a repeat is a copy only for ops other than create: one WAL record yields at most
 * one event of them, while identical rows of one COPY batch are real, distinct creates.
 *
 * <p>Snapshot reads all share the snapshot's LSN; a snapshot that restarts after a crash reads the
 * table again from its first row, under a new LSN or marked {@code first}. The reads of a new
 * attempt are matched by fingerprint and count against the earlier attempts' reads, so identical
 * rows are kept as many times as the table holds them.
 */
final class PartitionMemory {

    private final int window;
    private final int maxReads;

    long eventsJudged;

    /** The verdict on the partition's last event, for logging changes only; not checkpointed. */
    Verdict lastVerdict = Verdict.NEW;

    // The furthest position of a streamed change, and the furthest position forgotten.
    long markCommit = -1L;
    long markChange = -1L;
    long forgottenCommit = -1L;
    long forgottenChange = -1L;

    // Remembered streamed changes in arrival order (a ring), and how often each key came.
    private long[] ringCommit = new long[0];
    private long[] ringChange = new long[0];
    private long[] ringKey = new long[0];
    private int ringHead;
    private int ringSize;
    private final LongCounts remembered = new LongCounts();

    // The run of streamed events being read.
    private boolean runStarted;
    private long runCommit = -1L;
    private long runChange = -1L;
    private boolean runBehindMark;
    private final LongCounts runMatched = new LongCounts();

    // Snapshot reads since the last streamed change, and the attempt being read.
    private final LongCounts reads = new LongCounts();
    private long readsHeld;
    private boolean readRunStarted;
    private long readRunLsn = -1L;
    private boolean readRunAfterEarlier;
    private final LongCounts readRunMatched = new LongCounts();

    PartitionMemory(int window, int maxReads) {
        this.window = window;
        this.maxReads = maxReads;
    }

    Verdict admit(ChangePosition position) {
        eventsJudged++;
        if (position.incrementalRead()) {
            // A read that restates a row at its place in the stream; asked for, never a copy.
            return Verdict.NEW;
        }
        if (position.snapshotRead()) {
            return admitRead(position);
        }
        if (position.commitLsn() == ChangePosition.UNKNOWN
                || position.changeLsn() == ChangePosition.UNKNOWN) {
            // Without a position there is nothing to compare; keeping the event is the safe side.
            return Verdict.NEW;
        }
        if (!reads.isEmpty() || readRunStarted) {
            // Streaming follows the snapshot: it cannot restart any more.
            reads.clear();
            readsHeld = 0;
            readRunStarted = false;
            readRunMatched.clear();
        }
        long commit = position.commitLsn();
        long change = position.changeLsn();
        if (!runStarted || commit != runCommit || change != runChange) {
            runStarted = true;
            runCommit = commit;
            runChange = change;
            runBehindMark = PartitionMark.compare(commit, change, markCommit, markChange) <= 0;
            runMatched.clear();
        }
        long key = key(commit, change, position.fingerprint());
        if (!runBehindMark) {
            // A position never reached before this run; only a repeat within it can be a copy.
            if (!position.create() && remembered.count(key) > 0) {
                return Verdict.SENT_AGAIN;
            }
            remember(commit, change, key);
            markCommit = commit;
            markChange = change;
            return Verdict.NEW;
        }
        if (runMatched.count(key) < remembered.count(key)) {
            runMatched.add(key);
            return Verdict.SENT_AGAIN;
        }
        runMatched.add(key);
        remember(commit, change, key);
        if (PartitionMark.compare(commit, change, forgottenCommit, forgottenChange) <= 0) {
            return Verdict.KEPT_UNPROVEN;
        }
        return commit == markCommit && change == markChange ? Verdict.NEW : Verdict.NEW_BEHIND_MARK;
    }

    private Verdict admitRead(ChangePosition position) {
        long lsn = position.changeLsn();
        boolean newAttempt =
                !readRunStarted
                        || position.snapshotStart()
                        || (lsn != ChangePosition.UNKNOWN
                                && readRunLsn != ChangePosition.UNKNOWN
                                && lsn != readRunLsn);
        if (newAttempt) {
            readRunStarted = true;
            readRunLsn = lsn;
            readRunAfterEarlier = !reads.isEmpty();
            readRunMatched.clear();
        }
        long key = position.fingerprint();
        if (readRunAfterEarlier) {
            if (readRunMatched.count(key) < reads.count(key)) {
                readRunMatched.add(key);
                return Verdict.SENT_AGAIN;
            }
            readRunMatched.add(key);
        }
        if (readsHeld >= maxReads) {
            return readRunAfterEarlier ? Verdict.KEPT_UNPROVEN : Verdict.NEW;
        }
        reads.add(key);
        readsHeld++;
        return Verdict.NEW;
    }

    private void remember(long commit, long change, long key) {
        if (window <= 0) {
            forget(commit, change);
            return;
        }
        if (ringSize == window) {
            int oldest = ringHead;
            remembered.removeOne(ringKey[oldest]);
            forget(ringCommit[oldest], ringChange[oldest]);
            ringHead = (ringHead + 1) % ringCommit.length;
            ringSize--;
        }
        if (ringSize == ringCommit.length) {
            growRing();
        }
        int slot = (ringHead + ringSize) % ringCommit.length;
        ringCommit[slot] = commit;
        ringChange[slot] = change;
        ringKey[slot] = key;
        ringSize++;
        remembered.add(key);
    }

    private void forget(long commit, long change) {
        if (PartitionMark.compare(commit, change, forgottenCommit, forgottenChange) > 0) {
            forgottenCommit = commit;
            forgottenChange = change;
        }
    }

    private void growRing() {
        int capacity = Math.min(window, Math.max(16, ringCommit.length * 2));
        long[] commits = new long[capacity];
        long[] changes = new long[capacity];
        long[] keys = new long[capacity];
        for (int i = 0; i < ringSize; i++) {
            int from = (ringHead + i) % ringCommit.length;
            commits[i] = ringCommit[from];
            changes[i] = ringChange[from];
            keys[i] = ringKey[from];
        }
        ringCommit = commits;
        ringChange = changes;
        ringKey = keys;
        ringHead = 0;
    }

    /** Position and fingerprint in one value: the identity of a remembered change. */
    static long key(long commit, long change, long fingerprint) {
        long h = fingerprint;
        h = (h ^ commit) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h = (h ^ change) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 32);
    }

    /** The furthest position, as {@code [commit LSN, change LSN]}. */
    String markText() {
        return "[" + markCommit + "," + markChange + "]";
    }

    /** How many streamed changes are remembered. */
    int rememberedChanges() {
        return ringSize;
    }

    /** How many snapshot reads are remembered. */
    long rememberedReads() {
        return readsHeld;
    }

    PartitionMark save(String topic, int partition) {
        PartitionMark mark = new PartitionMark();
        mark.topic = topic;
        mark.partition = partition;
        mark.eventsJudged = eventsJudged;
        mark.commitLsn = markCommit;
        mark.changeLsn = markChange;
        mark.forgottenCommitLsn = forgottenCommit;
        mark.forgottenChangeLsn = forgottenChange;
        mark.rememberedCommitLsns = new long[ringSize];
        mark.rememberedChangeLsns = new long[ringSize];
        mark.rememberedKeys = new long[ringSize];
        for (int i = 0; i < ringSize; i++) {
            int from = (ringHead + i) % ringCommit.length;
            mark.rememberedCommitLsns[i] = ringCommit[from];
            mark.rememberedChangeLsns[i] = ringChange[from];
            mark.rememberedKeys[i] = ringKey[from];
        }
        mark.runStarted = runStarted;
        mark.runCommitLsn = runCommit;
        mark.runChangeLsn = runChange;
        mark.runBehindMark = runBehindMark;
        mark.runMatchedKeys = keysOf(runMatched);
        mark.runMatchedCounts = countsOf(runMatched);
        mark.readKeys = keysOf(reads);
        mark.readCounts = countsOf(reads);
        mark.readRunStarted = readRunStarted;
        mark.readRunLsn = readRunLsn;
        mark.readRunAfterEarlier = readRunAfterEarlier;
        mark.readRunMatchedKeys = keysOf(readRunMatched);
        mark.readRunMatchedCounts = countsOf(readRunMatched);
        return mark;
    }

    static PartitionMemory restore(PartitionMark mark, int window, int maxReads) {
        PartitionMemory memory = new PartitionMemory(window, maxReads);
        memory.eventsJudged = mark.eventsJudged;
        memory.markCommit = mark.commitLsn;
        memory.markChange = mark.changeLsn;
        memory.forgottenCommit = mark.forgottenCommitLsn;
        memory.forgottenChange = mark.forgottenChangeLsn;
        long[] commits = orEmpty(mark.rememberedCommitLsns);
        long[] changes = orEmpty(mark.rememberedChangeLsns);
        long[] keys = orEmpty(mark.rememberedKeys);
        for (int i = 0; i < keys.length; i++) {
            // A smaller window than the checkpoint's forgets the oldest, as it would have.
            memory.remember(commits[i], changes[i], keys[i]);
        }
        if (keys.length == 0) {
            // A checkpoint of an earlier version remembers only the mark: everything up to it is
            // beyond recognition, and kept.
            memory.forget(mark.commitLsn, mark.changeLsn);
        }
        memory.runStarted = mark.runStarted;
        memory.runCommit = mark.runCommitLsn;
        memory.runChange = mark.runChangeLsn;
        memory.runBehindMark = mark.runBehindMark;
        fill(memory.runMatched, mark.runMatchedKeys, mark.runMatchedCounts);
        fill(memory.reads, mark.readKeys, mark.readCounts);
        int[] readCounts = mark.readCounts == null ? new int[0] : mark.readCounts;
        for (int count : readCounts) {
            memory.readsHeld += count;
        }
        memory.readRunStarted = mark.readRunStarted;
        memory.readRunLsn = mark.readRunLsn;
        memory.readRunAfterEarlier = mark.readRunAfterEarlier;
        fill(memory.readRunMatched, mark.readRunMatchedKeys, mark.readRunMatchedCounts);
        return memory;
    }

    private static long[] orEmpty(long[] values) {
        return values == null ? new long[0] : values;
    }

    private static void fill(LongCounts counts, long[] keys, int[] times) {
        if (keys == null || times == null) {
            return;
        }
        for (int i = 0; i < Math.min(keys.length, times.length); i++) {
            counts.add(keys[i], times[i]);
        }
    }

    private static long[] keysOf(LongCounts counts) {
        long[] keys = new long[counts.distinct()];
        int[] at = {0};
        counts.forEach((value, count) -> keys[at[0]++] = value);
        return keys;
    }

    private static int[] countsOf(LongCounts counts) {
        int[] values = new int[counts.distinct()];
        int[] at = {0};
        counts.forEach((value, count) -> values[at[0]++] = count);
        return values;
    }
}
