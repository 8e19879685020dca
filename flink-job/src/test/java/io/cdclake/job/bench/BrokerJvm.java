package io.cdclake.job.bench;

import io.cdclake.stack.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The embedded stack's single-node broker, in a JVM of its own for the job benchmark. */
final class BrokerJvm implements AutoCloseable {

    private final ChildJvm jvm;
    private final int port;

    private BrokerJvm(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    static BrokerJvm start(Path workDir) throws IOException, InterruptedException {
        int port = freePort();
        ChildJvm jvm =
                BenchmarkJvm.start(
                        workDir,
                        "kafka",
                        "1g",
                        "io.cdclake.stack.KafkaServerMain",
                        workDir.resolve("kafka-data").toString(),
                        String.valueOf(port),
                        String.valueOf(freePort()));
        jvm.awaitOutput("Kafka serving on", Duration.ofMinutes(2));
        return new BrokerJvm(jvm, port);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    long pid() {
        return jvm.pid();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
