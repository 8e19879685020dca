package io.cdclake.job.decode;

import io.cdclake.job.deadletter.DeadLetter;
import io.cdclake.job.metrics.LakeMetrics;
import io.cdclake.job.metrics.TableMetrics;
import io.cdclake.job.metrics.TopicMetrics;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.source.KafkaChange;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes Kafka records into lake rows. An event it cannot decode goes to the {@link
 * #DEAD_LETTERS} side output with the reason and is counted; the job goes on.
 */
public final class ChangeDecoderFunction extends ProcessFunction<KafkaChange, LakeRow> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String unavailablePlaceholder;
    private final UpdateMode updateMode;

    private transient DebeziumDecoder decoder;
    private transient MetricGroup metrics;
    private transient Map<TableId, TableMetrics> tableMetrics;
    private transient Map<String, TopicMetrics> topicMetrics;
    private transient Counter deadLettersWithoutTable;
    private transient RowForwarder forwarder;

    public ChangeDecoderFunction(String unavailablePlaceholder, UpdateMode updateMode) {
        this.unavailablePlaceholder = unavailablePlaceholder;
        this.updateMode = updateMode;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new DebeziumDecoder(unavailablePlaceholder, updateMode);
        metrics = getRuntimeContext().getMetricGroup().addGroup(LakeMetrics.GROUP);
        tableMetrics = new HashMap<>();
        topicMetrics = new HashMap<>();
        deadLettersWithoutTable = metrics.counter(LakeMetrics.UNROUTABLE_DEAD_LETTERS);
        metrics.gauge(LakeMetrics.SCHEMA_CACHE_MISSES, (Gauge<Long>) () -> decoder.cache().misses());
        forwarder = new RowForwarder();
    }

    @Override
    public void processElement(KafkaChange change, Context ctx, Collector<LakeRow> out) {
        forwarder.out = out;
        forwarder.rows = 0;
        DebeziumDecoder.Outcome outcome;
        try {
            outcome = decoder.decode(change, forwarder);
        } catch (DecodeException e) {
            deadLetter(change, e.getMessage(), ctx);
            return;
        } catch (RuntimeException e) {
            // An input the decoder did not foresee must not stop the job either.
            deadLetter(change, "unexpected " + e, ctx);
            return;
        }
        switch (outcome) {
            case TOMBSTONE:
                topic(change.topic).tombstones.inc();
                break;
            case LOGICAL_MESSAGE:
                topic(change.topic).logicalMessages.inc();
                break;
            case NOT_A_CHANGE:
                topic(change.topic).notChanges.inc();
                break;
            default:
                TableMetrics table = table(decoder.table());
                for (int i = 0; i < forwarder.rows; i++) {
                    table.rowWritten(decoder.op());
                }
                table.eventCommittedAt(decoder.commitTimeMs());
        }
    }

    private void deadLetter(KafkaChange change, String reason, Context ctx) {
        // Rows of a half-decoded event were never forwarded: the decoder emits after the whole payload parsed.
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
                table, t -> new TableMetrics(metrics.addGroup(LakeMetrics.TABLE_GROUP, t.toString())));
    }

    private TopicMetrics topic(String topic) {
        return topicMetrics.computeIfAbsent(
                topic, t -> new TopicMetrics(metrics.addGroup(LakeMetrics.TOPIC_GROUP, t)));
    }

    /** Forwards rows to the collector and counts them, without a lambda per record. */
    private static final class RowForwarder implements Consumer<LakeRow> {
        Collector<LakeRow> out;
        int rows;

        @Override
        public void accept(LakeRow row) {
            out.collect(row);
            rows++;
        }
    }
}
