package io.cdclake.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A Flink mini cluster in this JVM with the web UI, able to read and write {@code s3://}. */
public final class FlinkService implements AutoCloseable {

    public static final int DEFAULT_SLOTS = 2;

    private final MiniCluster miniCluster;
    private final Configuration configuration;
    private final URI restUrl;

    private FlinkService(MiniCluster miniCluster, Configuration configuration, URI restUrl) {
        this.miniCluster = miniCluster;
        this.configuration = configuration;
        this.restUrl = restUrl;
    }

    /**
     * Starts one task manager with {@code slots} slots.
     *
     * @param restPort the REST and web UI port, or 0 for a free one
     * @param options extra configuration, e.g. {@link S3Service#flinkS3Options()}
     */
    public static FlinkService start(
            Path workDir, int restPort, int slots, Map<String, String> options) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, String.valueOf(Math.max(restPort, 0)));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        // Heap state backends only: managed memory is for RocksDB and batch operators.
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("32m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
        conf.set(CoreOptions.TMP_DIRS, workDir.resolve("flink-tmp").toAbsolutePath().toString());
        // The S3 file system is JVM-wide and its upload threads outlive the job that started them;
        // Flink's leak check would then fail the next job in the same JVM on its first S3 upload.
        conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        // A job jar uploaded through the web UI is loaded child-first by default, but Flink's own
        // classes (always parent-first) come from this JVM's classpath, which holds the job and
        // its libraries too: a jar's Kafka client met the connector's from here in one call, and
        // the JVM refused to link it. Parent-first, each class has one copy; this JVM's copies are
        // of the same build as the jar the demo offers for upload.
        conf.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
        // Without a directory, checkpoints go to the JobManager's memory, which refuses operator
        // state over 5 MB: the replay filter of a snapshot of about a million rows is more, and
        // the job would restart at every checkpoint. Options given by the caller still win.
        conf.setString(
                "execution.checkpointing.dir",
                workDir.resolve("flink-checkpoints").toAbsolutePath().toUri().toString());
        options.forEach(conf::setString);
        // Jobs resolve s3:// in this JVM, so the file systems must be ready before any task runs.
        FlinkFileSystems.initializeWithS3(conf, workDir);

        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        try {
            cluster.start();
            URI restUrl = cluster.getRestAddress().get(30, TimeUnit.SECONDS);
            return new FlinkService(cluster, conf, restUrl);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    public URI restUrl() {
        return restUrl;
    }

    public MiniCluster miniCluster() {
        return miniCluster;
    }

    /** A copy of the configuration the cluster was started with (including the S3 options). */
    public Configuration configuration() {
        return new Configuration(configuration);
    }

    /** An environment whose {@code execute()} submits to this cluster, in-process. */
    public StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = configuration();
        conf.set(DeploymentOptions.TARGET, MiniClusterExecutorServiceLoader.TARGET);
        conf.set(DeploymentOptions.ATTACHED, true);
        StreamExecutionEnvironment env =
                new StreamExecutionEnvironment(
                        new MiniClusterExecutorServiceLoader(miniCluster),
                        conf,
                        Thread.currentThread().getContextClassLoader());
        env.setParallelism(parallelism);
        return env;
    }

    @Override
    public void close() throws Exception {
        miniCluster.close();
    }
}
