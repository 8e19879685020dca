package io.cdclake.job.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** What was skipped on one topic. */
public final class TopicMetrics {

    public final Counter tombstones;
    public final Counter logicalMessages;
    public final Counter notChanges;

    public TopicMetrics(MetricGroup topicGroup) {
        this.tombstones = topicGroup.counter(LakeMetrics.TOMBSTONES_SKIPPED);
        this.logicalMessages = topicGroup.counter(LakeMetrics.MESSAGES_SKIPPED);
        this.notChanges = topicGroup.counter(LakeMetrics.NOT_CHANGES_SKIPPED);
    }
}
