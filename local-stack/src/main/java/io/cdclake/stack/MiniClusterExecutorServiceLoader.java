package io.cdclake.stack;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Submits pipelines straight to a running {@link MiniCluster}, in-process, the way
 * flink-test-utils' TestStreamEnvironment does, without that test library on the classpath.
 */
final class MiniClusterExecutorServiceLoader implements PipelineExecutorServiceLoader {

    static final String TARGET = "cdclake-minicluster";

    private final MiniCluster miniCluster;

    MiniClusterExecutorServiceLoader(MiniCluster miniCluster) {
        this.miniCluster = miniCluster;
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return TARGET;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return MiniClusterExecutorServiceLoader.this::execute;
            }
        };
    }

    @Override
    public Stream<String> getExecutorNames() {
        return Stream.of(TARGET);
    }

    private CompletableFuture<JobClient> execute(
            Pipeline pipeline, Configuration configuration, ClassLoader userCodeClassLoader)
            throws Exception {
        StreamGraph streamGraph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
        // A savepoint chosen on the pipeline (execution.savepoint.path) must survive translation.
        if (pipeline instanceof StreamGraph original
                && streamGraph
                        .getSavepointRestoreSettings()
                        .equals(SavepointRestoreSettings.none())) {
            streamGraph.setSavepointRestoreSettings(original.getSavepointRestoreSettings());
        }
        return miniCluster
                .submitJob(streamGraph)
                .thenApply(
                        result ->
                                new MiniClusterJobClient(
                                        result.getJobID(),
                                        miniCluster,
                                        userCodeClassLoader,
                                        MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    }
}
