package io.cdclake.cluster;

import io.cdclake.stack.Dirs;
import io.cdclake.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The job jar uploaded to the demo's Flink the way its web UI does it ({@code POST /jars/upload},
 * then {@code POST /jars/<id>/run}) runs and writes into the demo's lake, exactly once. The demo's
 * Flink is local-stack's mini cluster in the JVM of {@code ./cdc-lake demo}, whose classpath holds
 * Kafka's client as the jar does; this test's JVM holds the same, so the two copies meet here as
 * they do in the demo.
 */
class DemoFlinkUploadE2ECase {

    private static final String BASE_PATH = "uploaded";

    @Test
    void theJobJarUploadedToTheDemosFlinkWritesIntoItsLake() throws Exception {
        Path workDir = Path.of("target", "e2e", "demo-upload").toAbsolutePath();
        Dirs.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        try (LocalStack stack = LocalStack.builder(workDir).kafka().s3().flink().start();
                CustomerChanges changes = new CustomerChanges(stack.kafka().bootstrapServers())) {
            stack.kafka().createTopic(CustomerChanges.TOPIC, 2);
            changes.insertAndUpdate(1, 200);
            FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
            String jarId = rest.uploadJar(FlinkDistribution.fromBuild().jobJar());
            List<String> args =
                    List.of(
                            "--kafka.bootstrap-servers",
                            stack.kafka().bootstrapServers(),
                            "--lake.bucket",
                            stack.s3().bucket(),
                            "--lake.base-path",
                            BASE_PATH,
                            "--checkpoint.interval",
                            "1 s");
            String jobId = rest.runJar(jarId, args, 1, null);
            try {
                rest.awaitJobState(jobId, Set.of("RUNNING"), Duration.ofMinutes(2));
                String root = "s3://" + stack.s3().bucket() + "/" + BASE_PATH;
                StopAndResume.awaitRows(rest, jobId, root, changes.expectedRows(), workDir);
                StopAndResume.awaitTwoMoreCheckpoints(rest, jobId);
                StopAndResume.assertExactlyOnce(
                        LakeRows.parquet(root), changes.expectedRows(), "Parquet");
                StopAndResume.assertExactlyOnce(LakeRows.csv(root), changes.expectedRows(), "CSV");
            } finally {
                rest.cancel(jobId);
            }
        }
    }
}
