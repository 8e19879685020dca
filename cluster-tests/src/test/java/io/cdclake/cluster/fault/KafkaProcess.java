package io.cdclake.cluster.fault;

import static org.awaitility.Awaitility.await;

import io.cdclake.stack.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single-node Kafka (local-stack's KafkaServerMain) in a process of its own, which can be killed
 * with SIGKILL and started again on the same ports and storage.
 */
final class KafkaProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final Path workDir;
    private final int brokerPort;
    private final int controllerPort;
    private ChildJvm process;
    private int starts;

    private KafkaProcess(Path workDir, int brokerPort, int controllerPort) {
        this.workDir = workDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    static KafkaProcess start(Path workDir) throws Exception {
        KafkaProcess kafka = new KafkaProcess(workDir, FreePorts.next(), FreePorts.next());
        kafka.launch();
        return kafka;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** {@code kill -9}: no controlled shutdown, the log is recovered at the next start. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** Starts the broker again on the same ports and storage; returns once it serves requests. */
    void restart() throws Exception {
        launch();
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private void launch() throws Exception {
        String name = ++starts == 1 ? "kafka" : "kafka-" + starts;
        process =
                ServiceJvm.start(
                        name,
                        workDir,
                        "384m",
                        Map.of(),
                        "io.cdclake.stack.KafkaServerMain",
                        List.of(
                                workDir.resolve("kafka-data").toString(),
                                String.valueOf(brokerPort),
                                String.valueOf(controllerPort)));
        awaitServing();
    }

    /** Until the admin API answers; the timeout's cause is the last error it gave. */
    private void awaitServing() {
        await().alias("Kafka describes its cluster and lists its topics")
                .atMost(STARTUP_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .failFast(
                        "Kafka exited while starting",
                        () -> {
                            if (!process.isAlive()) {
                                throw new IOException(process.output());
                            }
                        })
                .ignoreExceptions()
                .until(
                        () -> {
                            try (Admin admin = admin()) {
                                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                                admin.listTopics().names().get(5, TimeUnit.SECONDS);
                                return true;
                            }
                        });
    }

    Admin admin() {
        return Admin.create(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
