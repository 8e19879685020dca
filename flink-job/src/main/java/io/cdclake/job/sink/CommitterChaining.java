package io.cdclake.job.sink;

import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.runtime.operators.sink.CommitterOperatorFactory;

/**
 * Puts each sink's committer at the head of a task of its own, while the writers stay chained to
 * the decoder (rows are not meant to be shipped between tasks; a committer only receives the names
 * of finished files, once per checkpoint).
 *
 * <p>Why: a task's name joins the names of its chained operators, and Flink truncates it beyond 80
 * characters with a warning. With three sinks' writers and committers in one chain the name cannot
 * stay below 80, whatever the operators are called. The sink API offers no way to chain a writer
 * but not its committer (a sink's chaining strategy applies to both), hence the graph.
 */
public final class CommitterChaining {

    private CommitterChaining() {}

    /** Changes {@code graph} in place and returns it. */
    public static StreamGraph separateCommitters(StreamGraph graph) {
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getOperatorFactory() instanceof CommitterOperatorFactory) {
                node.getOperatorFactory().setChainingStrategy(ChainingStrategy.HEAD);
            }
        }
        return graph;
    }
}
