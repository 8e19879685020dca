package io.cdclake.job.decode;

import io.cdclake.format.TableId;
import io.cdclake.job.deadletter.DeadLetter;
import io.cdclake.job.dedup.PartitionMark;
import io.cdclake.job.dedup.ReplayFilter;
import io.cdclake.job.metrics.LakeMetrics;
import io.cdclake.job.metrics.TableMetrics;
import io.cdclake.job.metrics.TopicMetrics;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.source.KafkaChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes Kafka records into lake rows. Per event it decides ({@link ChangeTriage}), before any
 * writer sees a row, what becomes of it: rows for the lake, a dead letter (with the reason,
 * counted), a skip (tombstones, heartbeats), or a drop (an event Kafka Connect sent again, see
 * {@link ReplayFilter}). Only then are the rows forwarded, outside of any catch: a failure of a
 * writer fails the task, which restarts from the checkpoint.
 */
public final class ChangeDecoderFunction extends ProcessFunction<KafkaChange, LakeRow>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String unavailablePlaceholder;
    private final UpdateMode updateMode;
    private final boolean dropResent;
    private final int maxSnapshotReads;

    private transient ChangeTriage triage;
    private transient ReplayFilter replays;
    private transient ListState<PartitionMark> marksState;
    private transient MetricGroup metrics;
    private transient Map<TableId, TableMetrics> tableMetrics;
    private transient Map<String, TopicMetrics> topicMetrics;
    private transient Counter deadLettersWithoutTable;

    public ChangeDecoderFunction(
            String unavailablePlaceholder,
            UpdateMode updateMode,
            boolean dropResent,
            int maxSnapshotReads) {
        this.unavailablePlaceholder = unavailablePlaceholder;
        this.updateMode = updateMode;
        this.dropResent = dropResent;
        this.maxSnapshotReads = maxSnapshotReads;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        replays = new ReplayFilter(maxSnapshotReads);
        // A union: after a change of parallelism a partition's mark must reach whichever subtask
        // reads it now.
        marksState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("replay-marks", PartitionMark.class));
        if (context.isRestored()) {
            replays.restore(marksState.get());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        marksState.update(replays.marks());
    }

    @Override
    public void open(OpenContext openContext) {
        triage = new ChangeTriage(new DebeziumDecoder(unavailablePlaceholder, updateMode));
        metrics = getRuntimeContext().getMetricGroup().addGroup(LakeMetrics.GROUP);
        tableMetrics = new HashMap<>();
        topicMetrics = new HashMap<>();
        deadLettersWithoutTable = metrics.counter(LakeMetrics.UNROUTABLE_DEAD_LETTERS);
        metrics.gauge(
                LakeMetrics.SCHEMA_CACHE_MISSES,
                (Gauge<Long>) () -> triage.decoder().cache().misses());
    }

    @Override
    public void processElement(KafkaChange change, Context ctx, Collector<LakeRow> out) {
        switch (triage.judge(change)) {
            case DEAD_LETTER:
                deadLetter(change, triage.reason(), ctx);
                return;
            case TOMBSTONE:
                topic(change.topic).tombstones.inc();
                return;
            case LOGICAL_MESSAGE:
                topic(change.topic).logicalMessages.inc();
                return;
            case NOT_A_CHANGE:
                topic(change.topic).notChanges.inc();
                return;
            default:
                break;
        }
        DebeziumDecoder decoder = triage.decoder();
        TableMetrics table = table(decoder.table());
        if (dropResent
                && replays.admit(change.topic, change.partition, decoder.position())
                        == ReplayFilter.Verdict.SENT_AGAIN) {
            table.resentDropped();
            return;
        }
        // Outside of any catch: a writer's failure fails the task, which restarts from the
        // checkpoint.
        List<LakeRow> rows = triage.rows();
        for (int i = 0; i < rows.size(); i++) {
            out.collect(rows.get(i));
            table.rowWritten(decoder.op());
        }
        table.eventCommittedAt(decoder.commitTimeMs());
    }

    private void deadLetter(KafkaChange change, String reason, Context ctx) {
        ctx.output(DEAD_LETTERS, DeadLetter.of(change, reason, System.currentTimeMillis()));
        TableId table = TopicNames.tableOf(change.topic);
        if (table != null) {
            table(table).deadLetter();
        } else {
            deadLettersWithoutTable.inc();
        }
    }

    private TableMetrics table(TableId table) {
        return tableMetrics.computeIfAbsent(
                table,
                t -> new TableMetrics(metrics.addGroup(LakeMetrics.TABLE_GROUP, t.toString())));
    }

    private TopicMetrics topic(String topic) {
        return topicMetrics.computeIfAbsent(
                topic, t -> new TopicMetrics(metrics.addGroup(LakeMetrics.TOPIC_GROUP, t)));
    }
}
