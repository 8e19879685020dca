package io.cdclake.job.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/** Counters and the lag gauge of one table, registered on first use. */
public final class TableMetrics {

    private final MetricGroup group;
    private final Map<String, Counter> rowsByOp = new HashMap<>();
    private final Counter deadLetters;
    private final Counter resentDropped;
    private final Counter unprovenKept;
    private final Counter behindMark;
    private volatile long lastCommitTimeMs = -1;

    public TableMetrics(MetricGroup tableGroup) {
        this.group = tableGroup;
        this.deadLetters = tableGroup.counter(LakeMetrics.DEAD_LETTERS);
        this.resentDropped = tableGroup.counter(LakeMetrics.RESENT_DROPPED);
        this.unprovenKept = tableGroup.counter(LakeMetrics.UNPROVEN_KEPT);
        this.behindMark = tableGroup.counter(LakeMetrics.BEHIND_MARK);
        tableGroup.gauge(LakeMetrics.EVENT_TIME_LAG_MS, (Gauge<Long>) this::eventTimeLagMs);
    }

    public void rowWritten(String op) {
        Counter counter = rowsByOp.get(op);
        if (counter == null) {
            counter = group.counter(LakeMetrics.ROWS_PREFIX + op);
            rowsByOp.put(op, counter);
        }
        counter.inc();
    }

    public void eventCommittedAt(long commitTimeMs) {
        lastCommitTimeMs = commitTimeMs;
    }

    public void deadLetter() {
        deadLetters.inc();
    }

    public void resentDropped() {
        resentDropped.inc();
    }

    public void unprovenKept() {
        unprovenKept.inc();
    }

    public void behindMark() {
        behindMark.inc();
    }

    /** -1 until the table's first event. */
    public long eventTimeLagMs() {
        long last = lastCommitTimeMs;
        return last < 0 ? -1 : Math.max(0, System.currentTimeMillis() - last);
    }
}
