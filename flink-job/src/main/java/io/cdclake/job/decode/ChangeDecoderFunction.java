package io.cdclake.job.decode;

import io.cdclake.format.LakePaths;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Kafka records into lake rows. Per event it decides ({@link ChangeTriage}), before any
 * writer sees a row, what becomes of it: rows for the lake, a dead letter (with the reason,
 * counted), a skip (tombstones, heartbeats), or a copy Kafka Connect sent again (see {@link
 * ReplayFilter}), which goes whole to {@code _sent_again/} with the reason and is counted. Only
 * then are the rows forwarded, outside of any catch: a failure of a writer fails the task, which
 * restarts from the checkpoint.
 */
public final class ChangeDecoderFunction extends ProcessFunction<KafkaChange, LakeRow>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeDecoderFunction.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String unavailablePlaceholder;
    private final UpdateMode updateMode;
    private final boolean dropResent;
    private final int dedupWindow;
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
            int dedupWindow,
            int maxSnapshotReads) {
        this.unavailablePlaceholder = unavailablePlaceholder;
        this.updateMode = updateMode;
        this.dropResent = dropResent;
        this.dedupWindow = dedupWindow;
        this.maxSnapshotReads = maxSnapshotReads;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        replays = new ReplayFilter(dedupWindow, maxSnapshotReads);
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
        metrics.gauge(LakeMetrics.DEDUP_REMEMBERED, (Gauge<Long>) () -> replays.remembered());
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
        if (dropResent) {
            ReplayFilter.Verdict verdict =
                    replays.admit(change.topic, change.partition, decoder.position());
            report(change, verdict);
            switch (verdict) {
                case SENT_AGAIN:
                    table.resentDropped();
                    ctx.output(
                            DEAD_LETTERS,
                            DeadLetter.sentAgain(
                                    change, sentAgainReason(change), System.currentTimeMillis()));
                    return;
                case KEPT_UNPROVEN:
                    table.unprovenKept();
                    break;
                case NEW_BEHIND_MARK:
                    table.behindMark();
                    break;
                default:
                    break;
            }
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

    private String sentAgainReason(KafkaChange change) {
        ChangePosition position = triage.decoder().position();
        if (position.snapshotRead()) {
            return "sent again: a snapshot read equal to one of an earlier attempt of the same"
                    + " snapshot (LSN "
                    + position.changeLsn()
                    + ")";
        }
        return "sent again: op "
                + triage.decoder().op()
                + " at WAL position ["
                + position.commitLsn()
                + ","
                + position.changeLsn()
                + "] equals a change this partition passed before (its furthest position "
                + replays.markOf(change.topic, change.partition)
                + ")";
    }

    /** Logs when a partition's events start being copies, or the WAL steps back. */
    private void report(KafkaChange change, ReplayFilter.Verdict verdict) {
        if (verdict == ReplayFilter.Verdict.NEW || !replays.verdictChanged()) {
            return;
        }
        String partition = change.topic + "-" + change.partition;
        ChangePosition position = triage.decoder().position();
        String at =
                " at offset "
                        + change.offset
                        + ", WAL position ["
                        + position.commitLsn()
                        + ","
                        + position.changeLsn()
                        + "], furthest position "
                        + replays.markOf(change.topic, change.partition);
        switch (verdict) {
            case SENT_AGAIN:
                LOG.info(
                        "{}: Kafka Connect sends again what it sent before{}; the copies go to {}/",
                        partition,
                        at,
                        LakePaths.SENT_AGAIN_FOLDER);
                break;
            case KEPT_UNPROVEN:
                LOG.warn(
                        "{}: changes below the furthest position, at a position the replay filter"
                                + " no longer remembers{}: kept, they may be copies (raise"
                                + " dedup.window; ./cdc-lake verify reports duplicates)",
                        partition,
                        at);
                break;
            case NEW_BEHIND_MARK:
                LOG.warn(
                        "{}: the WAL stepped back{}: changes below the furthest position that were"
                                + " never seen are kept (a restore or a promoted standby? see"
                                + " docs/exactly-once.md)",
                        partition,
                        at);
                break;
            default:
                break;
        }
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
