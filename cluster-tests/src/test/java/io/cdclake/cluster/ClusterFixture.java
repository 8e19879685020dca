package io.cdclake.cluster;

import io.cdclake.job.options.JobConfig;
import io.cdclake.stack.Dirs;
import io.cdclake.stack.FlinkFileSystems;
import io.cdclake.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * Kafka and an S3 server (local-stack), a standalone Flink cluster using them, and this JVM able to
 * read the bucket through Flink's S3 plugin. Work files and logs stay in target/e2e/NAME.
 */
final class ClusterFixture implements AutoCloseable {

    private final Path workDir;
    private final LocalStack stack;
    private final StandaloneCluster cluster;
    private final CustomerChanges changes;

    private ClusterFixture(Path workDir, LocalStack stack, StandaloneCluster cluster) {
        this.workDir = workDir;
        this.stack = stack;
        this.cluster = cluster;
        this.changes = new CustomerChanges(stack.kafka().bootstrapServers());
    }

    static ClusterFixture start(String name) throws Exception {
        Path workDir = Path.of("target", "e2e", name).toAbsolutePath();
        Dirs.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        LocalStack stack = LocalStack.builder(workDir.resolve("stack")).kafka().s3().start();
        StandaloneCluster cluster = null;
        try {
            Map<String, String> s3 = stack.s3().flinkS3Options();
            FlinkFileSystems.initializeWithS3(Configuration.fromMap(s3), workDir);
            Map<String, String> options = new LinkedHashMap<>(s3);
            String flinkDir = "s3://" + stack.s3().bucket() + "/_flink";
            options.put("execution.checkpointing.dir", flinkDir + "/checkpoints");
            options.put("execution.checkpointing.savepoint-dir", flinkDir + "/savepoints");
            cluster =
                    StandaloneCluster.start(
                            FlinkDistribution.fromBuild(), workDir.resolve("flink"), options);
            stack.kafka().createTopic(CustomerChanges.TOPIC, 2);
            return new ClusterFixture(workDir, stack, cluster);
        } catch (Exception | Error e) {
            if (cluster != null) {
                cluster.close();
            }
            stack.close();
            throw e;
        }
    }

    /**
     * The job's options: this stack's Kafka and bucket, a lake folder of its own, short
     * checkpoints.
     */
    List<String> jobArgs(String basePath) {
        return List.of(
                "--kafka.bootstrap-servers",
                stack.kafka().bootstrapServers(),
                "--kafka.starting-offsets",
                "EARLIEST",
                "--lake.bucket",
                stack.s3().bucket(),
                "--lake.base-path",
                basePath,
                "--checkpoint.interval",
                "2 s");
    }

    String lakeRoot(List<String> jobArgs) {
        return JobConfig.fromArgs(jobArgs.toArray(String[]::new)).lakeRoot();
    }

    String savepointDir() {
        return "s3://" + stack.s3().bucket() + "/_flink/savepoints";
    }

    StandaloneCluster cluster() {
        return cluster;
    }

    FlinkRestClient rest() {
        return new FlinkRestClient(cluster.restUrl());
    }

    CustomerChanges changes() {
        return changes;
    }

    Path logs() {
        return cluster.home().resolve("log");
    }

    @Override
    public void close() throws Exception {
        try {
            changes.close();
            cluster.close();
        } finally {
            stack.close();
        }
    }
}
